"""Grundlag as a server runs it, for the load test and the fault scripts: the parts they share.

The approach of scripts/production-check (which stays as it is, proven in CI): a PostgreSQL database of the
run's own, production settings made for the run (no DEBUG, a SECRET_KEY and seal keys of its own, TLS at a
proxy in front), `collectstatic` and `migrate`, gunicorn with several workers (gunicorn.conf.py) on a free
port and task workers (`manage.py db_worker`) beside it; requests are sent as the proxy sends them (Host,
X-Forwarded-Proto: https, X-Forwarded-For). E-mail goes to files (Django's file-based backend), one file per
message, from which the answer links are read as a respondent reads them from the mail.

Everything made (the database, the folder, the processes) is removed or stopped at the end, also on failure.
"""

import base64
import email
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent.parent
VENV = ROOT / ".venv"
PYTHON = str(VENV / "bin" / "python")
GUNICORN = str(VENV / "bin" / "gunicorn")
HOST = "grundlag.example.dk"
ORIGIN = f"https://{HOST}"
CLIENT_ADDRESS = "203.0.113.7"
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": CLIENT_ADDRESS}
ANSWER_LINK = re.compile(r"https://grundlag\.example\.dk/evaluations/answer/([0-9a-f]{64})/")
STARTUP_SECONDS = 120


def use_the_venv(script: str) -> None:
    """Run the script again with the project's Python (psycopg, gunicorn and locust live there)."""
    if Path(sys.prefix).resolve() != VENV.resolve() and (VENV / "bin" / "python").exists():
        os.execv(PYTHON, [PYTHON, script, *sys.argv[1:]])


def say(text: str) -> None:
    print(text, flush=True)


def wait_for(condition: Callable[[], object], *, seconds: float, what: str, every: float = 0.2) -> object:
    """Poll until `condition()` is true (returned); a deadline, no fixed sleep."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise RuntimeError(f"{what}: not within {seconds:.0f} s")


def server_address() -> str:
    """The PostgreSQL server of DATABASE_URL (127.0.0.1:5432 as postgres otherwise), without a database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return f"postgres://{urlsplit(url).netloc}"


def maintenance(server: str, statement: sql.Composable) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=10) as connection:
        connection.execute(statement)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(*, database_url: str, folder: Path, worker_seconds: int) -> dict[str, str]:
    """Production settings made for this run (as production-check's), e-mail written to files."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PGPASSWORD", "PGSSLMODE"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    seal_key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    return env | {
        # config.settings and EMAIL_FILE_PATH, which production settings do not read (load_settings.py).
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "PYTHONPATH": f"{ROOT}:{Path(__file__).resolve().parent}",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "EVALUATIONS_SEAL_KEYS": f"load1:{seal_key}",
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": ORIGIN,
        "SITE_URL": ORIGIN,
        "SECURE": "true",
        "AXES_IPWARE_PROXY_COUNT": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(folder / "mail"),
        "DEFAULT_FROM_EMAIL": f"grundlag@{HOST}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        # How long a silent task worker is taken for alive (default 60 s): shorter, so that the fault of a
        # killed worker is recovered within the run. The recovery itself is the product's.
        "READINESS_WORKER_SECONDS": str(worker_seconds),
    }


@dataclass
class Stack:
    """The database, the settings, gunicorn and the task workers of one run."""

    server: str
    database: str
    folder: Path
    env: dict[str, str]
    port: int = 0
    gunicorn: subprocess.Popen | None = None
    workers: list[subprocess.Popen] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    @property
    def database_url(self) -> str:
        return f"{self.server}/{self.database}"

    @property
    def mail(self) -> Path:
        return self.folder / "mail"

    def manage(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def prepare(self, **data_options: object) -> dict:
        """collectstatic beside migrate, then the data (`data.py`); returns what the data script made."""
        started = time.perf_counter()
        collect = self.manage("collectstatic", "--noinput")
        try:
            _finish(self.manage("migrate", "--noinput"), "migrate")
        finally:
            _finish(collect, "collectstatic")
        say(f"   migrated and collected in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        out = self.folder / "data.json"
        options = [f"--{key.replace('_', '-')}={value}" for key, value in data_options.items()]
        command = [PYTHON, str(Path(__file__).with_name("data.py")), f"--out={out}", *options]
        # The closed cycle stands for one closed weeks ago: its reports' PDFs (a task per 25 leaders, seconds
        # each) are not made now, so they neither hold up the invitations' task nor load the machine.
        env = self.env | {"EVALUATIONS_REPORT_PDFS_AT_CLOSE": "false"}
        process = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if process.returncode != 0:
            raise RuntimeError(f"data.py failed:\n{process.stdout}\n{process.stderr}")
        say("   " + "\n   ".join(line for line in process.stdout.splitlines() if line.strip()))
        say(f"   data made in {time.perf_counter() - started:.0f} s")
        self.data = json.loads(out.read_text())
        return self.data

    def start_web(self, *, workers: int) -> None:
        self.port = free_port()
        command = [GUNICORN, "-c", "gunicorn.conf.py", "-w", str(workers), "-b", f"127.0.0.1:{self.port}"]
        log = (self.folder / "gunicorn.log").open("a")
        self.gunicorn = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        wait_for(self._healthy, seconds=STARTUP_SECONDS, what="gunicorn answering /healthz")
        wait_for(
            lambda: len(self.web_worker_pids()) == workers, seconds=STARTUP_SECONDS, what="gunicorn's workers"
        )

    def _healthy(self) -> bool:
        if self.gunicorn is not None and self.gunicorn.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited ({self.gunicorn.returncode}); see {self.folder}/gunicorn.log"
            )
        try:
            return fetch(self.port, "/healthz")[0] == 200
        except OSError:
            return False

    def web_worker_pids(self) -> list[int]:
        """The pids of gunicorn's workers: the arbiter's children."""
        assert self.gunicorn is not None
        path = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except FileNotFoundError:
            return []

    def start_worker(self, name: str) -> subprocess.Popen:
        log = (self.folder / f"worker-{name}.log").open("a")
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--no-reload", "--worker-id", name, "--interval", "0.5"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        self.workers.append(worker)
        return worker

    def stop(self) -> None:
        for process in [*self.workers, self.gunicorn]:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [*self.workers, self.gunicorn]:
            if process is None:
                continue
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def sql(self, query: str, *params: object) -> list[tuple]:
        with psycopg.connect(self.database_url, autocommit=True, connect_timeout=10) as connection:
            return connection.execute(query, params).fetchall()

    def sql_in_one_snapshot(self, *queries: tuple[str, tuple]) -> list[list[tuple]]:
        """Several queries that see the same committed data (REPEATABLE READ): a submit still in flight
        when the load stopped, committing between two of them, cannot make their counts disagree."""
        with psycopg.connect(self.database_url, connect_timeout=10) as connection:
            connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            return [connection.execute(query, params).fetchall() for query, params in queries]


def _finish(process: subprocess.Popen, what: str) -> str:
    output, _ = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"`manage.py {what}` failed (exit {process.returncode}):\n{output}")
    return output


@contextmanager
def stack(name: str, *, worker_seconds: int = 60) -> Iterator[Stack]:
    """A database and folder of the run's own, removed at the end; gunicorn and workers stopped."""
    server = server_address()
    database = f"h5_load_{name}_{os.getpid()}"
    folder = Path(tempfile.mkdtemp(prefix=f"grundlag-load-{name}-"))
    maintenance(server, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    env = production_environment(
        database_url=f"{server}/{database}", folder=folder, worker_seconds=worker_seconds
    )
    running = Stack(server=server, database=database, folder=folder, env=env)
    say(f"-- database {database}, folder {folder}")
    try:
        yield running
    finally:
        running.stop()
        maintenance(
            server, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
        )
        if os.environ.get("BENCH_KEEP_FOLDER"):
            say(f"   kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def fetch(
    port: int, path: str, *, method: str = "GET", body: bytes | None = None, headers: dict | None = None
) -> tuple[int, http.client.HTTPResponse, bytes]:
    """One request as the proxy sends it; raises OSError (http.client's errors included) when none came."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=PROXY_HEADERS | (headers or {}))
        response = connection.getresponse()
        return response.status, response, response.read()
    except http.client.HTTPException as error:
        raise ConnectionError(str(error)) from error
    finally:
        connection.close()


@dataclass(frozen=True)
class Mail:
    file: str
    recipient: str
    token: str


def mails(folder: Path) -> list[Mail]:
    """Every message the file-based backend wrote: its file, recipient and answer link's token."""
    found = []
    if not folder.exists():
        return found
    for path in sorted(folder.iterdir()):
        text = path.read_text(encoding="utf-8", errors="replace")
        # The backend writes each message followed by a line of 79 dashes (several per file when one
        # connection sent several).
        for chunk in text.split("-" * 79 + "\n"):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk)
            body = "".join(
                part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8", "replace")
                for part in message.walk()
                if part.get_content_type() == "text/plain"
            )
            link = ANSWER_LINK.search(body)
            found.append(Mail(path.name, message["To"], link[1] if link else ""))
    return found


def digest(token: str) -> str:
    """The invitation's `token_digest`: how the database knows a link (responding/tokens.py)."""
    return hashlib.sha256(token.encode()).hexdigest()


def answers_stored(running: Stack, *, cycle_id: int, tokens: set[str]) -> dict[str, int]:
    """What the database holds of the cycle's answers, against the submits acknowledged (by token)."""
    completed_rows, ((responses,),), ((drafts,),) = running.sql_in_one_snapshot(
        (
            "SELECT i.token_digest FROM evaluations_invitation i JOIN evaluations_evaluee e "
            "ON e.id = i.evaluee_id WHERE e.cycle_id = %s AND i.status = 'completed'",
            (cycle_id,),
        ),
        ("SELECT count(*) FROM evaluations_sealedresponse WHERE cycle_id = %s", (cycle_id,)),
        (
            "SELECT count(*) FROM evaluations_sealeddraft d "
            "JOIN evaluations_invitation i ON i.id = d.invitation_id "
            "JOIN evaluations_evaluee e ON e.id = i.evaluee_id "
            "WHERE e.cycle_id = %s AND i.status = 'completed'",
            (cycle_id,),
        ),
    )
    completed = {row[0] for row in completed_rows}
    return {
        "acknowledged": len(tokens),
        "completed": len(completed),
        "responses": responses,
        "lost": sum(1 for token in tokens if digest(token) not in completed),
        # A response per completed invitation: more would be a duplicate, fewer a response lost.
        "duplicates": max(0, responses - len(completed)),
        "missing_responses": max(0, len(completed) - responses),
        "drafts_left_behind": drafts,
    }
