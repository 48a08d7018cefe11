import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_it_is_clean_under_check_deploy_with_production_settings(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    # Collected static files (their manifest), an SMTP server and the answers' seal keys: without any of
    # them, check --deploy fails (the keys at the warning level).
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')
    env |= {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "grundlag.example.dk",
        "EMAIL_HOST": "smtp.example.dk",
        "STATIC_ROOT": str(tmp_path),
        "EVALUATIONS_SEAL_KEYS": "k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_in_production_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_pages_are_danish_by_default_and_english_under_en(client):
    danish = client.get("/tilgaengelighed/")
    assert '<html lang="da">' in danish.text
    assert "Tilgængelighedserklæring" in danish.text
    english = client.get("/en/tilgaengelighed/")
    assert '<html lang="en">' in english.text
    assert "Accessibility statement" in english.text


@pytest.mark.django_db
def test_the_footer_links_to_the_accessibility_statement(client):
    response = client.get("/frameworks/")
    assert 'href="/tilgaengelighed/"' in response.text


@pytest.mark.django_db
def test_the_language_switch_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/frameworks/search/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/frameworks/search/"


@pytest.mark.django_db
def test_danish_english_and_danish_again_from_a_deep_page_whatever_the_browser_says(client):
    deep = "/frameworks/search/?q=ledelse"
    # A Danish browser with no language cookie, on an English page it reached by a link.
    switched = client.post(
        "/i18n/setlang/", {"language": "da", "next": "/en" + deep}, HTTP_ACCEPT_LANGUAGE="da"
    )
    assert switched["Location"] == deep
    assert client.get(deep).headers["Content-Language"] == "da"
    to_english = client.post("/i18n/setlang/", {"language": "en", "next": deep})
    assert to_english["Location"] == "/en" + deep
    assert client.get(to_english["Location"]).headers["Content-Language"] == "en"
    back = client.post("/i18n/setlang/", {"language": "da", "next": "/en" + deep}, HTTP_ACCEPT_LANGUAGE="en")
    assert back["Location"] == deep
    assert client.get(back["Location"]).headers["Content-Language"] == "da"


@pytest.mark.django_db
def test_every_page_sends_a_strict_content_security_policy(client):
    response = client.get("/frameworks/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_the_bare_endpoint_answers_without_a_database(client):
    assert client.get("/healthz").content == b"ok"
