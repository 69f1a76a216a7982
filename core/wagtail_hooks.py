from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Person

# The admin URLs keep the `home` app label these models had before they moved to core, so that
# editors' bookmarks and links in old e-mails still work.


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
    search_fields = ["name", "role"]
    ordering = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    url_prefix = "snippets/home/organisation"
    url_namespace = "wagtailsnippets_home_organisation"
    chooser_base_url_path = "snippets/choose/home/organisation"
    chooser_admin_url_namespace = "wagtailsnippetchoosers_home_organisation"
    icon = "group"
    menu_label = "Organisaties"
    list_display = ["name", "website"]
    search_fields = ["name"]
    ordering = ["name"]


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, OrganisationViewSet)
    menu_icon = "group"
    menu_label = "Mensen"
    menu_name = "people"
    menu_order = 240


register_snippet(PeopleViewSetGroup)
