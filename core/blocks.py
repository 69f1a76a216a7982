"""The one set of content blocks that every page body is built from."""

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tekst", max_length=120)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Kop 2"), ("h3", "Kop 3"), ("h4", "Kop 4")],
        default="h2",
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = "Tussenkop"
        template = "blocks/heading_block.html"
        description = "Een tussenkop die de tekst structureert."
        preview_value = {"text": "Wat betekent krimp voor uw bestuur?", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Afbeelding")
    alt_text = blocks.CharBlock(
        label="Alternatieve tekst",
        max_length=250,
        help_text="Beschrijf wat er op de afbeelding te zien is, voor wie hem niet kan zien.",
    )
    caption = blocks.CharBlock(label="Onderschrift", required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "Afbeelding"
        template = "blocks/image_block.html"
        description = "Een afbeelding met verplichte alternatieve tekst en een onderschrift."


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citaat")
    attribution = blocks.CharBlock(label="Naam en functie", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Citaat"
        template = "blocks/quote_block.html"
        description = "Een uitspraak van een persoon, met naam en functie."
        preview_value = {
            "text": "Samen plannen kost tijd, maar het voorkomt dat we elkaar leerlingen afpakken.",
            "attribution": "Bestuurder, stichting voor primair onderwijs",
        }


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Document")
    title = blocks.CharBlock(
        label="Titel", required=False, help_text="Laat leeg om de documenttitel te gebruiken."
    )
    description = blocks.TextBlock(label="Omschrijving", required=False)

    class Meta:
        icon = "doc-full"
        label = "Download"
        template = "blocks/document_block.html"
        description = "Een document om te downloaden, met type en grootte."


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titel", max_length=120)
    text = blocks.TextBlock(label="Tekst", required=False)
    page = blocks.PageChooserBlock(label="Pagina", required=False)
    url = blocks.URLBlock(label="Of een externe link", required=False)
    button_label = blocks.CharBlock(label="Knoptekst", max_length=60)

    class Meta:
        icon = "pick"
        label = "Oproep tot actie"
        template = "blocks/call_to_action_block.html"
        description = "Een opvallend blok dat naar een pagina of externe link verwijst."
        preview_value = {
            "title": "Meld u aan voor de nieuwsbrief",
            "text": "Ontvang nieuwe publicaties over uw thema's.",
            "url": "https://www.example.nl",
            "button_label": "Aanmelden",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Kies een pagina óf vul een externe link in.")}
            )
        return value


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label="Cijfer", max_length=20)
    label = blocks.CharBlock(label="Toelichting", max_length=150)


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titel", required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label="Cijfers", min_num=1, max_num=6)

    class Meta:
        icon = "table"
        label = "Kerncijfers"
        template = "blocks/key_figures_block.html"
        description = "Een paar opvallende cijfers met korte toelichting."
        preview_value = {
            "title": "In cijfers",
            "figures": [
                {"value": "-12%", "label": "leerlingen in de regio tot 2030"},
                {"value": "14", "label": "besturen werken samen"},
            ],
        }


class ContactPersonBlock(blocks.StructBlock):
    person = SnippetChooserBlock("core.Person", label="Persoon")
    note = blocks.CharBlock(label="Waarvoor contact opnemen", required=False, max_length=200)

    class Meta:
        icon = "user"
        label = "Contactpersoon"
        template = "blocks/contact_person_block.html"
        description = "Een contactpersoon met functie, e-mailadres en telefoonnummer."


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="Alinea",
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description="Lopende tekst met opmaak en links.",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentDownloadBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(
        label="Video of embed",
        icon="media",
        template="blocks/embed_block.html",
        description="Een video of andere embed via een link (bijvoorbeeld YouTube of Vimeo).",
    )
    key_figures = KeyFiguresBlock()
    contact_person = ContactPersonBlock()
