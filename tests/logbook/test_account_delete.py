"""Deleting one's own account: the current password, then every row of that user is gone."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import AthleteProfile, HealthConsentEvent, User
from exercises.models import Category, Exercise
from logbook import services
from logbook.models import ImportJob, Kind, Session, SessionExercise, TrainingWarning
from tests.factories import PASSWORD

DELETE = reverse("logbook:account_delete")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def give_data(user: Any) -> None:
    """One row in every table that holds a runner's data."""
    exercise, _ = Exercise.objects.get_or_create(
        slug="test-fire-hydrant",
        defaults={
            "name": "Fire hydrant",
            "category": Category.HIP,
            "level": 1,
            "purpose": "Activation.",
            "how_to": "Lift.",
            "cues": "Slow",
        },
    )
    now = timezone.now()
    services.session_log(
        athlete=user,
        start=now - timedelta(days=1),
        kind=Kind.RUN,
        duration_s=1800,
        distance_m=5000,
        rpe=4,
        sharp_pain=True,
    )
    services.session_log(
        athlete=user,
        start=now - timedelta(days=2),
        kind=Kind.STRENGTH,
        duration_s=1200,
        rpe=3,
        exercises=[services.ExerciseDone(exercise_id=exercise.pk, sets=3, reps=10)],
    )
    job = ImportJob(athlete=user, filename="export.zip")
    job.upload.save("export.zip", ContentFile(b"zip"), save=True)
    HealthConsentEvent.objects.create(user=user, given=True, at=now)


def rows_of(user_id: int) -> dict[str, int]:
    return {
        "user": User.objects.filter(pk=user_id).count(),
        "profile": AthleteProfile.objects.filter(user_id=user_id).count(),
        "email": EmailAddress.objects.filter(user_id=user_id).count(),
        "sessions": Session.objects.filter(athlete_id=user_id).count(),
        "exercises": SessionExercise.objects.filter(session__athlete_id=user_id).count(),
        "warnings": TrainingWarning.objects.filter(athlete_id=user_id).count(),
        "imports": ImportJob.objects.filter(athlete_id=user_id).count(),
        "consent": HealthConsentEvent.objects.filter(user_id=user_id).count(),
    }


EVERYTHING = {
    "user": 1,
    "profile": 1,
    "email": 1,
    "sessions": 2,
    "exercises": 1,
    "warnings": 1,
    "imports": 1,
    "consent": 1,
}
NOTHING = dict.fromkeys(EVERYTHING, 0)


@pytest.fixture
def alice(runner: Any) -> Any:
    give_data(runner)
    assert rows_of(runner.pk) == EVERYTHING
    return runner


@pytest.fixture
def bob(other_runner: Any) -> Any:
    give_data(other_runner)
    return other_runner


def test_get_asks_for_the_current_password(alice: Any, runner_client: Any) -> None:
    response = runner_client.get(DELETE)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<label\s+for="id_password"[^>]*>\s*Current password', html)
    assert 'autocomplete="current-password"' in html
    assert rows_of(alice.pk) == EVERYTHING


def test_right_password_deletes_every_row_of_the_user(
    alice: Any, bob: Any, runner_client: Any
) -> None:
    upload = Path(ImportJob.objects.get(athlete=alice).upload.path)
    assert upload.exists()
    response = runner_client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert rows_of(alice.pk) == NOTHING
    assert not upload.exists()


def test_another_runners_data_is_untouched(alice: Any, bob: Any, runner_client: Any) -> None:
    runner_client.post(DELETE, {"password": PASSWORD})
    assert rows_of(bob.pk) == EVERYTHING


def test_deleted_runner_is_logged_out_with_a_message(alice: Any, runner_client: Any) -> None:
    response = runner_client.post(DELETE, {"password": PASSWORD}, follow=True)
    assert not response.context["user"].is_authenticated
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your account and all your data have been deleted."
    ]
    assert runner_client.get(reverse("logbook:dashboard")).status_code == 302


def test_wrong_password_keeps_everything(alice: Any, runner_client: Any) -> None:
    response = runner_client.post(DELETE, {"password": "not my password"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"] == ["That is not your current password."]
    assert rows_of(alice.pk) == EVERYTHING


def test_guessing_counts_against_the_login_limit(alice: Any, runner_client: Any) -> None:
    for _attempt in range(5):
        runner_client.post(DELETE, {"password": "guess"})
    response = runner_client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 200
    assert "too many" in " ".join(response.context["form"].errors["password"]).lower()
    assert rows_of(alice.pk) == EVERYTHING


def test_empty_password_keeps_everything(alice: Any, runner_client: Any) -> None:
    response = runner_client.post(DELETE, {})
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert rows_of(alice.pk) == EVERYTHING


def test_coach_deletion_leaves_athletes_data(alice: Any, coach: Any, client: Any) -> None:
    alice.profile.coach = coach
    alice.profile.save()
    client.force_login(coach)
    client.post(DELETE, {"password": PASSWORD})
    assert not User.objects.filter(pk=coach.pk).exists()
    alice.profile.refresh_from_db()
    assert alice.profile.coach is None
    assert rows_of(alice.pk) == EVERYTHING


def test_deletion_needs_login(client: Any) -> None:
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
