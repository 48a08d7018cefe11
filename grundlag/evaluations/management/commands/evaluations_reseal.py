from django.core.management.base import BaseCommand

from grundlag.evaluations.responding.services import sealed_rows_reseal


class Command(BaseCommand):
    help = (
        "Seal every answer in progress and every sent answer of the open cycles again under the first key of "
        "EVALUATIONS_SEAL_KEYS, so that an older key can be dropped (a key's rotation)."
    )

    def handle(self, *args, **options):
        resealed = sealed_rows_reseal()
        self.stdout.write(f"Sealed {resealed} row(s) again under the first key.")
