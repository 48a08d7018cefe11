from django.core.management.base import BaseCommand

from grundlag.evaluations.models import Cycle, Instrument
from grundlag.evaluations.reports.anonymity import current_thresholds
from grundlag.evaluations.reports.services import sections_build


class Command(BaseCommand):
    help = (
        "Sum the closed cycles' section figures again under today's anonymity thresholds (after a threshold "
        "changed; until then the organisation heatmap sums the atoms itself, which is slower)."
    )

    def handle(self, *args, **options):
        today = current_thresholds()
        stale = [
            c
            for c in Cycle.objects.filter(status=Cycle.Status.CLOSED, instrument=Instrument.LEADERSHIP_360)
            if c.aggregated_thresholds != today
        ]
        for cycle in stale:
            sections_build(cycle=cycle)
        self.stdout.write(f"Summed {len(stale)} cycle(s) again.")
