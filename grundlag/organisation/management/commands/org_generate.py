import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grundlag.organisation.generator import (
    SCALES,
    organisation_csv,
    organisation_generate,
)
from grundlag.organisation.imports.services.applying import organisation_import_generated


class Command(BaseCommand):
    help = "Generate a fictional organisation as an import CSV file, or import it through the real importer."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=SCALES, required=True)
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same organisation.")
        parser.add_argument("--output", type=Path, help="Write the CSV file here (default: standard output).")
        parser.add_argument(
            "--import",
            dest="do_import",
            action="store_true",
            help="Import the organisation into the database.",
        )

    def handle(self, *args, scale, seed, output, do_import, **options):
        started = time.perf_counter()
        rows = organisation_generate(scale=scale, seed=seed)
        data = organisation_csv(rows)
        generated = time.perf_counter() - started
        if output:
            output.write_bytes(data)
            self.stderr.write(f"Wrote {len(rows)} rows to {output} in {generated:.1f} s.")
        elif not do_import:
            self.stdout.write(data.decode("utf-8"), ending="")
        if do_import:
            outcome = organisation_import_generated(scale=scale, seed=seed, data=data)
            for problem in outcome.problems[:20]:
                self.stderr.write(str(problem))
            if not outcome.applied:
                raise CommandError(f"Nothing was imported: {len(outcome.problems)} problems.")
            self.stderr.write(
                f"Imported {scale} (seed {seed}) in {time.perf_counter() - started:.1f} s: "
                + ", ".join(f"{outcome.new[kind]} new {kind}" for kind in ("units", "people", "posts"))
            )
