from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grundlag.organisation.imports.planning import KINDS
from grundlag.organisation.imports.readers.common import FORMATS
from grundlag.organisation.imports.readers.mapping import InvalidMapping, mapping_load
from grundlag.organisation.imports.services.applying import org_import

# Files with at least this many rows get a progress line on stderr.
PROGRESS_FROM_ROWS = 2000


class Command(BaseCommand):
    help = (
        "Import an organisation (units, people, posts) from an HR export (CSV/XLSX), OS2mo JSON, OS2mo's "
        "export of all leaders or the institution register. Shows the plan, then applies it in one "
        "transaction unless --dry-run or there are errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--format", choices=FORMATS, default=None, help="Detected from the file if left out."
        )
        parser.add_argument("--mapping", help="A YAML/JSON file: column mapping, or OS2mo manager levels.")
        parser.add_argument("--framework", help="The foundation whose levels posts are placed on.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument(
            "--confirm-ending",
            action="store_true",
            help="Apply even if the import ends more than ORGANISATION_IMPORT_MAX_ENDED_PERCENT of the "
            "source's active units or posts (else it is refused).",
        )

    def handle(self, *args, file, format, mapping, framework, dry_run, confirm_ending, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
            mapping_data = mapping_load(Path(mapping).read_bytes()) if mapping else None
        except OSError as error:
            raise CommandError(f"{error.filename}: {error.strerror}") from None
        except InvalidMapping as error:
            raise CommandError(f"{mapping}: {error}") from None

        outcome = org_import(
            data=data,
            filename=path.name,
            format=format,
            mapping=mapping_data,
            framework_slug=framework,
            dry_run=dry_run,
            confirm_ending=confirm_ending,
            progress=self._progress,
        )
        if self._progress_shown:
            self.stderr.write("")
        for problem in outcome.problems:
            self.stdout.write(("warning: " if problem.warning else "error: ") + str(problem))
        self.stdout.write(
            f"{path.name}: format {outcome.format}, source {outcome.source}, {outcome.rows} rows"
        )
        self.stdout.write(f"{'':10}" + "".join(f"{kind:>10}" for kind in KINDS))
        for category in ("new", "changed", "ended", "unchanged"):
            counts = getattr(outcome, category)
            self.stdout.write(f"{category:10}" + "".join(f"{counts[kind]:>10}" for kind in KINDS))
        errors = len(outcome.errors)
        needs_confirmation = outcome.ends_too_much and not outcome.applied
        hint = " If the file is complete, run again with --confirm-ending." if needs_confirmation else ""
        if errors:
            raise CommandError(f"{path.name}: {errors} error(s); nothing imported.{hint}")
        if needs_confirmation:
            self.stdout.write(f"Applying it ends much of the organisation.{hint}")
        if outcome.applied:
            self.stdout.write(self.style.SUCCESS("Imported."))
        else:
            self.stdout.write("Dry run: nothing written.")

    _progress_shown = False

    def _progress(self, done: int, total: int) -> None:
        if total < 2 * PROGRESS_FROM_ROWS:
            return
        self._progress_shown = True
        self.stderr.write(f"\r{100 * done // total:3d}% ({done}/{total} steps)", ending="")
        self.stderr.flush()
