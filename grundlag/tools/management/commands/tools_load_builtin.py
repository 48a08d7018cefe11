from django.core.management.base import BaseCommand, CommandError

from grundlag.tools.definitions import InvalidToolFile
from grundlag.tools.services import tools_builtin_load


class Command(BaseCommand):
    help = "Load the built-in leadership tools (safe to run again: unchanged ones are left alone)."

    def handle(self, *args, **options):
        try:
            loaded = tools_builtin_load()
        except InvalidToolFile as error:
            raise CommandError(str(error)) from None
        for version, outcome in loaded:
            self.stdout.write(f"{version.tool.key} v{version.number}: {outcome}")
