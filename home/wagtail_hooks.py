from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "Personen"
    list_display = ["name", "role", "organisation", "email"]
    list_filter = ["organisation"]
    search_fields = ["name", "role"]
    ordering = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
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
