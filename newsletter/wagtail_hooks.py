"""Admin wiring for the newsletter: one "Nieuwsbrief" menu item with editions and subscribers.

- Editions are a snippet (`EditionViewSet`), for Wagtail's live preview of the e-mail, with two
  actions in the edit form's action menu: "Test naar mij versturen" and "Versturen…" (a
  confirmation page that queues the edition for the `send_newsletter` command).
- Subscribers use wagtail-modeladmin (`SubscriberAdmin`) for its filters and spreadsheet export.
- Both sit in one submenu: the snippet group's `submenu_hook` collects the subscribers' menu item,
  which modeladmin would otherwise put in the main menu on its own.
- A dashboard panel shows the subscriber counts.

The views and their rules are in the admin/ package: privacy in admin/subscribers.py, sending
once in admin/editions.py.
"""

from django import forms
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.options import ModelAdmin

from .admin.dashboard import NewsletterSummaryPanel
from .admin.editions import (
    NOT_A_DRAFT,
    EditionEditView,
    EditionIndexView,
    EditionInspectView,
    EditionSendView,
    SendMenuItem,
    SendTestMenuItem,
    edition_list_url,
)
from .admin.subscribers import (
    SubscriberButtonHelper,
    SubscriberDeleteView,
    SubscriberEditView,
    SubscriberForm,
    SubscriberIndexView,
    SubscriberInspectView,
    SubscriberPermissionHelper,
    SubscriberThemeFilter,
)
from .models import Delivery, Edition, Subscriber

NEWSLETTER_MENU_HOOK = "register_newsletter_menu_item"


# --- Subscribers ---------------------------------------------------------------------------------


class SubscriberAdmin(ModelAdmin):
    model = Subscriber
    menu_label = "Abonnees"
    menu_icon = "user"
    menu_item_name = "newsletter-subscribers"
    menu_order = 2
    add_to_admin_menu = False  # in the "Nieuwsbrief" submenu, see register_subscriber_menu_item
    list_display = (
        "email",
        "status",
        "theme_summary",
        "created_at",
        "confirmed_at",
        "failed_attempts",
    )
    list_filter = ("status", SubscriberThemeFilter)
    search_fields = ("email",)
    list_per_page = 50
    list_export = (
        "email",
        "status",
        "theme_summary",
        "created_at",
        "confirmed_at",
        "consent_version",
        "consent_method",
        "consent_note",
        "failed_attempts",
    )
    inspect_view_enabled = True
    history_view_enabled = False  # no audit log about addresses, see admin/subscribers.py
    permission_helper_class = SubscriberPermissionHelper
    button_helper_class = SubscriberButtonHelper
    index_view_class = SubscriberIndexView
    inspect_view_class = SubscriberInspectView
    edit_view_class = SubscriberEditView
    delete_view_class = SubscriberDeleteView
    inspect_template_name = "newsletter/admin/subscriber_inspect.html"
    edit_handler = ObjectList(
        [FieldPanel("all_themes"), FieldPanel("themes", widget=forms.CheckboxSelectMultiple)],
        base_form_class=SubscriberForm,
    )

    @property
    def export_filename(self):
        return f"nieuwsbrief-abonnees-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")


subscriber_admin = SubscriberAdmin()
subscriber_admin.register_with_wagtail()


@hooks.register(NEWSLETTER_MENU_HOOK)
def register_subscriber_menu_item():
    return subscriber_admin.get_menu_item()


# --- Editions ------------------------------------------------------------------------------------


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "mail"
    menu_label = "Edities"
    menu_name = "newsletter-editions"
    menu_order = 1
    list_display = [
        "subject",
        StatusTagColumn(
            "status",
            label="Status",
            accessor="get_status_display",
            sort_key="status",
            primary=lambda edition: edition.is_draft,
        ),
        DateColumn("created_at", label="Gemaakt", sort_key="created_at"),
        DateColumn("queued_at", label="Verzonden", sort_key="queued_at"),
        DateColumn("sent_at", label="Afgerond", sort_key="sent_at"),
        Column("sent_count", label="E-mails verstuurd", sort_key="sent_count"),
        Column("failed_count", label="E-mails mislukt", sort_key="failed_count"),
    ]
    list_filter = ["status"]
    search_fields = ["subject"]
    ordering = "-created_at"
    inspect_view_enabled = True
    inspect_view_fields = ["subject", "status", "created_at", "queued_at", "queued_by", "sent_at"]
    # Copying would prefill the page inlines with the original's rows; not needed for now.
    copy_view_enabled = False
    index_view_class = EditionIndexView
    edit_view_class = EditionEditView
    inspect_view_class = EditionInspectView
    send_view_class = EditionSendView

    def get_queryset(self, request):
        return Edition.objects.annotate(
            sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
            failed_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
        )

    @property
    def send_view(self):
        return self.construct_view(self.send_view_class)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(f"send/<{self.pk_path_converter}:pk>/", self.send_view, name="send"),
        ]


class NewsletterViewSetGroup(SnippetViewSetGroup):
    items = (EditionViewSet,)
    menu_label = "Nieuwsbrief"
    menu_icon = "mail"
    menu_name = "newsletter"
    menu_order = 270
    submenu_hook = NEWSLETTER_MENU_HOOK


register_snippet(NewsletterViewSetGroup)


@hooks.register("register_snippet_action_menu_item")
def register_send_test_menu_item(model):
    if issubclass(model, Edition):
        return SendTestMenuItem(order=10)


@hooks.register("register_snippet_action_menu_item")
def register_send_menu_item(model):
    if issubclass(model, Edition):
        return SendMenuItem(order=20)


@hooks.register("before_delete_snippet")
def keep_sent_editions(request, instances):
    """A queued or sent edition stays: its send log keeps its pages out of later digests."""
    if any(isinstance(instance, Edition) and not instance.is_draft for instance in instances):
        messages.error(request, NOT_A_DRAFT)
        return redirect(edition_list_url())
    return None


# --- Dashboard -----------------------------------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_newsletter_summary_panel(request, panels):
    if subscriber_admin.permission_helper.user_can_list(request.user):
        panels.append(NewsletterSummaryPanel(subscriber_admin.url_helper.index_url))
