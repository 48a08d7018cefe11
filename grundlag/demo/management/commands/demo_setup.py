import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from grundlag.demo.services import DemoError, demo_create


class Command(BaseCommand):
    help = (
        "Load the built-in frameworks, import the fictional municipality and create demo logins "
        "(development only)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo is for development: run it with DEBUG=true.")
        try:
            demo = demo_create(report=self.stdout.write)
        except DemoError as error:
            raise CommandError(str(error)) from error
        lines = "".join(
            f"  {role:60} username {username:18} password {password}\n"
            for username, password, role in demo.logins
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"\nGrundlag is starting at http://{os.environ.get('GRUNDLAG_ADDRESS', '127.0.0.1:8000')}/\n"
                f"Demo logins:\n{lines}"
                "(new passwords are made each time the demo starts)\n"
                + (
                    f"Answer the open evaluation as the teacher (no login needed):\n  {demo.answer_link}\n"
                    if demo.answer_link
                    else ""
                )
            )
        )
