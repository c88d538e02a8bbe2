"""Wrong passwords lock out the client that typed them, not the account's owner.

The failed-login limit counts per account and client: a browser that signed in to that
account before is its own client (a signed cookie), any other is its IP address. So a
stranger's guesses never lock the owner's own browser, nor the owner elsewhere; and the
password-reset link frees the client it is used from. (README, "Security and privacy".)"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.adapter import DEVICE_COOKIE
from tests.factories import PASSWORD, make_coach, make_runner
from tests.outbox import deliver

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
HOME = "198.51.100.7"


def attempt(client: Client, email: str, password: str, ip: str) -> Any:
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def five_wrong_guesses(email: str, ip: str = ATTACKER) -> Client:
    attacker = Client()
    for _ in range(5):
        attempt(attacker, email, "wrong password", ip)
    assert "too many" in attempt(attacker, email, PASSWORD, ip).content.decode().lower()
    return attacker


def test_the_owners_browser_that_signed_in_before_still_gets_in(runner: Any) -> None:
    browser = Client()
    assert attempt(browser, runner.email, PASSWORD, HOME).status_code == 302
    browser.post(reverse("account_logout"))
    five_wrong_guesses(runner.email, ip=HOME)  # even from the same address
    assert attempt(browser, runner.email, PASSWORD, HOME).status_code == 302
    assert signed_in(browser)


def test_a_coach_who_signs_in_only_at_the_admin_is_remembered_there_too() -> None:
    """/admin/login/ sets the same cookie as the site's sign-in: the coach's own browser
    still gets in, at the admin and on the site, after a stranger's guesses from the same
    address."""
    coach = make_coach("carol@example.com", display_name="Carol")
    browser = Client()
    signed_in_at_admin = browser.post(
        reverse("admin:login"), {"username": coach.email, "password": PASSWORD}, REMOTE_ADDR=HOME
    )
    assert signed_in_at_admin.status_code == 302
    assert DEVICE_COOKIE in signed_in_at_admin.cookies
    browser.post(reverse("admin:logout"))
    five_wrong_guesses(coach.email, ip=HOME)
    again = browser.post(
        reverse("admin:login"), {"username": coach.email, "password": PASSWORD}, REMOTE_ADDR=HOME
    )
    assert again.status_code == 302
    assert signed_in(browser)
    browser.post(reverse("admin:logout"))
    assert attempt(browser, coach.email, PASSWORD, HOME).status_code == 302


def test_a_failed_admin_sign_in_sets_no_cookie(runner: Any) -> None:
    refused = Client().post(
        reverse("admin:login"), {"username": runner.email, "password": "wrong"}, REMOTE_ADDR=HOME
    )
    assert refused.status_code == 200
    assert DEVICE_COOKIE not in refused.cookies


def test_the_owner_on_another_address_still_gets_in(runner: Any) -> None:
    five_wrong_guesses(runner.email)
    owner = Client()
    assert attempt(owner, runner.email, PASSWORD, HOME).status_code == 302
    assert signed_in(owner)


def test_a_cookie_of_the_attackers_own_account_buys_no_more_guesses(runner: Any) -> None:
    mallory = make_runner("mallory@example.com", display_name="Mallory")
    attacker = Client()
    assert attempt(attacker, mallory.email, PASSWORD, ATTACKER).status_code == 302
    attacker.post(reverse("account_logout"))
    for _ in range(5):
        attempt(attacker, runner.email, "wrong password", ATTACKER)
    refused = attempt(attacker, runner.email, PASSWORD, ATTACKER)
    assert "too many" in refused.content.decode().lower()
    assert not signed_in(attacker)


def test_the_password_reset_link_frees_the_locked_client(runner: Any) -> None:
    locked = five_wrong_guesses(runner.email)
    locked.post(reverse("account_reset_password"), {"email": runner.email}, REMOTE_ADDR=ATTACKER)
    deliver()
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body)
    assert link
    form = locked.get(link.group(1), follow=True, REMOTE_ADDR=ATTACKER)
    new = "a brand new passphrase 77"
    done = locked.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(1),
        {"password1": new, "password2": new},
        REMOTE_ADDR=ATTACKER,
    )
    assert done.status_code == 302
    assert attempt(locked, runner.email, new, ATTACKER).status_code == 302
    assert signed_in(locked)
