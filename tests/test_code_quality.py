"""Lint and types are part of the suite, so the README's one test command checks them too."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    # As a developer runs them: mypy's Django plugin loads config/typecheck_settings.py (no secret needed).
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing_to_lint_or_format():
    check = run(str(BIN / "ruff"), "check", ".")
    assert check.returncode == 0, check.stdout + check.stderr
    formatted = run(str(BIN / "ruff"), "format", "--check", ".")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


def test_mypy_finds_no_type_error():
    """Services, selectors and the anonymity gate fully annotated; the rest clean at the default level."""
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr
