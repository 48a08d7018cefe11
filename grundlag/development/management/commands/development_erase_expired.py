from django.core.management.base import BaseCommand

from grundlag.development.dialogues.services import dialogues_erase_expired


class Command(BaseCommand):
    help = (
        "Erase the development dialogues past their retention period (DEVELOPMENT_RETENTION_DAYS) with their "
        "data packs, ratings, agendas and notes (run daily)."
    )

    def handle(self, *args, **options):
        erased = dialogues_erase_expired()
        self.stdout.write(f"Erased {erased} development dialogue(s) past their retention period.")
