"""The search log: normalisation without personal data, counting, the admin reports and pruning."""

import csv
import datetime
import io

from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.db.models import QuerySet
from django.urls import reverse

import pytest

from search import query_log
from search.models import SearchQueryDay
from search.query_log import log_date, log_search, normalise_query

POPULAR_URL = "search_reports:popular_queries"
ZERO_URL = "search_reports:zero_result_queries"


def days_ago(days):
    return log_date() - datetime.timedelta(days=days)


def add_day(query, days=0, searches=1, zero=0, last=1):
    return SearchQueryDay.objects.create(
        query=query,
        date=days_ago(days),
        searches=searches,
        zero_result_searches=zero,
        last_result_count=last,
    )


# --- Normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Passend   ONDERWIJS\t\n", "passend onderwijs"),
        ("krimp\x00\x07 regio", "krimp regio"),
        ("zero\u200bwidth", "zerowidth"),
        ("ｐａｓｓｅｎｄ onderwijs", "passend onderwijs"),
        ("schooljaar 2024-2025", "schooljaar 2024-2025"),
        ("jaarverslag 2023/24", "jaarverslag 2023/24"),
        ("cao po 2024 en 2025", "cao po 2024 en 2025"),
        ("artikel 12345", "artikel 12345"),
        ("", ""),
        ("   \x00 ", ""),
        (None, ""),
    ],
)
def test_normalise_query(text, expected):
    assert normalise_query(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail Jan.Jansen@School.nl graag", "mail [e-mail] graag"),
        ("a@b", "[e-mail]"),
        ("bel 06-12345678", "bel [nummer]"),
        ("bel 06 12 34 56 78", "bel [nummer]"),
        ("+31 (0)6 1234 5678", "[nummer]"),
        ("020-1234567", "[nummer]"),
        ("bsn 123456782", "bsn [nummer]"),
        ("bsn 123.456.782", "bsn [nummer]"),
        ("NL91 ABNA 0417 1643 00", "nl91 abna [nummer]"),
        ("NL91ABNA0417164300", "nl91abna[nummer]"),
        ("Postcode 1234 AB", "postcode [postcode]"),
        ("school 1234ab", "school [postcode]"),
        ("school 1234en", "school [postcode]"),
    ],
)
def test_normalise_query_scrubs_personal_data(text, expected):
    assert normalise_query(text) == expected


def test_normalise_query_caps_at_200_characters_after_scrubbing():
    assert len(normalise_query("x" * 10_000)) == 200
    # A phone number that straddles the cut is scrubbed whole, not cut to a short number, and
    # its placeholder is not left in half.
    assert normalise_query("a" * 195 + " 0612345678") == "a" * 195
    assert normalise_query("a" * 190 + " 0612345678") == "a" * 190 + " [nummer]"


# --- Counting --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_two_searches_on_one_day_make_one_row():
    assert log_search("Passend onderwijs", 12)
    assert log_search("  passend   ONDERWIJS ", 3)

    row = SearchQueryDay.objects.get()
    assert (row.query, row.date) == ("passend onderwijs", log_date())
    assert (row.searches, row.zero_result_searches, row.last_result_count) == (2, 0, 3)
    assert str(row) == f"passend onderwijs ({log_date():%d-%m-%Y})"


@pytest.mark.django_db
def test_zero_result_searches_are_counted():
    log_search("krimp", 0)
    log_search("krimp", 4)
    log_search("krimp", 0)

    row = SearchQueryDay.objects.get()
    assert (row.searches, row.zero_result_searches, row.last_result_count) == (3, 2, 0)


@pytest.mark.django_db
def test_each_day_gets_its_own_row(monkeypatch):
    log_search("krimp", 1)
    monkeypatch.setattr(query_log, "log_date", lambda: days_ago(-1))
    log_search("krimp", 1)
    assert SearchQueryDay.objects.filter(query="krimp").count() == 2


@pytest.mark.django_db
def test_only_the_scrubbed_text_date_and_counts_are_stored():
    log_search("bel mij op 06-12345678 of jan@example.nl", 0)

    row = SearchQueryDay.objects.get()
    assert row.query == "bel mij op [nummer] of [e-mail]"
    fields = {field.name for field in SearchQueryDay._meta.get_fields()}
    assert fields == {
        "id",
        "query",
        "date",
        "searches",
        "zero_result_searches",
        "last_result_count",
    }


@pytest.mark.django_db
def test_empty_queries_are_not_logged():
    assert not log_search("  \x00\t ", 0)
    assert not log_search("", 5)
    assert not SearchQueryDay.objects.exists()


@pytest.mark.django_db
def test_a_row_created_concurrently_is_counted_on(monkeypatch):
    """Another request inserts today's row between our UPDATE and INSERT: no count is lost."""
    add_day("krimp", searches=1, zero=1, last=0)  # the row the other request inserted
    real_update = QuerySet.update
    calls = []

    def update_before_the_other_request(queryset, **changes):
        calls.append(changes)
        if len(calls) == 1:
            return 0  # our UPDATE ran before the other request's INSERT
        return real_update(queryset, **changes)

    monkeypatch.setattr(QuerySet, "update", update_before_the_other_request)
    assert log_search("krimp", 0)

    assert len(calls) == 2  # the INSERT hit the unique constraint and the UPDATE was retried
    row = SearchQueryDay.objects.get()
    assert (row.searches, row.zero_result_searches) == (2, 2)


@pytest.mark.django_db
def test_a_database_error_does_not_break_the_search(monkeypatch, caplog):
    def broken(*args):
        raise DatabaseError("no such table")

    monkeypatch.setattr(query_log, "_record", broken)
    assert not log_search("krimp", 1)
    assert "Could not log a search query" in caplog.text


# --- Reports ---------------------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("beheer", password="geheim-wachtwoord")


@pytest.fixture
def analyst(db):
    """An editor whose group may view the search log."""
    user = User.objects.create_user("analist", password="geheim-wachtwoord")
    group = Group.objects.create(name="Zoekanalyse")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="search", codename="view_searchqueryday"),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def log_rows(db):
    # "krimp": popular, recently found nothing.
    add_day("krimp", days=0, searches=5, zero=5, last=0)
    add_day("krimp", days=3, searches=4, zero=0, last=2)
    # "passend onderwijs": the most popular, always found something.
    add_day("passend onderwijs", days=1, searches=20, zero=0, last=8)
    # "werkdruk": found nothing before, but finds results now.
    add_day("werkdruk", days=10, searches=3, zero=3, last=0)
    add_day("werkdruk", days=2, searches=1, zero=0, last=4)
    # "lerarentekort": a content gap, searched less often than "krimp".
    add_day("lerarentekort", days=5, searches=2, zero=2, last=0)
    # "fusie": only searched two months ago.
    add_day("fusie", days=60, searches=50, zero=50, last=0)


def listed(response, *columns):
    """The report's rows as (query, *columns) tuples, in the order shown."""
    return [
        (row["query"], *(row[column] for column in columns))
        for row in response.context["object_list"]
    ]


def positions(content, *texts):
    return [content.index(text) for text in texts]


def test_popular_report_lists_queries_by_searches(client, superuser, log_rows):
    client.force_login(superuser)
    response = client.get(reverse(POPULAR_URL))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Populaire zoekopdrachten" in content
    assert "afgelopen 30 dagen" in content
    assert listed(response, "total_searches", "total_zero_result_searches") == [
        ("passend onderwijs", 20, 0),
        ("krimp", 9, 5),
        ("werkdruk", 4, 3),
        ("lerarentekort", 2, 2),
    ]
    a, b, c, d = positions(content, "passend onderwijs", "krimp", "werkdruk", "lerarentekort")
    assert a < b < c < d
    assert "fusie" not in content  # outside the default period


def test_zero_result_report_lists_queries_whose_latest_search_found_nothing(
    client, superuser, log_rows
):
    client.force_login(superuser)
    response = client.get(reverse(ZERO_URL))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Zoekopdrachten zonder resultaat" in content
    rows = [
        (row["query"], row["total_zero_result_searches"]) for row in response.context["object_list"]
    ]
    assert rows == [("krimp", 5), ("lerarentekort", 2)]  # fmt: skip
    assert "werkdruk" not in content  # finds results again
    assert "passend onderwijs" not in content


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("7", ["passend onderwijs", "krimp", "lerarentekort", "werkdruk"]),
        ("365", ["fusie", "passend onderwijs", "krimp", "werkdruk", "lerarentekort"]),
        ("abc", ["passend onderwijs", "krimp", "werkdruk", "lerarentekort"]),  # the default, 30
    ],
)
def test_period_filter(client, superuser, log_rows, period, expected):
    client.force_login(superuser)
    response = client.get(reverse(POPULAR_URL), {"periode": period})
    assert response.status_code == 200
    assert [row["query"] for row in response.context["object_list"]] == expected


def test_period_filter_sums_only_days_in_the_period(client, superuser, log_rows):
    client.force_login(superuser)
    response = client.get(reverse(POPULAR_URL), {"periode": "7"})
    totals = {row["query"]: row["total_searches"] for row in response.context["object_list"]}
    assert totals["werkdruk"] == 1  # the search ten days ago is outside the last 7 days
    assert "lerarentekort" in totals

    response = client.get(reverse(ZERO_URL), {"periode": "365"})
    assert [row["query"] for row in response.context["object_list"]] == [
        "fusie",
        "krimp",
        "lerarentekort",
    ]


def test_results_fragment_and_search_box(client, superuser, log_rows):
    client.force_login(superuser)
    response = client.get(reverse(f"{POPULAR_URL}_results"), {"q": "onderwijs", "periode": "7"})
    assert response.status_code == 200
    assert [row["query"] for row in response.context["object_list"]] == ["passend onderwijs"]


def test_csv_export_contains_the_rows(client, superuser, log_rows):
    add_day("=hyperlink(1)", days=0, searches=1)
    client.force_login(superuser)
    response = client.get(reverse(POPULAR_URL), {"export": "csv", "periode": "30"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert "populaire-zoekopdrachten-30-dagen-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Zoekopdracht",
        "Aantal zoekopdrachten",
        "Aantal zonder resultaat",
        "Laatste aantal resultaten",
        "Laatst gezocht op",
    ]
    assert rows[1] == ["passend onderwijs", "20", "0", "8", str(days_ago(1))]
    assert rows[2] == ["krimp", "9", "5", "0", str(days_ago(0))]
    assert ["'=hyperlink(1)", "1", "0", "1", str(days_ago(0))] in rows  # not a formula
    assert len(rows) == 6


def test_zero_result_csv_and_xlsx_export(client, superuser, log_rows):
    client.force_login(superuser)
    response = client.get(reverse(ZERO_URL), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["Zoekopdracht", "Aantal zonder resultaat"]
    assert [row[:2] for row in rows[1:]] == [["krimp", "5"], ["lerarentekort", "2"]]

    response = client.get(reverse(ZERO_URL), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("url_name", [POPULAR_URL, ZERO_URL])
def test_reports_are_forbidden_for_editors_without_the_permission(
    client, editor, log_rows, url_name
):
    client.force_login(editor)
    # Wagtail turns PermissionDenied in the admin into a redirect to the dashboard with a message.
    for params in ({}, {"export": "csv"}):
        response = client.get(reverse(url_name), params)
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    response = client.get(reverse(url_name), follow=True)
    assert "krimp" not in response.content.decode()


@pytest.mark.parametrize("url_name", [POPULAR_URL, ZERO_URL])
def test_reports_need_a_login(client, log_rows, url_name):
    response = client.get(reverse(url_name), {"export": "csv"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("url_name", [POPULAR_URL, ZERO_URL])
def test_reports_open_for_users_with_the_view_permission(client, analyst, log_rows, url_name):
    client.force_login(analyst)
    assert client.get(reverse(url_name)).status_code == 200


def test_menu_items_follow_the_permission(client, editor, analyst):
    client.force_login(analyst)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Populaire zoekopdrachten" in content
    assert "Zoekopdrachten zonder resultaat" in content

    client.force_login(editor)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Populaire zoekopdrachten" not in content


def test_the_permission_can_be_given_to_a_group(client, superuser):
    client.force_login(superuser)
    group = Group.objects.get(name="Redacteuren")
    response = client.get(reverse("wagtailusers_groups:edit", args=(group.pk,)))
    permission = Permission.objects.get(codename="view_searchqueryday")
    assert f'value="{permission.pk}"' in response.content.decode()


# --- Pruning ---------------------------------------------------------------------------------


def prune(*args):
    out = io.StringIO()
    call_command("prune_search_log", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_prune_deletes_rows_older_than_400_days_by_default():
    add_day("oud", days=401)
    add_day("grens", days=400)
    add_day("nieuw", days=0)

    output = prune()

    assert "Deleted 1 search log row(s)" in output
    assert "older than 400 days" in output
    assert sorted(SearchQueryDay.objects.values_list("query", flat=True)) == ["grens", "nieuw"]


@pytest.mark.django_db
def test_prune_with_days_and_dry_run():
    add_day("oud", days=40)
    add_day("nieuw", days=5)

    assert "would delete 1 search log row(s)" in prune("--days", "30", "--dry-run")
    assert SearchQueryDay.objects.count() == 2

    assert "Deleted 1 search log row(s)" in prune("--days", "30")
    assert list(SearchQueryDay.objects.values_list("query", flat=True)) == ["nieuw"]


@pytest.mark.django_db
def test_prune_refuses_a_period_below_one_day():
    with pytest.raises(CommandError, match="at least 1"):
        prune("--days", "0")
