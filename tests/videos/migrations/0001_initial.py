"""The throwaway content type of the tests."""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.contrib.taggit
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('taxonomy', '0001_initial'),
        ('themes', '0003_sectors_and_regions_moved'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.CreateModel(
            name='VideoIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, max_length=500, verbose_name='inleiding')),
            ],
            options={
                'verbose_name': 'video-overzicht',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='VideoPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('publication_date', models.DateField(default=django.utils.timezone.localdate, verbose_name='publicatiedatum')),
                ('intro', models.TextField(help_text='Korte samenvatting in platte tekst; verschijnt in overzichten en zoekresultaten.', max_length=500, verbose_name='inleiding')),
                ('body', wagtail.fields.StreamField([('paragraph', 0), ('heading', 3), ('image', 7), ('quote', 10), ('document', 14), ('call_to_action', 20), ('embed', 21), ('key_figures', 27), ('contact_person', 30)], blank=True, block_lookup={0: ('wagtail.blocks.RichTextBlock', (), {'description': 'Lopende tekst met opmaak en links.', 'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul', 'h3', 'h4'], 'icon': 'pilcrow', 'label': 'Alinea', 'template': 'blocks/paragraph_block.html'}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'Tekst', 'max_length': 120}), 2: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Kop 2'), ('h3', 'Kop 3'), ('h4', 'Kop 4')], 'label': 'Niveau'}), 3: ('wagtail.blocks.StructBlock', [[('text', 1), ('level', 2)]], {}), 4: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Afbeelding'}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Beschrijf wat er op de afbeelding te zien is, voor wie hem niet kan zien.', 'label': 'Alternatieve tekst', 'max_length': 250}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'Onderschrift', 'max_length': 250, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('alt_text', 5), ('caption', 6)]], {}), 8: ('wagtail.blocks.TextBlock', (), {'label': 'Citaat'}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'Naam en functie', 'max_length': 200, 'required': False}), 10: ('wagtail.blocks.StructBlock', [[('text', 8), ('attribution', 9)]], {}), 11: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 12: ('wagtail.blocks.CharBlock', (), {'help_text': 'Laat leeg om de documenttitel te gebruiken.', 'label': 'Titel', 'required': False}), 13: ('wagtail.blocks.TextBlock', (), {'label': 'Omschrijving', 'required': False}), 14: ('wagtail.blocks.StructBlock', [[('document', 11), ('title', 12), ('description', 13)]], {}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'Titel', 'max_length': 120}), 16: ('wagtail.blocks.TextBlock', (), {'label': 'Tekst', 'required': False}), 17: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Pagina', 'required': False}), 18: ('wagtail.blocks.URLBlock', (), {'label': 'Of een externe link', 'required': False}), 19: ('wagtail.blocks.CharBlock', (), {'label': 'Knoptekst', 'max_length': 60}), 20: ('wagtail.blocks.StructBlock', [[('title', 15), ('text', 16), ('page', 17), ('url', 18), ('button_label', 19)]], {}), 21: ('wagtail.embeds.blocks.EmbedBlock', (), {'description': 'Een video of andere embed via een link (bijvoorbeeld YouTube of Vimeo).', 'icon': 'media', 'label': 'Video of embed', 'template': 'blocks/embed_block.html'}), 22: ('wagtail.blocks.CharBlock', (), {'label': 'Titel', 'max_length': 120, 'required': False}), 23: ('wagtail.blocks.CharBlock', (), {'label': 'Cijfer', 'max_length': 20}), 24: ('wagtail.blocks.CharBlock', (), {'label': 'Toelichting', 'max_length': 150}), 25: ('wagtail.blocks.StructBlock', [[('value', 23), ('label', 24)]], {}), 26: ('wagtail.blocks.ListBlock', (25,), {'label': 'Cijfers', 'max_num': 6, 'min_num': 1}), 27: ('wagtail.blocks.StructBlock', [[('title', 22), ('figures', 26)]], {}), 28: ('wagtail.snippets.blocks.SnippetChooserBlock', ('core.Person',), {'label': 'Persoon'}), 29: ('wagtail.blocks.CharBlock', (), {'label': 'Waarvoor contact opnemen', 'max_length': 200, 'required': False}), 30: ('wagtail.blocks.StructBlock', [[('person', 28), ('note', 29)]], {})}, verbose_name='inhoud')),
                ('source_url', models.CharField(blank=True, db_index=True, editable=False, help_text='Adres op de oude site; gebruikt bij importeren om dubbelingen te voorkomen.', max_length=500, verbose_name='bronadres')),
                ('import_checksum', models.CharField(blank=True, editable=False, max_length=64)),
                ('related_pages', wagtail.fields.StreamField([('page', 0)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Pagina'})}, verbose_name="gerelateerde pagina's")),
                ('length', models.CharField(blank=True, max_length=20, verbose_name='speelduur')),
                ('listing_image', models.ForeignKey(blank=True, help_text='Getoond in overzichten en bij delen op sociale media.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='overzichtsafbeelding')),
                ('regions', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.region', verbose_name="regio's")),
                ('sectors', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.sector', verbose_name='sectoren')),
                ('themes', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='themes.themepage', verbose_name="thema's")),
            ],
            options={
                'verbose_name': 'video',
                'verbose_name_plural': "video's",
            },
            bases=('wagtailcore.page',),
        ),
        migrations.CreateModel(
            name='VideoPageTag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='tagged_items', to='videos.videopage')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_%(class)s_items', to='taggit.tag')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='videopage',
            name='tags',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='videos.VideoPageTag', to='taggit.Tag', verbose_name='tags'),
        ),
    ]
