"""Publishing imported pages, new ones many at a time, with what Wagtail's own publish leaves.

Wagtail's editor creates a page as a draft (`add_child`), saves a revision (a second save) and
publishes it, which rebuilds the page from the revision and saves it a third time, validating it
and rewriting its themes, sectors, regions and tags each time: about 40 queries for one page.
Most of that work reconciles state a new page cannot have yet: earlier revisions, a publication
schedule, a workflow, comments, aliases. New imported pages are therefore validated by the
importer and then written together, already live (importer/tree.py), each with its revision; they
end as Wagtail's publish leaves a page (live, `live_revision` = `latest_revision`, no unpublished
changes, first and last published now, url_path, "created" and "published" in its history), and
`page_published` is sent for each as usual. An existing page is published through Wagtail's own
`save_revision().publish()`, which knows how to treat its drafts, schedule and workflow.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from core import content_version

from . import tree


def publish_new_pages(new_pages: list[tuple[Page, Page]]) -> None:
    """Add each validated (parent, page) below its parent, published; call inside a transaction."""
    now = timezone.now()
    pages = [page for _, page in new_pages]
    for page in pages:
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now
        page.draft_title = page.title
    children = {}
    for parent, page in new_pages:
        children.setdefault(parent, []).append(page)
    for parent, its_pages in children.items():
        tree.append_children(parent, its_pages)
    for model in dict.fromkeys(type(page) for page in pages):
        tree.insert_pages([page for page in pages if type(page) is model])
    revisions = Revision.objects.bulk_create(
        Revision(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
            created_at=now,
        )
        for page in pages
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    _point_at_their_revisions(pages)
    PageLogEntry.objects.bulk_create(
        [
            *_log_entries(pages, "wagtail.create", now),
            *_log_entries(pages, "wagtail.publish", timezone.now()),  # after "created"
        ]
    )
    content_version.bump()  # what saving the pages would have done
    for page in pages:
        page_published.send(sender=type(page), instance=page, revision=page.live_revision)


def _point_at_their_revisions(pages):
    """Set each new page's latest and live revision to its revision (the newest of its id), in
    one statement (an update per page, or Django's `bulk_update`, cost more than writing the
    pages)."""
    revision = (
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), CharField()),
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        latest_revision=Subquery(revision), live_revision=Subquery(revision)
    )


def publish_changes(page: Page) -> Revision:
    """Save `page`'s changed fields as a new revision and publish it, as an editor would."""
    revision = page.save_revision()
    revision.publish()
    return revision


def _log_entries(pages, action, timestamp):
    """The entries Wagtail's `log()` writes for `action` on each page, outside a request: by
    no one, without data; "published" with the revision published."""
    return [
        PageLogEntry(
            page=page,
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            label=PageLogEntry.objects.get_instance_title(page),
            action=action,
            timestamp=timestamp,
            data={},
            revision=page.live_revision if action == "wagtail.publish" else None,
            content_changed=True,
        )
        for page in pages
    ]
