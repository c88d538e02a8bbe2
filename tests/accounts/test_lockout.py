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

from tests.factories import PASSWORD, make_runner
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
