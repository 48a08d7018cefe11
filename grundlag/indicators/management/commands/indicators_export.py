from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grundlag.indicators.models import Indicator
from grundlag.indicators.selectors import indicators_export, indicators_export_mapping


class Command(BaseCommand):
    help = (
        "Write the stored indicators and observations to stdout: CSV in the long format (observations, units "
        "by key, the national figure as 'national') or JSON (the indicators' definitions too), which "
        "indicators_import reads back. --definitions FILE writes the mapping (YAML) the CSV is imported with."
    )

    def add_arguments(self, parser):
        parser.add_argument("--indicator", help="Only this indicator (its key).")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument(
            "--definitions",
            metavar="FILE",
            help="Also write the indicators' definitions to FILE: the mapping (YAML) to import the CSV with.",
        )

    def handle(self, *args, indicator, format, definitions, **options):
        if indicator and not Indicator.objects.filter(key=indicator).exists():
            raise CommandError(f"No indicator has the key {indicator}.")
        if definitions:
            try:
                Path(definitions).write_text(
                    indicators_export_mapping(indicator_key=indicator), encoding="utf-8"
                )
            except OSError as error:
                raise CommandError(f"{error.filename}: {error.strerror}") from None
        self.stdout.write(indicators_export(format=format, indicator_key=indicator), ending="")
