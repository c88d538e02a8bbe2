"""Every kind of e-mail, rendered in English and in Dutch: one way of writing figures and
weeks per language, local dates only, a phone-sized HTML part beside the plain text, and
the runners' reminder only for people who run."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts.models import User
from coaching import services as coaching_services
from coaching.models import PlannedSession
from logbook import services as logbook_services
from tests.factories import make_coach, make_runner
from tests.notifications.test_reminders import AMS, MONDAY_0800_AMS, sweep_and_send

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)
# Thursday 19 November 2026, 18:00 in Amsterdam: 17:00 UTC, in the ISO week 2026-W47.
RUN_START = datetime(2026, 11, 19, 18, 0, tzinfo=AMS)

FIGURES = {
    # language: (the long run as it must read, a figure with the other language's mark)
    "en": ("26.1 km", re.compile(r"\d,\d+ km")),
    "nl": ("26,1 km", re.compile(r"\d\.\d+ km")),
}
WEEK_WORDS = {"en": "16–22 November", "nl": "16–22 november"}  # noqa: RUF001
ISO_WEEK = re.compile(r"\b\d{4}-W\d{2}\b")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def person(email: str, name: str, language: str, *, coach: bool = False) -> User:
    with time_machine.travel(LONG_AGO):
        maker = make_coach if coach else make_runner
        user = maker(email, display_name=name)
    user.profile.language = language
    user.profile.save()
    return user


def every_kind(language: str) -> tuple[User, User]:
    """A coach who does not run and a runner of theirs with a week to report on: a 10 km
    run, then a 26,050 m run with pain 5/10 (a spike and a pain alarm)."""
    carol = person("carol@example.com", "Carol", language, coach=True)
    alice = person("alice@example.com", "Alice", language)
    alice.profile.coach = carol
    alice.profile.save()
    for start, metres, pain in (
        (RUN_START - timedelta(days=8), 10_000, None),
        (RUN_START, 26_050, 5),
    ):
        with time_machine.travel(start + timedelta(hours=2)):
            logbook_services.session_log(
                athlete=alice, start=start, kind="run", duration_s=9000, distance_m=metres,
                rpe=6, pain=pain,
            )  # fmt: skip
    PlannedSession.objects.create(
        athlete=alice, day=date(2026, 11, 26), kind="run", distance_m=12_500
    )
    coaching_services.invitation_send(coach=carol, email="dave@example.com", now=MONDAY_0800_AMS)
    athletes = User.objects.filter(pk=alice.pk)
    coaching_services.message_send(coach=carol, athletes=athletes, text="Rest well.")
    with time_machine.travel(MONDAY_0800_AMS):
        sweep_and_send(MONDAY_0800_AMS)
    return carol, alice


def html_of(message: Any) -> str:
    (html,) = [content for content, mime in message.alternatives if mime == "text/html"]
    return str(html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_email_writes_figures_weeks_and_days_one_way(language):
    carol, alice = every_kind(language)
    long_run, wrong_mark = FIGURES[language]
    sent = list(mail.outbox)
    assert len(sent) >= 6  # two alarms, reminder, digest, message, invitation (at least)
    for message in sent:
        for part in (message.subject, message.body, html_of(message)):
            assert not ISO_WEEK.search(part), part
            assert not ISO_DAY.search(part), part
            assert not wrong_mark.search(part), part
            assert "17:00" not in part  # the run's start in UTC: no time is ever shown in UTC
            assert "UTC" not in part
            if language == "nl":  # every text in the recipient's language, titles included
                assert "Single run" not in part and "Pain after" not in part, part
    to_alice = [m.body for m in sent if m.to == [alice.email]]
    to_carol = [m.body for m in sent if m.to == [carol.email]]
    assert any(long_run in body for body in to_alice)  # the alarm and the reminder
    digest = next(m for m in sent if m.to == [carol.email] and WEEK_WORDS[language] in m.subject)
    assert long_run in digest.body
    assert "5/10" in digest.body
    reminder = next(m for m in sent if m.to == [alice.email] and WEEK_WORDS[language] in m.subject)
    assert "W47" not in reminder.subject
    assert to_carol and not [b for b in to_carol if "One easy first step" in b]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_coach_who_does_not_run_gets_no_runners_reminder(language):
    carol, alice = every_kind(language)
    reminder_words = {"en": "your week of", "nl": "je week van"}[language]
    restart = {"en": "fresh start", "nl": "frisse start"}[language]
    to_carol = [m.subject for m in mail.outbox if m.to == [carol.email]]
    to_alice = [m.subject for m in mail.outbox if m.to == [alice.email]]
    assert any(reminder_words in s for s in to_alice)
    assert not [s for s in to_carol if reminder_words in s or restart in s.lower()]
    assert any("Alice" in s for s in to_carol)  # the alarm about her athlete still comes


@pytest.mark.django_db
def test_a_coach_who_runs_gets_the_reminder_too():
    carol, _alice = every_kind("en")
    mail.outbox.clear()
    with time_machine.travel(MONDAY_0800_AMS + timedelta(days=3)):
        logbook_services.session_log(
            athlete=carol, start=MONDAY_0800_AMS + timedelta(days=2), kind="run",
            duration_s=1800, distance_m=5000, rpe=4,
        )  # fmt: skip
    next_monday = MONDAY_0800_AMS + timedelta(days=7)
    with time_machine.travel(next_monday):
        sweep_and_send(next_monday)
    assert [m for m in mail.outbox if m.to == [carol.email] and "your week of" in m.subject]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_html_part_is_laid_out_for_a_phone_beside_the_plain_text(language):
    every_kind(language)
    for message in mail.outbox:
        html = html_of(message)
        assert message.body.strip() and "<" not in message.body.split("http")[0]
        assert "<style" not in html  # moved onto the elements: mail apps drop style blocks
        assert "max-width: 600px" in html
        assert "font-family: -apple-system" in html
        assert 'name="viewport"' in html
        assert f'lang="{language}"' in html


def settings_form(**fields: str) -> dict[str, str]:
    return {"display_name": "Carol", "time_zone": "Europe/Amsterdam", "language": "en", **fields}


@pytest.mark.django_db
def test_a_coach_sees_the_reminder_off_and_can_turn_it_on_themselves(client):
    carol = person("carol@example.com", "Carol", "en", coach=True)
    client.force_login(carol)
    page = client.get(reverse("accounts:settings")).content.decode()
    box = re.search(r'<input[^>]*name="weekly_reminder"[^>]*>', page)
    assert box and "checked" not in box.group(0)
    with time_machine.travel(MONDAY_0800_AMS - timedelta(days=1)):
        client.post(reverse("accounts:settings"), settings_form())  # saved as it was shown
    sweep_and_send(MONDAY_0800_AMS)
    assert not [m for m in mail.outbox if "your week" in m.subject or "fresh start" in m.subject]
    with time_machine.travel(MONDAY_0800_AMS + timedelta(days=1)):
        client.post(reverse("accounts:settings"), settings_form(weekly_reminder="on"))
    next_monday = MONDAY_0800_AMS + timedelta(days=7)
    with time_machine.travel(next_monday):
        sweep_and_send(next_monday)
    assert [m.to for m in mail.outbox] == [[carol.email]]  # turned on by herself
