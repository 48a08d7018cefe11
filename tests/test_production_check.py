"""scripts/production-check in the suite: Grundlag under gunicorn with production settings, over HTTP.

The script makes its own database (a unique name) on the PostgreSQL server of DATABASE_URL and takes a free
port, so it runs beside the pytest-xdist workers and their test databases. On SQLite it is skipped: CI runs
the suite on both databases, and production is PostgreSQL (docs/deployment.md).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="production-check runs against PostgreSQL, and DATABASE_URL is not a PostgreSQL address",
)
def test_the_production_check_passes():
    """Migrations, collectstatic, check --deploy, and the main pages, the API and a PDF through gunicorn."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "production-check")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        # A guard against a hang only: the script has deadlines of its own for every wait.
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "PRODUCTION CHECK PASSED" in result.stdout, output
    # Each part ran: a login, a page by an administrator and a leader, static, API, PDF, the log read.
    for line in (
        "302  POST /login/",
        "200  GET  /static/",
        "200  GET  /api/v1/frameworks",
        "application/pdf",
        "403  GET  /administration/",
        "stopped on SIGTERM with status 0",
        "no session id, token or password in them",
    ):
        assert line in result.stdout, f"{line!r} is not in the output:\n{output}"
