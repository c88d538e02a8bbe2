"""Sign-up takes as long for an address that has an account as for a new one, so its
answer time does not tell an attacker who has an account here (issue 18, item 10).

With the real password hasher (the suite's is a fast one): both paths hash a password.
Compared as a ratio of medians with a generous bound, never as an absolute time."""

from __future__ import annotations

import statistics
import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

ROUNDS = 4


def sign_up_seconds(email: str) -> float:
    data = {
        "email": email,
        "password1": "a long and fine passphrase 42",
        "password2": "a long and fine passphrase 42",
        "display_name": "Dana",
    }
    client = Client()
    started = time.perf_counter()
    response = client.post(reverse("account_signup"), data)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    return elapsed


def test_sign_up_with_a_taken_address_takes_as_long_as_with_a_new_one(
    settings: Any, runner: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    sign_up_seconds("warm-up@example.com")
    new, taken = [], []
    for n in range(ROUNDS):  # alternated, so that a busy machine slows both alike
        new.append(sign_up_seconds(f"new{n}@example.com"))
        taken.append(sign_up_seconds(runner.email))
    ratio = statistics.median(new) / statistics.median(taken)
    # Without the fix the ratio is about 10 (30 on a busy machine).
    assert 1 / 2.5 < ratio < 2.5, (new, taken)
    assert User.objects.filter(email=runner.email).count() == 1
