"""The catalogue that the data migration gives every install."""

from decimal import Decimal

import pytest

from exercises.models import STEP_SURFACE_CHOICES, Exercise, Progression
from logbook.models import Surface

pytestmark = pytest.mark.django_db

EXERCISE_TEXTS = ("name", "purpose", "how_to", "cues", "safety", "source")
LANGUAGES = ("en", "nl")

# slug: (category, hip level, dose in English)
EXERCISES = {
    "side-plank": ("hip", 1, "3 x 30 s per side"),
    "fire-hydrants": ("hip", 1, "3 x 12 per side"),
    "split-squat": ("hip", 2, "3 x 10 per side"),
    "step-up": ("hip", 2, "3 x 10 per side"),
    "single-leg-romanian-deadlift": ("hip", 2, "3 x 8 per side"),
    "lateral-step-down": ("hip", 2, "3 x 10 per side"),
    "skater-hops": ("hip", 3, "3 x 8 per side"),
    "lateral-bound-and-stick": ("hip", 3, "3 x 6 per side"),
    "box-jump-with-pre-tension": ("hip", 3, "3 x 6"),
    "hip-flexor-stretch-wall": ("back", None, "2 x 30 s per side"),
    "thoracic-rotation": ("back", None, "2 x 8 per side"),
    "single-leg-stand": ("back", None, "3 x 30 s per side"),
    "hip-hinge-glute-activation": ("back", None, "3 x 10"),
    "cat-camel": ("back", None, "2 x 10"),
    "squat": ("support", None, "3 x 12"),
    "lunge": ("support", None, "3 x 10 per side"),
    "retro-walking": (
        "retro",
        None,
        "5 minutes to start; add at most 10 % a week (a rule of thumb)",
    ),
    "retro-running": ("retro", None, "30 s to 40 s, at the end of a run"),
    "trail-technique": ("trail", None, "on every off-road run"),
}

PROGRESSION_STEPS = {
    "hip-programme": ["Level 1: activation", "Level 2: strength", "Level 3: dynamic"],
    "retro-walking-beginners": ["Start: 5 minutes", "Build: 7 minutes", "Goal: 10 minutes"],
    "retro-walking-active": [
        "Start: 20 minutes on a slight incline",
        "30 minutes",
        "45 minutes",
        "60 minutes: the ceiling",
    ],
    "retro-walking-treadmill": [
        "3 km/h, flat",
        "3.5 km/h",
        "4 km/h",
        "4 km/h on a slight incline (optional)",
    ],
    "retro-running": [
        "Finisher: 30-40 seconds",
        "A longer stretch: up to 1 minute",
        "Short repeats",
    ],
    "trail": [
        "One run a week on wide forest paths",
        "Two runs a week on wide forest paths",
        "Sand roads and heath",
        "Singletracks",
    ],
}


def steps_of(slug):
    return list(Progression.objects.get(slug=slug).steps.order_by("number"))


@pytest.mark.parametrize("slug", EXERCISES)
def test_exercise_exists_with_category_level_and_dose(slug):
    category, level, dose = EXERCISES[slug]
    exercise = Exercise.objects.get(slug=slug)
    assert (exercise.category, exercise.level) == (category, level)
    assert exercise.dose == dose


@pytest.mark.parametrize("slug", EXERCISES)
def test_exercise_texts_are_complete_in_english_and_dutch(slug):
    exercise = Exercise.objects.get(slug=slug)
    for field in EXERCISE_TEXTS:
        for language in LANGUAGES:
            assert getattr(exercise, f"{field}_{language}").strip(), f"{slug}.{field}_{language}"
    assert len(exercise.cues_en.splitlines()) == len(exercise.cues_nl.splitlines()) >= 3
    assert bool(exercise.dose_note_en) == bool(exercise.dose_note_nl)


def test_catalogue_has_no_exercise_beyond_the_listed_ones():
    assert set(Exercise.objects.values_list("slug", flat=True)) == set(EXERCISES)


def test_single_leg_stand_is_one_exercise_for_back_and_support():
    exercise = Exercise.objects.get(slug="single-leg-stand")
    assert (exercise.category, exercise.secondary_category) == ("back", "support")


@pytest.mark.parametrize("slug", PROGRESSION_STEPS)
def test_progression_has_its_ordered_steps(slug):
    assert [step.title_en for step in steps_of(slug)] == PROGRESSION_STEPS[slug]
    assert [step.number for step in steps_of(slug)] == list(
        range(1, len(PROGRESSION_STEPS[slug]) + 1)
    )


@pytest.mark.parametrize("slug", PROGRESSION_STEPS)
def test_progression_texts_are_complete_in_english_and_dutch(slug):
    progression = Progression.objects.get(slug=slug)
    for field in ("name", "summary", "safety", "source"):
        for language in LANGUAGES:
            assert getattr(progression, f"{field}_{language}").strip()
    for step in steps_of(slug):
        for field in ("title", "dose", "criteria"):
            for language in LANGUAGES:
                assert getattr(step, f"{field}_{language}").strip(), f"{step}.{field}"


def test_retro_walking_for_beginners_builds_from_5_to_10_minutes():
    steps = steps_of("retro-walking-beginners")
    assert [s.minutes for s in steps] == [5, 7, 10]
    assert {s.kind for s in steps} == {"walk"}
    assert "10 %" in steps[0].criteria_en


def test_retro_walking_for_active_people_builds_from_20_to_a_ceiling_of_60_minutes():
    steps = steps_of("retro-walking-active")
    assert [s.minutes for s in steps] == [20, 30, 45, 60]
    assert "slight incline" in steps[0].dose_en
    assert "10 %" in Progression.objects.get(slug="retro-walking-active").summary_en


def test_retro_walking_on_a_treadmill_goes_from_3_to_4_kmh():
    steps = steps_of("retro-walking-treadmill")
    assert [s.speed_kmh for s in steps] == [Decimal(v) for v in ("3.0", "3.5", "4.0", "4.0")]
    assert {s.surface for s in steps} == {"treadmill"}
    assert "optional" in steps[-1].title_en


def test_retro_running_starts_as_a_short_finisher_and_is_never_a_whole_session():
    steps = steps_of("retro-running")
    assert steps[0].backward_seconds == 30
    assert "30-40 s" in steps[0].dose_en
    assert [s.backward_seconds for s in steps] == [30, 60, 90]
    assert "never a whole session backward" in steps[-1].criteria_en


def test_trail_goes_from_forest_paths_to_singletracks_and_from_one_to_two_runs():
    steps = steps_of("trail")
    assert [(s.surface, s.runs_per_week) for s in steps] == [
        ("forest_path", 1),
        ("forest_path", 2),
        ("sand_road", 2),
        ("singletrack", 2),
    ]
    assert all("pain" in s.criteria_en for s in steps)


def test_hip_programme_dose_is_two_sessions_of_20_to_30_minutes():
    for step in steps_of("hip-programme"):
        assert "2 sessions a week of 20-30 minutes" in step.dose_en
        assert "2 sessies per week van 20-30 minuten" in step.dose_nl
    assert "2/10" in steps_of("hip-programme")[0].criteria_en


def test_step_surfaces_use_the_logbook_surface_codes():
    assert [code for code, _label in STEP_SURFACE_CHOICES] == list(Surface.values)
    used = {s for p in PROGRESSION_STEPS for s in (st.surface for st in steps_of(p)) if s}
    assert used <= set(Surface.values)


def test_dutch_texts_show_when_dutch_is_active():
    from django.utils import translation

    with translation.override("nl"):
        assert Exercise.objects.get(slug="single-leg-stand").name == "Eenbenige stand"
    with translation.override("en"):
        assert Exercise.objects.get(slug="single-leg-stand").name == "Single-leg stand"
