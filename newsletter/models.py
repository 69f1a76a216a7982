"""Subscribers, their consent, the send log and newsletter editions.

An address is kept only while it is subscribed: unsubscribing deletes it (and its send log), and
only the anonymous day counts in `SubscriptionCount` remain. See docs/newsletter.md.
"""

import secrets

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PreviewableMixin

from . import content
from .consent import CONSENT_TEXTS


def new_secret():
    return secrets.token_urlsafe(12)


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Confirmed and not paused: the addresses that get digests and editions."""
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def following_any(self, themes):
        """Subscribers of everything, or of at least one of `themes`."""
        return self.filter(models.Q(all_themes=True) | models.Q(themes__in=themes)).distinct()


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "wacht op bevestiging"
        CONFIRMED = "confirmed", "actief"
        PAUSED = "paused", "gepauzeerd"

    class ConsentMethod(models.TextChoices):
        FORM = "form", "aanmeldformulier op de website"
        IMPORT = "import", "geïmporteerd met bewijs van toestemming"

    email = models.EmailField("e-mailadres", unique=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    all_themes = models.BooleanField("alle thema's", default=False)
    themes = models.ManyToManyField(
        "themes.ThemePage", verbose_name="thema's", blank=True, related_name="+"
    )
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    created_at = models.DateTimeField("aangemeld op", default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField("bevestigd op", null=True, blank=True, editable=False)
    consent_version = models.CharField("versie toestemmingstekst", max_length=20, editable=False)
    consent_method = models.CharField(
        "toestemming via", max_length=10, choices=ConsentMethod.choices, editable=False
    )
    consent_note = models.CharField(
        "herkomst toestemming",
        max_length=255,
        blank=True,
        editable=False,
        help_text="Bij een import: waar en wanneer de toestemming is gegeven.",
    )
    failed_attempts = models.PositiveSmallIntegerField(
        "mislukte verzendpogingen op rij", default=0, editable=False
    )
    retry_after = models.DateTimeField("volgende poging na", null=True, blank=True, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = "abonnee"
        verbose_name_plural = "abonnees"
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def consent_text(self):
        return CONSENT_TEXTS.get(self.consent_version, "")

    @property
    def theme_summary(self):
        if self.all_themes:
            return "Alle thema's"
        return ", ".join(theme.title for theme in self.themes.all()) or "Geen thema's"

    theme_summary.fget.short_description = "volgt"

    def confirm(self):
        """Confirm a pending sign-up; returns False when it was confirmed already."""
        with transaction.atomic():
            updated = Subscriber.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
                status=self.Status.CONFIRMED, confirmed_at=timezone.now()
            )
            if updated:
                SubscriptionCount.add(SubscriptionCount.Event.CONFIRMED)
        self.refresh_from_db()
        return bool(updated)

    def unsubscribe(self):
        """Delete the address and everything about it; count the departure anonymously."""
        with transaction.atomic():
            event = (
                SubscriptionCount.Event.EXPIRED
                if self.status == self.Status.PENDING
                else SubscriptionCount.Event.UNSUBSCRIBED
            )
            deleted, _ = Subscriber.objects.filter(pk=self.pk).delete()
            if deleted:
                SubscriptionCount.add(event)


class SubscriptionCount(models.Model):
    """How many sign-ups, confirmations and departures there were on a day: no addresses."""

    class Event(models.TextChoices):
        SIGNED_UP = "signed_up", "aanmeldingen"
        CONFIRMED = "confirmed", "bevestigingen"
        UNSUBSCRIBED = "unsubscribed", "afmeldingen"
        EXPIRED = "expired", "onbevestigd verwijderd"

    date = models.DateField("datum")
    event = models.CharField("gebeurtenis", max_length=20, choices=Event.choices)
    count = models.PositiveIntegerField("aantal", default=0)

    class Meta:
        verbose_name = "aantal per dag"
        verbose_name_plural = "aantallen per dag"
        constraints = [
            models.UniqueConstraint(fields=["date", "event"], name="unique_count_per_day")
        ]

    def __str__(self):
        return f"{self.date}: {self.count} {self.get_event_display()}"

    @classmethod
    def add(cls, event, amount=1):
        today = timezone.localdate()
        with transaction.atomic():
            row, _ = cls.objects.select_for_update().get_or_create(date=today, event=event)
            cls.objects.filter(pk=row.pk).update(count=F("count") + amount)

    @classmethod
    def total_since(cls, event, date):
        return (
            cls.objects.filter(event=event, date__gte=date).aggregate(total=models.Sum("count"))[
                "total"
            ]
            or 0
        )


class Edition(PreviewableMixin, ClusterableModel):
    """A newsletter an editor composes: an intro and chosen pages, sent once to an audience."""

    class Status(models.TextChoices):
        DRAFT = "draft", "concept"
        QUEUED = "queued", "wordt verstuurd"
        SENT = "sent", "verstuurd"

    subject = models.CharField(
        "onderwerp", max_length=150, help_text="De onderwerpregel van de e-mail."
    )
    intro = RichTextField("inleiding", features=["bold", "italic", "link", "ol", "ul"], blank=True)
    all_subscribers = models.BooleanField(
        "aan alle abonnees",
        default=True,
        help_text="Uit: alleen aan abonnees van de gekozen thema's (en van alle thema's).",
    )
    themes = ParentalManyToManyField(
        "themes.ThemePage", verbose_name="thema's", blank=True, related_name="+"
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    created_at = models.DateTimeField("gemaakt op", auto_now_add=True)
    queued_at = models.DateTimeField("klaargezet op", null=True, blank=True, editable=False)
    queued_by = models.ForeignKey(
        "auth.User",
        verbose_name="verzonden door",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField("afgerond op", null=True, blank=True, editable=False)

    panels = [
        "subject",
        "intro",
        InlinePanel("items", label="Pagina", heading="Pagina's", min_num=1),
        FieldPanel("all_subscribers", heading="Ontvangers"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = "nieuwsbriefeditie"
        verbose_name_plural = "nieuwsbriefedities"
        ordering = ["-created_at"]
        permissions = [("send_edition", "Kan nieuwsbriefedities versturen")]

    def __str__(self):
        return self.subject

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def audience(self):
        subscribers = Subscriber.objects.receiving()
        if self.all_subscribers:
            return subscribers
        return subscribers.following_any(self.themes.all())

    def pages(self):
        """The chosen pages that are live and public, in the editor's order."""
        return [
            item.page.specific
            for item in self.items.select_related("page")
            if item.page.live and item.page.get_view_restrictions().count() == 0
        ]

    def queue(self, user):
        """Mark the edition for sending; False when it was queued or sent before."""
        return bool(
            Edition.objects.filter(pk=self.pk, status=self.Status.DRAFT).update(
                status=self.Status.QUEUED, queued_at=timezone.now(), queued_by=user
            )
        )

    def get_preview_template(self, request, mode_name):
        return "newsletter/email/edition.html"

    def get_preview_context(self, request, mode_name):
        return content.edition_context(self)


class EditionItem(Orderable):
    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="pagina", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]


class Delivery(models.Model):
    """One e-mail to one subscriber: a digest or an edition, and what it held (the send log).

    Written as SENDING before the e-mail goes out and marked SENT or FAILED after; see
    sending.py for how a crashed run is recovered without sending anything twice.
    """

    class Status(models.TextChoices):
        SENDING = "sending", "bezig"
        SENT = "sent", "verstuurd"
        FAILED = "failed", "mislukt"
        UNCERTAIN = "uncertain", "onzeker (verzending afgebroken)"

    DELIVERED = (Status.SENDING, Status.SENT, Status.UNCERTAIN)

    subscriber = models.ForeignKey(
        Subscriber, verbose_name="abonnee", on_delete=models.CASCADE, related_name="deliveries"
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name="editie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # its send log keeps its pages out of digests
        related_name="deliveries",
    )
    status = models.CharField("status", max_length=10, choices=Status.choices)
    created_at = models.DateTimeField("gestart op", default=timezone.now)
    sent_at = models.DateTimeField("verstuurd op", null=True, blank=True)
    error = models.CharField("foutmelding", max_length=255, blank=True)
    pages = models.ManyToManyField(
        "wagtailcore.Page", verbose_name="pagina's", related_name="+", blank=True
    )

    class Meta:
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"
        constraints = [
            # An edition reaches a subscriber once, whatever happens (failed tries are deleted).
            models.UniqueConstraint(
                fields=["subscriber", "edition"], name="one_delivery_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.subscriber} ({self.get_status_display()})"


class SendLock(models.Model):
    """Held by the one `send_newsletter` run that may send; taken over when it goes stale."""

    name = models.CharField(max_length=50, unique=True)
    holder = models.CharField(max_length=64)
    heartbeat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} ({self.holder})"
