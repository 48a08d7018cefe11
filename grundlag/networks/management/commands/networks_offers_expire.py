from django.core.management.base import BaseCommand

from grundlag.networks.events.services import offers_expire


class Command(BaseCommand):
    help = (
        "Pass every offered place whose offer has expired on to the next on the event's waiting list "
        "(run every quarter of an hour)."
    )

    def handle(self, *args, **options):
        expired = offers_expire()
        self.stdout.write(f"{expired} offer(s) expired and passed on.")
