import json

from django.core.management.base import BaseCommand, CommandError

from newsletter.models import Subscriber


class Command(BaseCommand):
    help = (
        "Privacy (AVG) requests: `export EMAIL` prints everything stored about a subscriber as "
        "JSON; `delete EMAIL` deletes the address and its send log."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "delete"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        subscriber = Subscriber.objects.filter(email__iexact=email.strip()).first()
        if subscriber is None:
            raise CommandError(f"No subscriber with the address {email!r}.")
        if action == "export":
            self.stdout.write(json.dumps(export(subscriber), ensure_ascii=False, indent=2))
        else:
            subscriber.unsubscribe()
            self.stdout.write(f"Deleted {subscriber.email} and its send log.")


def export(subscriber):
    return {
        "email": subscriber.email,
        "status": subscriber.get_status_display(),
        "themes": "all" if subscriber.all_themes else [t.title for t in subscriber.themes.all()],
        "signed_up_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "consent": {
            "version": subscriber.consent_version,
            "text": subscriber.consent_text,
            "method": subscriber.get_consent_method_display(),
            "source": subscriber.consent_note,
        },
        "deliveries": [
            {
                "at": delivery.created_at.isoformat(),
                "kind": f"edition: {delivery.edition}" if delivery.edition else "digest",
                "status": delivery.get_status_display(),
                "pages": [page.title for page in delivery.pages.all()],
            }
            for delivery in subscriber.deliveries.select_related("edition").order_by("created_at")
        ],
    }
