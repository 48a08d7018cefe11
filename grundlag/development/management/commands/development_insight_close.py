from django.core.management.base import BaseCommand

from grundlag.development.insight.services import insight_years_close


class Command(BaseCommand):
    help = (
        "Count every year that has ended for the administrator's insight into leader development, once, and "
        'delete its sealed answers to "did it help?" (run daily; a year is counted once).'
    )

    def handle(self, *args, **options):
        years = insight_years_close()
        self.stdout.write(f"Counted {len(years)} year(s): {', '.join(map(str, years)) or 'none'}.")
