"""Each event, and each of its sessions, as an .ics file to add to a calendar (RFC 5545)."""

import datetime
import re

from django.utils import timezone

from wagtail.models import PageViewRestriction

import icalendar
import pytest

from agenda.models import EventPage, EventSession
from tests import factories
from tests.feeds.test_feeds import ics_lines, next_year, unfold, vevents

REQUIRED_ONCE = {
    "VCALENDAR": {"VERSION", "PRODID"},
    "VEVENT": {"UID", "DTSTAMP", "DTSTART", "SUMMARY"},
}


def check_structure(lines):
    """Strict checks beyond folding: components nest and close, each holds its required
    properties once, every content line is `name[;params]:value`."""
    stack, seen = [], []
    for line in unfold(lines):
        assert re.match(r"^[A-Z][A-Z0-9-]*(;[A-Z0-9-]+=[^:;]+)*:", line), line
        name = re.match(r"^[A-Z0-9-]+", line).group(0)
        if name == "BEGIN":
            stack.append(line.split(":", 1)[1])
            seen.append([])
        elif name == "END":
            component = stack.pop()
            assert line == f"END:{component}"
            names = seen.pop()
            for required in REQUIRED_ONCE.get(component, ()):
                assert names.count(required) == 1, (component, required, names)
        else:
            seen[-1].append(name)
    assert stack == []
    # And a parser reads it as one calendar.
    icalendar.Calendar.from_ical("\r\n".join(lines) + "\r\n")


@pytest.fixture
def course(indexes):
    page = factories.EventPageFactory(
        parent=indexes["events"], title="Leergang krimp, deel 2",
        intro="Twee dagen; met lunch,\nen een excursie.",
        location_name="Zaal A; achter", address="Stationsplein 1",
    )  # fmt: skip
    page.sessions = [
        EventSession(date=next_year(1, 14), start_time=datetime.time(13),
                     end_time=datetime.time(16), title="Start"),
        EventSession(date=next_year(7, 15), start_time=datetime.time(9, 30),
                     end_time=datetime.time(12)),
        EventSession(date=next_year(9, 1)),
    ]  # fmt: skip
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def test_an_event_gives_one_vevent_per_session(client, course):
    response = client.get(f"/feeds/agenda/{course.pk}.ics")
    assert response["Content-Disposition"] == 'attachment; filename="leergang-krimp-deel-2.ics"'
    lines = ics_lines(response)
    check_structure(lines)
    events = vevents(lines)
    sessions = list(course.sessions.all())
    assert [event["UID"] for event in events] == [f"sessie-{s.pk}@localhost" for s in sessions]
    winter, summer, whole_day = events
    assert winter["SUMMARY"] == "Leergang krimp\\, deel 2: Start"
    assert summer["SUMMARY"] == "Leergang krimp\\, deel 2"
    # Amsterdam times in UTC: 13:00 CET is 12:00 UTC, 9:30 CEST is 7:30 UTC.
    assert winter["DTSTART"] == f"{next_year(1, 14):%Y%m%d}T120000Z"
    assert winter["DTEND"] == f"{next_year(1, 14):%Y%m%d}T150000Z"
    assert summer["DTSTART"] == f"{next_year(7, 15):%Y%m%d}T073000Z"
    assert summer["DTEND"] == f"{next_year(7, 15):%Y%m%d}T100000Z"
    assert whole_day["DTSTART;VALUE=DATE"] == f"{next_year(9, 1):%Y%m%d}"
    url = course.get_full_url()
    for event in events:
        assert event["URL"] == url
        assert event["LOCATION"] == "Zaal A\\; achter\\, Stationsplein 1\\, 3511 AA Utrecht"
        assert event["DESCRIPTION"] == (
            f"Twee dagen\\; met lunch\\,\\nen een excursie.\\n\\nMeer informatie: {url}"
        )
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])


def test_one_session_alone(client, course):
    session = list(course.sessions.all())[1]
    lines = ics_lines(client.get(f"/feeds/agenda/{course.pk}/{session.pk}.ics"))
    check_structure(lines)
    (event,) = vevents(lines)
    assert event["UID"] == f"sessie-{session.pk}@localhost"  # as in the agenda feed


def test_long_text_is_folded(client, indexes):
    page = factories.EventPageFactory(
        parent=indexes["events"], title="Één lange titel " * 12, intro="Ünïcode, overal; " * 20
    )
    lines = ics_lines(client.get(f"/feeds/agenda/{page.pk}.ics"))  # lines ≤ 75 octets
    check_structure(lines)
    assert any(line.startswith(" ") for line in lines)
    assert vevents(lines)[0]["SUMMARY"].startswith("Één lange titel Één")


def test_drafts_private_and_unknown_events_are_not_found(client, indexes, course):
    draft = factories.EventPageFactory(parent=indexes["events"], live=False)
    private = factories.EventPageFactory(parent=indexes["events"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    news = factories.NewsItemPageFactory(parent=indexes["news"])
    other_session = draft.sessions.first()
    for url in (
        f"/feeds/agenda/{draft.pk}.ics",
        f"/feeds/agenda/{private.pk}.ics",
        f"/feeds/agenda/{private.pk}/{private.sessions.first().pk}.ics",
        f"/feeds/agenda/{news.pk}.ics",
        f"/feeds/agenda/{course.pk}/{other_session.pk}.ics",  # a session of another event
        f"/feeds/agenda/{course.pk}/99999999999999999999999.ics",
        "/feeds/agenda/99999999999999999999999.ics",
    ):
        assert client.get(url).status_code == 404, url


def test_the_event_page_links_to_its_calendar_files(client, course):
    html = client.get(course.url).content.decode()
    assert f'href="/feeds/agenda/{course.pk}.ics" download>Zet in agenda' in html
    assert "(alle 3 data)" in html
    for session in course.sessions.all():
        assert f'href="/feeds/agenda/{course.pk}/{session.pk}.ics"' in html
    assert 'href="/feeds/agenda.ics">Abonneer op de hele agenda' in html


def test_a_past_event_offers_no_calendar_file(client, indexes):
    past = factories.EventPageFactory(
        parent=indexes["events"], sessions=[timezone.localdate() - datetime.timedelta(days=3)]
    )
    assert "Zet in agenda" not in client.get(past.url).content.decode()
    assert client.get(f"/feeds/agenda/{past.pk}.ics").status_code == 200  # the link still works
