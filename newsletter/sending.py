"""Sending digests and editions so that a run can be killed at any moment and simply rerun.

For every e-mail the send log (`Delivery`) is written before it goes out (SENDING, with its
pages, committed) and marked SENT or FAILED right after. A page in a SENDING, SENT or UNCERTAIN
delivery is never sent to that subscriber again, and a page in no such delivery is still due, so:

- an error for one recipient (refused address, dropped connection) marks that delivery FAILED;
  its pages stay due and the subscriber is retried in a later run, after a growing pause;
- an interruption while the mail server has not yet confirmed an e-mail marks it FAILED too, and
  the next run sends it;
- Ctrl-C or SIGTERM (see the command) stops the run between two e-mails;
- only a hard kill (SIGKILL, power loss) between the mail server accepting an e-mail and the
  next database write can leave a delivery SENDING. The next run marks it UNCERTAIN and does not
  resend it: a subscriber may then miss those items, but never gets them twice.

One run at a time sends (`SendLock`, taken over when its holder stopped beating for
LOCK_STALE_AFTER), so cron may start runs as often as it likes.
"""

import datetime
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from wagtail.models import Page

from . import digests, emails
from .models import Delivery, Edition, SendLock, Subscriber

logger = logging.getLogger(__name__)

LOCK_NAME = "send_newsletter"
LOCK_STALE_AFTER = datetime.timedelta(minutes=10)
FIRST_RETRY_AFTER = datetime.timedelta(minutes=15)
MAX_RETRY_AFTER = datetime.timedelta(days=1)


class LockHeld(Exception):
    """Another run is sending."""


class LockLost(Exception):
    """This run's lock was taken over (it looked stale); stop without sending more."""


class StopRequested(Exception):
    """The operator asked the run to stop (Ctrl-C, SIGTERM)."""


@dataclass
class RunStats:
    sent: int = 0
    failed: int = 0
    recovered: int = 0
    plans: list = field(default_factory=list)  # dry run: (kind, email, [page titles])


class Lock:
    def __init__(self):
        self.holder = uuid.uuid4().hex

    def acquire(self) -> None:
        now = timezone.now()
        lock, created = SendLock.objects.get_or_create(
            name=LOCK_NAME, defaults={"holder": self.holder, "heartbeat_at": now}
        )
        if created:
            return
        taken = SendLock.objects.filter(pk=lock.pk, heartbeat_at__lt=now - LOCK_STALE_AFTER).update(
            holder=self.holder, heartbeat_at=now
        )
        if not taken:
            raise LockHeld

    def beat(self) -> None:
        if not SendLock.objects.filter(name=LOCK_NAME, holder=self.holder).update(
            heartbeat_at=timezone.now()
        ):
            raise LockLost

    def release(self) -> None:
        SendLock.objects.filter(name=LOCK_NAME, holder=self.holder).delete()


@contextmanager
def send_lock() -> Iterator[Lock]:
    lock = Lock()
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


def retry_pause(failed_attempts: int) -> datetime.timedelta:
    return min(FIRST_RETRY_AFTER * 2 ** (failed_attempts - 1), MAX_RETRY_AFTER)


class Run:
    """One pass: recover, queued editions, retries of failed edition e-mails, then digests.

    `should_stop` is called between e-mails; `report` gets progress lines (English, operators).
    """

    def __init__(self, *, dry_run=False, batch_size=100, report=None, should_stop=None):
        self.dry_run = dry_run
        self.batch_size = batch_size
        self.report = report or (lambda line: None)
        self.should_stop = should_stop or (lambda: False)
        self.stats = RunStats()
        self.lock = None

    def run(self) -> RunStats:
        if self.dry_run:
            self.send_everything()
            return self.stats
        with send_lock() as lock:
            self.lock = lock
            self.recover()
            self.send_everything()
        return self.stats

    def send_everything(self) -> None:
        for edition in Edition.objects.filter(status=Edition.Status.QUEUED).order_by("queued_at"):
            self.send_edition(edition)
        self.retry_failed_editions()
        self.send_digests()

    def recover(self) -> None:
        """Deliveries left SENDING by a killed run: their outcome is unknown, never resend."""
        count = Delivery.objects.filter(status=Delivery.Status.SENDING).update(
            status=Delivery.Status.UNCERTAIN,
            error="De verzending werd afgebroken; mogelijk is deze e-mail niet aangekomen.",
        )
        if count:
            logger.warning("%d deliveries of an interrupted run marked uncertain", count)
            self.report(f"Marked {count} deliveries of an interrupted run as uncertain.")
        self.stats.recovered = count

    # --- Editions --------------------------------------------------------------------------------

    def send_edition(self, edition: Edition) -> None:
        pages = edition.pages()
        recipients = edition.audience().exclude(deliveries__edition=edition).order_by("pk")
        total = recipients.count()
        self.report(f"Edition {edition.pk} “{edition}”: {total} recipients.")
        if self.dry_run:
            for subscriber in recipients.iterator():
                self.plan("edition", subscriber, pages)
            return
        self.send_in_batches(
            recipients, total, lambda subscriber: (pages, edition, None), f"edition {edition.pk}"
        )
        Edition.objects.filter(pk=edition.pk).update(
            status=Edition.Status.SENT, sent_at=timezone.now()
        )

    def retry_failed_editions(self) -> None:
        failed = (
            Delivery.objects.filter(
                status=Delivery.Status.FAILED,
                edition__isnull=False,
                subscriber__status=Subscriber.Status.CONFIRMED,
            )
            .filter(
                Q(subscriber__retry_after__isnull=True)
                | Q(subscriber__retry_after__lte=timezone.now())
            )
            .select_related("edition", "subscriber")
        )
        for delivery in failed:
            if self.dry_run:
                self.plan("edition retry", delivery.subscriber, delivery.edition.pages())
                continue
            self.check_stop()
            with self.connection() as connection:
                self.deliver(
                    connection, delivery.subscriber, delivery.edition.pages(), delivery.edition,
                    delivery,
                )  # fmt: skip

    # --- Digests ---------------------------------------------------------------------------------

    def send_digests(self) -> None:
        now = timezone.now()
        pages = digests.candidate_pages(now)
        if not pages:
            self.report("Digests: no new pages.")
            return
        subscribers = digests.due_subscribers(now).prefetch_related("themes")
        total = subscribers.count()
        self.report(f"Digests: {len(pages)} recent pages, {total} subscribers due.")

        def plan(subscriber, delivered):
            return digests.pages_for(subscriber, pages, delivered.get(subscriber.pk, set()))

        if self.dry_run:
            for batch in batches(subscribers, self.batch_size):
                delivered = digests.delivered_page_ids(batch, pages)
                for subscriber in batch:
                    if due := plan(subscriber, delivered):
                        self.plan("digest", subscriber, due)
            return
        self.send_in_batches(subscribers, total, None, "digests", plan=plan, pages=pages)

    # --- Shared ----------------------------------------------------------------------------------

    def send_in_batches(
        self,
        subscribers: QuerySet[Subscriber],
        total: int,
        what: Callable[[Subscriber], tuple[Sequence[Page], Edition, None]] | None,
        label: str,
        plan: Callable[[Subscriber, dict[int, set[int]]], list[Page]] | None = None,
        pages: Sequence[Page] | None = None,
    ) -> None:
        """Send to every subscriber, one connection per batch; `what` or `plan` gives the pages."""
        done = 0
        for batch in batches(subscribers, self.batch_size):
            delivered = digests.delivered_page_ids(batch, pages) if plan else None
            with self.connection() as connection:
                for subscriber in batch:
                    self.check_stop()
                    if plan:
                        due = plan(subscriber, delivered)
                        if due:
                            self.deliver(connection, subscriber, due)
                    else:
                        self.deliver(connection, subscriber, *what(subscriber))
                    done += 1
            self.report(
                f"{label}: {done}/{total} handled, {self.stats.sent} sent, "
                f"{self.stats.failed} failed."
            )

    @contextmanager
    def connection(self) -> Iterator[BaseEmailBackend]:
        connection = get_connection()
        connection.open()  # a mail server that cannot be reached stops the run here
        try:
            yield connection
        finally:
            connection.close()

    def check_stop(self) -> None:
        if self.should_stop():
            raise StopRequested
        if self.lock is not None:
            self.lock.beat()

    def deliver(
        self,
        connection: BaseEmailBackend,
        subscriber: Subscriber,
        pages: Sequence[Page],
        edition: Edition | None = None,
        delivery: Delivery | None = None,
    ) -> None:
        """Log, send and mark one e-mail; an error is recorded for this subscriber only."""
        if edition is not None:
            message = emails.edition_message(edition, subscriber, pages)
        else:
            message = emails.digest_message(subscriber, pages)
        try:
            with transaction.atomic():
                if delivery is None:
                    delivery = Delivery.objects.create(
                        subscriber=subscriber, edition=edition, status=Delivery.Status.SENDING
                    )
                elif not Delivery.objects.filter(
                    pk=delivery.pk, status=Delivery.Status.FAILED
                ).update(status=Delivery.Status.SENDING, error=""):
                    return  # handled meanwhile
                delivery.pages.set(pages)
        except IntegrityError:
            return  # this edition reached this subscriber already
        try:
            connection.send_messages([message])
        except Exception as error:  # noqa: BLE001 - any failure is this recipient's, logged
            self.failed(subscriber, delivery, error)
            connection.close()  # the next send opens a fresh connection
            return
        except BaseException as error:
            # Interrupted while talking to the mail server: it did not confirm the e-mail.
            self.failed(subscriber, delivery, error, recipient_problem=False)
            raise
        self.mark_sent(subscriber, delivery)

    def mark_sent(self, subscriber: Subscriber, delivery: Delivery) -> None:
        now = timezone.now()
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SENT, sent_at=now)
        if subscriber.failed_attempts:
            Subscriber.objects.filter(pk=subscriber.pk).update(failed_attempts=0, retry_after=None)
        self.stats.sent += 1

    def failed(
        self,
        subscriber: Subscriber,
        delivery: Delivery,
        error: BaseException,
        recipient_problem: bool = True,
    ) -> None:
        """Record a failed e-mail; a recipient's problem also pauses them (growing pauses)."""
        logger.warning("Sending to subscriber %s failed: %r", subscriber.pk, error)
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.FAILED, error=(str(error) or type(error).__name__)[:255]
        )
        if recipient_problem:
            attempts = subscriber.failed_attempts + 1
            Subscriber.objects.filter(pk=subscriber.pk).update(
                failed_attempts=attempts, retry_after=timezone.now() + retry_pause(attempts)
            )
            subscriber.failed_attempts = attempts
            self.stats.failed += 1

    def plan(self, kind: str, subscriber: Subscriber, pages: Iterable[Page]) -> None:
        titles = [page.title for page in pages]
        self.stats.plans.append((kind, subscriber.email, titles))
        self.report(f"{kind} to {subscriber.email}: {len(titles)} pages: " + "; ".join(titles))


def batches(queryset: QuerySet[Subscriber], size: int) -> Iterator[list[Subscriber]]:
    """The queryset in lists of `size`, by primary key (rows added meanwhile are picked up)."""
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:size])
        if not batch:
            return
        yield batch
        last_pk = batch[-1].pk
