from django.core.management.base import BaseCommand, CommandError

from grundlag.frameworks.interchange import InvalidFrameworkFile
from grundlag.frameworks.services import frameworks_import_file


class Command(BaseCommand):
    help = "Validate a framework file, then import it in one transaction (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            results = frameworks_import_file(path=file)
        except InvalidFrameworkFile as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{file}: {len(error.problems)} problem(s); nothing imported.") from None
        for version, outcome in results:
            self.stdout.write(f"{version.framework.slug} v{version.number}: {outcome}")
