from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from taxonomy.forms import ClassifiedPageForm
from taxonomy.models import ClassifiedPage, ListingPage
from taxonomy.querysets import ClassifiedPageQuerySet

from .enums import EventType


class EventQuerySet(ClassifiedPageQuerySet):
    def upcoming(self):
        """Events that have not ended yet, soonest first."""
        today = timezone.localdate()
        return (
            self.live()
            .public()
            .with_card_data()
            .filter(end_date__gte=today)
            .order_by("start_date", "pk")
        )


class EventIndexPage(ListingPage):
    """The agenda: upcoming events by default, past events under `?periode=afgelopen`."""

    subpage_types = ["events.EventPage"]
    page_description = "De agenda met bijeenkomsten en leergangen, met een archief."

    class Meta:
        verbose_name = "agenda"
        verbose_name_plural = "agenda's"

    def is_archive(self, request):
        return request.GET.get("periode") == "afgelopen"

    def listing_variant(self, request):
        return "archive" if self.is_archive(request) else "upcoming"

    def get_listing_queryset(self, request):
        today = timezone.localdate()
        queryset = super().get_listing_queryset(request)
        if self.is_archive(request):
            return queryset.filter(end_date__lt=today)
        return queryset.filter(end_date__gte=today)

    def order_listing(self, queryset, request):
        if self.is_archive(request):
            return queryset.order_by("-start_date", "-pk")
        return queryset.order_by("start_date", "pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["is_archive"] = self.is_archive(request)
        return context


class EventPageForm(ClassifiedPageForm):
    def clean(self):
        cleaned_data = super().clean()
        deadline = cleaned_data.get("registration_deadline")
        sessions = self.formsets["sessions"]
        if deadline and sessions.is_valid():
            dates = [
                form.cleaned_data["date"]
                for form in sessions.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if dates and deadline > max(dates):
                self.add_error(
                    "registration_deadline", "De aanmelddeadline ligt na de laatste bijeenkomst."
                )
        return cleaned_data


class EventPage(ClassifiedPage):
    event_type = models.CharField(
        "soort",
        max_length=20,
        choices=EventType.choices,
        help_text="Een leergang is een reeks bijeenkomsten; geef elke bijeenkomst hieronder op.",
    )
    is_online = models.BooleanField(
        "online",
        default=False,
        help_text="Aanvinken als het evenement (ook) online te volgen is.",
    )
    location_name = models.CharField(
        "locatie",
        max_length=255,
        blank=True,
        help_text="De naam van de plek, bijvoorbeeld 'Vergadercentrum De Brug'.",
    )
    address = models.CharField("adres", max_length=255, blank=True)
    postcode = models.CharField("postcode", max_length=10, blank=True)
    city = models.CharField("plaats", max_length=100, blank=True)
    price = models.DecimalField(
        "prijs excl. btw",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="In euro's, exclusief btw. Laat leeg of vul 0 in als deelname gratis is.",
    )
    organiser = models.ForeignKey(
        "core.Organisation",
        verbose_name="organisator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Staat de organisatie er niet bij? Voeg haar toe onder Mensen › Organisaties.",
    )
    audience = models.CharField(
        "doelgroep",
        max_length=500,
        blank=True,
        help_text="Voor wie het evenement is, bijvoorbeeld 'bestuurders en schoolleiders'.",
    )
    speakers = ParentalManyToManyField(
        "core.Person",
        verbose_name="sprekers",
        blank=True,
        related_name="+",
        help_text="Staat een spreker er niet bij? Voeg hem of haar toe onder Mensen › Personen.",
    )
    registration_url = models.URLField(
        "aanmeldlink",
        blank=True,
        help_text="Het webadres waar bezoekers zich aanmelden.",
    )
    registration_deadline = models.DateField(
        "aanmelden kan tot en met",
        null=True,
        blank=True,
        help_text="Optioneel; mag niet na de laatste bijeenkomst liggen.",
    )
    start_date = models.DateField("eerste dag", null=True, editable=False, db_index=True)
    end_date = models.DateField("laatste dag", null=True, editable=False, db_index=True)
    tags = ClusterTaggableManager("tags", through="events.EventPageTag", blank=True)

    objects = PageManager.from_queryset(EventQuerySet)()

    base_form_class = EventPageForm
    content_panels = ClassifiedPage.content_panels_with(
        "event_type",
        InlinePanel(
            "sessions",
            label="Bijeenkomst",
            heading="Data en tijden",
            min_num=1,
            help_text=(
                "Eén regel per dag. De agenda toont het evenement tot de laatste dag voorbij is."
            ),
        ),
        MultiFieldPanel(
            ["is_online", "location_name", "address", "postcode", "city"],
            heading="Locatie",
            help_text="Laat het adres leeg als het evenement alleen online is.",
        ),
        MultiFieldPanel(
            [
                "price",
                "organiser",
                "audience",
                FieldPanel("speakers"),
                "registration_url",
                "registration_deadline",
            ],
            heading="Praktisch",
        ),
    )
    search_fields = [
        *ClassifiedPage.search_fields,
        index.SearchField("location_name"),
        index.SearchField("city"),
        index.SearchField("audience"),
        index.RelatedFields("speakers", [index.SearchField("name")]),
        index.RelatedFields("organiser", [index.SearchField("name")]),
        index.FilterField("event_type"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]
    type_slug = "agenda"
    import_kind = "event"
    date_field = "start_date"
    subtype_field = "event_type"
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    page_description = "Een bijeenkomst, webinar, congres of leergang met een of meer data."
    listing_order = 40

    class Meta:
        verbose_name = "evenement"
        verbose_name_plural = "agenda"
        # The agenda and the theme pages list events by start date that have not ended: with
        # the end date in the index, the ended ones (most of them) are passed over in the index
        # instead of being read one by one (docs/benchmarks.md, "100,000 pages").
        indexes = [
            models.Index(fields=["start_date", "end_date", "page_ptr"], name="event_agenda_order")
        ]

    def save(self, *args, **kwargs):
        self.set_dates_from_sessions()
        return super().save(*args, **kwargs)

    def set_dates_from_sessions(self):
        dates = [session.date for session in self.sessions.all() if session.date]
        self.start_date = min(dates, default=None)
        self.end_date = max(dates, default=None)

    @classmethod
    def theme_items(cls, theme):
        """A theme page lists the coming events, soonest first."""
        return cls.objects.upcoming().filter(themes=theme)

    @property
    def is_past(self):
        return self.end_date is not None and self.end_date < timezone.localdate()

    @property
    def is_free(self):
        return not self.price

    @property
    def registration_open(self):
        if self.is_past or not self.registration_url:
            return False
        return self.registration_deadline is None or (
            self.registration_deadline >= timezone.localdate()
        )


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="tagged_items")


class EventSession(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField("onderwerp", max_length=255, blank=True)
    date = models.DateField("datum")
    start_time = models.TimeField("begintijd", null=True, blank=True)
    end_time = models.TimeField("eindtijd", null=True, blank=True)

    panels = ["date", "start_time", "end_time", "title"]

    class Meta(Orderable.Meta):
        verbose_name = "bijeenkomst"
        verbose_name_plural = "bijeenkomsten"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "De eindtijd ligt voor de begintijd."})
