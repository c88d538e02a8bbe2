"""A model test of the page cache: a random sequence of the writes the app offers (the
runner's forms, the coach's and the superuser's admin, renames in the settings and the
admin), each followed by every cached page read through the cache and rendered afresh
with the cache off. Any difference is a stale page; there must be none
(logbook/page_facts.py, accounts/versions.py)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coaching import services as coaching_services
from exercises.models import Exercise
from logbook.models import Session, TrainingWarning
from notifications import services as notification_services
from notifications.services import REMINDER
from tests.coaching.conftest import Club
from tests.coaching.helpers import change_form_data
from tests.logbook.helpers import run_form

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent.parent / "data" / "activities"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}"| nonce="[\w-]+"')
RUNNER_PAGES = ["/dashboard/", "/sessions/", "/week/"]
COACH_PAGES = ["/admin/", "/admin/coaching/athlete/"]
ZONES = ["Europe/Amsterdam", "America/New_York", "Asia/Tokyo"]


class World:
    def __init__(self, club: Club, rng: random.Random) -> None:
        self.rng = rng
        self.alice, self.bob = club.alice, club.bob
        self.runner = self._client(club.alice)
        self.coach = self._client(club.bob)
        self.root = self._client(
            User.objects.create_superuser(email="root@example.com", password="x" * 12)
        )
        self.exercise = Exercise.objects.filter(level=self.alice.profile.hip_level).first()
        assert self.exercise is not None
        self.names = 0

    @staticmethod
    def _client(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def name(self, prefix: str) -> str:
        self.names += 1
        return f"{prefix} {self.names}"

    def now(self) -> Any:
        """Now in the runner's zone, which the forms read dates and times in."""
        return timezone.now().astimezone(User.objects.get(pk=self.alice.pk).profile.tz)

    def sessions(self) -> list[Session]:
        return list(Session.objects.filter(athlete=self.alice).order_by("pk"))

    def post(self, client: Client, url: str, data: dict[str, Any]) -> None:
        response = client.post(url, data)
        assert response.status_code == 302, (
            url,
            getattr(response, "context", None)
            and [(f.name, f.errors) for f in response.context.get("form", []) if f.errors],
        )

    # The writes --------------------------------------------------------------------------

    def log_run(self) -> None:
        start = self.now() - timedelta(days=self.rng.randint(0, 40), hours=self.rng.randint(1, 12))
        self.post(
            self.runner,
            reverse("logbook:session_new"),
            run_form(
                date=start.date().isoformat(),
                time=start.strftime("%H:%M"),
                distance_km=str(self.rng.randint(3, 25)),
                duration=str(self.rng.randint(20, 150)),
                another="on",
            ),
        )

    def log_hip_session(self) -> None:
        start = self.now() - timedelta(hours=1)
        data = run_form(
            kind="strength",
            date=start.date().isoformat(),
            time=start.strftime("%H:%M"),
            duration="25",
            distance_km="",
            surface="",
            another="on",
        )
        data.update({"ex-0-exercise": str(self.exercise.pk), "ex-0-sets": "2", "ex-0-reps": "10"})
        self.post(self.runner, reverse("logbook:session_new"), data)

    def edit_date(self) -> None:
        runs = [s for s in self.sessions() if s.kind == "run"]
        if not runs:
            return self.log_run()
        session = self.rng.choice(runs)
        now = self.now()
        start = session.start.astimezone(now.tzinfo) - timedelta(days=self.rng.randint(-3, 9))
        start = min(start, now - timedelta(minutes=5))
        self.post(
            self.runner,
            reverse("logbook:session_edit", args=[session.pk]),
            run_form(
                date=start.date().isoformat(),
                time=start.strftime("%H:%M"),
                distance_km=str(self.rng.randint(3, 25)),
                another="on",
            ),
        )

    def delete(self) -> None:
        sessions = self.sessions()
        if sessions:
            session = self.rng.choice(sessions)
            self.post(self.runner, reverse("logbook:session_delete", args=[session.pk]), {})

    def import_gpx(self) -> None:
        content = (DATA / "morning-run.gpx").read_bytes()
        upload = SimpleUploadedFile("morning-run.gpx", content)
        self.post(self.runner, reverse("logbook:import"), {"file": upload, "kind": "run"})

    def acknowledge(self) -> None:
        open_ = TrainingWarning.objects.filter(athlete=self.alice, acknowledged_at__isnull=True)
        warning = open_.order_by("?").first()
        if warning is not None:
            self.post(self.runner, reverse("logbook:warning_acknowledge", args=[warning.pk]), {})

    def _settings(self, client: Client, user: User, **changes: str) -> None:
        profile = User.objects.get(pk=user.pk).profile
        data = {
            "display_name": profile.display_name,
            "time_zone": profile.time_zone,
            "language": profile.language or "en",
            "health_consent": "on",
        }
        data.update(changes)
        self.post(client, reverse("accounts:settings"), data)

    def runner_renames(self) -> None:
        self._settings(self.runner, self.alice, display_name=self.name("Alice"))

    def runner_moves_zone(self) -> None:
        self._settings(self.runner, self.alice, time_zone=self.rng.choice(ZONES))

    def coach_renames(self) -> None:
        self._settings(self.coach, self.bob, display_name=self.name("Coach Bob"))

    def coach_writes_note(self) -> None:
        coaching_services.note_add(
            athlete=self.alice, author=self.bob, text=self.name("Note"), now=timezone.now()
        )

    def coach_sets_hip_level(self) -> None:
        coaching_services.hip_level_set(
            athlete=self.alice, level=self.rng.randint(1, 2), set_by=self.bob, now=timezone.now()
        )

    def coach_plans_today(self) -> None:
        today = self.now().date()
        coaching_services.plan_import(
            athlete=self.alice,
            content="date,kind,duration_min,distance_km,rpe,backward_min,surface,notes\n"
            f"{today},run,{self.rng.randint(20, 90)},,,,,\n",
            planned_by=self.bob,
        )

    def coach_plans_hip_session(self) -> None:
        coaching_services.plan_session_save(
            athlete=self.alice,
            values=coaching_services.PlanValues(
                day=self.now().date(),
                kind="strength",
                duration_s=1500,
                exercise_ids=[self.exercise.pk],
            ),
            planned_by=self.bob,
        )

    def runner_turns_reminder(self) -> None:
        notification_services.preference_set(
            user=self.alice, kind=REMINDER, enabled=self.rng.random() < 0.5
        )

    def superuser_renames_exercise(self) -> None:
        page = reverse("admin:exercises_exercise_change", args=[self.exercise.pk])
        data = change_form_data(self.root.get(page))
        data["name_en"] = self.name("Side plank")
        self.post(self.root, page, data)

    def superuser_renames_coach(self) -> None:
        page = reverse("admin:accounts_user_change", args=[self.bob.pk])
        data = change_form_data(self.root.get(page))
        prefix = next(k for k in data if k.endswith("-display_name")).rsplit("-", 1)[0]
        data[f"{prefix}-display_name"] = self.name("Robert")
        joined = timezone.localtime(self.bob.date_joined)
        data.pop("date_joined", None)
        data["date_joined_0"] = joined.date().isoformat()
        data["date_joined_1"] = joined.strftime("%X")
        self.post(self.root, page, data)


WRITES: list[Callable[[World], None]] = [
    World.log_run,
    World.log_hip_session,
    World.edit_date,
    World.delete,
    World.import_gpx,
    World.acknowledge,
    World.runner_renames,
    World.runner_moves_zone,
    World.coach_renames,
    World.coach_writes_note,
    World.coach_sets_hip_level,
    World.coach_plans_today,
    World.coach_plans_hip_session,
    World.runner_turns_reminder,
    World.superuser_renames_exercise,
    World.superuser_renames_coach,
]


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return TOKEN.sub("", response.content.decode())


def fresh(client: Client, path: str) -> str:
    """The page rendered with the cache off, its own writes (warnings marked seen) undone."""
    with override_settings(PAGE_CACHE=False), transaction.atomic():
        html = page(client, path)
        transaction.set_rollback(True)
    return html


def stale_pages(world: World) -> list[str]:
    found = []
    for client, paths in ((world.runner, RUNNER_PAGES), (world.coach, COACH_PAGES)):
        for path in paths:
            if page(client, path) != fresh(client, path):
                found.append(path)
    return found


def test_no_page_is_stale_after_any_write(club: Club) -> None:
    rng = random.Random(22)
    world = World(club, rng)
    # Every kind of write in a random order, after a coach's note and a planned hip session
    # that put the coach's name and an exercise on the runner's pages.
    first = [World.coach_writes_note, World.coach_plans_hip_session]
    writes = [*first, *rng.sample(WRITES, len(WRITES))]
    stale_pages(world)  # every page in the cache
    found = []
    for step, write in enumerate(writes):
        write(world)
        # Settled first: showing new warnings marks them seen (a write of its own), and a
        # waiting "saved" message shows once (such a page is never kept in the cache).
        page(world.runner, "/dashboard/")
        page(world.coach, "/admin/coaching/athlete/")
        found += [f"{step} {write.__name__}: {path}" for path in stale_pages(world)]
    assert found == []
