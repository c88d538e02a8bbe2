"""Signing in reads the user with their profile in one query, and sessions signed in
under Django's and allauth's own backends stay signed in after the move to ours."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.backends import AuthenticationBackend, ModelBackend, sessions_move_to_backends
from accounts.models import AthleteProfile, User
from tests.factories import PASSWORD, make_runner

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_their_profile_in_one_query(django_assert_num_queries: Any) -> None:
    runner = make_runner("ria@example.com", display_name="Ria", time_zone="Europe/Lisbon")
    for backend in (ModelBackend(), AuthenticationBackend()):
        with django_assert_num_queries(1):
            user = backend.get_user(str(runner.pk))
            assert user is not None
            assert (user.email, user.profile.display_name, str(user.profile.tz)) == (
                "ria@example.com",
                "Ria",
                "Europe/Lisbon",
            )
            assert user.profile.user is user


def test_a_user_without_a_profile_signs_in_without_one() -> None:
    root = User.objects.create_superuser(email="root@example.com", password=PASSWORD)
    AthleteProfile.objects.filter(user=root).delete()
    user = ModelBackend().get_user(root.pk)
    assert user is not None and user.email == "root@example.com"
    assert getattr(user, "profile", None) is None


def test_nobody_comes_back_for_an_unknown_a_malformed_or_an_inactive_id() -> None:
    runner = make_runner("ria@example.com")
    User.objects.filter(pk=runner.pk).update(is_active=False)
    backend = ModelBackend()
    assert [backend.get_user(x) for x in (runner.pk, runner.pk + 1000, "abc", "")] == [None] * 4


def test_signing_in_through_the_form_records_our_backend(client: Client) -> None:
    make_runner("ria@example.com")
    client.post("/accounts/login/", {"login": "ria@example.com", "password": PASSWORD})
    assert client.session[BACKEND_SESSION_KEY].startswith("accounts.backends.")


@pytest.mark.parametrize(
    "old_path",
    [
        "django.contrib.auth.backends.ModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend",
    ],
)
def test_a_session_signed_in_under_an_old_backend_stays_signed_in(old_path: str) -> None:
    runner = make_runner("ria@example.com")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(runner.pk)
    store[BACKEND_SESSION_KEY] = old_path
    store[HASH_SESSION_KEY] = runner.get_session_auth_hash()
    store.save()
    browser = Client()
    browser.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    assert browser.get("/dashboard/").status_code == 302  # the old path is no backend now

    assert sessions_move_to_backends(Session) == 1

    assert browser.get("/dashboard/").status_code == 200
    assert sessions_move_to_backends(Session) == 0


def test_moving_sessions_survives_a_cache_that_is_down(settings: Any) -> None:
    runner = make_runner("ria@example.com")
    store = import_module("django.contrib.sessions.backends.db").SessionStore()
    store[SESSION_KEY] = str(runner.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store.save()
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "nowhere"
    settings.CACHES = {
        **settings.CACHES,
        "nowhere": {  # a port nothing listens on: every call fails at once
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        },
    }
    assert sessions_move_to_backends(Session) == 1
    moved = Session.objects.get(session_key=store.session_key).get_decoded()
    assert moved[BACKEND_SESSION_KEY] == "accounts.backends.ModelBackend"
