"""The phone review's items about the pages: wording, time zones, the verification e-mail,
the dashboard's order, the navigation and the widths."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from playwright.sync_api import expect

from accounts.models import User
from exercises.models import Exercise
from logbook import load, services
from logbook.models import TrainingWarning
from logbook.services import ExerciseDone
from runningcoach.mail import ReadableConsoleBackend
from tests.e2e.pages import WIDE, Browsing, browsing
from tests.e2e.review import (
    PASSPHRASE,
    as_user,
    in_language,
    open_menu,
    runner,
)
from tests.e2e.shots import save_screenshot
from tests.logbook.helpers import days_ago, log_run
from tests.outbox import deliver

# 4 ----------------------------------------------------------------------------------------


def check_wording(b: Browsing, width: int, language: str) -> None:
    user = runner(width, language, "oli")
    log_run(user, days_ago(1, hour=6), 5)
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
    deliver()  # the worker's part: the e-mail leaves the outbox after the sign-up
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
