"""A new user's first hour from the README: `make run` prints alarm e-mails, links follow
SITE_URL's scheme, and the pages that say "write to us" name an address."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shlex
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import wait_for
from tests.factories import sign_up_form
from tests.notifications.conftest import free_port
from tests.outbox import deliver
from tests.test_deploy import run_in_production

ROOT = Path(__file__).resolve().parent.parent
# What `make run` must not inherit from this test run: it starts with nothing configured.
NOT_IN_MAKE_RUN = ("DATABASE_URL", "REDIS_URL", "CELERY_", "EMAIL_", "SQLITE_PATH", "OUTBOX_")


def make_run_commands() -> list[tuple[dict[str, str], list[str]]]:
    """The recipe of `make run` as (environment, argv) pairs, read from the Makefile."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.startswith("run:"))) + 1
    commands = []
    for line in lines[start:]:
        if not line.startswith("\t"):
            break
        words = shlex.split(line.strip().replace("$(PY)", sys.executable))
        env = dict(w.split("=", 1) for w in words if re.fullmatch(r"[A-Z_]+=.*", w))
        commands.append((env, [w for w in words if not re.fullmatch(r"[A-Z_]+=.*", w)]))
    return commands


class Server:
    """`make run`'s web process on a spare port, its console kept line by line."""

    def __init__(self, env: dict[str, str], argv: list[str], port: int) -> None:
        argv = [f"127.0.0.1:{port}" if re.fullmatch(r"[\d.]+:\d+", w) else w for w in argv]
        self.base = f"http://127.0.0.1:{port}"
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [*argv, "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)

    def console(self) -> str:
        return "".join(self.output)

    def answers(self) -> bool:
        try:
            return self.opener.open(f"{self.base}/ping/", timeout=2).status == 200
        except OSError:
            return False

    def post_form(self, path: str, data: dict[str, str]) -> str:
        page = self.opener.open(self.base + path, timeout=20).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:500]
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.group(1)}).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base}
        )
        return str(self.opener.open(request, timeout=30).read().decode())


@pytest.fixture(scope="module")
def make_run_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """`make run` set up and served once for this module's tests (each signs in afresh)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_IN_MAKE_RUN)}
    database = tmp_path_factory.mktemp("make-run") / "db.sqlite3"
    env.update(SQLITE_PATH=str(database), PYTHONUNBUFFERED="1")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    *setup, serve = make_run_commands()
    for extra, argv in setup:
        done = subprocess.run(
            argv, cwd=ROOT, env={**env, **extra}, capture_output=True, text=True, timeout=240
        )
        assert done.returncode == 0, done.stdout + done.stderr
    server = Server({**env, **serve[0]}, serve[1], free_port())
    try:
        assert wait_for(server.answers, timeout=60), server.console()
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)


@pytest.fixture
def make_run(make_run_server: Server) -> Server:
    """The shared server, seen from a browser of the test's own (no one signed in)."""
    make_run_server.opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    return make_run_server


def test_make_run_prints_an_alarm_email_after_a_pain_5_session(make_run):
    assert make_run_commands()[-1][0].get("DEBUG") == "1"  # the recipe this test follows
    make_run.post_form(
        "/accounts/login/", {"login": "anna@example.com", "password": "runningcoach-demo"}
    )
    start = datetime.now(ZoneInfo("Europe/Amsterdam")) - timedelta(hours=1)
    page = make_run.post_form(
        "/sessions/new/",
        {
            "kind": "run",
            "date": start.date().isoformat(),
            "time": start.strftime("%H:%M"),
            "duration": "30",
            "distance_km": "5",
            "rpe": "5",
            "pain": "5",
            "surface": "road",
            "ex-TOTAL_FORMS": "0",
            "ex-INITIAL_FORMS": "0",
            "ex-MIN_NUM_FORMS": "0",
            "ex-MAX_NUM_FORMS": "20",
        },
    )
    assert "invalid-feedback" not in page

    def alarm_printed() -> bool:
        console = make_run.console()
        return "Subject: runningcoach: Pain after a session: high" in console

    assert wait_for(alarm_printed, timeout=30), make_run.console()[-3000:]
    alarm = make_run.console().split("Subject: runningcoach: Pain after a session: high")[1]
    assert "To: anna@example.com" in make_run.console()
    assert "5/10" in alarm
    assert "http://127.0.0.1:8000/dashboard/" in alarm


def test_make_run_prints_the_sign_up_email_at_once(make_run):
    """Without a broker (Celery eager) the outbox's send task runs in the web process right
    after the sign-up's commit: the link is printed at once, as allauth printed it."""
    page = make_run.post_form("/accounts/signup/", sign_up_form("newcomer@example.com", "Newcomer"))
    assert "invalid-feedback" not in page
    assert wait_for(lambda: "To: newcomer@example.com" in make_run.console(), timeout=5), (
        make_run.console()[-3000:]
    )
    link = r"http://127\.0\.0\.1:\d+/accounts/confirm-email/\S+"
    assert re.search(link, make_run.console())


@pytest.mark.parametrize(
    ("site_url", "debug", "scheme"),
    [
        ("http://localhost:8000", "", "http"),  # docker-compose's stack, DEBUG off
        ("https://coach.example.org", "", "https"),
        ("", "", "https"),
        ("", "1", "http"),
    ],
)
def test_account_links_take_site_urls_scheme(site_url, debug, scheme):
    result = run_in_production(
        "-c",
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL)",
        SITE_URL=site_url,
        DEBUG=debug,
        DJANGO_SETTINGS_MODULE="runningcoach.settings",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == scheme


@pytest.mark.django_db
def test_signup_email_link_is_plain_http_when_site_url_is(settings, mailoutbox):
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    Client().post(reverse("account_signup"), sign_up_form("new@example.com"))
    deliver()
    (message,) = mailoutbox
    assert re.search(r"http://testserver/accounts/confirm-email/\S+", message.body)
    assert "https://" not in message.body


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "words"), [("en", "Write to"), ("nl", "Schrijf naar")])
def test_pages_that_say_write_to_us_name_the_contact_address(settings, language, words):
    settings.CONTACT_EMAIL = "help@runningcoach.example"
    client = Client(headers={"accept-language": language})
    for name in (
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ):
        html = client.get(reverse(name)).content.decode()
        assert 'href="mailto:help@runningcoach.example"' in html, name
        assert words in html
        assert "contact us" not in html.lower()


def test_check_deploy_warns_without_a_contact_address():
    result = run_in_production(
        "manage.py",
        "check",
        "--deploy",
        SECRET_KEY="q8#Vt2!pLz@4rW$9mK^e7&Yb1*Nc5(Hs3)Jd6_Fg0+Ux-Io-7Tq2Lm9Zx4Pk8Rv1Wb",
        ALLOWED_HOSTS="runningcoach.example",
        CONTACT_EMAIL="",
    )
    assert "runningcoach.W002" in result.stdout + result.stderr
