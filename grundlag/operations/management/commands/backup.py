import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grundlag.operations.backups.manifest import BackupError
from grundlag.operations.backups.services import backup_create


class Command(BaseCommand):
    help = (
        "Write one archive of the whole installation: the database, the uploaded files under MEDIA_ROOT and "
        "a manifest with counts and checksums (docs/backups.md). The archive is sensitive: keep it as such."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="the archive to write (default: grundlag-backup-<UTC time>.tar here), never overwritten",
        )

    def handle(self, *args: object, output: Path | None, **options: object) -> None:
        if output is None:
            stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
            output = Path(f"grundlag-backup-{stamp}.tar")
        try:
            summary = backup_create(output=output.absolute())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {summary.path}: {summary.tables} tables, {summary.rows} rows, "
                f"{summary.files} files, {summary.bytes} bytes in {summary.seconds:.1f} s."
            )
        )
