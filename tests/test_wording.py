"""Everything around the warnings says no more than the warnings do (DOMAIN.md section 2):
the pages and e-mails a runner or coach reads first, in English and Dutch, hold none of the
phrases that promise, forecast or judge."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from coaching import services as coaching_services
from logbook import services as logbook_services
from notifications import services as notification_services

AMS = ZoneInfo("Europe/Amsterdam")
# Monday 23 November 2026, 08:00 in Amsterdam: the weekly reminder is due.
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=AMS)

RULED_OUT = {
    "en": [
        "injury-free",
        "before it hurts",
        "too fast",
        "no reason for caution",
        "your last session",
    ],
    "nl": [
        "blessurevrij",
        "voordat het pijn doet",
        "te snel",
        "geen reden tot voorzichtigheid",
        "je laatste training",
        "vroege behandeling voorkomt",
        "gaan vanzelf over",
    ],
}
# A phrase of each language, so the test knows it read the translated texts.
SIGN_OF = {"en": "No open warnings", "nl": "Geen openstaande waarschuwingen"}
SESSION_OF = {"en": "Hello Alice, your session of", "nl": "Hallo Alice, je training van"}


def run(athlete: User, day: date, km: int) -> None:
    logbook_services.session_log(
        athlete=athlete,
        start=datetime.combine(day, datetime.min.time(), tzinfo=AMS).replace(hour=9),
        kind="run",
        duration_s=km * 360,
        distance_m=km * 1000,
        rpe=5,
    )


def page(user: User | None, url: str, language: str) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def texts_of(message: Any) -> str:
    parts = [message.subject, message.body]
    parts += [content for content, _mime in getattr(message, "alternatives", [])]
    return "\n".join(str(part) for part in parts)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_pages_and_emails_hold_no_ruled_out_phrase(
    runner: User, other_runner: User, coach: User, language: str
) -> None:
    for user in (runner, other_runner, coach):
        user.profile.language = language
        user.profile.save()
    runner.profile.coach = coach
    runner.profile.save()
    User.objects.filter(pk=runner.pk).update(date_joined=datetime(2026, 1, 1, tzinfo=UTC))

    with time_machine.travel(NOW, tick=False):
        run(runner, date(2026, 11, 13), 10)
        run(runner, date(2026, 11, 22), 14)  # a spike: the alarm e-mail
        planned = coaching_services.plan_session_save(
            athlete=runner,
            values=coaching_services.PlanValues(
                day=date(2026, 11, 28), kind="run", distance_m=20000, rpe=5
            ),
            planned_by=coach,
        )
        notification_services.outbox_queue_due(now=NOW)
        notification_services.outbox_send(
            ids=notification_services.outbox_take_due(now=NOW), now=NOW
        )
        read = {
            "home": page(None, reverse("home"), language),
            "seek help": page(None, reverse("exercises:seek_help"), language),
            "empty dashboard": page(other_runner, reverse("logbook:dashboard"), language),
            "plan check": page(runner, reverse("coaching:plan"), language),
            "coach's plan check": page(
                coach,
                reverse("admin:coaching_athlete_plan", args=[runner.pk])
                + f"?week={planned.day:%Y-%m-%d}",
                language,
            ),
        }
    for message in mail.outbox:
        read[f"e-mail to {message.to[0]}: {message.subject}"] = texts_of(message)
    # The alarm to the runner and to the coach, and the runner's weekly reminder.
    assert len(mail.outbox) == 3

    assert SIGN_OF[language] in read["empty dashboard"]
    assert f'data-planned="{planned.pk}"' in read["plan check"]
    assert f'data-planned="{planned.pk}"' in read["coach's plan check"]
    found = [
        (where, phrase)
        for where, text in read.items()
        for phrase in RULED_OUT[language]
        if phrase in text.lower()
    ]
    assert found == []
    # The alarm names the session's date (Sunday 22 November), not "your last session".
    to_runner = mail.outbox[0].body.splitlines()[0]
    assert to_runner.startswith(SESSION_OF[language]) and "22" in to_runner
