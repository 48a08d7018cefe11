from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grundlag.operations.backups.manifest import BackupError
from grundlag.operations.backups.selectors import archive_verify
from grundlag.operations.backups.services import backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by this installation's `backup` (its HMAC is checked against SECRET_KEY and "
        "SECRET_KEY_FALLBACKS first) into the EMPTY database DATABASE_URL names and into MEDIA_ROOT, then "
        "verify every table and file against its manifest (docs/backups.md). Run it as the application's "
        "database role, never a superuser. With --verify-only, check the archive itself and restore nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the archive (.tar) to restore")
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="only check the archive: its HMAC, its members, its manifest and every member's checksum",
        )
        parser.add_argument(
            "--overwrite-files",
            action="store_true",
            help="replace files already in MEDIA_ROOT (without it, one such file refuses the restore)",
        )

    def handle(
        self, *args: object, archive: Path, verify_only: bool, overwrite_files: bool, **options: object
    ) -> None:
        try:
            if verify_only:
                self._verify(archive)
                return
            summary = backup_restore(path=archive, overwrite_files=overwrite_files)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified: {summary.tables} tables, {summary.rows} rows, {summary.files} files "
                f"match the manifest ({summary.seconds:.1f} s)."
            )
        )
        if summary.migrations_to_apply:
            self.stdout.write(
                f"The archive is older than this code: {summary.migrations_to_apply} migration(s) to apply. "
                "Run `manage.py migrate` before starting the application."
            )

    def _verify(self, archive: Path) -> None:
        check = archive_verify(path=archive)
        if check.problems:
            raise CommandError(
                f"The archive does not match its manifest ({len(check.problems)} problem(s)):\n  "
                + "\n  ".join(check.problems)
            )
        manifest = check.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"The archive is whole: a {manifest.vendor} database made {manifest.created_at} with "
                f"{len(manifest.tables)} tables and {sum(t.rows for t in manifest.tables.values())} rows, "
                f"and {len(manifest.files)} files, each matching the manifest."
            )
        )
