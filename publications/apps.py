from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Nieuws, publicaties en praktijkvoorbeelden"

    def ready(self):
        from . import signals  # noqa: F401
