import io

from django.core.management import call_command
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from agenda.enums import EventType
from agenda.models import EventPage
from core.models import SiteSettings
from home.models import HomePage
from publications.models import NewsItemPage, PracticePage, PublicationPage
from taxonomy.models import Region
from themes.models import ThemePage


def load():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "title", "live")),
        "revisions": Revision.objects.count(),
        "documents": sorted(
            PublicationPage.objects.values_list("documents__document__file_hash", flat=True)
        ),
        "images": sorted(get_image_model().objects.values_list("title", "file_hash")),
    }


def test_demo_content_is_complete_and_loading_it_twice_changes_nothing(db, client):
    assert "71 created" in load()
    first = snapshot()
    # The page tree is consistent: each page's number of children is what it has (the admin's
    # explorer and moves rely on it).
    assert all(problems == [] for problems in Page.find_problems())

    assert "0 created, 0 updated, 71 unchanged" in load()
    assert snapshot() == first

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists(), "welcome page removed"
    assert ThemePage.objects.live().count() >= 5
    assert NewsItemPage.objects.live().count() >= 30
    publications = PublicationPage.objects.live()
    assert publications.count() >= 10
    for publication in publications:
        documents = publication.documents.all()
        assert documents, publication.title
        for document in documents:
            assert document.file_type == "PDF"
            with document.document.open_file() as handle:
                assert handle.read(5) == b"%PDF-"
    practices = PracticePage.objects.live()
    assert practices.count() >= 15
    assert Region.objects.filter(pk__in=practices.values("regions")).count() >= 6
    events = EventPage.objects.live()
    today = timezone.localdate()
    assert events.count() >= 6
    assert events.filter(end_date__lt=today).exists()
    assert events.filter(start_date__gte=today).exists()
    track = events.get(event_type=EventType.LEARNING_TRACK)
    assert track.sessions.count() == 4
    assert len(home.featured_pages) == 3
    assert "krimp" in home.value_statement and "lerarentekort" in home.value_statement
    # Each theme has its own illustration, with Dutch alt text naming the theme.
    themes = ThemePage.objects.live().select_related("listing_image")
    assert len({theme.listing_image.file_hash for theme in themes}) == themes.count()
    for theme in themes:
        assert theme.listing_image.description == (
            f"Abstracte illustratie bij het thema {theme.title}"
        )
        assert theme.listing_image.width == 1280 and theme.listing_image.height == 720
    assert SiteSettings.for_site(home.get_site()).footer_text

    for url in ["/", "/themas/", "/nieuws/", "/publicaties/", "/praktijkvoorbeelden/",
                "/agenda/", "/agenda/?periode=afgelopen", track.url, "/over-ons/"]:  # fmt: skip
        assert client.get(url).status_code == 200, url


def test_setup_site_creates_an_empty_structure_once(db):
    call_command("setup_site", stdout=io.StringIO())
    call_command("setup_site", stdout=io.StringIO())
    home = HomePage.objects.get()
    children = [page.specific_class.__name__ for page in home.get_children()]
    assert children == [
        "ThemeIndexPage",
        "NewsIndexPage",
        "PublicationIndexPage",
        "PracticeIndexPage",
        "EventIndexPage",
    ]
    assert all(page.show_in_menus and page.live for page in home.get_children())
    assert not NewsItemPage.objects.exists()
