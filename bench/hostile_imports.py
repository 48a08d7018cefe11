"""Benchmark: small hostile organisation files against a well-formed one, through the dry-run import.

Each file goes through `org_import(..., dry_run=True)`, what `manage.py org_import --dry-run` calls: the file
is read (`readers.read`, as an upload is when it is stored) and planned against the database (as the
preview plans it). Every file runs in a process of its own on a fresh test database (SQLite unless
DATABASE_URL says otherwise), after a warm-up import of a five-row file. Seconds are the median of up to
seven calls (one when a call takes a second or more); a call that goes beyond the time limit is killed and
reported as "> N s". Memory: the rise of the process's peak resident size over its resident size just
before the calls (the peak is reset first), and tracemalloc's peak in one more, untimed call. The baseline
is a well-formed HR export of 2,000 rows; each file's seconds are printed as a ratio to its seconds.

    .venv/bin/python bench/hostile_imports.py [--timeout 120]
"""

import argparse
import csv
import gc
import io
import json
import os
import queue
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

from grundlag.organisation.imports.readers.common import COLUMNS  # noqa: E402  (the importer's own columns)

TIMEOUT = 120
REPEAT, REPEAT_SECONDS = 7, 1.0  # calls per file, unless they take this long together
SETUP_TIMEOUT = 600  # a fresh test database and the frameworks, before the clock
BASELINE_ROWS = 2000
WIDE_COMMAS = 300_000
LYING_ROWS = 170  # rows of the well-formed file in the lying workbook: about 10 KB
BOMB_ROWS = 90  # and in the zip bomb, before its blank rows
BOMB_UNPACKED = 95_000_000  # bytes of sheet XML
BOMB_MARK_EVERY = 400  # every so many blank rows states its number (r="…"): about 300 KB compressed
FIRST = ["Anne", "Mette", "Hanne", "Lone", "Camilla", "Peter", "Jens", "Lars", "Søren", "Niels", "Mads"]
LAST = ["Nielsen", "Jensen", "Hansen", "Pedersen", "Møller", "Kjær", "Holm", "Lund", "Bak", "Nissen"]
PLACES = ["Ege", "Birke", "Aske", "Hassel", "Lærke", "Kilde", "Bøge", "Elle", "Hylde", "Tjørne", "Kløver"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET = "xl/worksheets/sheet1.xml"
WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/{SHEET}" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" '
        f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
        '<sheet name="Organisation" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" '
        f'Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


# --- The files -----------------------------------------------------------------------------------------


def organisation_rows(count: int) -> list[list[str]]:
    """A fictional municipality's HR export, top down: a director, a chief, then schools, each with a
    leader, a deputy and teachers under the deputy (one person in fifty has ended)."""
    rng = random.Random(1)
    rows: list[list[str]] = []

    def post(unit: list[str], title: str, level: str, manager: str) -> str:
        person = f"P{len(rows) + 1:05}"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        start = f"{rng.randint(1995, 2024)}-{rng.randint(1, 12):02}-01"
        end = f"{int(start[:4]) + 1}-07-31" if rng.random() < 0.02 else ""
        email = f"{first}.{last}.{person}@fiktiv.example.dk".lower()
        rows.append([*unit, person, f"{first} {last}", email, title, level, manager, start, end])
        return person

    director = post(["k", "Fiktiv Kommune", "", "Kommune"], "Direktør", "direktoer", "")
    chief = post(
        ["bu", "Børn og Unge", "k", "Forvaltning"], "Børn og unge-chef", "boern-og-ungechef", director
    )
    school = 0
    while len(rows) < count:
        school += 1
        name = f"{PLACES[school % len(PLACES)]}skolen {school}"
        unit = [f"s{school}", name, "bu", "Skole"]
        leader = post(unit, "Skoleleder", "dagtilbuds-skole-og-fu-leder", chief)
        deputy = post(unit, "Viceskoleleder", "leder-af-medarbejder", leader)
        for _ in range(47):
            if len(rows) < count:
                post(unit, "Lærer", "", deputy)
    return rows[:count]


def csv_text(rows: list[list[str]], *, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def wide_csv() -> bytes:
    """The header and one post whose row goes on for 300,000 empty values."""
    return (csv_text(organisation_rows(1)).rstrip("\n") + "," * WIDE_COMMAS + "\n").encode()


def unicode_text_csv() -> bytes:
    """The well-formed file as Excel's "Unicode text" saves it: UTF-16 with a byte order mark, tabs."""
    return csv_text(organisation_rows(BASELINE_ROWS), delimiter="\t").encode("utf-16")


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_rows(rows: list[list[str]]) -> bytes:
    """The header and rows as sheet XML rows of inline strings (empty cells left out, as Excel does)."""
    lines = []
    for number, values in enumerate([COLUMNS, *rows], start=1):
        cells = "".join(
            f'<c r="{_letters(index)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
            for index, value in enumerate(values, start=1)
            if value
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    return "".join(lines).encode()


def sheet_head(*, dimension: str | None) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + "<sheetData>"
    ).encode()


SHEET_TAIL = b"</sheetData></worksheet>"


def workbook(sheet_chunks) -> bytes:
    """An XLSX workbook made by hand: the four parts a workbook needs and one sheet, written in chunks."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in WORKBOOK_PARTS.items():
            archive.writestr(name, text)
        with archive.open(SHEET, "w") as sheet:
            for chunk in sheet_chunks:
                sheet.write(chunk)
    return out.getvalue()


def lying_xlsx() -> bytes:
    """A small workbook whose dimension tag claims every cell of a sheet (16,384 columns, 1,048,576 rows)."""
    rows = organisation_rows(LYING_ROWS)
    return workbook([sheet_head(dimension="A1:XFD1048576"), sheet_rows(rows), SHEET_TAIL])


def bomb_xlsx() -> bytes:
    """A workbook whose sheet goes on with blank rows until it unpacks to about 95 MB (no dimension tag)."""
    rows = organisation_rows(BOMB_ROWS)
    body = sheet_head(dimension=None) + sheet_rows(rows)

    def chunks():
        yield body
        size, number = len(body), len(rows) + 1
        while size < BOMB_UNPACKED:
            number += BOMB_MARK_EVERY
            chunk = b"<row/>" * (BOMB_MARK_EVERY - 1) + f'<row r="{number}"/>'.encode()
            size += len(chunk)
            yield chunk
        yield SHEET_TAIL

    return workbook(chunks())


def files() -> list[tuple[str, str, bytes]]:
    """(what, file name, content) of the baseline and each hostile file."""
    baseline = csv_text(organisation_rows(BASELINE_ROWS)).encode()
    return [
        (f"baseline: well-formed CSV, {BASELINE_ROWS:,} rows", "baseline.csv", baseline),
        (f"(a) CSV, a row of {WIDE_COMMAS:,} commas", "wide.csv", wide_csv()),
        ("(b) XLSX, dimension A1:XFD1048576", "lying.xlsx", lying_xlsx()),
        (f"(c) XLSX zip bomb, sheet {BOMB_UNPACKED / 1e6:.0f} MB", "bomb.xlsx", bomb_xlsx()),
        (f"(d) UTF-16 CSV (Unicode text), {BASELINE_ROWS:,} rows", "unicode-text.txt", unicode_text_csv()),
    ]


# --- One file in a process of its own --------------------------------------------------------------------


def _status_kb(pid: int | str, key: str) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(rf"^{key}:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else None


def _reset_peak() -> bool:
    """Reset the process's peak resident size to its resident size (Linux), so the peak is the call's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def measure(path: Path) -> None:
    """Run in the child: import the file as a dry run, timed, then again under tracemalloc; each prints
    one JSON line (the parent kills the child when one takes too long)."""
    import django

    django.setup()
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases
    from django.utils import translation

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        import openpyxl  # noqa: F401  (imported before the clock, as a running server has it)

        from grundlag.frameworks.services import builtin_frameworks_load
        from grundlag.organisation.imports.services.applying import org_import

        builtin_frameworks_load()
        data = path.read_bytes()
        with translation.override("en"):
            warm = csv_text(organisation_rows(5)).encode()
            org_import(data=warm, filename="warm-up.csv", dry_run=True)  # first queries, catalogues
            _say(_timed(lambda: org_import(data=data, filename=path.name, dry_run=True)))
            tracemalloc.start()
            org_import(data=data, filename=path.name, dry_run=True)
            _say({"traced_mb": tracemalloc.get_traced_memory()[1] / 2**20})
            tracemalloc.stop()
    finally:
        teardown_databases(databases, verbosity=0)


def _say(message: dict) -> None:
    print(json.dumps(message), flush=True)


def _timed(call) -> dict:
    """The median seconds of a call made up to REPEAT times, the rise of the peak resident size over those
    calls, and what the call returned (an outcome)."""
    gc.collect()
    reset = _reset_peak()
    before = _status_kb("self", "VmRSS") if reset else resource.getrusage(resource.RUSAGE_SELF)[2]
    _say({"ready": True, "rss_kb": before})
    times: list[float] = []
    while len(times) < REPEAT and sum(times) < REPEAT_SECONDS:  # a slow call is timed once
        started = time.perf_counter()
        outcome = call()
        times.append(time.perf_counter() - started)
    peak = _status_kb("self", "VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF)[2]
    return {
        "seconds": statistics.median(times),
        "calls": len(times),
        "peak_mb": max(0, (peak or 0) - (before or 0)) / 1024,
        "rows": outcome.rows,
        "errors": [str(problem) for problem in outcome.errors],
        "warnings": len(outcome.warnings),
    }


def run(path: Path, timeout: float) -> dict:
    """Measure one file in a child process. The timed call and the traced one each get `timeout` seconds
    (the child's setup is not counted); a call beyond it is killed, and the result says so."""
    child = subprocess.Popen(  # noqa: S603
        [sys.executable, __file__, "--measure", str(path)], stdout=subprocess.PIPE, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in child.stdout or ()], daemon=True).start()
    finished = False
    try:
        ready = json.loads(lines.get(timeout=SETUP_TIMEOUT))
        try:
            result = json.loads(lines.get(timeout=timeout))
        except queue.Empty:
            peak_kb = _status_kb(child.pid, "VmHWM") or 0
            return {"timeout": timeout, "peak_mb": max(0, peak_kb - (ready["rss_kb"] or 0)) / 1024}
        try:
            result |= json.loads(lines.get(timeout=timeout))
            finished = True
        except queue.Empty:
            result["traced_timeout"] = timeout
        return result
    except (queue.Empty, ValueError):
        return {"failed": "the child failed before or during the call; see stderr"}
    finally:
        try:
            child.wait(timeout=SETUP_TIMEOUT if finished else 0.1)  # a finished child drops its database
        except subprocess.TimeoutExpired:
            child.kill()  # at the time limit
            child.wait()


# --- The table -------------------------------------------------------------------------------------------


def outcome_text(result: dict) -> str:
    if "failed" in result:
        return f"failed: {result['failed']}"
    if "timeout" in result:
        return "killed at the time limit"
    if result["errors"]:
        more = f" (+{len(result['errors']) - 1} more)" if len(result["errors"]) > 1 else ""
        return f"refused: {result['errors'][0]}{more}"
    return f"accepted: {result['rows']:,} rows, {result['warnings']} warning(s)"


def _figures(result: dict, baseline: float) -> tuple[str, str, str, str]:
    """Seconds, × baseline, peak MB (resident) and traced MB of one result, as printed."""
    if "timeout" in result:
        limit = result["timeout"]
        return f"> {limit:.0f}", f"> {limit / baseline:,.0f}", f"≥ {result['peak_mb']:.1f}", "-"
    if "seconds" not in result:
        return "-", "-", "-", "-"
    traced = f"{result['traced_mb']:.1f}" if "traced_mb" in result else "-"
    if "traced_timeout" in result:
        traced = f"> {result['traced_timeout']:.0f} s"
    seconds, ratio = result["seconds"], result["seconds"] / baseline
    ratio_text = f"{ratio:.3f}" if ratio < 10 else f"{ratio:,.0f}"
    return f"{seconds:.4f}", ratio_text, f"{result['peak_mb']:.1f}", traced


def print_table(results: list[tuple[str, int, dict]]) -> None:
    baseline = results[0][2]["seconds"]
    print(
        f"{'file':44} {'size':>9} {'seconds':>9} {'× baseline':>11} {'peak MB':>8} {'traced MB':>10}  outcome"
    )
    for what, size, result in results:
        seconds, ratio, peak, traced = _figures(result, baseline)
        outcome = outcome_text(result)
        short = outcome if len(outcome) <= 60 else outcome[:57] + "..."
        print(f"{what:44} {size / 1024:6,.0f} KB {seconds:>9} {ratio:>11} {peak:>8} {traced:>10}  {short}")
    print("\nOutcomes in full:")
    for what, _size, result in results:
        print(f"  {what}: {outcome_text(result)}")
    print(
        "\n(seconds: the median of the file's dry-run imports, in a process of its own; × baseline: "
        "the ratio to the well-formed file's seconds in the same run; peak MB: the rise of the process's "
        "peak resident size over the timed calls, ≥ for a call killed at the time limit; traced MB: "
        'tracemalloc\'s peak in one more, untimed call, "> N s" when that call was killed at the time limit)'
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per file (default 120)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child's part
    arguments = parser.parse_args()
    if arguments.measure:
        measure(arguments.measure)
        return
    limit = f"{arguments.timeout:.0f} s"
    print(f"\nGrundlag hostile organisation files (dry-run import, a process per file, at most {limit})")
    results = []
    with tempfile.TemporaryDirectory(prefix="grundlag-hostile-") as folder:
        for what, name, content in files():
            path = Path(folder) / name
            path.write_bytes(content)
            result = run(path, arguments.timeout)
            results.append((what, path.stat().st_size, result))
            print(f"  {what}: done", file=sys.stderr, flush=True)
    if "seconds" not in results[0][2]:
        sys.exit(f"The baseline did not finish: {outcome_text(results[0][2])}")
    print_table(results)


if __name__ == "__main__":
    main()
