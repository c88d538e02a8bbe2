"""A new runner's first visit, in a real browser on a 375 px wide phone screen:
sign up, verify the e-mail address (which signs them in), switch to Dutch, change a
setting, log out."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from accounts.models import AthleteProfile, User
from tests.e2e.shots import save_screenshot
from tests.outbox import deliver

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE_WIDTH = 375
EMAIL = "dana@example.com"
PASSWORD = "a long and fine passphrase 42"

# Form controls a person fills in must have a label (or an aria-label) screen readers announce.
UNLABELLED_JS = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => !['hidden', 'submit', 'button'].includes(el.type))
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.name || el.id)"""


def in_language(language: str, message: str) -> str:
    """What the app shows for `message` in `language`, whatever the catalogues hold."""
    with translation.override(language):
        return gettext(message)


def check_page(page: Any) -> None:
    """Every page: no horizontal scrolling at 375 px, and every form control labelled."""
    page.wait_for_load_state("load")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {scroll_width}px wide"
    assert page.evaluate(UNLABELLED_JS) == [], f"unlabelled form controls on {page.url}"


def open_menu(page: Any) -> None:
    """At 375 px the navbar is collapsed behind its toggler: open it and wait for it."""
    toggler = page.locator("nav .navbar-toggler")
    expect(toggler).to_be_visible()
    if toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
    expect(page.locator("#nav.collapse.show")).to_be_visible()
    check_page(page)


def path_of(url: str) -> str:
    """The path of an absolute link, to open it on the live server whatever host it names."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_signup_verify_login_dutch_settings_logout(
    page: Any, live_server: Any, browser_problems: list[str]
) -> None:
    base = live_server.url
    link = sign_up(page, base)
    confirm_and_land_on_the_dashboard(page, base, link)
    logout_button = switch_to_dutch(page, base)
    change_the_display_name(page, base)
    log_out(page, base, logout_button)
    assert browser_problems == []


def sign_up(page: Any, base: str) -> str:
    """Home page, then sign up: "Verify your e-mail address"; returns the e-mail's link."""
    page.goto(base + "/")
    check_page(page)
    page.locator("main").get_by_role("link", name="Create a free account").click()
    expect(page).to_have_url(base + "/accounts/signup/")
    check_page(page)
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Display name").fill("Dana")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label("I agree that my pain scores are stored").check()
    page.locator("main").get_by_role("button", name="Sign Up").click()

    expect(page).to_have_url(base + "/accounts/confirm-email/")
    expect(page.locator("main h1")).to_have_text(re.compile("Verify Your Email Address", re.I))
    check_page(page)
    deliver()  # the worker's part: the e-mail leaves the outbox after the sign-up
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [EMAIL]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    user = User.objects.get(email=EMAIL)
    assert user.profile.display_name == "Dana"
    assert user.profile.has_health_consent
    return link.group(0)


def confirm_and_land_on_the_dashboard(page: Any, base: str, link: str) -> None:
    """The link from the e-mail shows a confirmation page; confirming is a POST. Then
    signed in straight away: the dashboard greets the runner by name."""
    page.goto(base + path_of(link))
    expect(page.locator("main h1")).to_have_text(re.compile("Confirm Email Address", re.I))
    check_page(page)
    page.locator("main").get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(base + "/dashboard/")
    hello = in_language("en", "Hello %(name)s") % {"name": "Dana"}
    expect(page.locator("main h1")).to_have_text(hello)
    check_page(page)
    save_screenshot(page, "signup-dashboard")


def switch_to_dutch(page: Any, base: str) -> Any:
    """Switch to Dutch with the NL button in the (collapsed) navbar; returns the navbar's
    log-out button."""
    open_menu(page)
    page.locator("nav").get_by_role("button", name="NL", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_url(base + "/dashboard/")
    check_page(page)
    dutch_logout = in_language("nl", "Log out")
    assert dutch_logout != "Log out", "no Dutch translation of 'Log out' at all"
    logout_button = page.locator("nav form[action='/accounts/logout/'] button")
    expect(logout_button).to_have_text(dutch_logout)
    expect(page.locator("nav button[name=language][value=nl]")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("nav button[name=language][value=en]")).to_have_attribute(
        "title", in_language("nl", "English")
    )
    expect(page.locator("main h1")).to_have_text(
        in_language("nl", "Hello %(name)s") % {"name": "Dana"}
    )
    assert AthleteProfile.objects.get(user__email=EMAIL).language == "nl"
    return logout_button


def change_the_display_name(page: Any, base: str) -> None:
    """Settings: change the display name and save."""
    open_menu(page)
    page.locator("nav a[href='/me/settings/']").click()
    expect(page).to_have_url(base + "/me/settings/")
    check_page(page)
    expect(page.locator("main")).to_contain_text(in_language("nl", "Change password"))
    page.locator("#id_display_name").fill("Dana Runner")
    page.locator("main form").get_by_role("button", name=in_language("nl", "Save settings")).click()
    expect(page.locator("main .alert-success")).to_have_text(
        in_language("nl", "Your settings are saved.")
    )
    expect(page.locator("#id_display_name")).to_have_value("Dana Runner")
    check_page(page)
    profile = AthleteProfile.objects.get(user__email=EMAIL)
    assert profile.display_name == "Dana Runner"
    assert profile.language == "nl"
    assert profile.has_health_consent


def log_out(page: Any, base: str, logout_button: Any) -> None:
    """Log out with the POST button in the navbar: the dashboard asks to sign in again."""
    open_menu(page)
    logout_button.click()
    expect(page).to_have_url(base + "/")
    expect(page.locator("nav a[href='/accounts/login/']")).to_have_count(1)
    expect(page.locator("nav form[action='/accounts/logout/']")).to_have_count(0)
    check_page(page)
    page.goto(base + "/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/dashboard/$"))
