"""Feed URLs, included under `feeds/` by config/urls.py; see docs/feeds.md."""

from django.urls import path

from .views import AtomContentFeed, ContentFeed, agenda_calendar, event_calendar

app_name = "feeds"

urlpatterns = [
    path("rss/", ContentFeed(), name="rss"),
    path("atom/", AtomContentFeed(), name="atom"),
    path("agenda.ics", agenda_calendar, name="agenda_ics"),
    path("agenda/<int:page_id>.ics", event_calendar, name="event_ics"),
    path("agenda/<int:page_id>/<int:session_id>.ics", event_calendar, name="session_ics"),
    # Theme slugs may be Unicode (Wagtail allows it), hence `str` rather than `slug`.
    path("thema/<str:theme_slug>/rss/", ContentFeed(), name="theme_rss"),
    path("thema/<str:theme_slug>/atom/", AtomContentFeed(), name="theme_atom"),
    path("<slug:type_slug>/rss/", ContentFeed(), name="type_rss"),
    path("<slug:type_slug>/atom/", AtomContentFeed(), name="type_atom"),
]
