"""Compile every template of the site, so that a syntax error or an unknown tag or filter shows
up in `make lint` (and the pre-commit hook) instead of on a page."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template import Engine, TemplateSyntaxError, engines

TEMPLATE_SUFFIXES = {".html", ".txt", ".xml"}


def template_dirs() -> list[Path]:
    """The folders in TEMPLATES' DIRS and the `templates` folder of each of the project's apps
    (not those of installed packages)."""
    project_apps = [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    ]
    dirs = [Path(folder) for folder in engines["django"].engine.dirs]
    return dirs + [path / "templates" for path in project_apps if (path / "templates").is_dir()]


def compile_error(engine: Engine, path: Path) -> tuple[int | None, str] | None:
    """The line and message of the error that keeps the template from compiling, if any."""
    try:
        engine.from_string(path.read_text(encoding="utf-8"))
    except TemplateSyntaxError as error:
        token = getattr(error, "token", None)
        return (token.lineno if token else None), str(error)
    return None


class Command(BaseCommand):
    help = (
        "Compile every template in TEMPLATES' DIRS and in the project's apps with Django's "
        "engine; list each one that does not compile (file, line, error) and exit 1 if any."
    )
    requires_system_checks = []

    def handle(self, *args, **options):
        engine = engines["django"].engine
        paths = [
            path
            for folder in template_dirs()
            for path in sorted(folder.rglob("*"))
            if path.suffix in TEMPLATE_SUFFIXES and path.is_file()
        ]
        failed = 0
        for path in paths:
            error = compile_error(engine, path)
            if error is None:
                continue
            failed += 1
            line, message = error
            shown = (
                path.relative_to(settings.BASE_DIR)
                if path.is_relative_to(settings.BASE_DIR)
                else path
            )
            self.stderr.write(f"{shown}:{line or '?'}: {message}")
        if failed:
            raise CommandError(f"{failed} of {len(paths)} templates do not compile.")
        self.stdout.write(f"All {len(paths)} templates compile.")
