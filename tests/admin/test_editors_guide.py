"""The names docs/editors.md gives to tabs, buttons and menus are those of the real admin."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests import factories

GUIDE = Path(settings.BASE_DIR, "docs", "editors.md")


def visible_text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_page_editor_has_the_tabs_and_buttons_the_guide_names(client, editor, indexes, theme):
    page = factories.NewsItemPageFactory(parent=indexes["news"], themes=[theme])
    client.force_login(editor)
    text = visible_text(
        client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    )
    guide = " ".join(GUIDE.read_text().split())
    for name in (
        "Eigenschappen",
        "Overzichtsafbeelding",
        "Status",
        "Stel schema in",
        "Publiceer op",
        "Vervaldatum/tijd",
        "Schema opslaan",
        "Bewaar concept",
        "Stuur door naar",
    ):
        assert name in text, name
        assert name in guide, name
    assert "Promoten" not in guide


def test_admin_menu_has_the_entries_the_guide_names(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    labels = re.findall(r'"label": "([^"]+)"', html)
    guide = " ".join(GUIDE.read_text().split())
    for path in (
        ("Mensen", "Personen", "Organisaties"),
        ("Classificatie", "Sectoren", "Regio's"),
        ("Instellingen", "Site-instellingen"),
        ("Nieuwsbrief", "Edities"),
        ("Rapporten", "Populaire zoekopdrachten", "Zoekopdrachten zonder resultaat"),
        ("Synoniemen",),
        ("Uitgelichte zoekresultaten",),
    ):
        for label in path:
            assert label in labels, label
            assert label in guide, label
    assert "Regio'S" not in labels
