from django.core.management.base import BaseCommand

from grundlag.networks.advice.services import advice_requests_erase_expired


class Command(BaseCommand):
    help = (
        "Delete the requests for advice handled longer ago than their retention period "
        "(NETWORKS_ADVICE_RETENTION_DAYS, else 365 days) with their messages (run daily)."
    )

    def handle(self, *args, **options):
        deleted = advice_requests_erase_expired()
        self.stdout.write(f"Deleted {deleted} request(s) for advice past their retention period.")
