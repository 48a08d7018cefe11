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
    finally:
        teardown_databases(databases, verbosity=0)


def _fresh_load():
    from grundlag.frameworks.models import Framework
    from grundlag.frameworks.services import builtin_frameworks_load

    Framework.objects.filter(versions__parent__isnull=False).delete()
    Framework.objects.all().delete()
    builtin_frameworks_load()


if __name__ == "__main__":
    main()
