"""Demo data: a coach and two runners with months of varied sessions, so a fresh install
shows a living app. `--if-empty` does nothing when the demo coach already exists."""

import random
from datetime import datetime, time, timedelta
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
        rng = random.Random(seed)
        tz = runner.profile.tz
        today = timezone.now().astimezone(tz).date()
        rules = services.thresholds()
        hip = list(Exercise.objects.filter(category="hip", level=runner.profile.hip_level))
        sessions: list[Session] = []
        exercises: list[tuple[Session, Exercise]] = []
        long_km = 8.0 + seed * 2
        for offset in range(DAYS, 0, -1):
            day = today - timedelta(days=offset)
            weekday = day.weekday()
            start = datetime.combine(day, time(7 + rng.randint(0, 11), 0), tzinfo=tz)

            def add(kind: str, minutes: int, start: datetime = start, **fields: Any) -> Session:
                rpe = fields.pop("rpe", rng.randint(3, 7))
                session = Session(
                    athlete=runner,
                    start=start,
                    kind=kind,
                    duration_s=minutes * 60,
                    rpe=rpe,
                    **fields,
                )
                session.load, session.rpe_estimated = load.session_load(
                    duration_s=session.duration_s, rpe=rpe, default_rpe=rules.default_rpe
                )
                sessions.append(session)
                return session

            if weekday in (1, 3):
                km = round(rng.uniform(5, 8), 1)
                backward = rng.choice([0, 40, 60]) if offset < 90 else 0
                add(
                    Kind.RUN,
                    int(km * 6),
                    distance_m=int(km * 1000),
                    surface=Surface.ROAD,
                    backward_s=backward,
                    backward_m=backward * 2 if backward else None,
                )
            elif weekday == 6:
                if 8 <= offset <= 14:
                    km = long_km * 1.45  # the spike the dashboard shows
                else:
                    long_km = min(long_km * 1.05, 18.0)
                    km = long_km
                surface = rng.choice([Surface.FOREST_PATH, Surface.SAND_ROAD, Surface.ROAD])
                add(
                    Kind.RUN,
                    int(km * 6.3),
                    distance_m=int(km * 1000),
                    surface=surface,
                    elevation_gain_m=rng.randint(20, 120),
                    rpe=6,
                )
            elif weekday in (0, 4) and hip:
                session = add(Kind.STRENGTH, 25, rpe=4)
                exercises.extend((session, exercise) for exercise in hip)
            elif weekday == 2 and offset < 60:
                add(
                    Kind.WALK,
                    10 + (60 - offset) // 10,
                    backward_s=(10 + (60 - offset) // 10) * 60,
                    surface=Surface.TRACK,
                    distance_m=800,
                    rpe=3,
                )
        Session.objects.bulk_create(sessions)
        SessionExercise.objects.bulk_create(
            SessionExercise(session=s, exercise=e, sets=3, reps=e.dose_reps, seconds=e.dose_seconds)
            for s, e in exercises
        )
        services.warnings_recompute(
            athlete=runner, first_day=today - timedelta(days=DAYS), last_day=today
        )
