import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from grundlag.tools.selectors import tool_export, tool_versions_published


class Command(BaseCommand):
    help = "Print a leadership tool, or --all the whole toolbox, as JSON (the latest published versions)."

    def add_arguments(self, parser):
        parser.add_argument("key", nargs="?", help=_("the tool's identifier"))
        parser.add_argument("--all", action="store_true", help=_("every tool, as one JSON list"))

    def handle(self, *args: Any, key: str | None, all: bool, **options: Any) -> None:
        versions = tool_versions_published()
        if all:
            document: object = [tool_export(version=v) for v in versions]
        elif key:
            version = versions.filter(tool__key=key).first()
            if version is None:
                raise CommandError(_("No published tool '%(key)s'.") % {"key": key})
            document = tool_export(version=version)
        else:
            raise CommandError(_("Name a tool (its identifier) or use --all."))
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True))
