import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_it_is_clean_under_check_deploy_with_production_settings():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env |= {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "grundlag.example.dk"}
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
def test_every_page_sends_a_strict_content_security_policy(client):
    response = client.get("/frameworks/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_the_bare_endpoint_answers_without_a_database(client):
    assert client.get("/healthz").content == b"ok"


@pytest.mark.django_db
def test_demo_setup_imports_the_organisation_once_and_prints_a_working_login_for_each_role(settings):
    from io import StringIO

    from django.contrib.auth import authenticate
    from django.core.management import call_command
    from django.test import Client, RequestFactory

    from grundlag.frameworks.models import Framework
    from grundlag.organisation.models import Post, Unit

    settings.DEBUG = True
    out = StringIO()
    call_command("demo_setup", stdout=out)
    logins = dict(
        line.split("username")[-1].split("password")
        for line in out.getvalue().splitlines()
        if "username" in line and "password" in line
    )
    logins = {username.strip(): password.strip() for username, password in logins.items()}
    # Login throttling (django-axes) needs the request a login comes with.
    request = RequestFactory().post("/login/")
    users = {
        username: authenticate(request, username=username, password=password)
        for username, password in logins.items()
    }
    assert users["demo-admin"].is_staff
    assert Framework.objects.count() == 6
    # The demo organisation's people sign in as a school leader, the leader's manager and a teacher.
    head = Post.objects.get(person__user=users["demo-skoleleder"], title="Skoleleder")
    assert head.manager.user == users["demo-skolechef"]
    assert Post.objects.filter(manager=head.person).exists()
    assert Post.objects.get(person__user=users["demo-laerer"]).level is None
    units = Unit.objects.count()
    assert units > 300
    # Evaluations: the school leader has reports of two closed cycles with figures, and the teacher's
    # printed link opens the open cycle's questionnaire.
    from grundlag.evaluations.models import Cycle, Response
    from grundlag.evaluations.reports import leader_report, reports_for_user

    reports = reports_for_user(user=users["demo-skoleleder"])
    assert len(reports) == 2 and all(e.cycle.status == Cycle.Status.CLOSED for e in reports)
    report = leader_report(evaluee=reports[0], viewer=users["demo-skoleleder"])
    assert report.sections and Response.objects.filter(evaluee=reports[0]).count() >= 5
    link = next(line.strip() for line in out.getvalue().splitlines() if "/evaluations/answer/" in line)
    client = Client()
    assert "Evaluering af" in client.get(link.split("8000", 1)[-1], follow=True).content.decode()
    cycles = Cycle.objects.count()

    call_command("demo_setup", stdout=StringIO())

    assert Unit.objects.count() == units and Cycle.objects.count() == cycles
    assert authenticate(request, username="demo-skoleleder", password=logins["demo-skoleleder"]) is None
