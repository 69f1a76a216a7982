from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Zoeken"

    def ready(self):
        from . import signals, synonyms  # noqa: F401
        from .fields import install_dutch_fields

        install_dutch_fields()
