from django.apps import AppConfig


class AgendaConfig(AppConfig):
    # The Python package is `agenda` because `events` is taken by a dependency of opensearch-py
    # (the `Events` package); the app label stays `events`, so tables and migrations are unchanged.
    name = "agenda"
    label = "events"
    verbose_name = "Agenda"
