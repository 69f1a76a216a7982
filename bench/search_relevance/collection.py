"""Load the relevance collection into the site, and score search results against it."""

import json
import math
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from importer.demo.pdfs import publication_pdf
from importer.importer import ContentImporter
from importer.site import ensure_site_structure
from search.models import SynonymGroup

FOLDER = Path(__file__).resolve().parent
# The collections: the development one (this folder); a second one to develop on, written and
# judged without the ranking code in view; and one held out, made the same way, which no
# constant is ever tuned on.
COLLECTIONS = {
    "development": FOLDER,
    "dev2": FOLDER.parent / "search_dev2",
    "heldout": FOLDER.parent / "search_heldout",
}


def read_jsonl(name, folder=FOLDER):
    with (folder / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_collection(pdf_folder, folder=FOLDER):
    """Import the corpus (with generated PDFs) and the collection's synonyms, then build the
    index. A collection without a synonyms.json is searched with the synonyms the site ships.

    The pages are not indexed one by one as they are imported: `update_index` rebuilds the
    vocabulary and the whole index from them afterwards, which gives the same index in a
    fraction of the time.
    """
    ensure_site_structure()
    synonyms = folder / "synonyms.json"
    if synonyms.exists():
        SynonymGroup.objects.all().delete()
        groups = json.loads(synonyms.read_text(encoding="utf-8"))
        SynonymGroup.objects.bulk_create(SynonymGroup(terms=", ".join(group)) for group in groups)
    with override_settings(WAGTAILSEARCH_BACKENDS=_without_auto_update()):
        _import_corpus(pdf_folder, folder)
    call_command("update_index", verbosity=0)


def _without_auto_update():
    backends = settings.WAGTAILSEARCH_BACKENDS
    return {name: {**params, "AUTO_UPDATE": False} for name, params in backends.items()}


def _import_corpus(pdf_folder, folder):
    importer = ContentImporter(base_dir=pdf_folder)
    for record in read_jsonl("corpus.jsonl", folder):
        for document in record.get("documents", []):
            pdf_only_text = document.pop("text", "")
            (Path(pdf_folder) / document["file"]).write_bytes(
                publication_pdf(
                    title=document.get("title") or record["title"],
                    authors=record.get("authors", []),
                    intro=record["intro"],
                    body_html=record.get("body", "") + f"<p>{pdf_only_text}</p>",
                )
            )
        with transaction.atomic():
            importer.import_record(record)


def ndcg_at(ranked, judgments, k=10):
    gains = [2 ** judgments.get(source, 0) - 1 for source in ranked[:k]]
    dcg = sum(gain / math.log2(position + 2) for position, gain in enumerate(gains))
    ideal = sorted((2**grade - 1 for grade in judgments.values()), reverse=True)[:k]
    idcg = sum(gain / math.log2(position + 2) for position, gain in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranked, judgments):
    for position, source in enumerate(ranked, start=1):
        if judgments.get(source, 0) > 0:
            return 1 / position
    return 0.0
