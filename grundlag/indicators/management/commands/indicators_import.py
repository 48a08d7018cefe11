from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grundlag.indicators.imports.mapping import InvalidMapping, mapping_load
from grundlag.indicators.services import CATEGORIES, KINDS, indicators_import

# Files with at least this many rows get a progress line on stderr.
PROGRESS_FROM_ROWS = 10_000


class Command(BaseCommand):
    help = (
        "Import indicators and observations from CSV or XLSX (long or wide format, with a mapping file) or "
        "from an indicators_export JSON file. Every problem is listed as file:row: column: why; the file "
        "is written in one transaction unless --dry-run or there are errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--mapping", help="A YAML/JSON file: the format, period and indicators.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")

    def handle(self, *args, file, mapping, dry_run, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
            mapping_data = mapping_load(Path(mapping).read_bytes()) if mapping else None
        except OSError as error:
            raise CommandError(f"{error.filename}: {error.strerror}") from None
        except InvalidMapping as error:
            raise CommandError(f"{mapping}: {error}") from None
        outcome = indicators_import(
            data=data, filename=path.name, mapping=mapping_data, dry_run=dry_run, progress=self._progress
        )
        if self._progress_shown:
            self.stderr.write("")
        for problem in outcome.problems:
            self.stdout.write(("warning: " if problem.warning else "error: ") + str(problem))
        self.stdout.write(
            f"{path.name}: format {outcome.format}, {outcome.rows} rows, {outcome.matched_units} units "
            f"matched, {outcome.national_rows} national rows, {len(outcome.warnings)} rows skipped"
        )
        self.stdout.write(f"{'':10}" + "".join(f"{kind:>14}" for kind in KINDS))
        for category in CATEGORIES:
            counts = outcome.counts[category]
            self.stdout.write(f"{category:10}" + "".join(f"{counts[kind]:>14}" for kind in KINDS))
        if outcome.errors:
            raise CommandError(f"{path.name}: {len(outcome.errors)} error(s); nothing imported.")
        self.stdout.write(self.style.SUCCESS("Imported.") if outcome.applied else "Dry run: nothing written.")

    _progress_shown = False

    def _progress(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM_ROWS:
            return
        self._progress_shown = True
        self.stderr.write(f"\r{100 * done // total:3d}% ({done}/{total} steps)", ending="")
        self.stderr.flush()
