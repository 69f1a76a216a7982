"""Factories for every page type and snippet; Dutch fake data, real files."""

import datetime
import functools

from django.utils import timezone

from wagtail.search import index

import factory
import wagtail_factories

from agenda.enums import EventType
from agenda.models import EventIndexPage, EventPage, EventSession
from core.models import Organisation, Person
from home.models import ContentPage, HomePage
from importer.demo.pdfs import publication_pdf
from publications.enums import PublicationType
from publications.models import (
    NewsIndexPage,
    NewsItemPage,
    PracticeIndexPage,
    PracticeOrganisation,
    PracticePage,
    PublicationDocument,
    PublicationIndexPage,
    PublicationPage,
)
from themes.models import ThemeIndexPage, ThemePage


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Stichting Onderwijs Regio {n}")

    class Meta:
        model = Organisation


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name", locale="nl_NL")
    role = "Beleidsadviseur"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    phone = "030 123 45 67"

    class Meta:
        model = Person


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Afbeelding {n}")


@functools.cache
def report_pdf():
    """The PDF of a short report; generated once per test run, as every document may share it."""
    return publication_pdf("Rapport", [], "Samenvatting", "")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A real PDF document, with its size and hash filled in as the admin upload does."""

    title = factory.Sequence(lambda n: f"Rapport {n}")
    file = factory.django.FileField(filename="rapport.pdf", data=factory.LazyFunction(report_pdf))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Kennisplatform test"
    slug = "test-home"

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Over ons {n}")
    intro = factory.Faker("sentence", locale="nl_NL")

    class Meta:
        model = ContentPage


def _index_factory(model, title, slug):
    return type(
        f"{model.__name__}Factory",
        (wagtail_factories.PageFactory,),
        {
            "title": title,
            "slug": slug,
            "show_in_menus": True,
            "Meta": type("Meta", (), {"model": model}),
        },
    )


ThemeIndexPageFactory = _index_factory(ThemeIndexPage, "Thema's", "themas")
NewsIndexPageFactory = _index_factory(NewsIndexPage, "Nieuws", "nieuws")
PublicationIndexPageFactory = _index_factory(PublicationIndexPage, "Publicaties", "publicaties")
PracticeIndexPageFactory = _index_factory(
    PracticeIndexPage, "Praktijkvoorbeelden", "praktijkvoorbeelden"
)
EventIndexPageFactory = _index_factory(EventIndexPage, "Agenda", "agenda")


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Thema {n}")
    intro = factory.Faker("sentence", locale="nl_NL")

    class Meta:
        model = ThemePage


class ClassifiedPageFactory(wagtail_factories.PageFactory):
    """Pass themes=[...], sectors=[...], regions=[...] and tags=[...] to classify the page."""

    intro = factory.Faker("sentence", locale="nl_NL")
    publication_date = factory.Faker("date_between", start_date="-2y", end_date="today")

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.tags.set(extracted)
            obj.save()

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # Indexed again once its themes, sectors and regions are stored, as publishing does
        # (search/signals.py): the save indexed the page before them.
        super()._after_postgeneration(instance, create, results)
        if create:
            index.insert_or_update_object(instance)


class NewsItemPageFactory(ClassifiedPageFactory):
    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")

    class Meta:
        model = NewsItemPage
        skip_postgeneration_save = True


class PublicationPageFactory(ClassifiedPageFactory):
    title = factory.Sequence(lambda n: f"Publicatie {n}")
    publication_type = PublicationType.GUIDE
    authors = "Anna de Vries, Bram Jansen"

    class Meta:
        model = PublicationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def documents(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.documents = [
                PublicationDocument(document=document)
                for document in (extracted or [DocumentFactory()])
            ]
            obj.save()


class PracticePageFactory(ClassifiedPageFactory):
    title = factory.Sequence(lambda n: f"Praktijkvoorbeeld {n}")
    reason = "<p>Het aantal leerlingen daalde snel.</p>"
    approach = "<p>De besturen maakten samen een spreidingsplan.</p>"
    results = "<p>Twee scholen fuseerden zonder onderwijskwaliteit te verliezen.</p>"
    lessons = "<p>Begin vroeg en betrek ouders.</p>"
    contact_person = factory.SubFactory(PersonFactory)

    class Meta:
        model = PracticePage
        skip_postgeneration_save = True

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):  # noqa: N805
        """Pass organisations=[...] to link them in that order."""
        if create and extracted:
            obj.organisation_links = [
                PracticeOrganisation(organisation=organisation) for organisation in extracted
            ]
            obj.save()


class EventPageFactory(ClassifiedPageFactory):
    """Pass sessions=[date, ...]; the default is one session two weeks from now."""

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    event_type = EventType.MEETING
    location_name = "Vergadercentrum De Brug"
    address = "Stationsplein 1"
    postcode = "3511 AA"
    city = "Utrecht"
    price = 95

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    @factory.post_generation
    def sessions(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            dates = extracted or [timezone.localdate() + datetime.timedelta(days=14)]
            obj.sessions = [
                EventSession(date=date, start_time=datetime.time(13), end_time=datetime.time(16))
                for date in dates
            ]
            obj.save()
