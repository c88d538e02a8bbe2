"""The phone review's items about logging and importing: dates round trip, pre-fills, a
GPX file's start, duplicates, the logging controls and the 15-second path."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from exercises.models import Exercise, ProgressionStep
from logbook.models import Session
from tests.e2e.pages import Browsing
from tests.e2e.review import (
    DATA,
    MAX_ACTIONS,
    MAX_SECONDS,
    MIN_TAP_PX,
    Actions,
    as_user,
    in_language,
    runner,
)
from tests.e2e.shots import save_screenshot
from tests.logbook.helpers import days_ago, log_run

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


# 7 ----------------------------------------------------------------------------------------


def check_duplicates(b: Browsing, width: int, language: str) -> None:
    """A second identical session asks first; confirmed, it is saved."""
    user = runner(width, language, "ida")
    log_run(user, days_ago(1, hour=6), 8, minutes=45)
    same = days_ago(1, hour=6)
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
