"""Demo data: a coach and two runners with months of varied sessions, so a fresh install
shows a living app. `--if-empty` does nothing when the demo coach already exists."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from accounts.models import COACHES_GROUP, User
from exercises.models import Exercise
from logbook import load, services
from logbook.models import Kind, Session, SessionExercise, Surface

PASSWORD = "runningcoach-demo"
COACH = ("coach@example.com", "Coach Carla")
RUNNERS = (("anna@example.com", "Anna"), ("ben@example.com", "Ben"))
DAYS = 150


class Command(BaseCommand):
    help = "Create a demo coach and two demo runners with five months of sessions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="skip if demo data exists")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and User.objects.filter(email=COACH[0]).exists():
            self.stdout.write("Demo data exists already.")
            return
        with transaction.atomic():
            coach = self._user(*COACH, staff=True)
            coach.groups.add(Group.objects.get(name=COACHES_GROUP))
            for index, (email, name) in enumerate(RUNNERS):
                runner = self._user(email, name)
                runner.profile.coach = coach
                runner.profile.health_consent_at = timezone.now()
                runner.profile.save()
                Session.objects.filter(athlete=runner).delete()
                self._history(runner, seed=index)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in with:"))
        for email, _name in (COACH, *RUNNERS):
            self.stdout.write(f"  {email} / {PASSWORD}")

    def _user(self, email: str, name: str, staff: bool = False) -> User:
        user, created = User.objects.get_or_create(email=email)
        if created:
            user.set_password(PASSWORD)
        user.is_staff = staff
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        user.profile.display_name = name
        user.profile.save()
        return user

    def _history(self, runner: User, *, seed: int) -> None:
        today = timezone.now().astimezone(runner.profile.tz).date()
        history = _History(
            runner=runner,
            rng=random.Random(seed),
            default_rpe=services.thresholds().default_rpe,
            hip=list(Exercise.objects.filter(category="hip", level=runner.profile.hip_level)),
            long_km=8.0 + seed * 2,
        )
        for offset in range(DAYS, 0, -1):
            history.day(today - timedelta(days=offset), offset=offset)
        Session.objects.bulk_create(history.sessions)
        SessionExercise.objects.bulk_create(
            SessionExercise(session=s, exercise=e, sets=3, reps=e.dose_reps, seconds=e.dose_seconds)
            for s, e in history.exercises
        )
        services.warnings_recompute(
            athlete=runner, first_day=today - timedelta(days=DAYS), last_day=today
        )


@dataclass
class _History:
    """One runner's five months, day by day: easy runs on Tuesday and Thursday, a long run
    on Sunday that grows 5 % a week, hip strength on Monday and Friday and backward walks on
    Wednesday in the last two months. `rng` varies the rest, in the same order every time,
    so a seed always gives the same history."""

    runner: User
    rng: random.Random
    default_rpe: int
    hip: list[Exercise]
    long_km: float
    sessions: list[Session] = field(default_factory=list)
    exercises: list[tuple[Session, Exercise]] = field(default_factory=list)

    def day(self, day: date, *, offset: int) -> None:
        """`offset`: how many days before today."""
        weekday = day.weekday()
        start = datetime.combine(
            day, time(7 + self.rng.randint(0, 11), 0), tzinfo=self.runner.profile.tz
        )
        if weekday in (1, 3):
            self._easy_run(start, offset=offset)
        elif weekday == 6:
            self._long_run(start, offset=offset)
        elif weekday in (0, 4) and self.hip:
            session = self._add(Kind.STRENGTH, 25, start, rpe=4)
            self.exercises.extend((session, exercise) for exercise in self.hip)
        elif weekday == 2 and offset < 60:
            minutes = 10 + (60 - offset) // 10
            self._add(
                Kind.WALK,
                minutes,
                start,
                backward_s=minutes * 60,
                surface=Surface.TRACK,
                distance_m=800,
                rpe=3,
            )

    def _easy_run(self, start: datetime, *, offset: int) -> None:
        km = round(self.rng.uniform(5, 8), 1)
        backward = self.rng.choice([0, 40, 60]) if offset < 90 else 0
        self._add(
            Kind.RUN,
            int(km * 6),
            start,
            distance_m=int(km * 1000),
            surface=Surface.ROAD,
            backward_s=backward,
            backward_m=backward * 2 if backward else None,
        )

    def _long_run(self, start: datetime, *, offset: int) -> None:
        if 8 <= offset <= 14:
            km = self.long_km * 1.45  # the spike the dashboard shows
        else:
            self.long_km = min(self.long_km * 1.05, 18.0)
            km = self.long_km
        surface = self.rng.choice([Surface.FOREST_PATH, Surface.SAND_ROAD, Surface.ROAD])
        elevation_gain_m = self.rng.randint(20, 120)
        self._add(
            Kind.RUN,
            int(km * 6.3),
            start,
            distance_m=int(km * 1000),
            surface=surface,
            elevation_gain_m=elevation_gain_m,
            rpe=6,
        )

    def _add(self, kind: str, minutes: int, start: datetime, **fields: Any) -> Session:
        # Drawn for every session, given or not: the draws after it stay where they were.
        drawn_rpe = self.rng.randint(3, 7)
        rpe = fields.pop("rpe", drawn_rpe)
        session = Session(
            athlete=self.runner,
            start=start,
            kind=kind,
            duration_s=minutes * 60,
            rpe=rpe,
            **fields,
        )
        session.load, session.rpe_estimated = load.session_load(
            duration_s=session.duration_s, rpe=rpe, default_rpe=self.default_rpe
        )
        self.sessions.append(session)
        return session
