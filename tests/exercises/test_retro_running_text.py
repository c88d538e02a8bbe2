"""Retro running's extra energy is at the same speed (seed 000), in both languages."""

import pytest

from exercises.models import Exercise

pytestmark = pytest.mark.django_db


def test_retro_running_costs_more_energy_at_the_same_speed() -> None:
    exercise = Exercise.objects.get(slug="retro-running")
    assert "at the same speed" in exercise.purpose_en
    assert "at the same effort" not in exercise.purpose_en
    assert "bij dezelfde snelheid" in exercise.purpose_nl
    assert "bij dezelfde inspanning" not in exercise.purpose_nl
