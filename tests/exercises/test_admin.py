"""Who edits the catalogue: users with its permissions, not every coach."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from exercises.models import Exercise, Progression
from tests.factories import make_runner

pytestmark = pytest.mark.django_db


def catalogue_editor(*codenames):
    user = make_runner("editor@example.com", display_name="Erin")
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="exercises", codename__in=codenames)
    )
    return user


def exercise_form_data(exercise, **changes):
    data = {
        "slug": exercise.slug,
        "category": exercise.category,
        "secondary_category": exercise.secondary_category,
        "level": exercise.level or "",
        "order": exercise.order,
        "dose_sets": exercise.dose_sets or "",
        "dose_reps": exercise.dose_reps or "",
        "dose_seconds": exercise.dose_seconds or "",
        "dose_minutes": exercise.dose_minutes or "",
    }
    for field in ("name", "purpose", "how_to", "cues", "safety", "source", "dose_note"):
        for language in ("en", "nl"):
            data[f"{field}_{language}"] = getattr(exercise, f"{field}_{language}") or ""
    data.update(changes)
    return data


def test_coach_gets_403_on_the_exercise_change_page(client, coach):
    client.force_login(coach)
    exercise = Exercise.objects.get(slug="squat")
    response = client.get(reverse("admin:exercises_exercise_change", args=[exercise.pk]))
    assert response.status_code == 403


def test_coach_cannot_change_an_exercise_by_post(client, coach):
    client.force_login(coach)
    exercise = Exercise.objects.get(slug="squat")
    response = client.post(
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
        exercise_form_data(exercise, name_en="Hacked"),
    )
    assert response.status_code == 403
    exercise.refresh_from_db()
    assert exercise.name_en == "Squat"


def test_coach_gets_403_on_the_progression_change_page(client, coach):
    client.force_login(coach)
    progression = Progression.objects.get(slug="trail")
    response = client.get(reverse("admin:exercises_progression_change", args=[progression.pk]))
    assert response.status_code == 403


def test_user_with_change_permission_edits_both_languages(client):
    client.force_login(catalogue_editor("change_exercise"))
    exercise = Exercise.objects.get(slug="squat")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, exercise_form_data(exercise, name_en="Air squat", name_nl="Luchtsquat")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    exercise.refresh_from_db()
    assert (exercise.name_en, exercise.name_nl) == ("Air squat", "Luchtsquat")


def test_change_page_has_a_field_per_language(client):
    client.force_login(catalogue_editor("change_exercise"))
    exercise = Exercise.objects.get(slug="squat")
    html = client.get(
        reverse("admin:exercises_exercise_change", args=[exercise.pk])
    ).content.decode()
    assert 'name="name_en"' in html
    assert 'name="name_nl"' in html


def test_progression_change_page_shows_the_steps_inline(client):
    client.force_login(catalogue_editor("change_progression", "change_progressionstep"))
    progression = Progression.objects.get(slug="trail")
    html = client.get(
        reverse("admin:exercises_progression_change", args=[progression.pk])
    ).content.decode()
    assert 'name="steps-0-title_nl"' in html
    assert 'name="steps-3-surface"' in html


def test_exercise_list_in_admin_filters_and_searches(client):
    client.force_login(catalogue_editor("view_exercise"))
    url = reverse("admin:exercises_exercise_changelist")
    response = client.get(url, {"category__exact": "support"})
    assert response.status_code == 200
    assert {e.slug for e in response.context["cl"].result_list} == {"squat", "lunge"}
    response = client.get(url, {"q": "Eenbenige"})
    assert "single-leg-stand" in {e.slug for e in response.context["cl"].result_list}
