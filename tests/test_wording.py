"""Everything around the warnings says no more than the warnings do (DOMAIN.md section 2):
the pages and e-mails a runner or coach reads first, in English and Dutch, hold none of the
phrases that promise, forecast or judge, and every 10 % cap they show is a rule of thumb."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from coaching import services as coaching_services
from exercises.forms import HIP_CHECK_QUESTIONS
from logbook import services as logbook_services
from logbook.models import TrainingWarning
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
        # Reworded since: a verdict on the plan, a reassurance, an unsourced generalisation,
        # a vague "much" for a rule that fires at more than 10 %, a small study stated as a
        # fact, a state of the body read off a model, an unsourced "works best", and the
        # coupling of a ratio the app does not use.
        "faster than its rules allow",
        "not a reason to worry",
        "aches are common",
        "much longer than usual",
        "carry over",
        "when you are rested",
        "works best",
        "the ratio is coupled mathematically",
    ],
    "nl": [
        "blessurevrij",
        "voordat het pijn doet",
        "te snel",
        "geen reden tot voorzichtigheid",
        "je laatste training",
        "vroege behandeling voorkomt",
        "gaan vanzelf over",
        "sneller stijgt dan de regels toestaan",
        "geen reden om je zorgen te maken",
        "pijntjes komen veel voor",
        "veel langer dan gewoonlijk",
        "vertaalt zich niet vanzelf",
        "als je uitgerust bent",
        "werkt het best",
        "de verhouding is wiskundig gekoppeld",
    ],
}
# A phrase of each language, so the test knows it read the translated texts.
SIGN_OF = {"en": "No open warnings", "nl": "Geen openstaande waarschuwingen"}
SESSION_OF = {"en": "Hello Alice, your session of", "nl": "Hallo Alice, je training van"}
# What the reworded texts say instead, so the test knows it read the texts it means.
NO_MARK = {
    "en": "no upcoming session on which a load rule would fire",
    "nl": "geen komende training waarop een belastingsregel zou aanslaan",
}
NOT_WAIT = {"en": "do not wait", "nl": "wacht dan niet"}
ALARM_KIND = {
    "en": "A run more than 10 % longer than your longest run of the 30 days before it",
    "nl": "Een loop die meer dan 10 % langer is dan je langste loop van de 30 dagen ervoor",
}
OWN_LINE = {"en": "runningcoach chose to be cautious", "nl": "runningcoach uit voorzichtigheid"}
SMALL_STUDY = {"en": "one small study", "nl": "kleine studie"}
RULE_OF_THUMB = {"en": "rule of thumb", "nl": "vuistregel"}
# A 10 % cap (at most 10 % more, +10 %); "more than 10 %" is a rule's threshold instead.
TEN_PERCENT_CAP = re.compile(r"(?<!more than )(?<!meer dan )\b10[ \u00a0]%")
UNCOUPLED = {
    "en": "runningcoach uses the uncoupled ratio",
    "nl": "runningcoach gebruikt de ongekoppelde verhouding",
}
BACKWARD_RUNS_STAY_SHORT = {
    "en": "As in the retro progression, keep backward running to a short finisher",
    "nl": "Houd achteruitlopen, net als in het opbouwschema, bij een korte afsluiter",
}
RETRO_PROGRESSIONS = [
    "retro-walking-beginners",
    "retro-walking-active",
    "retro-walking-treadmill",
    "retro-running",
]
HIP_CHECK = {name: "no" for name, _question in HIP_CHECK_QUESTIONS} | {
    "pelvis_drops": "yes",
    "complaint_now": "yes",
}


def run(athlete: User, day: date, km: int) -> None:
    logbook_services.session_log(
        athlete=athlete,
        start=datetime.combine(day, datetime.min.time(), tzinfo=AMS).replace(hour=9),
        kind="run",
        duration_s=km * 360,
        distance_m=km * 1000,
        rpe=5,
    )


def page(user: User | None, url: str, language: str, post: dict[str, str] | None = None) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url) if post is None else client.post(url, post)
    assert response.status_code == 200, url
    return response.content.decode()


class _Units(HTMLParser):
    """The units a reader takes in at once (a card, a section, a list item, a paragraph,
    a definition): each that holds a 10 % cap, with all of its text."""

    TAGS = frozenset({"section", "article", "fieldset", "li", "p", "dd", "td"})
    CLASSES = frozenset({"card", "alert", "lead", "readonly"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link"})
    VOID |= frozenset({"meta", "source", "track", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, list[str] | None]] = []  # tag, the text of a unit
        self.capped: list[int] = []  # ids of the open units that hold a cap
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        unit = tag in self.TAGS or bool(classes & self.CLASSES)
        self.open.append((tag, [] if unit else None))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            name, text = self.open.pop()
            if text is not None and id(text) in self.capped:
                self.capped.remove(id(text))
                self.found.append(" ".join("".join(text).split()))
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        units = [text for _tag, text in self.open if text is not None]
        for text in units:
            text.append(data)
        if units and TEN_PERCENT_CAP.search(data) and id(units[-1]) not in self.capped:
            self.capped.append(id(units[-1]))


def ten_percent_caps(text: str, *, html: bool = True) -> list[str]:
    """Each unit of a page (each line of a plain-text e-mail) that shows a 10 % cap."""
    if not html:
        return [line for line in text.splitlines() if TEN_PERCENT_CAP.search(line)]
    units = _Units()
    units.feed(text)
    units.close()
    return units.found


def texts_of(message: Any) -> str:
    parts = [message.subject, message.body]
    parts += [content for content, _mime in getattr(message, "alternatives", [])]
    return "\n".join(str(part) for part in parts)


def session(athlete: User, day: date, *, minutes: float, km: float, backward: bool = False) -> None:
    seconds = round(minutes * 60)
    logbook_services.session_log(
        athlete=athlete,
        start=datetime.combine(day, datetime.min.time(), tzinfo=AMS).replace(hour=9),
        kind="run",
        duration_s=seconds,
        distance_m=round(km * 1000),
        rpe=5,
        backward_s=seconds if backward else 0,
    )


def card(html: str, rule: str) -> str:
    found = re.search(rf'<article [^>]*data-rule="{rule}".*?</article>', html, re.S)
    assert found is not None, rule
    return found.group(0)


def read_everything(runner: User, other_runner: User, coach: User, language: str) -> dict[str, str]:
    """The pages and e-mails a runner and their coach read first, in `language`: a runner
    with a spike (the alarm e-mail) and a planned run the plan check marks, a runner with
    nothing logged, and their coach."""
    for user in (runner, other_runner, coach):
        user.profile.language = language
        user.profile.save()
    runner.profile.coach = coach
    runner.profile.save()
    User.objects.filter(pk=runner.pk).update(date_joined=datetime(2026, 1, 1, tzinfo=UTC))

    with time_machine.travel(NOW, tick=False):
        run(runner, date(2026, 11, 13), 10)
        run(runner, date(2026, 11, 22), 14)  # a spike: the alarm e-mail
        # Before anything is planned: the coach's home says the plan check marks nothing.
        nothing_planned = page(coach, reverse("admin:index"), language)
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
            "hip self-check": page(None, reverse("exercises:hip_check"), language, HIP_CHECK),
            "empty dashboard": page(other_runner, reverse("logbook:dashboard"), language),
            "dashboard": page(runner, reverse("logbook:dashboard"), language),
            "e-mail choices": page(runner, reverse("notifications:preferences"), language),
            "plan check": page(runner, reverse("coaching:plan"), language),
            "coach's home, nothing planned": nothing_planned,
            "coach's home": page(coach, reverse("admin:index"), language),
            "coach's athlete page": page(
                coach, reverse("admin:coaching_athlete_change", args=[runner.pk]), language
            ),
            "coach's plan check": page(
                coach,
                reverse("admin:coaching_athlete_plan", args=[runner.pk])
                + f"?week={planned.day:%Y-%m-%d}",
                language,
            ),
        }
        for slug in RETRO_PROGRESSIONS:
            read[slug] = page(None, reverse("exercises:progression", args=[slug]), language)
    for message in mail.outbox:
        read[f"e-mail to {message.to[0]}: {message.subject}"] = texts_of(message)
    # The alarm to the runner and to the coach, and the runner's weekly reminder.
    assert len(mail.outbox) == 3
    assert f'data-planned="{planned.pk}"' in read["plan check"]
    assert f'data-planned="{planned.pk}"' in read["coach's plan check"]
    assert f"#planned-{planned.pk}" in read["coach's home"]
    return read


@pytest.mark.parametrize("language", ["en", "nl"])
def test_pages_and_emails_hold_no_ruled_out_phrase(
    runner: User, other_runner: User, coach: User, language: str
) -> None:
    read = read_everything(runner, other_runner, coach, language)

    found = [
        (where, phrase)
        for where, text in read.items()
        for phrase in RULED_OUT[language]
        if phrase in text.lower()
    ]
    assert found == []
    # What the pages say instead, in the language asked for.
    assert SIGN_OF[language] in read["empty dashboard"]
    assert NO_MARK[language] in read["coach's home, nothing planned"]
    assert NOT_WAIT[language] in read["seek help"]
    assert ALARM_KIND[language] in read["e-mail choices"]
    # The hip self-check names its study a small one and the 2/10 line our own.
    assert SMALL_STUDY[language] in read["hip self-check"]
    assert "2/10" in read["hip self-check"] and OWN_LINE[language] in read["hip self-check"]
    # The alarm names the session's date (Sunday 22 November), not "your last session".
    to_runner = mail.outbox[0].body.splitlines()[0]
    assert to_runner.startswith(SESSION_OF[language]) and "22" in to_runner


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_ten_percent_cap_is_a_rule_of_thumb(
    runner: User, other_runner: User, coach: User, language: str
) -> None:
    read = read_everything(runner, other_runner, coach, language)
    reminder = next(
        m
        for m in mail.outbox
        if m.to == [runner.email] and not m.body.startswith(SESSION_OF[language])
    )

    caps = {
        where: ten_percent_caps(read[where])
        for where in ("dashboard", "coach's athlete page", *RETRO_PROGRESSIONS)
    }
    caps["weekly reminder"] = ten_percent_caps(reminder.body, html=False)
    # Where caps show: the long-run and backward-minutes cards, the progression
    # suggestions, every retro step, the reminder's next long run and next steps.
    assert all(caps.values()), caps
    without = [
        (where, unit)
        for where, units in caps.items()
        for unit in units
        if RULE_OF_THUMB[language] not in unit
    ]
    assert without == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_attention_rank_is_not_called_a_risk(language: str) -> None:
    with translation.override(language):
        label = str(TrainingWarning._meta.get_field("risk_rank").verbose_name)
    assert label == {"en": "attention rank", "nl": "plaats in de aandachtsvolgorde"}[language]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_cards_word_the_acwr_and_a_backward_spike_as_the_rules_are(
    runner: User, language: str
) -> None:
    runner.profile.language = language
    runner.profile.save()
    today = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)
    with time_machine.travel(today, tick=False):
        # 27 October starts the history; a load of 300 in each of the three weeks before
        # the last 7 days and of 525 in these (the acwr card), with a wholly backward run of
        # 1.5 km five days after one of 1.0 km (a backward spike; 11 km forward is exactly
        # 10 % over 10 km, no spike).
        for month, day in ((10, 27), (10, 30), (11, 6), (11, 13)):
            session(runner, date(2026, month, day), minutes=60, km=10)
        session(runner, date(2026, 11, 19), minutes=10, km=1.0, backward=True)
        session(runner, date(2026, 11, 21), minutes=80, km=11)
        session(runner, date(2026, 11, 24), minutes=15, km=1.5, backward=True)
        dashboard = page(runner, reverse("logbook:dashboard"), language)

    acwr, spike = card(dashboard, "acwr"), card(dashboard, "single_run_spike")
    # Gabbett's cut-offs and the ratio the app uses are told apart.
    assert UNCOUPLED[language] in acwr
    assert BACKWARD_RUNS_STAY_SHORT[language] in spike
    found = [phrase for phrase in RULED_OUT[language] if phrase in dashboard.lower()]
    assert found == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_no_catalogue_keeps_a_ruled_out_phrase(language: str) -> None:
    """A reworded text leaves its old entry in the Dutch catalogues unless someone removes
    it: unused, it still reads as the app's words to anyone who opens the catalogue, and
    comes back the day the old wording does. Every entry (msgid for English, msgstr for
    Dutch) is free of the ruled-out phrases."""
    from tests.test_translations import CATALOGUES, ROOT, entries, strings, unescaped

    key = "msgid" if language == "en" else "msgstr"
    found = [
        f"{po.relative_to(ROOT)}: {phrase!r}"
        for po in CATALOGUES
        for block in entries(po)[1:]
        for phrase in RULED_OUT[language]
        if phrase in unescaped(strings(block, key)).lower()
    ]
    assert found == []
