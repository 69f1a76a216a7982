"""Nothing a visitor may not see shows up on any public surface.

Unique made-up words are planted in every kind of hidden content: a draft, unpublished changes,
login- and password-restricted pages, a page scheduled for later, an expired page, a page
restricted after it was published, and documents in a login-restricted collection (attached to a
public publication, and not attached). A public control page with its own word proves that each
surface does show what it may show. Runs on SQLite, PostgreSQL and (make test-search) OpenSearch.
"""

import datetime

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from importer.demo.pdfs import publication_pdf
from search import vocabulary
from tests import factories

PUBLIC = "zamproveltin"
HIDDEN_PAGES = {
    "draft": "quobrantel",
    "unpublished changes": "vexilmuroq",
    "login-restricted page": "zorpavindel",
    "password page": "kwibulaster",
    "scheduled page": "jontrexapil",
    "expired page": "flumoqetrin",
    "page restricted after publishing": "grepsolvunt",
}
HIDDEN_DOCUMENTS = {
    "restricted document, attached": "hyxomantrel",
    "restricted document, not attached": "pelvoxirant",
}
HIDDEN = {**HIDDEN_PAGES, **HIDDEN_DOCUMENTS}
NOWHERE = "niksnaknuk"  # a query that finds nothing: how often a search page repeats the query


def typo(word):
    """The word with one letter changed: what a visitor might type for it."""
    middle = len(word) // 2
    return word[:middle] + ("a" if word[middle] != "a" else "o") + word[middle + 1 :]


def publish(page):
    page.save_revision().publish()
    return page


def restrict(page, **kwargs):
    PageViewRestriction.objects.create(page=page, restriction_type="login", **kwargs)


def pdf(word):
    body = f"<p>De besturen bespraken het plan {word} in de regio.</p>"
    return publication_pdf("Verslag", ["Anna de Vries"], "Samenvatting", body)


def document(word, collection):
    return factories.DocumentFactory(
        title="Verslag", collection=collection, file__data=pdf(word), file__filename="verslag.pdf"
    )


def page_pair(indexes, theme, word, **kwargs):
    """A news item and an event (for the agenda and its iCal feed) that use `word`."""
    return [
        factory(
            parent=indexes[section],
            title=f"{word.capitalize()} {label}",
            slug=f"{word}-{section}",
            intro=f"Over {word} in de regio.",
            themes=[theme],
            **kwargs,
        )
        for factory, section, label in (
            (factories.NewsItemPageFactory, "news", "bericht"),
            (factories.EventPageFactory, "events", "bijeenkomst"),
        )
    ]


def plant(indexes, theme):
    for page in page_pair(indexes, theme, PUBLIC, live=False):
        publish(page)
    page_pair(indexes, theme, HIDDEN["draft"], live=False)
    for page in page_pair(indexes, theme, "openbaar"):
        word = HIDDEN["unpublished changes"]
        page.title, page.intro = f"{word.capitalize()} concept", f"Over {word}."
        page.save_revision()
    for page in page_pair(indexes, theme, HIDDEN["login-restricted page"], live=False):
        restrict(page)
        publish(page)
    for page in page_pair(indexes, theme, HIDDEN["password page"], live=False):
        PageViewRestriction.objects.create(
            page=page, restriction_type="password", password="geheim"
        )
        publish(page)
    go_live = timezone.now() + datetime.timedelta(days=7)
    for page in page_pair(indexes, theme, HIDDEN["scheduled page"], live=False):
        page.go_live_at = go_live
        publish(page)
    expiry = timezone.now() - datetime.timedelta(minutes=1)
    for page in page_pair(indexes, theme, HIDDEN["expired page"], live=False):
        page.expire_at = expiry
        publish(page)
    call_command("publish_scheduled")  # what cron does: the expired pages go offline
    for page in page_pair(indexes, theme, HIDDEN["page restricted after publishing"], live=False):
        publish(page)
        restrict(page)

    collection = Collection.get_first_root_node().add_child(name="Besloten stukken")
    attached = document(HIDDEN["restricted document, attached"], collection)
    public_document = document(PUBLIC, Collection.get_first_root_node())
    factories.PublicationPageFactory(
        parent=indexes["publications"],
        title="Jaarverslag besturen",
        themes=[theme],
        documents=[public_document, attached],
    )
    # The collection is restricted after the publication was indexed with the file's text.
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    document(HIDDEN["restricted document, not attached"], collection)


def static_surfaces(client, indexes, theme):
    """Every public page and feed that lists content, by URL."""
    urls = [
        "/",
        theme.url,
        *(page.url for page in indexes.values()),
        "/sitemap.xml",
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/agenda.ics",
        "/feeds/nieuws/rss/",
        "/feeds/agenda/atom/",
        f"/feeds/thema/{theme.slug}/rss/",
        f"/feeds/thema/{theme.slug}/atom/",
    ]
    answers = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        answers[url] = response.content.decode()
    return answers


def searches(client, word):
    """What each search surface answers for the word (autocomplete: its start) and a typo."""
    return {
        "search page": client.get("/zoeken/", {"q": word}).content.decode(),
        "search API": client.get("/zoeken/api/", {"q": word}).content.decode(),
        "autocomplete": client.get("/zoeken/suggesties/", {"q": word[:6]}).content.decode(),
        "suggestion on the search page": client.get("/zoeken/", {"q": typo(word)}).content.decode(),
        "suggestion in the API": client.get("/zoeken/api/", {"q": typo(word)}).content.decode(),
    }


def mentions(client, word):
    """How often each search surface names the word, beyond repeating the visitor's query."""
    echoes = {name: text.count(NOWHERE) for name, text in searches(client, NOWHERE).items()}
    return {name: text.count(word) - echoes[name] for name, text in searches(client, word).items()}


def assert_search_shows_only_public_words(client):
    public = mentions(client, PUBLIC)
    assert all(public.values()), public  # every surface can show a word: the check can fail
    for context, word in HIDDEN.items():
        leaks = {name: n for name, n in mentions(client, word).items() if n}
        assert not leaks, f"{context}: {leaks}"


@pytest.mark.django_db
def test_nothing_hidden_reaches_a_public_surface(client, indexes, theme):
    plant(indexes, theme)
    answers = static_surfaces(client, indexes, theme)
    not_listing_the_control = {
        indexes[name].url for name in ("themes", "publications", "practices")
    }
    for url, content in answers.items():
        assert url in not_listing_the_control or PUBLIC in content, url
        leaks = [context for context, word in HIDDEN.items() if word in content]
        assert not leaks, f"{url} shows {leaks}"

    assert_search_shows_only_public_words(client)
    vocabulary.rebuild()  # as update_index does
    assert_search_shows_only_public_words(client)
