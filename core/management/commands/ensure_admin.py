import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Make sure the local superuser 'admin' exists. Its password is ADMIN_PASSWORD when set, "
        "otherwise a generated one that is printed once, when the account is created. "
        "ADMIN_PASSWORD must pass the site's password validators."
    )

    def handle(self, *args, **options):
        user_model = get_user_model()
        password = os.environ.get("ADMIN_PASSWORD", "")
        user = user_model.objects.filter(username="admin").first()
        if password:
            self.check_password_strength(password, user or user_model(username="admin"))
        if user is not None:
            if password and not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write("Admin account 'admin': password set from ADMIN_PASSWORD.")
            else:
                self.stdout.write("Admin account 'admin' exists.")
            return
        generated = not password
        password = password or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(
            "admin", email="admin@localhost", password=password, first_name="Beheerder"
        )
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Created admin account 'admin' with password: {password}\n"
                    "This password is shown only once. Change it with "
                    "'python manage.py changepassword admin'."
                )
            )
        else:
            self.stdout.write(
                "Created admin account 'admin' with the password from ADMIN_PASSWORD."
            )

    def check_password_strength(self, password, user):
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(
                "ADMIN_PASSWORD is too weak: " + " ".join(error.messages) + " Nothing was changed."
            ) from error
