"""No log line the product writes holds an answer token, a password-reset link or an import handle."""

import datetime
import io
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIRequestHandler
from django.urls import reverse
from gunicorn.config import Config
from gunicorn.glogging import Logger as GunicornLogger
from weasyprint import HTML

from grundlag.core.logging import PLACEHOLDER, RedactSecrets, redact
from grundlag.evaluations.responding.services import invitation_token_issue
from grundlag.evaluations.tests.factories import InvitationFactory

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "f3461139a743f67e1dd1f2f62bd28e2400cd550193045fc77c67074cf83313b5"


@pytest.fixture
def log_output():
    """What the handlers of the LOGGING setting write (root and runserver's access log), as text."""
    stream = io.StringIO()
    handlers = [
        handler
        for name in ("", "django.server")
        for handler in logging.getLogger(name).handlers
        if type(handler) is logging.StreamHandler  # pytest's own capturing handlers are subclasses
    ]
    assert len(handlers) == 2
    previous = [handler.setStream(stream) for handler in handlers]
    yield stream
    for handler, old in zip(handlers, previous, strict=True):
        handler.setStream(old)


def test_every_handler_of_the_logging_setting_removes_secrets():
    for name, handler in settings.LOGGING["handlers"].items():
        assert "redact_secrets" in handler.get("filters", []), name
    # Django's default handlers (without the filter) are replaced on the loggers that had them.
    assert logging.getLogger("django").handlers == []
    assert [type(f) for f in logging.getLogger("django.server").handlers[0].filters] == [RedactSecrets]


def test_a_visit_to_an_answer_link_leaves_no_token_in_the_log(client, builtin_frameworks, log_output):
    token = invitation_token_issue(invitation=InvitationFactory())
    url = reverse("evaluations:answer_start", kwargs={"token": token})
    assert client.get(url).status_code < 400
    assert client.post(url).status_code == 405  # logged by django.request with the address
    assert client.get(reverse("evaluations:answer_start", kwargs={"token": TOKEN})).status_code == 404
    assert "Method Not Allowed" in log_output.getvalue()
    assert "Not Found" in log_output.getvalue()
    assert token not in log_output.getvalue()
    assert TOKEN not in log_output.getvalue()
    assert f"/evaluations/answer/{PLACEHOLDER}/" in log_output.getvalue()


def test_runservers_access_line_holds_no_token(log_output):
    handler = SimpleNamespace(request=None, log_date_time_string=lambda: "03/Dec/2026 09:00:00")
    request_line = f"GET /en/evaluations/answer/{TOKEN}/ HTTP/1.1"
    WSGIRequestHandler.log_message(handler, '"%s" %s %s', request_line, "200", "5120")
    WSGIRequestHandler.log_message(
        handler, '"%s" %s %s', "GET /password-reset/MQ/cz1-abc123/ HTTP/1.1", "404", "9"
    )
    written = log_output.getvalue()
    assert f'"GET /en/evaluations/answer/{PLACEHOLDER}/ HTTP/1.1" 200 5120' in written
    assert f'"GET /password-reset/{PLACEHOLDER}/ HTTP/1.1" 404 9' in written
    assert TOKEN not in written
    assert "cz1-abc123" not in written


def test_the_filter_rewrites_a_records_arguments():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /evaluations/answer/{TOKEN}/ HTTP/1.1", "200", "12"),
        None,
    )
    assert RedactSecrets().filter(record) is True
    assert record.getMessage() == f'"GET /evaluations/answer/{PLACEHOLDER}/ HTTP/1.1" 200 12'


def test_a_record_without_secrets_is_left_as_it_was():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/frameworks/",), None
    )
    RedactSecrets().filter(record)
    assert (record.msg, record.args) == ("Not Found: %s", ("/frameworks/",))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"/evaluations/answer/{TOKEN}/", f"/evaluations/answer/{PLACEHOLDER}/"),
        (
            f"https://grundlag.example.dk/en/evaluations/answer/{TOKEN}",
            f"https://grundlag.example.dk/en/evaluations/answer/{PLACEHOLDER}",
        ),
        (
            f"/login/?next=%2Fevaluations%2Fanswer%2F{TOKEN}%2F",
            f"/login/?next=%2Fevaluations%2Fanswer%2F{PLACEHOLDER}%2F",
        ),
        ("/password-reset/MQ/cz1-abc123/", f"/password-reset/{PLACEHOLDER}/"),
        ("/password-reset/MQ/set-password/", f"/password-reset/{PLACEHOLDER}/"),
        ("/organisation/import/Zm9vYmFy/apply/", f"/organisation/import/{PLACEHOLDER}/apply/"),
        ("/en/indicators/import/Zm9vYmFy/problems.csv", f"/en/indicators/import/{PLACEHOLDER}/problems.csv"),
        ("/indicators/import/", "/indicators/import/"),
        (f"GET /networks/calendar/{TOKEN}.ics HTTP/1.1", f"GET /networks/calendar/{PLACEHOLDER} HTTP/1.1"),
        ("/networks/calendar/", "/networks/calendar/"),
        ("GET /tools/library/?q=Lis+Hansen HTTP/1.1", f"GET /tools/library/?q={PLACEHOLDER} HTTP/1.1"),
        ("/en/tools/library/?page=2&q=konflikt", f"/en/tools/library/?page=2&q={PLACEHOLDER}"),
        ("/tools/library/", "/tools/library/"),
        # The pages around the secrets carry none, and stay readable.
        ("/evaluations/answer/submit/", "/evaluations/answer/submit/"),
        ("/evaluations/answer/thanks/", "/evaluations/answer/thanks/"),
        ("/password-reset/sent/", "/password-reset/sent/"),
        ("/organisation/import/", "/organisation/import/"),
    ],
)
def test_it_replaces_each_secret_in_an_address_by_a_placeholder(line, expected):
    assert redact(line) == expected


def test_the_shipped_gunicorn_access_log_holds_no_token(capsys):
    """gunicorn.conf.py's logger: the request line, the referrer and the headers lose their secrets."""
    shipped = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = Config()
    for name in ("accesslog", "logger_class"):
        config.set(name, shipped[name])
    log = config.logger_class(config)
    assert isinstance(log, GunicornLogger)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/evaluations/answer/{TOKEN}/",
        "PATH_INFO": f"/evaluations/answer/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://grundlag.example.dk/evaluations/answer/{TOKEN}/",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    try:
        log.access(response, request, environ, datetime.timedelta(milliseconds=3))
        written = capsys.readouterr().out
    finally:
        logging.getLogger("gunicorn.access").handlers.clear()
        logging.getLogger("gunicorn.error").handlers.clear()
    assert f"GET /evaluations/answer/{PLACEHOLDER}/ HTTP/1.1" in written
    assert TOKEN not in written


def test_printing_a_text_the_fonts_lack_writes_none_of_it_to_the_log(caplog):
    """WeasyPrint warns of each character its fonts lack, one by one: the printed text would be in the log."""
    with caplog.at_level(logging.DEBUG):
        HTML(string="<p>ཀཁགངཅ ᠮᠣᠩᠭᠣᠯ</p>").write_pdf()

    assert not any("ཀ" in record.getMessage() or "ᠮ" in record.getMessage() for record in caplog.records)
