from django.core.management.base import BaseCommand

from grundlag.organisation.chain.services import chain_refresh
from grundlag.organisation.selectors import today


class Command(BaseCommand):
    help = (
        "Build today's leadership chain where it is out of date, so that the first page of the day does not "
        "wait for it (run daily, just after midnight)."
    )

    def handle(self, *args, **options):
        built = chain_refresh(today=today())
        self.stdout.write(
            "Built today's leadership chain." if built else "Today's leadership chain was built."
        )
