from django.core.management.base import BaseCommand

from grundlag.frameworks.services import builtin_frameworks_load


class Command(BaseCommand):
    help = "Load the built-in leadership foundations (safe to run again: unchanged ones are left alone)."

    def handle(self, *args, **options):
        for version, outcome in builtin_frameworks_load():
            self.stdout.write(f"{version.framework.slug} v{version.number}: {outcome}")
