"""The practices overview has a map of the provinces: each tile counts the practices in its
region and links to the overview filtered on it."""

import re

from wagtail.models import PageViewRestriction

import pytest

from taxonomy.models import Region, Sector
from taxonomy.region_map import TILES
from taxonomy.vocabulary import REGIONS
from tests import factories


def tile_links(html):
    """{accessible name: href} of the map's linked tiles."""
    svg = re.search(r"<svg class=\"region-map__svg\".*?</svg>", html, re.S).group(0)
    return {
        name: href.replace("&amp;", "&")
        for href, name in re.findall(
            r'<a class="region-map__tile[^"]*" href="([^"]*)" aria-label="([^"]*)"', svg
        )
    }


def practice(indexes, regions, sectors=()):
    return factories.PracticePageFactory(
        parent=indexes["practices"],
        regions=list(Region.objects.filter(slug__in=regions)),
        sectors=list(Sector.objects.filter(slug__in=sectors)),
    )


def test_every_province_and_landelijk_has_a_tile():
    assert set(TILES) == {slug for _, slug in REGIONS}
    assert len(set(TILES.values())) == len(TILES)  # no two tiles on one place


def test_tiles_count_live_public_practices_and_link_to_the_filtered_overview(client, indexes):
    url = indexes["practices"].url
    practice(indexes, ["groningen"], ["po"])
    practice(indexes, ["groningen", "drenthe"], ["vo"])
    practice(indexes, ["landelijk"])
    practice(indexes, ["groningen"]).unpublish()  # a draft
    private = practice(indexes, ["groningen", "zeeland"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    html = client.get(url).content.decode()
    assert tile_links(html) == {
        "Groningen: 2 praktijkvoorbeelden": f"{url}?regio=groningen",
        "Drenthe: 1 praktijkvoorbeeld": f"{url}?regio=drenthe",
        "Landelijk: 1 praktijkvoorbeeld": f"{url}?regio=landelijk",
    }
    assert 'aria-label="Zeeland: geen praktijkvoorbeelden"' in html
    # Coordinates are plain numbers, never localised ("47,0").
    map_svg = html.split('<svg class="region-map__svg"', 1)[1]  # the logo is an <svg> too
    for value in re.findall(r' (?:x|y|width|height)="([^"]*)"', map_svg):
        assert re.fullmatch(r"\d+", value), value
    # Each link lists what its tile counts.
    response = client.get(url, {"regio": "groningen"})
    assert len(response.context["items"]) == 2
    assert 'aria-current="true"' in response.content.decode()


def test_tiles_count_within_the_other_filters_and_keep_them(client, indexes):
    url = indexes["practices"].url
    practice(indexes, ["groningen"], ["po"])
    practice(indexes, ["groningen", "drenthe"], ["vo"])
    html = client.get(url, {"sector": "vo", "regio": "drenthe"}).content.decode()
    assert tile_links(html) == {
        "Groningen: 1 praktijkvoorbeeld": f"{url}?sector=vo&regio=groningen",
        "Drenthe: 1 praktijkvoorbeeld": f"{url}?sector=vo&regio=drenthe",
    }
    assert "de aantallen gelden voor de gekozen filters" in html


def test_a_region_without_a_tile_is_listed_under_the_map(client, indexes):
    Region.objects.create(name="Caribisch Nederland", slug="caribisch-nederland", sort_order=99)
    practice(indexes, ["caribisch-nederland"])
    url = indexes["practices"].url
    html = client.get(url).content.decode()
    others = html.split("Andere regio's:", 1)[1].split("</ul>", 1)[0]
    assert f'<a href="{url}?regio=caribisch-nederland">Caribisch Nederland</a> (1)' in others
    # The fallback list holds every tile, with the same links.
    fallback = html.split("<summary>Als lijst</summary>", 1)[1].split("</details>", 1)[0]
    assert fallback.count("<li>") == len(TILES)
    assert "Zeeland (0)" in fallback


def test_a_renamed_or_new_region_shows_on_the_map_at_once(client, indexes):
    """The map's regions are read once per content version: editing them starts a new one."""
    url = indexes["practices"].url
    practice(indexes, ["groningen"])
    client.get(url)
    groningen = Region.objects.get(slug="groningen")
    groningen.name = "Stad en Ommeland"
    groningen.save()
    Region.objects.create(name="Caribisch Nederland", slug="caribisch-nederland", sort_order=99)
    html = client.get(url).content.decode()
    assert "Stad en Ommeland: 1 praktijkvoorbeeld" in tile_links(html)
    assert "Caribisch Nederland (0)" in html.split("Andere regio's:", 1)[1]


@pytest.mark.parametrize("index", ["news", "publications", "events"])
def test_only_the_practices_overview_has_the_map(client, indexes, index):
    assert "region-map" not in client.get(indexes[index].url).content.decode()
