"""The admin pages a coach uses, in Chromium on a 375 px phone and a 1280 px screen, in
English and Dutch, light and dark: no serious or critical axe-core finding, no request
outside the app, and a screenshot of each (tests/e2e/shots.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services as coaching
from coaching.models import AthleteWarning, Invitation
from logbook.models import TrainingWarning
from tests.e2e.pages import PHONE, WIDE, Browsing, browsing
from tests.e2e.shots import save_screenshot
from tests.factories import make_coach, make_runner
from tests.logbook.helpers import days_ago, log_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMBINATIONS = [
    pytest.param(PHONE, "en", False, id="375-en-light"),
    pytest.param(PHONE, "nl", True, id="375-nl-dark"),
    pytest.param(WIDE, "nl", False, id="1280-nl-light"),
    pytest.param(WIDE, "en", True, id="1280-en-dark"),
]


def coach_with_athletes(language: str) -> tuple[Any, Any]:
    """A coach with two athletes (one with a spike, notes and sessions), a warning to
    acknowledge and invitations open and answered."""
    coach = make_coach("bob@example.com", display_name="Bob")
    coach.profile.language = language
    coach.profile.save()
    alice = make_runner("alice@example.com", display_name="Alice", coach=coach)
    carol = make_runner("carol@example.com", display_name="Carol", coach=coach)
    log_run(carol, days_ago(2), 8)
    log_run(alice, days_ago(20), 10)
    log_run(alice, days_ago(9), 9, backward_s=60)
    log_run(alice, days_ago(1), 25, minutes=150)  # a large spike: an alarm
    now = timezone.now()
    coaching.note_add(athlete=alice, author=coach, text="Easy week, please.", now=now)
    coaching.invitation_send(coach=coach, email="dave@example.com", now=now)
    return coach, alice


def admin_pages(coach: Any, alice: Any) -> list[tuple[str, str]]:
    warning = TrainingWarning.objects.filter(athlete=alice).order_by("-day").first()
    invitation = Invitation.objects.filter(coach=coach).first()
    assert warning is not None and invitation is not None
    assert AthleteWarning.objects.filter(pk=warning.pk).exists()
    return [
        ("admin-index", reverse("admin:index")),
        ("admin-athletes", reverse("admin:coaching_athlete_changelist")),
        ("admin-athlete", reverse("admin:coaching_athlete_change", args=[alice.pk])),
        ("admin-warnings", reverse("admin:coaching_athletewarning_changelist")),
        ("admin-warning", reverse("admin:coaching_athletewarning_change", args=[warning.pk])),
        ("admin-invitations", reverse("admin:coaching_invitation_changelist")),
        ("admin-invite", reverse("admin:coaching_invitation_add")),
        ("admin-invitation", reverse("admin:coaching_invitation_change", args=[invitation.pk])),
        (
            "admin-withdraw",
            reverse("admin:coaching_invitation_delete", args=[invitation.pk]),
        ),
        ("admin-password", reverse("admin:password_change")),
    ]


def check(b: Browsing, name: str, width: int, language: str, dark: bool) -> list[str]:
    """The current page: fits the screen, speaks the language; its serious findings."""
    assert b.page.locator("html").get_attribute("lang") == language, b.page.url
    assert b.scroll_width() <= width, f"{b.page.url} scrolls sideways: {b.widest()}"
    violations = b.axe_violations()
    save_screenshot(b.page, f"{name}-{width}-{language}-{'dark' if dark else 'light'}")
    return violations


@pytest.mark.parametrize(("width", "language", "dark"), COMBINATIONS)
def test_coach_admin_pages_are_accessible_and_fit(
    browser: Any, live_server: Any, width: int, language: str, dark: bool
) -> None:
    coach, alice = coach_with_athletes(language)
    found: dict[str, list[str]] = {}
    with browsing(
        browser, live_server.url, width=width, user=coach, language=language, dark=dark
    ) as b:
        for name, path in admin_pages(coach, alice):
            b.goto(path)
            if violations := check(b, name, width, language, dark):
                found[path] = violations
        # The message page is the answer to an action on the list: choose both athletes.
        b.goto(reverse("admin:coaching_athlete_changelist"))
        b.page.locator("#action-toggle").check()
        b.page.locator("select[name=action]").select_option("send_message")
        b.page.locator("button[name=index]").click()
        b.page.wait_for_selector("#message-recipients")
        if violations := check(b, "admin-message", width, language, dark):
            found["message"] = violations
        assert b.problems == []
    assert found == {}, "\n".join(f"{path}: {v}" for path, v in found.items())


@pytest.mark.parametrize(("width", "language", "dark"), COMBINATIONS[:2])
def test_admin_login_is_accessible_and_fits(
    browser: Any, live_server: Any, width: int, language: str, dark: bool
) -> None:
    with browsing(browser, live_server.url, width=width, language=language, dark=dark) as b:
        b.goto(reverse("admin:login"))
        violations = check(b, "admin-login", width, language, dark)
        assert b.problems == []
    assert violations == []
