"""Production refuses what would leak or fail: printed e-mail, uncollected static files, a shared key."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import signing
from django.core.checks import Error
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.urls import reverse

from config.settings import development_secret_key
from grundlag.core import checks
from grundlag.evaluations.checks import seal_keys_are_set

ROOT = Path(__file__).resolve().parents[3]
SMTP = "django.core.mail.backends.smtp.EmailBackend"
PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "grundlag.core.staticfiles.ManifestStaticFilesStorage"},
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py in a fresh process with the given environment, as an operator would run it."""
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"} and not k.startswith("EMAIL_")
    }
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def _ids(messages: list) -> list[str]:
    return [message.id for message in messages if isinstance(message, Error)]


@pytest.mark.parametrize("backend", ["console", "locmem", "filebased", "dummy"])
def test_check_deploy_refuses_an_email_backend_that_does_not_send(backend):
    backend = f"django.core.mail.backends.{backend}.EmailBackend"
    with (
        override_settings(DEBUG=False, EMAIL_BACKEND=backend),
        pytest.raises(SystemCheckError, match="grundlag.E001"),
    ):
        call_command("check", deploy=True)


def test_check_deploy_refuses_smtp_without_a_host():
    with override_settings(DEBUG=False, EMAIL_BACKEND=SMTP, EMAIL_HOST=""):
        assert _ids(checks.email_is_delivered(None)) == ["grundlag.E002"]


def test_a_configured_smtp_server_passes_and_development_may_print_mail():
    with override_settings(DEBUG=False, EMAIL_BACKEND=SMTP, EMAIL_HOST="smtp.example.dk"):
        assert checks.email_is_delivered(None) == []
    with override_settings(DEBUG=True, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"):
        assert checks.email_is_delivered(None) == []


def test_production_settings_without_email_configuration_fail_check_deploy():
    """The defaults themselves: nothing set but the key, and `check --deploy` names what is missing."""
    result = _manage(
        "check",
        "--deploy",
        SECRET_KEY="x" * 60,
    )
    assert result.returncode != 0
    assert "grundlag.E002" in result.stderr
    assert "EMAIL_HOST is not set" in result.stderr


def test_check_deploy_says_when_static_files_are_not_collected(tmp_path):
    with override_settings(STORAGES=PRODUCTION_STATIC, STATIC_ROOT=tmp_path):
        assert _ids(checks.static_files_are_collected(None)) == ["grundlag.E003"]
        (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": {}, "version": "1.1", "hash": ""}))
        assert checks.static_files_are_collected(None) == []


def test_pages_are_served_before_collectstatic_has_run(client, db, tmp_path, caplog):
    """Before: every page was 500 ("Missing staticfiles manifest entry"). Now: served, the cause logged."""
    with override_settings(STORAGES=PRODUCTION_STATIC, STATIC_ROOT=tmp_path):
        response = client.get(reverse("frameworks:list"))
    assert response.status_code == 200
    assert "is not collected: run `python manage.py collectstatic`" in caplog.text


def test_names_that_are_no_file_are_not_logged_as_uncollected(tmp_path, caplog):
    """WhiteNoise asks each worker's storage for guessed names (`charts.js.txt` for `charts.js.LICENSE.txt`)
    to tell hashed files: those are no file at all, and logged 18 false errors at every start of gunicorn."""
    manifest = {"paths": {"dkfds/css/dkfds.min.css": "dkfds/css/dkfds.min.0123abcd.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps({**manifest, "hash": ""}))
    with override_settings(STORAGES=PRODUCTION_STATIC, STATIC_ROOT=tmp_path):
        storage = storages.create_storage(PRODUCTION_STATIC["staticfiles"])
        assert storage.url("grundlag-build/charts.js.txt") == "/static/grundlag-build/charts.js.txt"
        assert caplog.text == ""
        # A real file that an upgrade added and collectstatic has not copied yet is still named.
        assert storage.url("grundlag/grundlag.css") == "/static/grundlag/grundlag.css"
    assert "Static file grundlag/grundlag.css is not collected" in caplog.text


def test_collected_files_keep_their_hashed_names(client, db, tmp_path):
    manifest = {"paths": {"dkfds/css/dkfds.min.css": "dkfds/css/dkfds.min.0123abcd.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps({**manifest, "hash": ""}))
    with override_settings(STORAGES=PRODUCTION_STATIC, STATIC_ROOT=tmp_path):
        response = client.get(reverse("frameworks:list"))
    assert response.status_code == 200
    assert b"dkfds.min.0123abcd.css" in response.content


def test_each_installation_makes_its_own_development_key_once(tmp_path):
    one, other = tmp_path / "one", tmp_path / "other"
    key = development_secret_key(one)
    assert len(key) >= 50
    assert development_secret_key(one) == key  # made once, then read
    assert development_secret_key(other) != key
    assert stat.S_IMODE(one.stat().st_mode) == 0o600  # readable by its owner only
    assert sorted(path.name for path in tmp_path.iterdir()) == ["one", "other"]  # no draft left behind


def test_development_settings_use_the_installations_key():
    """DEBUG without SECRET_KEY (scripts/start): the key in .secret-key, not one every install shares."""
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        DEBUG="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (ROOT / ".secret-key").read_text().strip()
    assert result.stdout.strip() != "development-only-not-secret"


def test_check_deploy_warns_when_the_seal_keys_are_left_to_the_secret_key():
    with override_settings(DEBUG=False, EVALUATIONS_SEAL_KEYS=[]):
        assert [message.id for message in seal_keys_are_set(None)] == ["grundlag.W001"]
    with override_settings(DEBUG=False, EVALUATIONS_SEAL_KEYS=["k1:" + "A" * 43]):
        assert seal_keys_are_set(None) == []


def test_a_rotated_secret_key_still_opens_what_the_old_key_signed():
    """SECRET_KEY_FALLBACKS from the environment: sessions and reset links made before the rotation keep
    working under the new key, and without the fallback they do not (docs/deployment.md)."""
    old, new = "o" * 60, "n" * 60
    signed = signing.dumps("session of before the rotation", key=old)
    code = (
        "import sys; from django.core import signing; from django.conf import settings\n"
        f"print(settings.SECRET_KEY_FALLBACKS == [{old!r}], signing.loads({signed!r}))\n"
        f"try:\n    signing.loads({signed!r}, fallback_keys=[])\n"
        "except signing.BadSignature:\n    print('refused without the fallback')\n"
    )
    result = _manage(
        "shell", "--no-imports", "-c", code, SECRET_KEY=new, SECRET_KEY_FALLBACKS=f" {old} ,", EMAIL_HOST="x"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == [
        "True session of before the rotation",
        "refused without the fallback",
    ]
