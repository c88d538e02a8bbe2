"""Every URL of the URLconf, admin included, for five roles: runner A (the victim), runner
B, A's coach, another coach and an anonymous visitor, with real object ids of A.

- No page shows A's data to anyone but A (and A's coach where the table says so).
- Another runner's object is a 404; a signed-out visitor is sent to sign in.
- Every POST without a CSRF token is refused, and a forbidden POST changes nothing.
- No GET changes data, except the marked exemptions.

A URL pattern that is not in ACCESS (tests/access_rules.py) fails the test: a new URL must
be classified there when it is added (one line: its access rule and, if it takes arguments,
where they come from).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from coaching.models import PlannedSession
from logbook import services
from logbook.models import ImportJob, Session, TrainingWarning
from tests.access_rules import ACCESS, KNOWN_GAPS, Rule, World
from tests.factories import make_coach, make_runner

pytestmark = pytest.mark.django_db

SECRET = "ALICE-PRIVATE-NOTE-7f3a"
ROLES = ("runner_a", "runner_b", "coach_of_a", "other_coach", "anonymous")


def patterns(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """(key, route, pattern) of every URL pattern, depth first."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from patterns(entry, prefix + str(entry.pattern), inner)
        else:
            route = prefix + str(entry.pattern)
            key = f"{namespace}{entry.name}" if entry.name else route
            yield key, route, entry


def is_admin(key: str, route: str) -> bool:
    return key.startswith("admin:") or route.startswith("admin/")


def admin_model(key: str) -> type[models.Model] | None:
    for model in admin.site._registry:
        if key.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


def victims_object(model: type[models.Model], world: World) -> Any:
    """A's own row of the model where it has one, else any row, else a missing id."""
    if model is User:
        return world.victim.pk
    for field in model._meta.get_fields():
        if isinstance(field, models.ForeignKey) and field.related_model is User:
            row = model._default_manager.filter(**{field.name: world.victim}).first()
            if row is not None:
                return row.pk
    row = model._default_manager.first()
    return row.pk if row is not None else 999_999


def admin_url(key: str, route: str, pattern: URLPattern, world: World) -> str:
    names = set(pattern.pattern.regex.groupindex)
    model = admin_model(key)
    values: dict[str, Any] = {}
    if "object_id" in names or "id" in names:
        value = victims_object(model, world) if model is not None else 999_999
        values["object_id" if "object_id" in names else "id"] = value
    if "content_type_id" in names:
        values["content_type_id"] = ContentType.objects.get_for_model(User).pk
        values["object_id"] = world.victim.pk
    if "app_label" in names:
        values["app_label"] = "accounts"
    if "planned_id" in names:  # the coach's plan calendar: one planned session
        values["planned_id"] = victims_object(PlannedSession, world)
    if "day" in names:  # the coach's plan calendar: one day
        values["day"] = "2026-11-20"
    if "url" in names:
        values["url"] = "no-such-page/"
    if pattern.name:
        return reverse(key, kwargs=values)
    path = "/" + route.lstrip("^").rstrip("$")
    for name, value in values.items():
        path = path.replace(f"<path:{name}>", str(value)).replace(f"(?P<{name}>.*)", str(value))
    return path


def url_for(key: str, route: str, pattern: URLPattern, world: World) -> str:
    if is_admin(key, route):
        return admin_url(key, route, pattern, world)
    rule = ACCESS[key]
    if not pattern.name:
        return "/" + route
    return reverse(key, kwargs=rule.kwargs(world) if rule.kwargs else None)


def fingerprint() -> str:
    """A digest of every row a request could change."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        # The catalogue and Django's own bookkeeping are left out (they are large or change
        # on every sign-in); every app with people's data is in.
        if model._meta.app_label in {"exercises", "contenttypes", "sites", "sessions", "admin"}:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        for row in model._default_manager.order_by("pk").values_list(*fields):
            digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture
def world(db: None) -> World:
    alice = make_runner("alice@example.com", display_name="Alice Victim")
    bob = make_runner("bob@example.com", display_name="Bob")
    carol = make_coach("carol@example.com", display_name="Carol")
    dave = make_coach("dave@example.com", display_name="Dave")
    alice.profile.coach = carol
    alice.profile.save()
    for user in (alice, bob):
        services.session_log(
            athlete=user,
            start=datetime(2026, 11, 1, 7, tzinfo=UTC),
            kind="run",
            duration_s=1800,
            distance_m=5000,
            notes=SECRET if user == alice else "Bob's run",
        )
        services.session_log(
            athlete=user,
            start=datetime(2026, 11, 20, 7, tzinfo=UTC),
            kind="run",
            duration_s=3600,
            distance_m=12000,
            pain=7,
            notes=SECRET if user == alice else "Bob's long run",
        )
    EmailAddress.objects.filter(user=alice).update(email="alice@example.com")
    return World(
        users={
            "runner_a": alice,
            "runner_b": bob,
            "coach_of_a": carol,
            "other_coach": dave,
            "anonymous": None,
        },
        session=Session.objects.filter(athlete=alice).latest("start"),
        job=ImportJob.objects.create(athlete=alice, filename="alice-activities.csv"),
        warning=TrainingWarning.objects.filter(athlete=alice).first()
        or pytest.fail("the world needs a warning of A"),
        planned=PlannedSession.objects.create(
            athlete=alice, day=date(2026, 11, 20), kind="run", duration_s=1800, notes=SECRET
        ),
    )


def client_for(world: World, role: str, *, enforce_csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def every_url(world: World) -> Iterator[tuple[str, str, Rule | None]]:
    for key, route, pattern in patterns():
        rule = None if is_admin(key, route) else ACCESS[key]
        yield key, url_for(key, route, pattern, world), rule


def test_every_url_pattern_is_classified():
    unclassified = [
        key for key, route, _pattern in patterns() if not is_admin(key, route) and key not in ACCESS
    ]
    assert unclassified == [], "add these URLs to ACCESS in tests/access_rules.py"


def public_admin(url: str) -> bool:
    """The admin's sign-in, sign-out and translation catalogue answer anyone."""
    return any(part in url for part in ("/login/", "/logout/", "/jsi18n/"))


def shows_victims_data(body: str) -> bool:
    return SECRET in body or "alice@example.com" in body or "Alice Victim" in body


def get_problems(world: World, role: str, key: str, url: str, rule: Rule | None) -> list[str]:
    client = client_for(world, role)
    before = fingerprint()
    response = client.get(url)
    body = response.content.decode(errors="replace") if not response.streaming else ""
    if response.streaming:
        body = b"".join(response.streaming_content).decode(errors="replace")
    problems = []
    status = response.status_code
    if status >= 500:
        problems.append(f"{status}")
    signed_in = role != "anonymous"
    if rule is None:  # the admin
        if (
            role in ("runner_a", "runner_b", "anonymous")
            and status == 200
            and not public_admin(url)
        ):
            problems.append(f"{status} for a non-coach")
    elif rule.access in ("signed_in", "owner") and not signed_in:
        # 401: an endpoint a script calls says "sign in" rather than redirecting.
        if status not in (302, 401, 404, 405):
            problems.append(f"{status} for a signed-out visitor")
    elif rule.access == "owner" and role != "runner_a" and status not in (404, 405):
        # 405: a POST-only view refuses the GET before it looks anything up.
        problems.append(f"{status}, not 404, for another's object")
    allowed_to_see = role == "runner_a" or (
        role == "coach_of_a" and (rule is None or rule.coach_sees)
    )
    if not allowed_to_see and shows_victims_data(body):
        problems.append("shows A's data")
    if (rule is None or not rule.get_changes) and fingerprint() != before:
        problems.append("GET changed data")
    return [f"GET {url} as {role}: {problem}" for problem in problems]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_another_runners_data_or_changes_on_get(world, role):
    problems = [
        problem
        for key, url, rule in every_url(world)
        if (key, role) not in KNOWN_GAPS
        for problem in get_problems(world, role, key, url, rule)
    ]
    assert problems == []


@pytest.mark.parametrize("role", ["runner_a", "coach_of_a"])
def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(world, role):
    client = client_for(world, role, enforce_csrf=True)
    problems = []
    for _key, url, rule in every_url(world):
        if rule is not None and rule.csrf_exempt:
            continue
        before = fingerprint()
        status = client.post(url, {"notes": "changed"}).status_code
        if status != 403:
            problems.append(f"POST {url}: {status}")
        if fingerprint() != before:
            problems.append(f"POST {url}: changed data")
    assert problems == []


@pytest.mark.parametrize("role", ["runner_b", "other_coach", "anonymous"])
def test_forbidden_posts_on_the_victims_objects_change_nothing(world, role):
    client = client_for(world, role)
    problems = []
    for _key, url, rule in every_url(world):
        if rule is None or rule.access != "owner":
            continue
        before = fingerprint()
        status = client.post(url, {"rpe": "9", "notes": "changed"}).status_code
        if status not in (404, 302):
            problems.append(f"POST {url} as {role}: {status}")
        if fingerprint() != before:
            problems.append(f"POST {url} as {role}: changed data")
    assert problems == []


def test_admin_pages_need_a_coach(world):
    client = client_for(world, "runner_a")
    for _key, url, rule in every_url(world):
        if rule is None and not public_admin(url):
            response = client.get(url)
            assert response.status_code in (302, 404), f"{url}: {response.status_code}"
