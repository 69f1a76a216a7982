"""Admin views for newsletter editions (a snippet), wired up in wagtail_hooks.py.

An edition is sent once: only a draft can be edited, deleted or queued, and queueing is
`Edition.queue()` (a conditional update), so a double click or two editors at once cannot queue
it twice. The e-mails themselves are sent by the `send_newsletter` command, never by a request.
"""

import logging
import smtplib

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.views import snippets as snippet_views

from .. import emails
from ..models import Delivery, Edition

logger = logging.getLogger(__name__)

SEND_PERMISSION = "newsletter.send_edition"

NOT_A_DRAFT = (
    "Deze editie is al verstuurd of staat klaar om verstuurd te worden. Daarna kunt u haar niet "
    "meer wijzigen, verwijderen of opnieuw versturen. Wilt u iets rechtzetten? Maak dan een "
    "nieuwe editie."
)


def can_send(user):
    return user.has_perm(SEND_PERMISSION)


def edition_url(name, edition):
    """The URL of one of the edition viewset's views (`edit`, `inspect`, `send`, ...)."""
    return reverse(Edition.snippet_viewset.get_url_name(name), args=[quote(edition.pk)])


def edition_list_url():
    return reverse(Edition.snippet_viewset.get_url_name("list"))


def send_test(request, edition):
    """E-mail the saved edition to the editor who asks for it; report the outcome as a message."""
    address = request.user.email
    if not address:
        messages.error(
            request,
            "Er is geen test verstuurd: bij uw account staat geen e-mailadres. Vul uw "
            "e-mailadres in bij uw accountinstellingen en probeer het daarna opnieuw.",
        )
        return False
    pages = edition.pages()
    message = emails.edition_message(edition, None, pages, to=address)
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Test send of edition %s failed", edition.pk)
        messages.error(
            request,
            "De test kon niet worden verstuurd, omdat de mailserver een fout gaf. Probeer het "
            "over een paar minuten opnieuw. Blijft het misgaan, neem dan contact op met de "
            "technisch beheerder.",
        )
        return False
    messages.success(request, f"De editie is opgeslagen en als test verstuurd naar {address}.")
    if not pages:
        messages.warning(
            request,
            "Let op: geen van de gekozen pagina's is gepubliceerd en openbaar, dus de e-mail "
            "bevat alleen de inleiding.",
        )
    return True


class SendTestMenuItem(ActionMenuItem):
    """Save the form, then e-mail the edition to the logged-in editor."""

    name = "action-send-test"
    label = "Test naar mij versturen"
    icon_name = "mail"

    def is_shown(self, context):
        return (
            context["view"] == "edit" and context["instance"].is_draft and super().is_shown(context)
        )


class SendMenuItem(SendTestMenuItem):
    """Save the form, then go to the page that confirms sending to the subscribers."""

    name = "action-send"
    label = "Versturen…"
    icon_name = "resubmit"

    def is_shown(self, context):
        return super().is_shown(context) and can_send(context["request"].user)


class EditionNotDraft(Exception):
    """The edition was queued by someone else while this form was being saved."""


class EditionIndexView(snippet_views.IndexView):
    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if instance.is_draft else None

    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if instance.is_draft else None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_draft and can_send(self.request.user):
            buttons.append(
                MenuItem("Versturen…", edition_url("send", instance), "resubmit", priority=40)
            )
        return buttons


class EditionEditView(snippet_views.EditView):
    """Editing a draft; a queued or sent edition is shown in the inspect view instead."""

    def run_before_hook(self):
        if not self.object.is_draft:
            messages.error(self.request, NOT_A_DRAFT)
            return redirect(self.get_inspect_url())
        return super().run_before_hook()

    def get_available_actions(self):
        actions = list(super().get_available_actions())
        if self.request.method == "POST":
            actions.append("send-test")
            if can_send(self.request.user):
                actions.append("send")
        return actions

    def save_instance(self):
        # Runs inside form_valid's transaction. Saving writes every column, status included, so
        # make sure nobody queued the edition since this request loaded it.
        status = (
            Edition.objects.select_for_update()
            .filter(pk=self.object.pk)
            .values_list("status", flat=True)
            .first()
        )
        if status != Edition.Status.DRAFT:
            raise EditionNotDraft
        return super().save_instance()

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except EditionNotDraft:
            messages.error(self.request, NOT_A_DRAFT)
            return redirect(self.get_inspect_url())

    def send_test_action(self):
        send_test(self.request, self.object)
        return redirect(self.get_edit_url())

    def send_action(self):
        messages.success(self.request, "De editie is opgeslagen.")
        return redirect(edition_url("send", self.object))


class EditionInspectView(snippet_views.InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "-"
        return capfirst(value) if field_name == "status" else value

    def get_edit_url(self):
        return super().get_edit_url() if self.object.is_draft else None

    def get_delete_url(self):
        return super().get_delete_url() if self.object.is_draft else None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.is_draft and can_send(self.request.user):
            buttons.append(
                Button(
                    "Versturen…",
                    url=edition_url("send", self.object),
                    icon_name="resubmit",
                    priority=15,
                )
            )
        return buttons

    def get_fields_context(self):
        edition = self.object
        counts = edition.deliveries.aggregate(
            sent=Count("pk", filter=Q(status=Delivery.Status.SENT)),
            failed=Count("pk", filter=Q(status=Delivery.Status.FAILED)),
        )
        included = {page.pk for page in edition.pages()}
        chosen = [
            item.page.title
            if item.page_id in included
            else f"{item.page.title} (nu niet gepubliceerd of niet openbaar)"
            for item in edition.items.select_related("page")
        ]
        extra = [
            ("Ontvangers", audience_description(edition)),
            ("Gekozen pagina's", ", ".join(chosen) or "-"),
            ("E-mails verstuurd", counts["sent"]),
            ("E-mails mislukt", counts["failed"]),
        ]
        return [
            *super().get_fields_context(),
            *({"label": label, "value": value, "component": None} for label, value in extra),
        ]


def audience_description(edition):
    if edition.all_subscribers:
        return "Alle actieve abonnees"
    themes = ", ".join(theme.title for theme in edition.themes.all())
    if not themes:
        return "Alleen actieve abonnees die alle thema's volgen (er is geen thema gekozen)"
    return f"Actieve abonnees die alle thema's volgen of ten minste één van deze thema's: {themes}"


class EditionSendView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then queue the edition for the next `send_newsletter` run."""

    template_name = "newsletter/admin/edition_send.html"
    page_title = "Versturen"
    header_icon = "mail"
    http_method_names = ["get", "post"]

    def dispatch(self, request, pk):
        if not can_send(request.user):
            raise PermissionDenied
        self.edition = get_object_or_404(Edition, pk=pk)
        if not self.edition.is_draft:
            messages.error(request, NOT_A_DRAFT)
            return redirect(edition_url("inspect", self.edition))
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.edition)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": edition_list_url(), "label": capfirst(Edition._meta.verbose_name_plural)},
            {"url": edition_url("edit", self.edition), "label": str(self.edition)},
            {"url": "", "label": self.page_title, "sublabel": str(self.edition)},
        ]

    @cached_property
    def audience_count(self):
        return self.edition.audience().count()

    @cached_property
    def pages(self):
        return self.edition.pages()

    def left_out_pages(self):
        included = {page.pk for page in self.pages}
        return [item.page for item in self.edition.items.all() if item.page_id not in included]

    def problems(self):
        """Why the edition cannot be sent now (an empty list when it can)."""
        problems = []
        if not self.pages:
            problems.append(
                "Geen van de gekozen pagina's is gepubliceerd en openbaar, dus de e-mail zou "
                "alleen de inleiding bevatten. Publiceer de pagina's of kies andere."
            )
        if not self.audience_count:
            problems.append("Er zijn op dit moment geen actieve abonnees die deze editie krijgen.")
        return problems

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            edition=self.edition,
            audience_count=self.audience_count,
            audience=audience_description(self.edition),
            pages=self.pages,
            left_out_pages=self.left_out_pages(),
            problems=self.problems(),
            edit_url=edition_url("edit", self.edition),
            **kwargs,
        )

    def post(self, request, pk):
        if problems := self.problems():
            for problem in problems:
                messages.error(request, problem)
            return redirect(request.path)
        if not self.edition.queue(request.user):
            messages.error(request, NOT_A_DRAFT)
            return redirect(edition_url("inspect", self.edition))
        messages.success(
            request,
            f"“{self.edition}” staat klaar om verstuurd te worden. De editie gaat mee met de "
            f"volgende verzendronde van send_newsletter, naar de abonnees die dan actief zijn "
            f"(nu {self.audience_count}).",
        )
        return redirect(edition_list_url())
