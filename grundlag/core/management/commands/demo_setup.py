import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from grundlag.frameworks.services import builtin_frameworks_load

DEMO_ADMIN = "demo-admin"


class Command(BaseCommand):
    help = "Load the built-in frameworks and create the demo administrator (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo is for development: run it with DEBUG=true.")
        for version, outcome in builtin_frameworks_load():
            self.stdout.write(f"  {version.framework.slug} v{version.number}: {outcome}")
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_ADMIN, defaults={"first_name": "Demo", "last_name": "Administrator"}
        )
        user.is_staff = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                "\nGrundlag is starting at http://127.0.0.1:8000/\n"
                f"Demo administrator: username {DEMO_ADMIN}  password {password}\n"
                "(a new password is made each time the demo starts)\n"
            )
        )
