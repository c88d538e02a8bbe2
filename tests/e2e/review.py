"""What the phone review's checks share (tests/e2e/test_review_items.py): the runner of a
check, counted taps, signing in, the folded menu."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.e2e.pages import Browsing, sign_in
from tests.factories import make_runner

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
