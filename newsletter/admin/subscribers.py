"""Admin views for newsletter subscribers (wagtail-modeladmin), wired up in wagtail_hooks.py.

Privacy: an address is kept only while it is subscribed. The admin therefore never adds
subscribers (there would be no consent), deletes them through `Subscriber.unsubscribe()` (so that
only the anonymous count remains) and writes no audit log entries about them, because Wagtail's
log stores the address as the entry's label and would keep it after the person unsubscribed.
"""

import datetime

from django import forms
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.utils import label_for_field, lookup_field
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import capfirst

from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.views import DeleteView, EditView, IndexView, InspectView, ModelFormView

from themes.models import ThemePage


class SubscriberPermissionHelper(PermissionHelper):
    """Nobody adds subscribers by hand: a typed-in address comes without the person's consent."""

    def user_can_create(self, user):
        return False


class SubscriberButtonHelper(ButtonHelper):
    """Plain Dutch labels; the address links to the details (consent), not to the edit form."""

    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        return {**button, "label": "Bekijken", "title": "Gegevens en toestemming bekijken"}

    def edit_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().edit_button(pk, classnames_add, classnames_exclude)
        return {**button, "label": "Thema's wijzigen", "title": "Thema's van deze abonnee wijzigen"}

    def delete_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().delete_button(pk, classnames_add, classnames_exclude)
        return {**button, "label": "Afmelden", "title": "Deze abonnee afmelden en verwijderen"}

    def get_primary_button(self, obj):
        if self.permission_helper.user_can_inspect_obj(self.request.user, obj):
            return self.inspect_button(obj.pk)
        return super().get_primary_button(obj)


class SubscriberThemeFilter(SimpleListFilter):
    """Who receives a theme: subscribers who chose it and those who follow every theme."""

    title = "thema"
    parameter_name = "thema"
    ALL = "alle"

    def lookups(self, request, model_admin):
        themes = ThemePage.objects.order_by("title").values_list("pk", "title")
        return [(self.ALL, "Volgt alle thema's"), *themes]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == self.ALL:
            return queryset.filter(all_themes=True)
        try:
            theme_id = int(value)
        except ValueError:
            return queryset.none()
        return queryset.following_any([theme_id])


class SubscriberForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        all_themes, themes = cleaned_data.get("all_themes"), cleaned_data.get("themes")
        if not all_themes and not themes:
            raise forms.ValidationError(
                "Kies 'alle thema's' of ten minste één thema. Wil de abonnee niets meer "
                "ontvangen? Meld het adres dan af met 'Verwijderen'."
            )
        if all_themes and themes:  # the same rule as the sign-up and preferences forms
            raise forms.ValidationError(
                "Kies 'alle thema's' of losse thema's, niet allebei: met 'alle thema's' "
                "krijgt de abonnee alles, ook over thema's die er later bij komen."
            )
        return cleaned_data


def local_iso(value):
    return timezone.localtime(value).isoformat(timespec="seconds")


class SubscriberIndexView(IndexView):
    """The list, plus a spreadsheet export with readable headings, labels and local times."""

    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_CSV: local_iso,
            IndexView.FORMAT_XLSX: timezone.make_naive,
        },
    }

    def get_heading(self, queryset, field):
        return capfirst(str(label_for_field(field, model=self.model, model_admin=self.model_admin)))

    def to_row_dict(self, item):
        # modeladmin writes "-" for every falsy value (0 attempts too) and raw choice codes.
        row = {}
        for name in self.list_export:
            field, _attr, value = lookup_field(name, item, self.model_admin)
            if field is not None and field.flatchoices:
                value = dict(field.flatchoices).get(value, value)
            row[name] = "" if value is None else value
        return row


class SubscriberInspectView(InspectView):
    def get_page_title(self):
        return "Abonnee"

    def get_context_data(self, **kwargs):
        deliveries = self.instance.deliveries.select_related("edition").order_by("-created_at")
        return super().get_context_data(
            deliveries=deliveries[:10],
            delivery_count=self.instance.deliveries.count(),
            **kwargs,
        )


class SubscriberEditView(EditView):
    def get_page_title(self):
        return "Thema's wijzigen"

    def form_valid(self, form):
        # EditView.form_valid would add an audit log entry labelled with the address.
        return ModelFormView.form_valid(self, form)

    def get_success_message(self, instance):
        return f"De thema's van {instance} zijn opgeslagen."


class SubscriberDeleteView(DeleteView):
    def get_page_title(self):
        return "Afmelden en verwijderen"

    def confirmation_message(self):
        return (
            "Weet u zeker dat u dit adres wilt afmelden? Het e-mailadres, de gekozen thema's, "
            "het bewijs van toestemming en de verzendgegevens worden dan direct en definitief "
            "verwijderd; alleen het aantal afmeldingen per dag wordt bewaard, zonder adres. "
            "De abonnee krijgt hiervan geen bericht."
        )

    def post(self, request, *args, **kwargs):
        email = self.instance.email
        # unsubscribe() counts the departure anonymously; no audit log entry (it would keep the
        # address).
        self.instance.unsubscribe()
        messages.success(request, f"{email} is afgemeld en verwijderd.")
        return redirect(self.index_url)
