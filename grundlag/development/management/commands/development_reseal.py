from django.core.management.base import BaseCommand

from grundlag.development.insight.services import impact_answers_reseal


class Command(BaseCommand):
    help = (
        'Seal every answer to "did the dialogue and the plan develop you?" again under the first key of '
        "EVALUATIONS_SEAL_KEYS, so that an older key can be dropped (run with evaluations_reseal)."
    )

    def handle(self, *args, **options):
        resealed = impact_answers_reseal()
        self.stdout.write(f"Sealed {resealed} answer(s) again under the first key.")
