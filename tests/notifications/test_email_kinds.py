"""Every kind of e-mail, rendered in English and in Dutch: one way of writing figures and
weeks per language, local dates only, a phone-sized HTML part beside the plain text, and
the runners' reminder only for people who run. The account e-mails (sign-up, password
reset) are checked in both languages too."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from coaching import services as coaching_services
from coaching.emails import COACH_MESSAGE, INVITATION
from logbook import services as logbook_services
from notifications.account_emails import ACCOUNT
from notifications.kinds import KINDS
from notifications.models import OutboxEmail
from notifications.services import ALARM, DIGEST, REMINDER
from tests.factories import make_coach, make_runner, sign_up_form
from tests.notifications.test_reminders import AMS, MONDAY_0800_AMS, sweep_and_send
from tests.outbox import deliver

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)
# Friday 20 November 2026, 00:30 in Amsterdam, is still Thursday 19 November (23:30) in
# UTC: a day printed from UTC would be the wrong one. ISO week 2026-W47 either way.
RUN_START = datetime(2026, 11, 20, 0, 30, tzinfo=AMS)
# Monday 23 November 2026, 00:30 in Amsterdam (Sunday in UTC): the invitation's fortnight
# ends on 7 December in Amsterdam, on 6 December in UTC.
INVITED_AT = datetime(2026, 11, 23, 0, 30, tzinfo=AMS)
INVITED = "dave@example.com"

FIGURES = {
    # language: (the long run as it must read, a figure with the other language's mark)
    "en": ("26.1 km", re.compile(r"\d,\d+ km")),
    "nl": ("26,1 km", re.compile(r"\d\.\d+ km")),
}
WEEK_WORDS = {"en": "16–22 November", "nl": "16–22 november"}  # noqa: RUF001
ISO_WEEK = re.compile(r"\b\d{4}-W\d{2}\b")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b")
LOCAL_DAYS = {
    # language: (the run's day and the invitation's last day in Amsterdam, the same in UTC)
    "en": (("Fri 20 Nov 2026", "7 December 2026"), ("19 Nov", "6 December")),
    "nl": (("vr 20 nov 2026", "7 december 2026"), ("19 nov", "6 december")),
}
TITLES = {
    # language: the two alarms, then the other open warning
    "en": (
        ("Single run longer than usual: large", "Pain after a session: high"),
        "Weekly distance up: warning",
    ),
    "nl": (
        ("Eén loop langer dan gewoonlijk: groot", "Pijn na een training: hoog"),
        "Weekafstand omhoog: waarschuwing",
    ),
}
DIGEST_WORDS = {
    # language: (figures, pain, plan, the alarms' heading, the other warnings' heading)
    "en": (
        "1 session · 26.1 km running · load 900",
        "highest pain 5/10",
        "plan: 50 % done of 2 planned sessions",
        "Open alarms:",
        "Other open warnings:",
    ),
    "nl": (
        "1 training · 26,1 km hardlopen · belasting 900",
        "hoogste pijn 5/10",
        "schema: 50 % gedaan van 2 geplande trainingen",
        "Open alarmen:",
        "Andere open waarschuwingen:",
    ),
}
RESTART_WORDS = {
    # language: (subject, the empty week, the first step)
    "en": (
        "runningcoach: ready for a fresh start?",
        "You logged no sessions last week (16–22 November).",  # noqa: RUF001
        "One easy first step: a relaxed 20-minute walk or run this week",
    ),
    "nl": (
        "runningcoach: klaar voor een frisse start?",
        "Je hebt vorige week (16–22 november) geen training vastgelegd.",  # noqa: RUF001
        "Eén makkelijke eerste stap: deze week een ontspannen wandeling of loop van 20 minuten",
    ),
}
LONG_RUN_LABEL = {"en": "Next long run: ", "nl": "Volgende lange loop: "}

ACCOUNT_EMAILS = {
    # language: (greeting, closing), then per e-mail (subject, opening), sign-up first
    "en": (
        ("Hello from runningcoach!", "Thank you for using runningcoach."),
        ("[runningcoach] Confirm your e-mail address", "Someone, hopefully you, gave this"),
        ("[runningcoach] Choose a new password", "Someone, hopefully you, asked for a new"),
    ),
    "nl": (
        ("Hallo van runningcoach!", "Bedankt dat je runningcoach gebruikt."),
        ("[runningcoach] Bevestig je e-mailadres", "Iemand, hopelijk jij, heeft dit"),
        ("[runningcoach] Kies een nieuw wachtwoord", "Iemand, hopelijk jij, heeft een nieuw"),
    ),
}
ACCOUNT_LINKS = (r"/accounts/confirm-email/\S+", r"/accounts/password/reset/key/\S+")


def person(email: str, name: str, language: str, *, coach: bool = False) -> User:
    with time_machine.travel(LONG_AGO):
        maker = make_coach if coach else make_runner
        user = maker(email, display_name=name)
    user.profile.language = language
    user.profile.save()
    return user


def run(athlete: User, start: datetime, metres: int, pain: int | None = None) -> None:
    with time_machine.travel(start + timedelta(hours=3)):
        logbook_services.session_log(
            athlete=athlete, start=start, kind="run", duration_s=9000, distance_m=metres,
            rpe=6, pain=pain,
        )  # fmt: skip


def plan(athlete: User, coach: User, day: date, metres: int) -> None:
    coaching_services.plan_session_save(
        athlete=athlete,
        planned_by=coach,
        values=coaching_services.PlanValues(day=day, kind="run", distance_m=metres),
        now=LONG_AGO,
    )


def every_kind(language: str) -> tuple[User, User]:
    """A coach who does not run and a runner of theirs with a week to report on: a 10 km
    run, then a 26,050 m run with pain 5/10 (a spike and a pain alarm), one of the two
    runs planned for that week done; a message from the coach; an invitation; and Ben, who
    ran long before that week and nothing in it (the reminder's restart note)."""
    carol = person("carol@example.com", "Carol", language, coach=True)
    alice = person("alice@example.com", "Alice", language)
    ben = person("ben@example.com", "Ben", language)
    alice.profile.coach = carol
    alice.profile.save()
    run(ben, datetime(2026, 11, 2, 18, 0, tzinfo=AMS), 5_000)
    plan(alice, carol, date(2026, 11, 17), 8_000)  # missed
    plan(alice, carol, date(2026, 11, 20), 26_000)  # done: the long run
    plan(alice, carol, date(2026, 11, 26), 12_500)  # the week ahead, in the reminder
    run(alice, RUN_START - timedelta(days=8), 10_000)
    run(alice, RUN_START, 26_050, pain=5)
    with time_machine.travel(INVITED_AT):  # queued then, so due before the sweep
        coaching_services.invitation_send(coach=carol, email=INVITED, now=INVITED_AT)
    with time_machine.travel(MONDAY_0800_AMS - timedelta(hours=1)):  # due before the sweep
        athletes = User.objects.filter(pk=alice.pk)
        coaching_services.message_send(coach=carol, athletes=athletes, text="Rest well.")
    with time_machine.travel(MONDAY_0800_AMS):
        sweep_and_send(MONDAY_0800_AMS)
    return carol, alice


def html_of(message: Any) -> str:
    (html,) = [content for content, mime in message.alternatives if mime == "text/html"]
    return str(html)


def kind_of(message: Any) -> str:
    """The kind an e-mail went out as: its Message-ID names its outbox row (every e-mail
    goes through the outbox)."""
    row = re.fullmatch(r"<outbox\.(\d+)\..+>", message.extra_headers.get("Message-ID", ""))
    assert row is not None, message.subject
    return str(OutboxEmail.objects.get(pk=row.group(1)).kind)


def app_kinds() -> set[str]:
    """Every kind the apps register (some test modules register kinds of their own)."""
    return {code for code, kind in KINDS.items() if not kind.render.__module__.startswith("tests")}


def sent_to(address: str, subject_words: str) -> Any:
    (message,) = [m for m in mail.outbox if m.to == [address] and subject_words in m.subject]
    return message


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_kind_is_sent_once_to_whom_it_is_for(language):
    carol, alice = every_kind(language)
    kinds = Counter((kind_of(m), m.to[0]) for m in mail.outbox)
    # The account e-mails (sign-up, password reset) have their own test below.
    assert {kind for kind, _to in kinds} == app_kinds() - {ACCOUNT}
    assert kinds == Counter(
        {
            (ALARM, alice.email): 2,
            (ALARM, carol.email): 2,
            (REMINDER, alice.email): 1,
            (REMINDER, "ben@example.com"): 1,
            (DIGEST, carol.email): 1,
            (COACH_MESSAGE, alice.email): 1,
            (INVITATION, INVITED): 1,
        }
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_email_writes_figures_weeks_and_days_one_way(language):
    """No e-mail prints a time of day (TIME_OF_DAY finds none), so the zone shows in the
    days: the run ended a Friday in Amsterdam and a Thursday in UTC, and the invitation
    ends on 7 December in Amsterdam and 6 December in UTC. Every e-mail has the local day."""
    carol, alice = every_kind(language)
    long_run, wrong_mark = FIGURES[language]
    (run_day, invitation_ends), utc_days = LOCAL_DAYS[language]
    for message in mail.outbox:
        for part in (message.subject, message.body, html_of(message)):
            assert not ISO_WEEK.search(part), part
            assert not ISO_DAY.search(part), part
            assert not wrong_mark.search(part), part
            assert not TIME_OF_DAY.search(part), part
            assert "UTC" not in part
            for utc_day in utc_days:
                assert utc_day not in part, part
            if language == "nl":  # every text in the recipient's language, titles included
                assert "Single run" not in part and "Pain after" not in part, part
    alarms = [m for m in mail.outbox if kind_of(m) == ALARM]
    assert alarms and all(run_day in m.body and run_day in html_of(m) for m in alarms)
    assert invitation_ends in sent_to(INVITED, "").body
    reminder = sent_to(alice.email, WEEK_WORDS[language])
    assert "W47" not in reminder.subject
    label = LONG_RUN_LABEL[language]
    (long_run_line,) = [line for line in reminder.body.splitlines() if line.startswith(label)]
    assert long_run in long_run_line
    assert f"{long_run} (" in reminder.body  # the week's running against the week before
    to_carol = [m.body for m in mail.outbox if m.to == [carol.email]]
    assert to_carol and not [b for b in to_carol if "One easy first step" in b]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_digest_has_each_athletes_load_compliance_and_open_alarms(language):
    carol, _alice = every_kind(language)
    digest = sent_to(carol.email, WEEK_WORDS[language])
    figures, pain, plan_done, alarms_heading, others_heading = DIGEST_WORDS[language]
    alarms, other_warning = TITLES[language]
    (run_day, _ends), _utc_days = LOCAL_DAYS[language]
    html = html_of(digest)
    assert figures in digest.body and figures in html
    assert f"{pain} · {plan_done}" in digest.body
    assert f"<strong>{pain}</strong> · {plan_done}" in html
    lines = [line.strip() for line in digest.body.splitlines()]
    under_alarms = lines[lines.index(alarms_heading) + 1 : lines.index(others_heading)]
    assert under_alarms == [f"* {title} ({run_day})" for title in alarms]
    assert lines[lines.index(others_heading) + 1] == f"* {other_warning} ({run_day})"
    assert html.index(alarms_heading[:-1]) < html.index(alarms[0]) < html.index(others_heading[:-1])


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_runner_with_an_empty_week_gets_the_restart_note(language):
    every_kind(language)
    subject, empty_week, first_step = RESTART_WORDS[language]
    restart = sent_to("ben@example.com", "")
    assert restart.subject == subject
    for text in (restart.body, html_of(restart)):
        assert empty_week in text
        assert first_step in text
    assert "W47" not in restart.body and "km" not in restart.body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_sign_up_and_password_reset_emails_read_like_the_others(language):
    """In the page's language, each paragraph on one line (a phone wraps it, a line broken
    mid-sentence stays broken), the link on a line of its own, "e-mail" as the app writes
    it everywhere else."""
    make_runner("old@example.com")
    client = Client(headers={"accept-language": language})
    client.post(reverse("account_signup"), sign_up_form("new@example.com"))
    client.post(reverse("account_reset_password"), {"email": "old@example.com"})
    deliver()
    assert [m.to for m in mail.outbox] == [["new@example.com"], ["old@example.com"]]
    _greeting, *words = ACCOUNT_EMAILS[language]
    read_like_the_others(language, words, ACCOUNT_LINKS)


def read_like_the_others(language: str, words: Any, links: tuple[str, ...]) -> None:
    """Each account e-mail sent: its subject and opening words, the greeting and closing
    of every e-mail, one line per paragraph and its link alone on the third."""
    greeting, closing = ACCOUNT_EMAILS[language][0]
    for message, (subject, opening), link in zip(mail.outbox, words, links, strict=True):
        assert message.subject == subject
        paragraphs = message.body.split("\n\n")
        assert [p for p in paragraphs if "\n" in p or not p.strip()] == [], message.body
        assert paragraphs[0] == greeting and paragraphs[-1] == closing
        assert paragraphs[1].startswith(opening), paragraphs[1]
        assert re.fullmatch(r"https?://testserver" + link, paragraphs[2]), paragraphs[2]
        text = " ".join(paragraphs[:2] + paragraphs[3:])  # the words, not the link
        assert "email" not in text.lower().replace("e-mail", "")
        if language == "nl":
            assert not re.search(r"\b(Hello|password|below|account using|Thank)\b", text), text


OTHER_ACCOUNT_EMAILS = {
    # language: (subject, opening) of "that address has an account" and of "no account"
    "en": (
        ("[runningcoach] You already have an account", "Someone, hopefully you, tried to"),
        ("[runningcoach] No runningcoach account with this address", "Someone, hopefully"),
    ),
    "nl": (
        ("[runningcoach] Je hebt al een account", "Iemand, hopelijk jij, probeerde"),
        ("[runningcoach] Geen runningcoach-account met dit adres", "Iemand, hopelijk jij,"),
    ),
}
OTHER_ACCOUNT_LINKS = (r"/accounts/password/reset/", r"/accounts/signup/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_taken_and_unknown_address_emails_read_like_the_others(language):
    """Signing up with a taken address and asking a new password for an unknown one are
    answered by e-mail (the pages say the same either way): in the page's language, in the
    app's words, not allauth's defaults."""
    make_runner("old@example.com")
    client = Client(headers={"accept-language": language})
    client.post(reverse("account_signup"), sign_up_form("old@example.com", "Old again"))
    client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    deliver()
    assert [m.to for m in mail.outbox] == [["old@example.com"], ["nobody@example.com"]]
    read_like_the_others(language, OTHER_ACCOUNT_EMAILS[language], OTHER_ACCOUNT_LINKS)


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
