import signal
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from newsletter.sending import LockHeld, LockLost, Run, StopRequested


class Command(BaseCommand):
    help = (
        "Send queued newsletter editions and each subscriber's digest of new pages on the themes "
        "they follow. Safe to run from cron at any frequency and to stop at any moment: a rerun "
        "never sends an item twice. See docs/newsletter.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show who would get what; send nothing and write nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=100,
            help="E-mails per connection to the mail server (default 100).",
        )

    def handle(self, *args, dry_run, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        verbose = options["verbosity"] > 0
        run = Run(
            dry_run=dry_run,
            batch_size=batch_size,
            report=(lambda line: self.stdout.write(line)) if verbose or dry_run else None,
            should_stop=lambda: self.stop_requested,
        )
        self.stop_requested = False
        try:
            with self.stop_on_signals():
                stats = run.run()
        except LockHeld:
            if verbose:
                self.stdout.write("Another send_newsletter run is busy; nothing to do.")
            return
        except StopRequested:
            raise CommandError(
                f"Stopped on request after {run.stats.sent} e-mails; run again to continue."
            ) from None
        except LockLost:
            raise CommandError("Another run took over the send lock; stopped.") from None
        except OSError as error:
            raise CommandError(f"Cannot reach the mail server: {error}") from None
        if dry_run:
            self.stdout.write(f"Dry run: {len(stats.plans)} e-mails would be sent.")
        elif verbose:
            self.stdout.write(
                self.style.SUCCESS(f"Done: {stats.sent} e-mails sent, {stats.failed} failed.")
            )

    @contextmanager
    def stop_on_signals(self):
        """Ctrl-C and SIGTERM finish the current e-mail, then stop the run cleanly."""

        def request_stop(signum, frame):
            self.stop_requested = True

        signals = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, request_stop) for sig in signals}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
