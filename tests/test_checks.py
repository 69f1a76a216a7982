"""The template and CSS checks of `make lint` and the pre-commit hooks."""

import io

from django.core.management import CommandError, call_command

import pytest


def run(command):
    """Run a check; its exit code (0, or CommandError's) and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def template_dir(tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    return tmp_path


@pytest.fixture
def static_dir(tmp_path, settings):
    settings.STATICFILES_DIRS = [tmp_path]
    (tmp_path / "css").mkdir()
    return tmp_path / "css"


def test_templates_that_do_not_compile_are_listed_with_file_and_line(template_dir):
    (template_dir / "tag.html").write_text("{% load wagtailcore_tags %}\n<p>\n{% frobnicate %}\n")
    (template_dir / "emails").mkdir()
    (template_dir / "emails" / "filter.txt").write_text("Beste lezer,\n\n{{ name|shout }}\n")
    (template_dir / "unclosed.html").write_text("<ul>\n  {% for item in items %}\n</ul>\n")
    (template_dir / "fine.html").write_text("{% load wagtailcore_tags %}{% pageurl page %}")

    code, _, errors = run("check_templates")

    assert code == 1
    assert f"{template_dir}/tag.html:3: Invalid block tag on line 3: 'frobnicate'" in errors
    assert f"{template_dir}/emails/filter.txt:3: Invalid filter: 'shout'" in errors
    assert f"{template_dir}/unclosed.html:2: Unclosed tag on line 2: 'for'" in errors
    assert "fine.html" not in errors
    assert "3 of " in errors


def test_the_sites_templates_and_a_clean_one_pass(settings, tmp_path):
    dirs = [*settings.TEMPLATES[0]["DIRS"], tmp_path]  # site/templates and the clean one
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": dirs}]
    (tmp_path / "fine.html").write_text(
        "{% extends 'base.html' %}{% load wagtailcore_tags %}"
        "{% block content %}{{ page.title|upper }}{% endblock %}"
    )
    site_templates = [
        path
        for path in settings.BASE_DIR.glob("*/templates/**/*")
        if path.suffix in {".html", ".txt"}
    ]

    assert run("check_templates") == (
        0,
        f"All {len(site_templates) + 1} templates compile.\n",
        "",
    )


def test_css_syntax_errors_are_listed_with_file_line_and_column(static_dir):
    (static_dir / "declaration.css").write_text("a {\n  color red;\n}\n")
    (static_dir / "unclosed.css").write_text("main {\n  margin: 0;\n\nfooter { padding: 0; }\n")
    (static_dir / "comment.css").write_text("a { color: red; }\n/* later\nb { color: blue; }\n")
    (static_dir / "string.css").write_text('a::before {\n  content: "open;\n}\n')
    (static_dir / "fine.css").write_text("a { color: red; }\n")

    code, _, errors = run("check_css")

    assert code == 1
    assert (
        f"{static_dir}/declaration.css:2:12: neither a declaration (`property: value;`) "
        "nor a rule" in errors
    )
    assert f"{static_dir}/unclosed.css:1:6: `{{` is never closed" in errors
    assert f"{static_dir}/comment.css:2:1: `/*` is never closed" in errors
    assert f"{static_dir}/string.css:2:12: Bad string token" in errors
    assert "fine.css" not in errors
    assert "4 of 5 stylesheets have syntax errors" in errors


def test_clean_stylesheets_pass(static_dir):
    (static_dir / "site.css").write_text(
        ":root { --accent: #004b87; }\n"
        "@media (prefers-color-scheme: dark) {\n  :root { --accent: #8cc4ff; }\n}\n"
        ".card {\n  color: var(--accent);\n  &:hover { text-decoration: underline; }\n}\n"
        "@keyframes fade { from { opacity: 0; } to { opacity: 1; } }\n"
        "/* done */\n"
    )
    (static_dir / "empty.css").write_text("")

    assert run("check_css") == (0, "All 2 stylesheets parse.\n", "")


def test_the_sites_stylesheets_pass():
    code, out, errors = run("check_css")

    assert (code, errors) == (0, "")
    assert out.startswith("All ")
