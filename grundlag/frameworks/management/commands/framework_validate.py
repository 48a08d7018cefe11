from django.core.management.base import BaseCommand, CommandError

from grundlag.frameworks.interchange import InvalidFrameworkFile, read_file


class Command(BaseCommand):
    help = "Check a framework file (YAML or JSON) against the interchange format; imports nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            documents = read_file(file)
        except InvalidFrameworkFile as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{file}: {len(error.problems)} problem(s); nothing imported.") from None
        for document in documents:
            self.stdout.write(f"{file}: {document['slug']} v{document['version']['number']} is valid.")
