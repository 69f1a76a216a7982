"""On the demo site's content, every count a listing's filter shows is what choosing it lists,
alone and together with another filter, and the region map says the same."""

import html as html_module
import io
import re

from django.core.management import call_command

import pytest

from agenda.models import EventIndexPage
from publications.models import NewsIndexPage, PracticeIndexPage, PublicationIndexPage

OPTION = re.compile(r'<option value="([^"]+)"( selected)?( disabled)?>([^<]*) \((\d+)\)</option>')


@pytest.fixture(scope="class")
def demo(shared_db):
    call_command("load_demo_content", stdout=io.StringIO())
    return {
        model: model.objects.live().get().url
        for model in (NewsIndexPage, PublicationIndexPage, PracticeIndexPage, EventIndexPage)
    }


def shown_counts(client, url, params=None):
    """{(filter, value): count} as the listing's form shows them."""
    html = client.get(url, params or {}).content.decode()
    counts = {}
    for name, select in re.findall(r'<select name="(\w+)".*?>(.*?)</select>', html, re.S):
        for value, _, _, _, count in OPTION.findall(select):
            counts[name, html_module.unescape(value)] = int(count)
    return counts


def listed(client, url, params):
    return client.get(url, params).context["items"].paginator.count


class TestDemoCounts:
    @pytest.mark.parametrize(
        "model", [NewsIndexPage, PublicationIndexPage, PracticeIndexPage, EventIndexPage]
    )
    def test_each_count_is_what_the_choice_lists(self, client, demo, model):
        url = demo[model]
        counts = shown_counts(client, url)
        assert counts, "the demo listing offers choices"
        for (name, value), count in counts.items():
            assert count > 0  # nothing is offered that lists nothing
            assert listed(client, url, {name: value}) == count, (name, value)

    def test_counts_with_a_filter_set_are_what_the_combination_lists(self, client, demo):
        url = demo[NewsIndexPage]
        themes = [value for name, value in shown_counts(client, url) if name == "thema"]
        for theme in themes[:3]:
            counts = shown_counts(client, url, {"thema": theme})
            for (name, value), count in counts.items():
                if name != "thema":
                    assert listed(client, url, {"thema": theme, name: value}) == count

    def test_the_region_map_counts_what_its_links_list(self, client, demo):
        url = demo[PracticeIndexPage]
        html = client.get(url).content.decode()
        tiles = re.findall(r'href="([^"]*)" aria-label="[^":]*: (\d+) praktijkvoorbeeld', html)
        assert tiles
        for href, count in tiles:
            assert client.get(href).context["items"].paginator.count == int(count), href
