from django.core.management.base import BaseCommand

from grundlag.evaluations.reports.services import sections_rebuild_stale


class Command(BaseCommand):
    help = (
        "Sum the closed cycles' section figures again under today's anonymity thresholds (after a threshold "
        "changed; until then the organisation heatmap sums the atoms itself, which is slower)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Summed {sections_rebuild_stale()} cycle(s) again.")
