from django.core.management.base import BaseCommand, CommandError

from grundlag.indicators.models import Indicator
from grundlag.indicators.selectors import indicators_export


class Command(BaseCommand):
    help = (
        "Write the stored indicators and observations to stdout: CSV in the long format (observations, units "
        "by key) or JSON (the indicators' definitions too), which indicators_import reads back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--indicator", help="Only this indicator (its key).")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, indicator, format, **options):
        if indicator and not Indicator.objects.filter(key=indicator).exists():
            raise CommandError(f"No indicator has the key {indicator}.")
        self.stdout.write(indicators_export(format=format, indicator_key=indicator), ending="")
