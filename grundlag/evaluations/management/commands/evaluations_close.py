from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from grundlag.evaluations.cycles.services import cycle_close
from grundlag.evaluations.models import Cycle


class Command(BaseCommand):
    help = (
        "Close one launched evaluation cycle now. With --discard-unreadable, sent answers sealed under a key "
        "the settings no longer hold are given up and the cycle closes without them (a key lost for good)."
    )

    def add_arguments(self, parser):
        parser.add_argument("cycle_id", type=int)
        parser.add_argument("--discard-unreadable", action="store_true")

    def handle(self, *args, cycle_id: int, discard_unreadable: bool, **options):
        cycle = Cycle.objects.filter(pk=cycle_id).first()
        if cycle is None:
            raise CommandError(f"No evaluation cycle has the id {cycle_id}.")
        try:
            cycle_close(cycle=cycle, by=None, discard_unreadable=discard_unreadable)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Closed {cycle}.")
