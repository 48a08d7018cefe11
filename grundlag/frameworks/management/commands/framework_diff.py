from django.core.management.base import BaseCommand, CommandError

from grundlag.frameworks.diff import versions_diff
from grundlag.frameworks.models import FrameworkVersion


class Command(BaseCommand):
    help = "Show what changed in a framework from version A to version B."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("a", type=int)
        parser.add_argument("b", type=int)

    def handle(self, *args, slug, a, b, **options):
        versions = {
            v.number: v for v in FrameworkVersion.objects.filter(framework__slug=slug, number__in=[a, b])
        }
        for number in (a, b):
            if number not in versions:
                raise CommandError(f"{slug} has no version {number}.")
        result = versions_diff(old=versions[a], new=versions[b])
        signs = {"added": "+", "removed": "-", "changed": "~"}
        for change in result.changes:
            if change.status == "changed":
                self.stdout.write(f"~ [{change.where}]\n    - {change.old}\n    + {change.new}")
            else:
                self.stdout.write(f"{signs[change.status]} [{change.where}] {change.new or change.old}")
        counts = result.counts
        self.stdout.write(
            f"{slug} v{a} → v{b}: {counts['added']} added, "
            f"{counts['removed']} removed, {counts['changed']} changed"
        )
