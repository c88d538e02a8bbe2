"""No user text can start an e-mail header (issue 18, item 2), whatever its encoding, with
the Python the README's commands pick (scripts/find-python), this one, the Docker image's
and every other 3.12+ installed (3.12.1 decoded an encoded word in a subject into a real
line break); and subjects are plain text, never HTML-escaped (item 10).

Names are refused when typed (no `=?`, no control character) and neutralised when built
into a header (runningcoach/mail.py header_text), so a name stored before the check is
harmless too. Each e-mail is serialised as it goes on the wire and parsed back."""

from __future__ import annotations

import email
import email.policy
import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from accounts.forms import SignupForm
from accounts.models import AthleteProfile
from coaching import services as coaching_services
from notifications.models import OutboxEmail
from runningcoach.mail import header_text
from tests.factories import make_coach
from tests.notifications.test_alarms import spike, sweep
from tests.outbox import deliver

ENCODED_BCC = "=?utf-8?q?x=0D=0ABcc:_x@evil.test?="
ENCODED_REPLY_TO = "=?utf-8?q?Bob=0D=0AReply-To:_evil@evil.test=0D=0A=0D=0Afake_body?="
ROOT = Path(__file__).resolve().parents[2]

# The stdlib's part of building a message, as Django's EmailMessage.message() does it,
# run in another interpreter: the headers it writes and what a reader parses from them.
WIRE_CHECK = """
import json, sys
from email import message_from_bytes, policy
from email.message import EmailMessage
subject = json.loads(sys.argv[1])
m = EmailMessage(policy=policy.default)
m["Subject"] = subject
m["To"] = "someone@example.com"
m.set_content("the body")
parsed = message_from_bytes(m.as_bytes(), policy=policy.default)
print(json.dumps({"headers": sorted(parsed.keys()), "subject": str(parsed["Subject"]),
                  "body": parsed.get_content()}))
"""


IDENTIFY = (
    "import json, os, platform, sys; print(json.dumps([sys.version_info >= (3, 12),"
    " platform.python_version(), os.path.realpath(sys.executable)]))"
)


def readme_python() -> str:
    """The interpreter the README's commands choose (`make venv` runs scripts/find-python);
    none found is a failure, as it is for `make venv`."""
    found = subprocess.run(
        [str(ROOT / "scripts" / "find-python")], capture_output=True, text=True, check=True
    )
    return found.stdout.strip()


def installed_pythons(*, pyenv_root: Path, path: str) -> list[str]:
    """Every interpreter besides: pyenv's versions and python3.1x on the PATH."""
    found = [str(p) for p in sorted(pyenv_root.glob("versions/3.1[2-9]*/bin/python"))]
    for name in ("python3.12", "python3.13", "python3.14", "python3"):
        where = shutil.which(name, path=path)
        if where and "shims" not in Path(where).parts:  # pyenv's shims run one listed above
            found.append(where)
    return found


def wire_pythons(*, pyenv_root: Path | None = None, path: str | None = None) -> dict[str, str]:
    """The interpreters the wire check runs with, each once: the one the README's commands
    choose, this one (the venv's) and every other Python 3.12 or newer installed. Never
    empty, so no machine checks less without saying so. {real path: version}"""
    root = (
        pyenv_root
        if pyenv_root is not None
        else Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    )
    candidates = [
        readme_python(),
        sys.executable,
        *installed_pythons(
            pyenv_root=root, path=os.environ.get("PATH", "") if path is None else path
        ),
    ]
    found: dict[str, str] = {}
    for candidate in candidates:
        answer = subprocess.run(
            [candidate, "-c", IDENTIFY], capture_output=True, text=True, timeout=30
        )
        if answer.returncode != 0:
            continue
        recent, version, real = json.loads(answer.stdout)
        if recent:
            found.setdefault(real, version)
    return found


@functools.cache
def pythons_here() -> dict[str, str]:
    return wire_pythons()


def docker_python() -> str:
    """The Python of the Docker image: the version its base image is pinned to."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    pinned = re.search(r"^FROM python:(\d+\.\d+\.\d+)-slim\b", text, flags=re.MULTILINE)
    assert pinned, "the Dockerfile pins its Python to a patch release (python:3.x.y-slim)"
    return pinned.group(1)


def assert_safe_on_the_wire(message: Any) -> None:
    raw = message.message().as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Bcc"] is None and parsed["Reply-To"] is None
    assert len(parsed.get_all("Subject")) == 1
    subject = str(parsed["Subject"])
    assert "=?" not in subject and "\r" not in subject and "\n" not in subject, subject
    assert not parsed.get_body(("plain",)).get_content().startswith("fake")
    for python in pythons_here():
        result = subprocess.run(
            [python, "-c", WIRE_CHECK, json.dumps(message.subject)],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        seen = json.loads(result.stdout)
        assert seen["headers"] == sorted(
            ["Subject", "To", "Content-Type", "Content-Transfer-Encoding", "MIME-Version"]
        ), (python, seen)
        assert "=?" not in seen["subject"] and "\n" not in seen["subject"], (python, seen)
        assert seen["body"] == "the body\n", (python, seen)


# The interpreters the check runs with ------------------------------------------------


def test_the_wire_check_runs_with_the_readmes_python_where_no_other_is_installed(
    tmp_path: Path,
) -> None:
    """No pyenv, nothing on the PATH: the check still runs, with the interpreter the
    README's commands choose and with this one, rather than quietly with none."""
    found = wire_pythons(pyenv_root=tmp_path, path="")
    assert os.path.realpath(readme_python()) in found
    assert os.path.realpath(sys.executable) in found


def test_the_wire_check_covers_the_docker_images_python_in_ci() -> None:
    """The image's Python (its minor version: email's header code changes between minor
    releases) is among the interpreters checked; in CI (REQUIRE_SERVICES=1) its absence
    is a failure, elsewhere a skip that says so."""
    minor = docker_python().rsplit(".", 1)[0]
    if not any(v.startswith(f"{minor}.") for v in pythons_here().values()):
        message = f"no Python {minor} (the Docker image's) here: {pythons_here()}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)


# Names are refused when typed ---------------------------------------------------------


@pytest.mark.parametrize("name", [ENCODED_BCC, "=?utf-8?b?Qm9iDQpCY2M6IHhAZXZpbC50ZXN0?="])
def test_signup_refuses_a_name_holding_an_encoded_word(name: str) -> None:
    form = SignupForm(data={"display_name": name})
    assert not form.is_valid()
    assert "=?" in str(form.errors["display_name"])


@pytest.mark.django_db
def test_settings_page_refuses_a_name_holding_an_encoded_word(
    runner_client: Any, runner: Any
) -> None:
    response = runner_client.post(
        reverse("accounts:settings"),
        {"display_name": ENCODED_BCC, "time_zone": "Europe/Amsterdam", "language": "en"},
    )
    assert response.status_code == 200
    runner.profile.refresh_from_db()
    assert runner.profile.display_name == "Alice"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENCODED_BCC, "= ?utf-8?q?x=0D=0ABcc:_x@evil.test?="),
        ("Evil\r\nBcc: x@example.com", "Evil Bcc: x@example.com"),
        ("Line\u2028Separator\x00", "Line Separator"),
        ("==??", "== ??"),
        ("O'Neil & <b>", "O'Neil & <b>"),
    ],
)
def test_header_text_is_one_line_without_an_encoded_word(text: str, expected: str) -> None:
    assert header_text(text) == expected


# ... and neutralised when a stored one reaches a header ------------------------------


@pytest.mark.django_db
def test_an_encoded_word_in_a_runners_stored_name_adds_no_header_to_the_alarm(
    runner: Any, coach: Any
) -> None:
    runner.profile.coach = coach
    runner.profile.save()
    AthleteProfile.objects.filter(user=runner).update(display_name=f"Alice {ENCODED_BCC}")
    spike(runner)
    sweep()
    to_coach = next(m for m in mail.outbox if m.to == [coach.email])
    assert "Alice" in to_coach.subject
    assert_safe_on_the_wire(to_coach)
    assert OutboxEmail.objects.filter(status="sent").count() == 2


@pytest.mark.django_db
def test_an_encoded_word_in_a_coachs_stored_name_adds_no_header_to_an_invitation(
    client: Any,
) -> None:
    coach = make_coach("bob@example.com", display_name="Bob")
    AthleteProfile.objects.filter(user=coach).update(display_name=ENCODED_REPLY_TO)
    client.force_login(coach)
    client.post(reverse("admin:coaching_invitation_add"), {"email": "frank@example.com"})
    deliver()
    (invitation,) = mail.outbox
    assert invitation.to == ["frank@example.com"]
    assert_safe_on_the_wire(invitation)


@pytest.mark.django_db
def test_an_encoded_word_in_a_coachs_stored_name_adds_no_header_to_a_message(
    runner: Any, coach: Any
) -> None:
    runner.profile.coach = coach
    runner.profile.save()
    AthleteProfile.objects.filter(user=coach).update(display_name=ENCODED_REPLY_TO)
    coaching_services.message_send(
        coach=coach, athletes=type(runner).objects.filter(pk=runner.pk), text="Easy week"
    )
    sweep()
    (message,) = mail.outbox
    assert_safe_on_the_wire(message)


# Subjects are plain text (item 10) --------------------------------------------------------

NASTY = "O'Neil & <b>"


@pytest.mark.django_db
def test_the_alarm_subject_shows_the_name_as_typed(runner: Any, coach: Any) -> None:
    runner.profile.coach = coach
    runner.profile.display_name = NASTY
    runner.profile.save()
    spike(runner)
    sweep()
    to_coach = next(m for m in mail.outbox if m.to == [coach.email])
    assert NASTY in to_coach.subject
    assert "&amp;" not in to_coach.subject and "&#x27;" not in to_coach.subject


@pytest.mark.django_db
def test_the_message_and_invitation_subjects_show_the_name_as_typed(
    client: Any, runner: Any
) -> None:
    coach = make_coach("bob@example.com", display_name=NASTY)
    runner.profile.coach = coach
    runner.profile.save()
    coaching_services.message_send(
        coach=coach, athletes=type(runner).objects.filter(pk=runner.pk), text="Easy week"
    )
    sweep()
    client.force_login(coach)
    client.post(reverse("admin:coaching_invitation_add"), {"email": "frank@example.com"})
    deliver()
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert NASTY in message.subject, message.subject


def test_every_subject_template_is_rendered_as_plain_text() -> None:
    """Every *_subject.txt of the project is rendered by runningcoach.mail.render_subject
    (autoescape off, one line), never by render_to_string, which escapes HTML."""
    templates = {
        p.name
        for p in ROOT.glob("*/templates/**/*_subject.txt")
        if ".venv" not in p.parts and "allauth" not in p.parts
    }
    assert templates, "the subject templates were found"
    wrong = []
    for source in ROOT.glob("*/**/*.py"):
        if ".venv" in source.parts or "tests" in source.parts:
            continue
        text = source.read_text(encoding="utf-8")
        for match in re.finditer(r"(\w+)\(\s*f?\"[^\"]*_subject\.txt", text):
            if match.group(1) != "render_subject":
                wrong.append(f"{source.relative_to(ROOT)}: {match.group(0)}")
    assert wrong == []


@pytest.mark.django_db
def test_the_migration_writes_stored_encoded_words_apart(runner: Any) -> None:
    from importlib import import_module

    from django.apps import apps

    AthleteProfile.objects.filter(user=runner).update(display_name=f"Alice {ENCODED_BCC}")
    migration = import_module("accounts.migrations.0005_display_name_without_encoded_words")
    migration.clean_stored_names(apps, None)
    runner.profile.refresh_from_db()
    assert runner.profile.display_name == "Alice = ?utf-8?q?x=0D=0ABcc:_x@evil.test?="
