"""The document chooser and the document list speak Dutch, down to their column names."""

from django.urls import reverse

from wagtail.models import Collection

from tests import factories


def test_document_chooser_and_list_name_the_file_column_in_dutch(client, editor):
    factories.DocumentFactory(
        title="Spreidingsplan regio Noord", collection=Collection.get_first_root_node()
    )
    client.force_login(editor)
    chooser = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    listing = client.get(reverse("wagtaildocs:index")).content.decode()
    for html in (chooser, listing):
        assert "Spreidingsplan regio Noord" in html
        assert ">Bestand<" in "".join(html.split())
        assert ">File<" not in "".join(html.split())
