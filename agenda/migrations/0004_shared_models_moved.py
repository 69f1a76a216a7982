"""The models these pages point to moved to core and taxonomy (same tables): state only."""

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("events", "0003_initial"),
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="eventpage",
                    name="body",
                    field=wagtail.fields.StreamField(
                        [
                            ("paragraph", 0),
                            ("heading", 3),
                            ("image", 7),
                            ("quote", 10),
                            ("document", 14),
                            ("call_to_action", 20),
                            ("embed", 21),
                            ("key_figures", 27),
                            ("contact_person", 30),
                        ],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {
                                    "description": "Lopende tekst met opmaak en links.",
                                    "features": [
                                        "bold",
                                        "italic",
                                        "link",
                                        "document-link",
                                        "ol",
                                        "ul",
                                        "h3",
                                        "h4",
                                    ],
                                    "icon": "pilcrow",
                                    "label": "Alinea",
                                    "template": "blocks/paragraph_block.html",
                                },
                            ),
                            1: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Tekst", "max_length": 120},
                            ),
                            2: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {
                                    "choices": [("h2", "Kop 2"), ("h3", "Kop 3"), ("h4", "Kop 4")],
                                    "label": "Niveau",
                                },
                            ),
                            3: ("wagtail.blocks.StructBlock", [[("text", 1), ("level", 2)]], {}),
                            4: (
                                "wagtail.images.blocks.ImageChooserBlock",
                                (),
                                {"label": "Afbeelding"},
                            ),
                            5: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Beschrijf wat er op de afbeelding te zien is, voor wie hem niet kan zien.",
                                    "label": "Alternatieve tekst",
                                    "max_length": 250,
                                },
                            ),
                            6: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Onderschrift", "max_length": 250, "required": False},
                            ),
                            7: (
                                "wagtail.blocks.StructBlock",
                                [[("image", 4), ("alt_text", 5), ("caption", 6)]],
                                {},
                            ),
                            8: ("wagtail.blocks.TextBlock", (), {"label": "Citaat"}),
                            9: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Naam en functie", "max_length": 200, "required": False},
                            ),
                            10: (
                                "wagtail.blocks.StructBlock",
                                [[("text", 8), ("attribution", 9)]],
                                {},
                            ),
                            11: (
                                "wagtail.documents.blocks.DocumentChooserBlock",
                                (),
                                {"label": "Document"},
                            ),
                            12: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Laat leeg om de documenttitel te gebruiken.",
                                    "label": "Titel",
                                    "required": False,
                                },
                            ),
                            13: (
                                "wagtail.blocks.TextBlock",
                                (),
                                {"label": "Omschrijving", "required": False},
                            ),
                            14: (
                                "wagtail.blocks.StructBlock",
                                [[("document", 11), ("title", 12), ("description", 13)]],
                                {},
                            ),
                            15: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Titel", "max_length": 120},
                            ),
                            16: (
                                "wagtail.blocks.TextBlock",
                                (),
                                {"label": "Tekst", "required": False},
                            ),
                            17: (
                                "wagtail.blocks.PageChooserBlock",
                                (),
                                {"label": "Pagina", "required": False},
                            ),
                            18: (
                                "wagtail.blocks.URLBlock",
                                (),
                                {"label": "Of een externe link", "required": False},
                            ),
                            19: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Knoptekst", "max_length": 60},
                            ),
                            20: (
                                "wagtail.blocks.StructBlock",
                                [
                                    [
                                        ("title", 15),
                                        ("text", 16),
                                        ("page", 17),
                                        ("url", 18),
                                        ("button_label", 19),
                                    ]
                                ],
                                {},
                            ),
                            21: (
                                "wagtail.embeds.blocks.EmbedBlock",
                                (),
                                {
                                    "description": "Een video of andere embed via een link (bijvoorbeeld YouTube of Vimeo).",
                                    "icon": "media",
                                    "label": "Video of embed",
                                    "template": "blocks/embed_block.html",
                                },
                            ),
                            22: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Titel", "max_length": 120, "required": False},
                            ),
                            23: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Cijfer", "max_length": 20},
                            ),
                            24: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Toelichting", "max_length": 150},
                            ),
                            25: (
                                "wagtail.blocks.StructBlock",
                                [[("value", 23), ("label", 24)]],
                                {},
                            ),
                            26: (
                                "wagtail.blocks.ListBlock",
                                (25,),
                                {"label": "Cijfers", "max_num": 6, "min_num": 1},
                            ),
                            27: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 22), ("figures", 26)]],
                                {},
                            ),
                            28: (
                                "wagtail.snippets.blocks.SnippetChooserBlock",
                                ("core.Person",),
                                {"label": "Persoon"},
                            ),
                            29: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "label": "Waarvoor contact opnemen",
                                    "max_length": 200,
                                    "required": False,
                                },
                            ),
                            30: (
                                "wagtail.blocks.StructBlock",
                                [[("person", 28), ("note", 29)]],
                                {},
                            ),
                        },
                        verbose_name="inhoud",
                    ),
                ),
                migrations.AlterField(
                    model_name="eventpage",
                    name="organiser",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="core.organisation",
                        verbose_name="organisator",
                    ),
                ),
                migrations.AlterField(
                    model_name="eventpage",
                    name="regions",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="+", to="taxonomy.region", verbose_name="regio's"
                    ),
                ),
                migrations.AlterField(
                    model_name="eventpage",
                    name="sectors",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="+", to="taxonomy.sector", verbose_name="sectoren"
                    ),
                ),
                migrations.AlterField(
                    model_name="eventpage",
                    name="speakers",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="+", to="core.person", verbose_name="sprekers"
                    ),
                ),
            ],
        ),
    ]
