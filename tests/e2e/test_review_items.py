"""Every item of the phone review (issue 13) checked in Chromium at 375 px and 1280 px, in
English and Dutch: one browser context per width and language, each item a subtest, so a
failure names the item, the width and the language.

| item | what a runner tripped on | checked by |
|---|---|---|
| 1 | Dutch date boxes empty: the edit round trip | check_dates_round_trip |
| 2 | retro walking pre-filled forward; no "Log this" per hip step | check_pre_fills |
| 3 | a GPX timed on a few points started near its end | check_gpx_start |
| 4 | "Rest" for days to come, "1200 s · 2500 m", "1 exercises", dates | check_wording |
| 5 | 599 time zones, everyone on Europe/Amsterdam | check_time_zones |
| 6 | verification e-mail: link broken, other host, not signed in | check_verification_email |
| 7 | identical sessions accepted without a word | check_duplicates |
| 8 | the first screen all warnings, old ones piling up | check_dashboard_order |
| 9 | nav without current page, Import, Your data; wide form fields | check_nav_and_widths |
| 10 | radio buttons and drop-downs for kind and effort | check_logging_controls |
| log | a run in a few taps, "same as Tuesday" in two, under 15 s | check_logging_path |

Dark mode and keyboard focus are in test_phone_flows.py, the accessibility of every page
in test_main_pages.py."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from accounts.models import User
from exercises.models import Exercise, ProgressionStep
from logbook import load, services
from logbook.models import Session, TrainingWarning
from logbook.services import ExerciseDone
from runningcoach.mail import ReadableConsoleBackend
from tests.e2e.pages import PHONE, WIDE, Browsing, browsing, sign_in
from tests.e2e.shots import save_screenshot
from tests.factories import make_runner
from tests.logbook.helpers import days_ago, log_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
PASSPHRASE = "a long and fine passphrase 42"
# What a thumb may take to log a session: far below 15 s of human time.
MAX_ACTIONS = 6
MAX_SECONDS = 15.0
# A tap target of WCAG 2.2's minimum size (24 px); ours aim for 44.
MIN_TAP_PX = 24


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def runner(width: int, language: str, name: str) -> Any:
    """A runner of this test, in the language the browser uses."""
    user = make_runner(f"{name}-{width}-{language}@example.com", display_name=name.title())
    user.profile.language = language
    user.profile.save()
    return user


class Actions:
    """Counts taps and typed fields, and the time they take in the browser."""

    def __init__(self) -> None:
        self.count = 0
        self.started = time.monotonic()

    def tap(self, locator: Any) -> None:
        self.count += 1
        locator.click()

    def type(self, locator: Any, text: str) -> None:
        self.count += 1
        locator.fill(text)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


def as_user(b: Browsing, user: Any, language: str) -> None:
    """The shared browser context, signed in as `user` (signed out for None)."""
    context = b.page.context
    context.clear_cookies()
    if user is not None:
        sign_in(context, b.base, user)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": b.base}])


def open_menu(b: Browsing) -> None:
    """At 375 px the navbar is folded behind its toggler."""
    toggler = b.page.locator("nav .navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        expect(b.page.locator("#nav.collapse.show")).to_be_visible()


# 1 ----------------------------------------------------------------------------------------


def check_dates_round_trip(b: Browsing, width: int, language: str) -> None:
    """The date box of an edit holds the session's date (yyyy-mm-dd, whatever the
    language), and saving without touching it keeps day and time."""
    user = runner(width, language, "hal")
    session = log_run(user, days_ago(3, hour=7), 8).session
    as_user(b, user, language)
    b.goto(reverse("logbook:session_edit", args=[session.pk]))
    expect(b.page.locator("#id_date")).to_have_value(session.start.date().isoformat())
    expect(b.page.locator("#id_time")).to_have_value("07:00")
    b.page.locator("#id_notes").fill("windy")
    b.page.locator("#session-form button[type=submit]").click()
    expect(b.page).to_have_url(re.compile(rf"/sessions/{session.pk}/$"))
    assert b.problems == []
    session.refresh_from_db()
    assert session.notes == "windy"
    assert session.start == days_ago(3, hour=7)


# 2 ----------------------------------------------------------------------------------------


def check_pre_fills(b: Browsing, width: int, language: str) -> None:
    """A retro-walking step logs its minutes as backward minutes; each hip level has its
    own "Log this step", which fills in that level's exercises."""
    user = runner(width, language, "ned")
    log_this = in_language(language, "Log this step")
    as_user(b, user, language)
    b.goto(reverse("exercises:progression", args=["retro-walking-beginners"]))
    b.page.locator("main a[href*='?step=']").first.click()
    expect(b.page.locator("#id_kind_1")).to_be_checked()  # walk
    expect(b.page.locator("#id_backward")).to_have_value("5")
    b.page.locator("label[for=id_rpe_2]").click()
    b.page.locator("#session-form button[type=submit]").click()
    expect(b.page).to_have_url(re.compile(r"/sessions/\d+/$"))
    expect(b.page.locator("main dl")).to_contain_text(in_language(language, "%(m)d min") % {"m": 5})

    b.goto(reverse("exercises:progression", args=["hip-programme"]))
    steps = ProgressionStep.objects.filter(progression__slug="hip-programme")
    links = b.page.locator("main a[href*='?step=']")
    expect(links).to_have_count(steps.count())
    expect(links.first).to_have_text(log_this)
    level = steps.order_by("number").last()
    assert level is not None
    b.page.locator(f"main a[href$='?step={level.pk}']").click()
    expect(b.page.locator("#id_kind_2")).to_be_checked()  # strength / mobility
    first = Exercise.objects.filter(category="hip", level=level.number).order_by("order", "pk")
    expect(b.page.locator("#id_ex-0-exercise")).to_have_value(str(first[0].pk))
    save_screenshot(b.page, f"hip-step-{width}-{language}")
    assert b.problems == []
    walk = Session.objects.get(athlete=user)
    assert (walk.kind, walk.backward_s, walk.duration_s) == ("walk", 300, 300)


# 3 ----------------------------------------------------------------------------------------


def check_gpx_start(b: Browsing, width: int, language: str) -> None:
    """A GPX timed on its last points only: the form asks for the start and duration with
    the day filled in; the same walk recorded with times, imported after, takes its place
    and adds nothing; the partly timed file again adds nothing either."""
    user = runner(width, language, "uma")
    sparse, timed = DATA / "lake-walk-few-times.gpx", DATA / "lake-walk.gpx"
    as_user(b, user, language)
    b.goto(reverse("logbook:import"))
    expect(b.page.locator("#id_start_time")).to_have_count(0)
    b.page.locator("#id_file").set_input_files(str(sparse))
    b.page.locator("#id_kind").select_option("walk")
    b.page.locator("main form[enctype] button[type=submit]").click()
    expect(b.page.locator("#id_day")).to_have_value("2024-06-10")
    expect(b.page.locator("main")).to_contain_text(in_language(language, "Enter how long it took."))
    save_screenshot(b.page, f"import-asks-start-{width}-{language}")
    assert not Session.objects.filter(athlete=user).exists()
    b.page.locator("#id_start_time").fill("07:05")
    b.page.locator("#id_duration").fill("20")
    b.page.locator("#id_file").set_input_files(str(sparse))
    b.page.locator("main form[enctype] button[type=submit]").click()
    expect(b.page).to_have_url(re.compile(r"/sessions/to-rate/$|/sessions/$"))
    walk = Session.objects.get(athlete=user)
    assert walk.start_entered and walk.duration_s == 1200

    for path, words in ((timed, "whose start you entered"), (sparse, "nothing was added")):
        b.goto(reverse("logbook:import"))
        b.page.locator("#id_file").set_input_files(str(path))
        b.page.locator("#id_kind").select_option("walk")
        b.page.locator("main form[enctype] button[type=submit]").click()
        expect(b.page.locator("main .alert").first).to_be_visible()
        english = next(m for m in MESSAGES if words in m)
        # The words after the figures tell the two messages apart.
        tail = in_language(language, english).rsplit(")", 1)[1].strip(" :")
        expect(b.page.locator("main")).to_contain_text(tail)
    assert b.problems == []
    walk = Session.objects.get(athlete=user)
    assert not walk.start_entered and walk.duration_s == 1160


MESSAGES = [
    "This file is a session already in your log (%(kind)s, %(day)s, %(km)s): the "
    "same session, so nothing was added.",
    "This file is a session already in your log (%(kind)s, %(day)s, %(km)s) whose "
    "start you entered: it now has the recorded start time and duration.",
]


# 4 ----------------------------------------------------------------------------------------


def check_wording(b: Browsing, width: int, language: str) -> None:
    user = runner(width, language, "oli")
    log_run(user, days_ago(0, hour=6), 5)
    retro = log_run(user, days_ago(1, hour=7), 10, backward_s=1200, backward_m=2500).session
    exercise = Exercise.objects.order_by("pk").first()
    assert exercise is not None
    services.session_log(
        athlete=user,
        start=days_ago(2, hour=18),
        kind="strength",
        duration_s=1200,
        rpe=4,
        exercises=[ExerciseDone(exercise_id=exercise.pk, sets=2, reps=10)],
    )
    as_user(b, user, language)
    b.goto(reverse("logbook:week"))
    if timezone.localdate().weekday() < 6:
        expect(b.page.locator("main")).to_contain_text(in_language(language, "Still to come"))
    b.goto(reverse("logbook:session_list"))
    listed = b.page.locator("#sessions").inner_text()
    assert "a.m." not in listed and re.search(r"\b\d{1,2} \w{3} \d{4}, 06:00", listed), listed
    with translation.override(language):
        one = ngettext("%(counter)s exercise", "%(counter)s exercises", 1) % {"counter": 1}
    assert one in listed and "1 exercises" not in listed, listed
    if language == "nl":
        assert not re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}", listed), listed
    b.goto(reverse("logbook:session_detail", args=[retro.pk]))
    detail = b.page.locator("main").inner_text()
    assert "1200 s" not in detail and "2500 m" not in detail, detail
    assert re.search(r"20 min · 2[.,]5 km", detail), detail
    save_screenshot(b.page, f"retro-detail-{width}-{language}")
    assert b.problems == []


# 5 ----------------------------------------------------------------------------------------


def check_time_zones(b: Browsing, width: int, language: str) -> None:
    """Sign-up takes the browser's zone; the picker lists current names only."""
    email = f"jo-{width}-{language}@example.com"
    # The browser's time zone is the context's: sign up in one of its own.
    with browsing(
        b.page.context.browser, b.base, width=width, language=language, time_zone="America/Chicago"
    ) as signup:
        signup.goto("/accounts/signup/")
        signup.page.locator("#id_email").fill(email)
        signup.page.locator("#id_display_name").fill("Jo")
        signup.page.locator("#id_password1").fill(PASSPHRASE)
        signup.page.locator("#id_password2").fill(PASSPHRASE)
        signup.page.locator("main form button[type=submit]").click()
        expect(signup.page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
        assert signup.problems == []
    user = User.objects.get(email=email)
    assert user.profile.time_zone == "America/Chicago"
    as_user(b, user, language)
    b.goto(reverse("accounts:settings"))
    picker = b.page.locator("#id_time_zone")
    expect(picker).to_have_value("America/Chicago")
    names = picker.locator("option").evaluate_all("options => options.map(o => o.value)")
    assert 300 < len(names) < 450, len(names)
    assert not {"US/Eastern", "Europe/Kiev", "Asia/Calcutta"} & set(names)
    assert b.problems == []


# 6 ----------------------------------------------------------------------------------------


def check_verification_email(b: Browsing, width: int, language: str) -> None:
    """The link stands whole on a line of its own and names the host the runner signed up
    on; following it and confirming signs the runner in."""
    email = f"dana-{width}-{language}@example.com"
    mail.outbox.clear()
    as_user(b, None, language)
    b.goto("/accounts/signup/")
    b.page.locator("#id_email").fill(email)
    b.page.locator("#id_display_name").fill("Dana")
    b.page.locator("#id_password1").fill(PASSPHRASE)
    b.page.locator("#id_password2").fill(PASSPHRASE)
    b.page.locator("main form button[type=submit]").click()
    expect(b.page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    sent = [m for m in mail.outbox if m.to == [email]]
    assert len(sent) == 1
    body = sent[0].body
    lines = [line.strip() for line in body.splitlines()]
    link = next((line for line in lines if "/accounts/confirm-email/" in line), "")
    # The host the runner signed up on (the scheme is https outside DEBUG).
    server = b.base.split("://", 1)[1]
    assert link.split("://", 1)[1].startswith(server + "/accounts/confirm-email/"), body
    # As `make run` prints it: the link whole on one line, not quoted-printable.
    printed = io.StringIO()
    ReadableConsoleBackend(stream=printed).send_messages(sent)
    assert link in [line.strip() for line in printed.getvalue().splitlines()]
    assert "quoted-printable" not in printed.getvalue()
    host = b.base.split("://", 1)[1].split(":", 1)[0]
    other = "127.0.0.1" if host == "localhost" else "localhost"
    assert other not in body, body
    b.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    b.page.locator("main form button[type=submit]").click()
    expect(b.page).to_have_url(b.base + reverse("logbook:dashboard"))
    expect(b.page.locator("main h1")).to_have_text(
        in_language(language, "Hello %(name)s") % {"name": "Dana"}
    )
    save_screenshot(b.page, f"verified-{width}-{language}")
    assert b.problems == []


# 7 ----------------------------------------------------------------------------------------


def check_duplicates(b: Browsing, width: int, language: str) -> None:
    """A second identical session asks first; confirmed, it is saved."""
    user = runner(width, language, "ida")
    log_run(user, days_ago(0, hour=6), 8, minutes=45)
    same = days_ago(0, hour=6)
    as_user(b, user, language)
    b.goto(reverse("logbook:session_new"))
    b.page.locator("label[for=id_kind_0]").click()
    b.page.locator("#id_date").fill(same.date().isoformat())
    b.page.locator("#id_time").fill("06:00")
    b.page.locator("#id_duration").fill("45")
    b.page.locator("#id_distance_km").fill("8")
    b.page.locator("label[for=id_rpe_4]").click()
    b.page.locator("#session-form button[type=submit]").click()
    expect(b.page.locator("#form-errors")).to_be_visible()
    save_screenshot(b.page, f"duplicate-{width}-{language}")
    assert Session.objects.filter(athlete=user).count() == 1
    b.page.locator("label[for=id_another_session]").click()
    b.page.locator("#session-form button[type=submit]").click()
    expect(b.page).to_have_url(re.compile(r"/sessions/\d+/$"))
    assert Session.objects.filter(athlete=user).count() == 2


# 8 ----------------------------------------------------------------------------------------


def check_dashboard_order(b: Browsing, width: int, language: str) -> None:
    """This week on the first screen, then the newest alarm; warnings older than 14 days
    folded into a closed history list."""
    user = runner(width, language, "kim")
    for week in range(3, 0, -1):
        log_run(user, days_ago(week * 7), 8)
    log_run(user, days_ago(1), 15)  # a spike: the newest alarm
    old_day = timezone.localdate() - timedelta(days=20)
    old = load.LoadWarning(load.PAIN, "high", old_day, None, {"pain": 6})
    TrainingWarning.objects.create(
        athlete=user,
        rule=load.PAIN,
        severity="high",
        risk_rank=old.risk_rank,
        day=old_day,
        numbers={"pain": 6},
    )
    as_user(b, user, language)
    b.goto(reverse("logbook:dashboard"))
    week_box = b.page.locator("#this-week").bounding_box()
    alarm_box = b.page.locator("#newest-alarm").bounding_box()
    assert week_box["y"] < b.page.viewport_size["height"], "this week is not on the first screen"
    assert week_box["y"] < alarm_box["y"]
    history = b.page.locator("#warning-history")
    expect(history).to_be_visible()
    assert history.get_attribute("open") is None
    expect(history.locator(".warning-card")).to_have_count(0)
    save_screenshot(b.page, f"dashboard-order-{width}-{language}")
    assert b.problems == []


# 9 ----------------------------------------------------------------------------------------


def check_nav_and_widths(b: Browsing, width: int, language: str) -> None:
    """The nav marks the current page and links Import and Your data (behind the toggler
    on a phone); on a wide screen the form fields keep a readable width."""
    user = runner(width, language, "lou")
    as_user(b, user, language)
    for name, path in (("Log", "logbook:session_new"), ("Import", "logbook:import")):
        b.goto(reverse(path))
        open_menu(b)
        current = b.page.locator("nav a[aria-current=page]")
        expect(current).to_have_count(1)
        expect(current).to_have_text(in_language(language, name))
        expect(b.page.locator("nav a[href='/import/']")).to_be_visible()
        expect(b.page.locator("nav a[href='/me/data/']")).to_be_visible()
    b.goto(reverse("logbook:session_new"))
    notes = b.page.locator("#id_notes").bounding_box()["width"]
    b.goto(reverse("accounts:settings"))
    name = b.page.locator("#id_display_name").bounding_box()["width"]
    if width == WIDE:
        assert notes <= 640 and name <= 640, (notes, name)
    else:
        # On a phone the fields use the width there is, within the screen.
        assert 250 <= notes <= width and 250 <= name <= width, (notes, name)
    assert b.scroll_width() <= width
    assert b.problems == []


# 10 ---------------------------------------------------------------------------------------


def check_logging_controls(b: Browsing, width: int, language: str) -> None:
    """Kind and effort are rows of tap targets with the CR-10 words, on the log form and
    on the page that rates imports; no drop-down for either."""
    user = runner(width, language, "pia")
    log_run(user, days_ago(2, hour=18), 5, minutes=30, rpe=None)  # an import to rate
    as_user(b, user, language)
    b.goto(reverse("logbook:session_new"))
    expect(b.page.locator("select[name=kind], select[name=rpe]")).to_have_count(0)
    for target in ("label[for=id_kind_0]", "label[for=id_rpe_0]", "label[for=id_rpe_9]"):
        box = b.page.locator(target).bounding_box()
        assert box["height"] >= MIN_TAP_PX and box["width"] >= MIN_TAP_PX, (target, box)
    expect(b.page.locator("label[for=id_rpe_3]")).to_contain_text(
        in_language(language, "somewhat hard")
    )
    b.goto(reverse("logbook:sessions_to_rate"))
    expect(b.page.locator("main select")).to_have_count(0)
    b.page.locator(".rate-form input[value='5'] + label").click()
    b.page.locator(".rate-form button[type=submit]").first.click()
    expect(b.page.locator("main")).to_contain_text(in_language(language, "Nothing to rate."))
    assert b.problems == []
    rated = Session.objects.get(athlete=user)
    assert rated.rpe == 5 and not rated.rpe_estimated


# The 15-second logging path ---------------------------------------------------------------


def check_logging_path(b: Browsing, width: int, language: str) -> None:
    """A run in five taps and entries; "same as" the last session in two."""
    user = runner(width, language, "fay")
    as_user(b, user, language)
    b.goto(reverse("logbook:session_new"))
    actions = Actions()
    actions.tap(b.page.locator("label[for=id_kind_0]"))  # run
    actions.type(b.page.locator("#id_duration"), "42")
    actions.type(b.page.locator("#id_distance_km"), "7.5")
    actions.tap(b.page.locator("label[for=id_rpe_5]"))  # 6, hard+
    actions.tap(b.page.locator("#session-form button[type=submit]"))
    expect(b.page).to_have_url(re.compile(r"/sessions/\d+/$"))
    assert actions.count <= MAX_ACTIONS and actions.seconds < MAX_SECONDS
    print(f"\nlog a run at {width}px {language}: {actions.count} actions, {actions.seconds:.2f}s")
    assert b.problems == []
    run = Session.objects.get(athlete=user)
    assert (run.duration_s, run.distance_m, run.rpe) == (2520, 7500, 6)

    other = runner(width, language, "gus")
    log_run(other, days_ago(2), 9, minutes=55, rpe=5)
    as_user(b, other, language)
    b.goto(reverse("logbook:session_new"))
    actions = Actions()
    actions.tap(b.page.locator("#same-as"))
    actions.tap(b.page.locator("#session-form button[type=submit]"))
    expect(b.page).to_have_url(re.compile(r"/sessions/\d+/$"))
    assert actions.count == 2 and actions.seconds < MAX_SECONDS
    print(f"same as at {width}px {language}: {actions.count} taps, {actions.seconds:.2f}s")
    save_screenshot(b.page, f"logged-same-as-{width}-{language}")
    assert b.problems == []
    newest = Session.objects.filter(athlete=other).order_by("-start").first()
    assert newest is not None
    assert (newest.duration_s, newest.distance_m, newest.rpe) == (3300, 9000, 5)
    assert newest.start > timezone.now() - timedelta(minutes=2)


ITEMS: dict[str, Callable[[Browsing, int, str], None]] = {
    "01-dates": check_dates_round_trip,
    "02-pre-fills": check_pre_fills,
    "03-gpx-start": check_gpx_start,
    "04-wording": check_wording,
    "05-time-zones": check_time_zones,
    "06-verification-email": check_verification_email,
    "07-duplicates": check_duplicates,
    "08-dashboard-order": check_dashboard_order,
    "09-nav-and-widths": check_nav_and_widths,
    "10-logging-controls": check_logging_controls,
    "logging-path": check_logging_path,
}


@pytest.mark.parametrize(
    ("width", "language"),
    [
        pytest.param(PHONE, "en", id="375-en"),
        pytest.param(PHONE, "nl", id="375-nl"),
        pytest.param(WIDE, "en", id="1280-en"),
        pytest.param(WIDE, "nl", id="1280-nl"),
    ],
)
def test_review_items(
    browser: Any, live_server: Any, subtests: Any, width: int, language: str
) -> None:
    """One browser context per width and language for all the items, each a subtest that
    is reported on its own (`item=03-gpx-start` in the failure)."""
    with browsing(browser, live_server.url, width=width, language=language) as b:
        for item, check in ITEMS.items():
            with subtests.test(item=item):
                b.problems.clear()
                check(b, width, language)
