"""Parse every stylesheet in STATICFILES_DIRS, so that a CSS syntax error (which makes browsers
drop a rule or the rest of the file, without a word) shows up in `make lint` and the pre-commit
hook."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import tinycss2

OPENERS = {"{} block": "{", "[] block": "[", "() block": "(", "comment": "/*"}
# What the parser says when something is neither a declaration nor a rule, e.g. `color red;`.
NOT_A_RULE = "neither a declaration (`property: value;`) nor a rule (`selector { … }`)"
PLAIN_MESSAGES = {
    "Stop token reached before {} block for a qualified rule.": NOT_A_RULE,
    "EOF reached before {} block for a qualified rule.": NOT_A_RULE,
}


def css_problems(css: str) -> list[tuple[int, int, str]]:
    """The line, column and message of each syntax error in a stylesheet."""
    problems = {
        (node.source_line, node.source_column, PLAIN_MESSAGES.get(node.message, node.message))
        for node in _nodes(tinycss2.parse_stylesheet(css))
        if node.type == "error"
    }
    # The parser closes what is still open at the end of the file without a word, but a missing
    # `}` or `*/` swallows every rule after it. An extra `}` at the end is left over only when
    # everything before it was closed.
    if tinycss2.parse_component_value_list(css + "}")[-1].type != "error":
        last = [
            node for node in tinycss2.parse_component_value_list(css) if node.type != "whitespace"
        ][-1]
        opener = f"{last.name}(" if last.type == "function" else OPENERS[last.type]
        problems.add((last.source_line, last.source_column, f"`{opener}` is never closed"))
    return sorted(problems)


def _nodes(nodes):
    """Every node of a parsed stylesheet; the content of rules is parsed as declarations and
    nested rules."""
    for node in nodes:
        yield node
        if node.type in ("qualified-rule", "at-rule"):
            yield from _nodes(node.prelude)
            if node.content is not None:
                yield from _nodes(tinycss2.parse_blocks_contents(node.content))
        elif node.type == "declaration":
            yield from _nodes(node.value)
        elif node.type in ("{} block", "[] block", "() block"):
            yield from _nodes(node.content)
        elif node.type == "function":
            yield from _nodes(node.arguments)


class Command(BaseCommand):
    help = (
        "Parse every .css file in STATICFILES_DIRS; list each syntax error (file, line, error) "
        "and exit 1 if there is any."
    )
    requires_system_checks = []

    def handle(self, *args, **options):
        paths = sorted(
            path for folder in settings.STATICFILES_DIRS for path in Path(folder).rglob("*.css")
        )
        failed = 0
        for path in paths:
            problems = css_problems(path.read_text(encoding="utf-8"))
            failed += bool(problems)
            shown = (
                path.relative_to(settings.BASE_DIR)
                if path.is_relative_to(settings.BASE_DIR)
                else path
            )
            for line, column, message in problems:
                self.stderr.write(f"{shown}:{line}:{column}: {message}")
        if failed:
            raise CommandError(f"{failed} of {len(paths)} stylesheets have syntax errors.")
        self.stdout.write(f"All {len(paths)} stylesheets parse.")
