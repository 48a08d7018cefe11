from django.core.management.base import BaseCommand

from grundlag.evaluations.cycles.services import cycles_close_due


class Command(BaseCommand):
    help = "Close the evaluation cycles whose deadline has passed, so their reports open (run daily)."

    def handle(self, *args, **options):
        closed = cycles_close_due()
        self.stdout.write(f"Closed {len(closed)} cycle(s).")
