from django.core.management.base import BaseCommand

from grundlag.networks.events.services import event_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail everyone signed up for an event that starts within NETWORKS_REMINDER_DAYS days, once "
        "(run daily)."
    )

    def handle(self, *args, **options):
        sent = event_reminders_send()
        self.stdout.write(f"Sent {sent} event reminder(s).")
