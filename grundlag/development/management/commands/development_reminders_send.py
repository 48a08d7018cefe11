from django.core.management.base import BaseCommand

from grundlag.development.dialogues.services import follow_up_reminders_send
from grundlag.development.plans.services import action_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the parties of each development dialogue's follow-up a week before its date and once when it "
        "has passed without being recorded, and the people of a development plan a week before an action's "
        "date (run daily)."
    )

    def handle(self, *args, **options):
        sent = follow_up_reminders_send()
        self.stdout.write(f"Sent {sent} follow-up reminder(s).")
        actions = action_reminders_send()
        self.stdout.write(f"Sent {actions} action reminder(s).")
