from django.core.management.base import BaseCommand, CommandError

from grundlag.frameworks.interchange import dump
from grundlag.frameworks.models import FrameworkVersion
from grundlag.frameworks.services import version_to_document


class Command(BaseCommand):
    help = "Write a framework version to standard output (YAML by default), or --all as one JSON list."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # The interface uses --version for the framework version, not Django's.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?")
        parser.add_argument("--version", dest="number", type=int, help="version number (default: latest)")
        parser.add_argument("--format", choices=["json", "yaml"], default="yaml")
        parser.add_argument("--all", action="store_true", help="every version of every framework, as JSON")

    def handle(self, *args, slug, number, format, all, **options):
        if all:
            versions = FrameworkVersion.objects.select_related("framework", "parent").order_by("id")
            self.stdout.write(
                dump([version_to_document(version=v) for v in _parents_first(versions)], fmt="json"),
                ending="",
            )
            return
        if not slug:
            raise CommandError("Name a framework (its slug) or use --all.")
        versions = FrameworkVersion.objects.filter(framework__slug=slug)
        version = versions.filter(number=number).first() if number else versions.order_by("-number").first()
        if version is None:
            raise CommandError(f"No framework '{slug}'" + (f" with version {number}." if number else "."))
        self.stdout.write(dump(version_to_document(version=version), fmt=format), ending="")


def _parents_first(versions):
    ordered, placed = [], set()
    pending = list(versions)
    while pending:
        ready = [v for v in pending if v.parent_id is None or v.parent_id in placed]
        ordered += ready
        placed |= {v.id for v in ready}
        pending = [v for v in pending if v.id not in placed]
    return ordered
