from django import forms

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Person

# The admin URLs keep the `home` app label these models had before they moved to core, so that
# editors' bookmarks and links in old e-mails still work. The lists are searched through the
# models' own search fields: naming fields here makes the SQLite search backend query a column
# that does not exist.


class PersonViewSet(SnippetViewSet):
    model = Person
    url_prefix = "snippets/home/person"
    url_namespace = "wagtailsnippets_home_person"
    chooser_base_url_path = "snippets/choose/home/person"
    chooser_admin_url_namespace = "wagtailsnippetchoosers_home_person"
    icon = "user"
    menu_label = "Personen"
    list_display = ["name", "role", "organisation", "email"]
    list_filter = ["organisation"]
    ordering = ["name"]


class OrganisationCreationForm(forms.ModelForm):
    # Wagtail's own admin forms read an address without a scheme as https; so does this one.
    website = forms.URLField(label="Website", required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "website"]


class OrganisationChooserViewSet(SnippetChooserViewSet):
    """The organisation chooser, with a tab to add a missing organisation without leaving the
    page being edited (for users who may add organisations)."""

    creation_form_class = OrganisationCreationForm
    create_action_label = "Organisatie toevoegen"
    creation_tab_label = "Nieuwe organisatie"


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    url_prefix = "snippets/home/organisation"
    url_namespace = "wagtailsnippets_home_organisation"
    chooser_base_url_path = "snippets/choose/home/organisation"
    chooser_admin_url_namespace = "wagtailsnippetchoosers_home_organisation"
    chooser_viewset_class = OrganisationChooserViewSet
    icon = "group"
    menu_label = "Organisaties"
    list_display = ["name", "website"]
    ordering = ["name"]


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, OrganisationViewSet)
    menu_icon = "group"
    menu_label = "Mensen"
    menu_name = "people"
    menu_order = 240


register_snippet(PeopleViewSetGroup)
