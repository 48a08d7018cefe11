"""Benchmark: load the built-in frameworks, then time pages and a job description PDF against /healthz."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402


def timed(function, *, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    from grundlag.frameworks.services import builtin_frameworks_load

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        load_times = timed(_fresh_load, repeat=3)
        builtin_frameworks_load()
        client = Client()

        def get(url):
            def request():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)

            return request

        level = "/frameworks/aarhus-boern-og-unge/v1/levels/direktoer/"
        cases = [
            ("bare endpoint /healthz (baseline)", get("/healthz"), 200),
            ("framework page (Aarhus)", get("/frameworks/aarhus-boern-og-unge/v1/"), 50),
            ("level view (Aarhus, Direktør)", get(level), 100),
            ("level view (STIL, Direktør, with parent)", get("/frameworks/stil/v1/levels/direktoer/"), 100),
            ("search 'ledelse'", get("/frameworks/search/?q=ledelse"), 50),
            ("job description page", get(level + "job-description/"), 50),
            ("job description PDF", get(level + "job-description.pdf"), 10),
            ("job description DOCX", get(level + "job-description.docx"), 20),
        ]
        results = []
        for name, function, repeat in cases:
            function()  # warm up
            results.append((name, timed(function, repeat=repeat)))
        baseline = statistics.median(results[0][1])
        database = django.db.connection.vendor
        print(f"\nGrundlag frameworks benchmark ({database})")
        print(f"load all built-in frameworks: median {statistics.median(load_times) * 1000:.0f} ms")
        print(f"{'case':44} {'median ms':>10} {'p95 ms':>9} {'× baseline':>11}")
        for name, times in results:
            median = statistics.median(times)
            print(f"{name:44} {median * 1000:10.2f} {p95(times) * 1000:9.2f} {median / baseline:11.1f}")
        _first_pdf(level)
    finally:
        teardown_databases(databases, verbosity=0)


_FIRST_PDF = """
import os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
import django
django.setup()
from grundlag.frameworks.jobdescription import pdf_warm
if {warm}:
    pdf_warm()
started = time.perf_counter()
from weasyprint import HTML
HTML(string=open({path!r}, encoding="utf-8").read()).write_pdf()
print(time.perf_counter() - started)
"""


def _first_pdf(level_url: str) -> None:
    """The first job description PDF of a fresh process (what the first click after a start waited for),
    without and with `pdf_warm()` at the process's start (config/wsgi.py), three processes each."""
    import subprocess
    import tempfile

    from grundlag.frameworks.jobdescription import job_description_build
    from grundlag.frameworks.models import Level

    level = Level.objects.select_related("version__framework").get(
        version__framework__slug="aarhus-boern-og-unge",
        version__number=1,
        key=level_url.rstrip("/").split("/")[-1],
    )
    description = job_description_build(version=level.version, level=level, post_title="Direktør")
    html = render_to_string("frameworks/job_description_print.html", {"jd": description})
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8", delete=False) as file:
        file.write(html)
    root = str(Path(__file__).resolve().parents[1])
    for warm in (False, True):
        code = _FIRST_PDF.format(root=root, warm=warm, path=file.name)
        seconds = [
            float(
                subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, check=True
                ).stdout
            )
            for _ in range(3)
        ]
        label = "after pdf_warm() at start" if warm else "no warm-up"
        print(
            f"first job description PDF of a fresh process, {label}: "
            f"{statistics.median(seconds):.2f} s (median)"
        )
    os.unlink(file.name)


def _fresh_load():
    from grundlag.frameworks.models import Framework
    from grundlag.frameworks.services import builtin_frameworks_load

    Framework.objects.filter(versions__parent__isnull=False).delete()
    Framework.objects.all().delete()
    builtin_frameworks_load()


if __name__ == "__main__":
    main()
