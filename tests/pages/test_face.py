"""What the site looks like to a first-time visitor: the home page says what it offers, cards
show an image, and the font, logo and favicon come from the site itself."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template import Context, Template
from django.templatetags.static import static

import pytest

from core import content_version
from tests import factories

STATEMENT = "Kennis en praktijkvoorbeelden over krimp en het lerarentekort"


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def cards(content):
    return re.findall(r'<article class="card">.*?</article>', content, flags=re.S)


def photo(description):
    """An image large enough for the card's 640 × 360 rendition."""
    return factories.ImageFactory(description=description, file__width=1280, file__height=720)


def images(content):
    return re.findall(r"<img [^>]*>", content)


@pytest.fixture
def illustrated_theme(theme):
    theme.listing_image = photo("Abstracte illustratie bij het thema Krimp")
    theme.save_revision().publish()
    return theme


def test_home_page_says_what_it_offers_and_leads_to_themes_practices_and_publications(
    client, home, indexes, illustrated_theme
):
    home.value_statement = STATEMENT
    home.save_revision().publish()
    factories.PublicationPageFactory(
        parent=indexes["publications"], title="Handreiking regioplan", themes=[illustrated_theme]
    )
    content = html(client, home.url)
    assert re.search(rf'<h1 class="hero__title">{STATEMENT}</h1>', content)
    hero = content.split('class="hero"', 1)[1].split("</div>\n    </div>", 1)[0]
    for index in ["themes", "practices", "publications"]:
        assert f'href="{indexes[index].url}"' in hero, index
    assert "Nieuwste publicaties" in content and "Handreiking regioplan" in content
    assert f'href="{illustrated_theme.url}"' in content


def test_home_page_without_a_value_statement_shows_its_title(client, home):
    assert re.search(rf'<h1 class="hero__title">{home.title}</h1>', html(client, home.url))


def test_cards_show_their_own_image_or_their_first_themes(client, indexes, illustrated_theme):
    own = photo("Leraren in gesprek op het schoolplein")
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Met eigen beeld", listing_image=own,
        themes=[illustrated_theme],
    )  # fmt: skip
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Met het beeld van het thema", themes=[illustrated_theme]
    )
    factories.NewsItemPageFactory(parent=indexes["news"], title="Zonder thema")

    by_title = {
        re.search(r'class="card__link"[^>]*>([^<]+)<', card).group(1): card
        for card in cards(html(client, indexes["news"].url))
    }
    (own_image,) = images(by_title["Met eigen beeld"])
    (theme_image,) = images(by_title["Met het beeld van het thema"])
    assert images(by_title["Zonder thema"]) == []
    assert 'alt="Leraren in gesprek op het schoolplein"' in own_image
    assert 'alt="Abstracte illustratie bij het thema Krimp"' in theme_image
    for image in [own_image, theme_image]:
        assert 'width="640"' in image and 'height="360"' in image
        assert 'loading="lazy"' in image
        assert re.search(r'src="[^"]+\.webp"', image)


def test_cards_name_their_type_only_where_types_mix(client, indexes, theme):
    news = factories.NewsItemPageFactory(parent=indexes["news"], themes=[theme])
    factories.NewsItemPageFactory(parent=indexes["news"], themes=[theme])
    report = factories.PublicationPageFactory(
        parent=indexes["publications"], themes=[theme], publication_type="rapport"
    )

    (listed, _) = cards(html(client, indexes["news"].url))
    assert "card__type" not in listed and ">Nieuwsbericht</span>" not in listed
    # A publication's kind tells its readers something the overview does not.
    (publication,) = cards(html(client, indexes["publications"].url))
    assert "Rapport" in publication and "Publicatie</span>" not in publication
    # Editors may relate pages of any type: there the type is named.
    news.related_pages = [("page", report)]
    news.save_revision().publish()
    related = html(client, news.url).split('id="related-heading"', 1)[1]
    assert '<span class="meta__item">Publicatie</span>' in related


@pytest.mark.parametrize("name", ["home", "news", "content"])
def test_font_logo_and_favicon_come_from_the_site_itself(client, home, indexes, name):
    content_page = factories.ContentPageFactory(parent=home, title="Over ons")
    url = {"home": home.url, "news": indexes["news"].url, "content": content_page.url}[name]
    content = html(client, url)
    loaded = re.findall(r'<(?:link|script|img)\b[^>]*\b(?:href|src)="([^"]+)"', content)
    for address in loaded:
        assert urlsplit(address).netloc in ("", "testserver"), address
    assert (
        f'<link rel="preload" href="{static("fonts/source-sans-3-latin-400-normal.woff2")}"'
        in content
    )
    assert f'<link rel="icon" href="{static("img/favicon.svg")}"' in content
    assert f'href="{static("img/favicon-32.png")}"' in content
    # The logo: a mark hidden from screen readers, the site's name as the link's text.
    logo = re.search(r'<a class="site-logo" href="/">(.*?)</a>', content, re.S).group(1)
    assert 'aria-hidden="true"' in logo and re.sub(r"<[^>]+>", "", logo) == "Test"


def test_the_stylesheets_fonts_are_served_with_their_licence():
    css = Path(finders.find("css/site.css")).read_text()
    fonts = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    assert sorted(fonts) == [
        f"source-sans-3-latin-{weight}-normal.woff2" for weight in (400, 600, 700)
    ]
    for font in fonts:
        assert Path(finders.find(f"fonts/{font}")).read_bytes()[:4] == b"wOF2"
    assert "SIL OPEN FONT LICENSE Version 1.1" in Path(finders.find("fonts/OFL.txt")).read_text()
    assert "font-display: swap" in css
    assert not re.search(r"url\([\"']?(?:https?:)?//", css), "no font or image from elsewhere"


def test_cards_and_theme_tiles_write_no_prefetched_rendition_back_to_the_cache(
    client, home, indexes, illustrated_theme, monkeypatch
):
    # Wagtail's {% image %} stores the rendition in the cache on every use, even one read with
    # the page: a Redis round trip per card of every listing rendered afresh.
    for number in range(3):
        factories.NewsItemPageFactory(
            parent=indexes["news"], title=f"Bericht {number}", themes=[illustrated_theme]
        )
    html(client, indexes["news"].url)  # the renditions are made (and cached) on first view
    html(client, home.url)
    content_version.bump()
    stored = []

    def spy(method):
        def stores(*args, **kwargs):
            stored.extend(args[0] if isinstance(args[0], dict) else [args[0]])
            return method(*args, **kwargs)

        return stores

    monkeypatch.setattr(cache, "set", spy(cache.set))
    monkeypatch.setattr(cache, "set_many", spy(cache.set_many))
    card_images = [images(card) for card in cards(html(client, indexes["news"].url))]
    (tile_image,) = re.findall(r'<img [^>]*class="theme-tile__image"[^>]*>', html(client, home.url))

    assert [key for key in stored if "rendition" in key] == []
    assert len(stored) >= 3  # the cards themselves were stored
    written_by_wagtail = Template(
        "{% load wagtailimages_tags %}{% image image fill-640x360 format-webp "
        'alt=image.default_alt_text loading="lazy" decoding="async" %}'
    ).render(Context({"image": illustrated_theme.listing_image}))
    assert card_images == [[written_by_wagtail]] * 3
    assert tile_image == Template(
        "{% load wagtailimages_tags %}{% image image fill-160x160 format-webp "
        'alt="" class="theme-tile__image" loading="lazy" decoding="async" %}'
    ).render(Context({"image": illustrated_theme.listing_image}))
