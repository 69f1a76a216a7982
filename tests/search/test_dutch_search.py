"""Search as a board member uses it: Dutch words, compounds, synonyms, typos, facets."""

import datetime

from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

import pytest

from search import vocabulary
from search.models import SearchQueryDay, SynonymGroup
from taxonomy.models import Region, Sector
from tests import factories


def body(text):
    return [("paragraph", f"<p>{text}</p>")]


def build_corpus(indexes, theme):
    """A small site whose pages each exercise one Dutch search feature."""
    news, practices = indexes["news"], indexes["practices"]
    groningen = Region.objects.get(slug="groningen")
    limburg = Region.objects.get(slug="limburg")
    po = Sector.objects.get(slug="po")
    pages = {
        "daling": factories.NewsItemPageFactory(
            parent=news, title="Prognoses voor het noorden",
            intro="De leerlingendaling gaat door.", body=body("Meer dan tien procent minder."),
            themes=[theme], regions=[groningen], sectors=[po],
            publication_date=datetime.date(2026, 3, 1),
        ),
        "bestuur": factories.PracticePageFactory(
            parent=practices, title="Een nieuw schoolbestuur in Parkstad",
            intro="Twee stichtingen gingen samen.", body=body("Het schoolbestuur telt 20 scholen."),
            regions=[limburg], publication_date=datetime.date(2024, 5, 1),
        ),
        "krimpende": factories.NewsItemPageFactory(
            parent=news, title="Kleine dorpsscholen onder druk",
            intro="Krimpende scholen zoeken samenwerking met de buren.",
            body=body("Coördinatie tussen besturen helpt."), regions=[groningen],
            publication_date=datetime.date(2025, 9, 1),
        ),
        "basis": factories.NewsItemPageFactory(
            parent=news, title="Rekenen in het basisonderwijs",
            intro="Nieuwe methodes voor groep 5 tot en met 8.", body=body("Over rekenen."),
            publication_date=datetime.date(2025, 1, 1),
        ),
        "regio": factories.NewsItemPageFactory(
            parent=news, title="Samenwerkingsverband kiest een nieuwe koers",
            intro="Het SWV wil meer thuisnabij onderwijs.", body=body("Passend onderwijs."),
            publication_date=datetime.date(2023, 1, 1),
        ),
    }  # fmt: skip
    vocabulary.rebuild()
    return pages


@pytest.fixture
def corpus(indexes, theme):
    return build_corpus(indexes, theme)


@pytest.fixture(scope="class")
def shared_corpus(shared_site):
    """The corpus, built once for a class of tests that only search it."""
    return build_corpus(shared_site.indexes, shared_site.theme)


def search(client, **params):
    response = client.get(reverse("search:api"), params)
    assert response.status_code == 200
    return response.json()


def titles(data):
    return [result["title"] for result in data["results"]]


class TestSearchingTheCorpus:
    """Searches of the same small site, which these tests only read."""

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("krimp", "krimpende"),  # stemming: krimp ~ krimpende
            ("school", "krimpende"),  # stemming: school ~ scholen
            ("daling leerlingen", "daling"),  # compound in the text: leerlingendaling
            ("bestuur", "bestuur"),  # compound in the text: schoolbestuur
            ("coordinatie", "krimpende"),  # accents do not matter
            ("COÖRDINATIE", "krimpende"),  # nor case
            ("Samenwerkingsverbanden", "regio"),
        ],
    )
    def test_dutch_words_are_found(self, client, shared_corpus, query, expected):
        assert shared_corpus[expected].title in titles(search(client, q=query))

    def test_typo_gets_a_suggestion_and_the_corrected_results(self, client, shared_corpus):
        data = search(client, q="samenwerkng")
        assert data["suggestion"] == "samenwerking"
        assert data["corrected"] is True
        assert shared_corpus["krimpende"].title in titles(data)

        html = client.get(reverse("search:search"), {"q": "samenwerkng"}).content.decode()
        assert "resultaten voor" in html and "samenwerking" in html

    def test_two_letters_swapped_in_a_short_word_are_corrected(self, client, shared_corpus):
        data = search(client, q="kirmp")  # one slip of the fingers, not two changes
        assert data["suggestion"] == "krimp"
        assert shared_corpus["krimpende"].title in titles(data)

    def test_a_known_word_is_not_corrected(self, client, shared_corpus):
        assert search(client, q="pakken")["suggestion"] == ""

    def test_result_fields_and_snippet(self, client, shared_corpus):
        (result, *_) = search(client, q="leerlingendaling")["results"]
        assert result["title"] == "Prognoses voor het noorden"
        assert result["type"] == "Nieuwsbericht"
        assert result["date"] == "2026-03-01"
        assert result["url"].endswith("/prognoses-voor-het-noorden/")
        assert "<mark>leerlingendaling</mark>" in result["snippet"]

    def test_facets_count_and_filter(self, client, shared_corpus):
        data = search(client, q="scholen")
        facets = {
            name: {f["value"]: f["count"] for f in values}
            for name, values in data["facets"].items()
        }
        assert facets["regio"]["groningen"] == 1
        assert facets["type"]["nieuws"] >= 1

        filtered = search(client, q="besturen", regio="limburg")
        assert titles(filtered) == ["Een nieuw schoolbestuur in Parkstad"]
        assert search(client, q="besturen", type="praktijkvoorbeeld")["total"] == 1
        assert search(client, q="besturen", jaar="2024")["total"] == 1

    def test_sort_by_date(self, client, shared_corpus):
        data = search(client, q="scholen besturen onderwijs", sortering="datum")
        shown = [(result["date"], result["title"]) for result in data["results"]]
        dated = [date for date, _ in shown if date]
        # Newest first; pages without a date (a theme page) after every dated page.
        assert dated == sorted(dated, reverse=True) and len(dated) >= 3, shown
        assert [date for date, _ in shown[: len(dated)]] == dated, shown

    @pytest.mark.parametrize(
        "params",
        [{"type": "roman"}, {"jaar": "abc"}, {"regio": "atlantis"}, {"sortering": "x"}],
    )
    def test_bad_facet_values_are_ignored(self, client, shared_corpus, params):
        data = search(client, q="krimp", **params)
        assert data["total"] >= 1 and data["ignored_filters"]

    def test_promoted_pages_come_first(self, client, shared_corpus):
        query = Query.get("scholen")
        SearchPromotion.objects.create(query=query, page=shared_corpus["basis"], sort_order=0)
        data = search(client, q="Scholen")
        assert data["results"][0]["title"] == "Rekenen in het basisonderwijs"
        assert data["results"][0]["promoted"] is True
        assert data["results"][0]["date"] == "2025-01-01"  # a pinned page shows its date too
        assert titles(data).count("Rekenen in het basisonderwijs") == 1

    def test_searches_are_logged_without_personal_data(self, client, shared_corpus):
        client.get(reverse("search:search"), {"q": "krimp jan@example.nl"})
        client.get(reverse("search:search"), {"q": "onvindbaarwoord"})
        logged = {row.query: row for row in SearchQueryDay.objects.all()}
        assert "krimp [e-mail]" in logged
        assert logged["onvindbaarwoord"].zero_result_searches == 1

    def test_autocomplete_suggests_titles(self, client, shared_corpus):
        response = client.get(reverse("search:suggestions"), {"q": "kleine dorps"})
        assert response.status_code == 200
        assert response.json()["suggestions"][0] == {
            "kind": "page",
            "title": "Kleine dorpsscholen onder druk",
            "url": shared_corpus["krimpende"].get_url(),
        }
        assert client.get(reverse("search:suggestions"), {"q": "k"}).json() == {"suggestions": []}

    def test_search_page_shows_facets_and_empty_state(self, client, shared_corpus):
        html = client.get(reverse("search:search"), {"q": "scholen"}).content.decode()
        assert "Verfijnen" in html and "regio=groningen" in html
        empty = client.get(reverse("search:search"), {"q": "xyzzyq"}).content.decode()
        assert "Er zijn geen resultaten" in empty

    def test_the_admin_page_search_still_finds_plain_words(self, client, admin_user, shared_corpus):
        client.force_login(admin_user)
        response = client.get(reverse("wagtailadmin_pages:search"), {"q": "dorpsscholen"})
        assert response.status_code == 200
        assert "Kleine dorpsscholen onder druk" in response.content.decode()


def test_synonyms_from_the_admin_apply(client, corpus):
    SynonymGroup.objects.all().delete()
    assert corpus["basis"].title not in titles(search(client, q="po"))
    SynonymGroup.objects.create(terms="po, primair onderwijs, basisonderwijs")
    assert corpus["basis"].title in titles(search(client, q="po"))
    assert corpus["regio"].title in titles(search(client, q="samenwerkingsverband"))


def test_a_plural_finds_the_synonyms_of_its_dictionary_form(client, indexes):
    # The group lists "beginnende leraar" and "fusie"; visitors type "beginnende leraren" and
    # "fusies", or "nieuwkomer" for a group that lists "nieuwkomers". A form made from a group's
    # word by the lemma list ("krimpende" from "krimpen", which the list also gives for "krimp")
    # does not make a synonym.
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.create(terms="starter, beginnende leraar")
    SynonymGroup.objects.create(terms="fusie, samenvoeging")
    SynonymGroup.objects.create(terms="krimp, leerlingendaling")
    SynonymGroup.objects.create(terms="nieuwkomers, anderstalige leerlingen")
    newcomers = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Anderstalige leerlingen op het platteland", intro="Taal."
    )
    starters = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Een jaar voor starters", intro="Wat het eerste jaar vraagt."
    )
    merger = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Samenvoeging in het noorden", intro="Twee besturen."
    )
    falling = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Leerlingendaling in Zeeland", intro="De cijfers."
    )
    assert titles(search(client, q="beginnende leraren")) == [starters.title]
    assert titles(search(client, q="fusies")) == [merger.title]
    assert titles(search(client, q="nieuwkomer")) == [newcomers.title]
    assert falling.title in titles(search(client, q="krimp"))
    assert search(client, q="krimpende")["total"] == 0


def test_irregular_forms_find_their_dictionary_form(client, indexes):
    # No stemmer derives "werven" from "geworven" or "kind" from "kinderen"; the lemma list does.
    recruiting = factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Zij-instromers werven",
        intro="Hoe een bestuur in het oosten leraren vindt.",
        body=body("Een kind per klas minder."),
    )
    for query in ["geworven", "wierf", "kinderen"]:
        assert titles(search(client, q=query)) == [recruiting.title], query


def test_a_verb_finds_the_noun_that_names_its_act(client, indexes):
    # "fuseren" and "fusie", "deelnemen" and "deelname", "renoveren" and "renovatie" have
    # stems of their own; a board that asks how schools "fuseren" means the pages on a "fusie".
    merger = factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="De fusie van twee dorpsscholen",
        intro="Na de renovatie is deelname aan het project open.",
    )
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Een nieuwe generatie", intro="Leraren van morgen."
    )
    for query in ["fuseren", "gefuseerde besturen", "deelnemen", "gerenoveerd"]:
        assert titles(search(client, q=query)) == [merger.title], query
    assert search(client, q="genereren")["total"] == 0  # a generation generates nothing


def test_a_comparative_does_not_find_another_word(client, indexes):
    # The lemma list relates "beter" to "goed"; a search for "beter" must not find mere "goed".
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Goed bestuur", intro="Wat een goed bestuur doet."
    )
    assert search(client, q="beter")["total"] == 0


def test_a_word_is_not_found_by_another_that_looks_like_it_without_ge(client, indexes):
    # Snowball's Dutch stemmer takes "ge" out of words: "begeleiding" became "beleid" and
    # "gemeente" "meen"; and the lemma list took "leden" for a form of "lijden".
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Nieuw beleid",
        intro="Wat wij menen over lijden en zin.",
        body=body("Het bestuur meent dat het beleid werkt."),
    )
    for query in ["begeleiding", "gemeente", "gezin", "leden"]:
        assert search(client, q=query)["total"] == 0, query


def test_forms_of_one_word_still_find_each_other(client, indexes):
    closing = factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Twee dorpsscholen sloten hun deuren",
        intro="De gemeenten en de werkgevers begeleiden de leden van het team.",
    )
    queries = ["gesloten", "sluiting", "gemeente", "werkgever", "begeleiding", "lid"]
    for query in queries:
        assert titles(search(client, q=query)) == [closing.title], query


def test_snippets_escape_html(client, indexes):
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Onveilig", intro="Krimp <script>alert(1)</script> & meer"
    )
    (result,) = search(client, q="krimp")["results"]
    assert "<script>" not in result["snippet"]
    assert "&lt;script&gt;" in result["snippet"] and "<mark>Krimp</mark>" in result["snippet"]


def test_only_live_public_content_pages_are_found(client, home, indexes, corpus):
    draft = factories.NewsItemPageFactory(parent=indexes["news"], title="Krimp concept", live=False)
    private = factories.NewsItemPageFactory(parent=indexes["news"], title="Krimp intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = factories.NewsItemPageFactory(parent=indexes["news"], title="Krimp verlopen")
    expired.unpublish()
    indexes["news"].title = "Nieuws over krimp"
    indexes["news"].save()
    found = titles(search(client, q="krimp"))
    for page in [draft, private, expired, indexes["news"]]:
        assert page.title not in found
    assert "Kleine dorpsscholen onder druk" in found


def test_themes_are_found_on_first_publish(client, indexes, theme):
    page = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Nieuw bericht", intro="Over scholen.", live=False
    )
    page.themes = [theme]
    page.save_revision().publish()
    # Only the theme says "krimp": found only if the themes were indexed on this first publish.
    assert "Nieuw bericht" in titles(search(client, q="krimp"))


def test_a_result_found_through_its_document_says_so(client, indexes):
    from importer.demo.pdfs import publication_pdf

    pdf = publication_pdf("Bijlage", [], "Samenvatting", "<p>Het fusiekompas helpt besturen.</p>")
    document = factories.DocumentFactory(
        title="Bijlage", file__filename="bijlage-fusie.pdf", file__data=pdf
    )
    page = factories.PublicationPageFactory(
        parent=indexes["publications"], title="Handreiking", intro="Over samengaan.",
        documents=[document],
    )  # fmt: skip
    page.save_revision().publish()  # as an editor publishes: the documents are saved by then
    (result,) = search(client, q="fusiekompas")["results"]
    assert result["title"] == "Handreiking"
    assert result["found_in"] == "bijlage-fusie.pdf"
    assert "<mark>fusiekompas</mark>" in result["snippet"]


def test_deleted_pages_are_no_longer_found(client, corpus):
    corpus["bestuur"].delete()
    assert "Een nieuw schoolbestuur in Parkstad" not in titles(search(client, q="schoolbestuur"))


def test_words_made_from_a_place_name_find_the_place(client, indexes):
    # No stemmer relates "Zeeuwse" to "Zeeland"; and the lemma list takes "Zwolle" for a form of
    # "zwellen" (search/places.py).
    islands = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Zeeuwse dorpsscholen", intro="Besturen werken samen."
    )
    city = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Een vakcollege in Zwolle", intro="Nieuw gebouw."
    )
    for query, found in [("Zeeland", islands), ("zeeuws", islands), ("Zwolse", city)]:
        assert titles(search(client, q=query)) == [found.title], query
    assert search(client, q="zwellen")["total"] == 0
