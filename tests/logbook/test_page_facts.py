"""Every table a cached page reads is a known fact (logbook/page_facts.py): either a
person's own data, whose services raise their version, or a shared fact, whose every
change replaces the shared token. A new table on a cached page fails here until it is
placed; the model test (tests/coaching/test_no_stale_pages_model.py) then shows the
placing is right."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.versions import version_bump, version_key
from coaching import services as coaching_services
from exercises.models import Exercise
from logbook import page_facts, services
from tests.coaching.conftest import Club
from tests.coaching.conftest import club as club  # the fixture
from tests.logbook.helpers import days_ago, earlier_today, log_run

pytestmark = pytest.mark.django_db
TABLE = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')
CACHED_PAGES = {
    "runner": ["/dashboard/", "/sessions/", "/week/"],
    "coach": ["/admin/", "/admin/coaching/athlete/"],
}


def _owner_label(model: Any) -> str:
    """The model a table belongs to (an m2m table to the model that declares it)."""
    meta = model._meta
    if meta.auto_created:
        for owner in apps.get_models():
            for field in owner._meta.local_many_to_many:
                if field.remote_field.through is model:
                    return f"{owner._meta.app_label}.{owner._meta.object_name}"
    concrete = meta.concrete_model._meta
    return f"{concrete.app_label}.{concrete.object_name}"


def tables_to_models() -> dict[str, str]:
    return {m._meta.db_table: _owner_label(m) for m in apps.get_models(include_auto_created=True)}


def test_every_table_a_cached_page_reads_is_a_known_fact(club: Club) -> None:
    for n in (12, 5, 1):
        log_run(club.alice, days_ago(n), 8 + n)
    exercise = Exercise.objects.filter(level=club.alice.profile.hip_level).first()
    assert exercise is not None
    services.session_log(
        athlete=club.alice,
        start=earlier_today(7),
        kind="strength",
        duration_s=1500,
        exercises=[services.ExerciseDone(exercise_id=exercise.pk, sets=2)],
    )
    coaching_services.note_add(athlete=club.alice, author=club.bob, text="Hi", now=timezone.now())
    known = page_facts.PERSON_DATA | set(page_facts.SHARED_FACTS) | page_facts.NOT_SHOWN
    models = tables_to_models()
    read: set[str] = set()
    for user, who in ((club.alice, "runner"), (club.bob, "coach")):
        client = Client()
        client.force_login(user)
        for path in CACHED_PAGES[who]:
            version_bump(athlete_id=user.pk)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            for query in queries.captured_queries:
                read |= {models[t] for t in TABLE.findall(query["sql"]) if t in models}
    assert read - known == set(), "place these in logbook/page_facts.py"
    assert {"exercises.Exercise", "coaching.CoachNote", "accounts.AthleteProfile"} <= read


def test_a_renamed_exercise_makes_every_page_new(club: Club) -> None:
    client = Client()
    client.force_login(club.alice)
    client.get(reverse("logbook:week"))
    before = page_facts.shared_token()
    exercise = Exercise.objects.first()
    assert exercise is not None
    exercise.name_en = "A new name"
    exercise.save()
    assert page_facts.shared_token() != before


def test_a_sign_in_does_not_make_every_page_new(club: Club) -> None:
    before = page_facts.shared_token()
    Client().force_login(club.alice)  # saves last_login only
    profile = club.alice.profile
    profile.save()  # saved, nothing shown to others changed
    assert page_facts.shared_token() == before


def test_a_deploy_with_a_changed_template_starts_with_new_keys(
    tmp_path: Any, settings: Any
) -> None:
    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir()
    template.write_text("<p>old</p>")
    settings.BASE_DIR = tmp_path
    try:
        page_facts.code_version.cache_clear()
        old = version_key("page", 1)
        template.write_text("<p>new</p>")
        page_facts.code_version.cache_clear()  # a new process
        assert version_key("page", 1) != old
    finally:
        page_facts.code_version.cache_clear()
