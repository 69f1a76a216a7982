"""Creating an imported page as published, with what Wagtail's own create-and-publish leaves.

Wagtail's editor creates a page as a draft (`add_child`), saves a revision (a second save) and
publishes it, which rebuilds the page from the revision and saves it a third time, validating it
and rewriting its themes, sectors, regions and tags each time. Most of that work reconciles state
a new page cannot have yet: earlier revisions, a publication schedule, a workflow, comments,
aliases. A new imported page is therefore saved once, already live, and given its revision; it
ends as Wagtail's publish leaves it (live, `live_revision` = `latest_revision`, no unpublished
changes, first and last published now, url_path, "created" and "published" in its history),
and `page_published` is sent as usual. An existing page is published through Wagtail's own
`save_revision().publish()`, which knows how to treat its drafts, schedule and workflow.
"""

from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.signals import page_published


def publish_new_page(parent: Page, page: Page) -> Revision:
    """Add `page` under `parent`, published; raises ValidationError as `Page.save()` does."""
    now = timezone.now()
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = now
    page.draft_title = page.title
    parent.add_child(instance=page)  # validates the page as live and logs "wagtail.create"
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    # Only these three fields change, so no second full save (validation, relations, signals).
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision,
        live_revision=revision,
        latest_revision_created_at=revision.created_at,
    )
    log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    return revision


def publish_changes(page: Page) -> Revision:
    """Save `page`'s changed fields as a new revision and publish it, as an editor would."""
    revision = page.save_revision()
    revision.publish()
    return revision
