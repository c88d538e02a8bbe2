"""Coach Bob (athletes Alice and Carol) and coach Dan (athlete Erin)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from accounts.models import User
from tests.factories import make_coach, make_runner


@dataclass
class Club:
    bob: User
    dan: User
    alice: User
    carol: User
    erin: User


def coached(email: str, name: str, coach: User, **fields: Any) -> User:
    return make_runner(email, display_name=name, coach=coach, **fields)


@pytest.fixture
def club(db: None) -> Club:
    bob = make_coach("bob@example.com", display_name="Bob")
    dan = make_coach("dan@example.com", display_name="Dan")
    return Club(
        bob=bob,
        dan=dan,
        alice=coached("alice@example.com", "Alice", bob),
        carol=coached("carol@example.com", "Carol", bob),
        erin=coached("erin@example.com", "Erin", dan),
    )


@pytest.fixture
def bob_client(client: Any, club: Club) -> Any:
    client.force_login(club.bob)
    return client


@pytest.fixture
def other_client() -> Any:
    """A second browser, for the runner, beside Bob's."""
    from django.test import Client

    return Client()
