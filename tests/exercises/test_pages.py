"""The public catalogue pages, logged out, in English and Dutch."""

import pytest
from django.urls import reverse

from exercises.models import Exercise, Progression, ProgressionStep

pytestmark = pytest.mark.django_db


def get(client, url, language="en", **params):
    client.cookies["django_language"] = language
    return client.get(url, params)


def make_exercises(count, **fields):
    for i in range(count):
        Exercise.objects.create(
            slug=f"extra-{i}",
            name=f"Extra {i}",
            name_nl=f"Extra {i} nl",
            category=fields.get("category", "support"),
            purpose="Purpose",
            how_to="How",
            cues="One\nTwo",
        )


def make_steps(progression, count):
    for i in range(count):
        ProgressionStep.objects.create(
            progression=progression,
            number=100 + i,
            title=f"Extra step {i}",
            dose="dose",
            criteria="criteria",
            exercise=Exercise.objects.get(slug="squat"),
        )


# Catalogue list ------------------------------------------------------------------------


def test_list_renders_in_english(client):
    html = get(client, reverse("exercises:list")).content.decode()
    assert "Side plank (optional hip lift)" in html
    assert "Hip stability" in html
    assert "Hip self-check" in html
    assert reverse("exercises:progression", args=["trail"]) in html


def test_list_renders_in_dutch(client):
    html = get(client, reverse("exercises:list"), "nl").content.decode()
    assert "Zijplank (eventueel met heupheffing)" in html
    assert "Heupstabiliteit" in html
    assert "Heupcheck" in html
    assert "Side plank" not in html


def test_list_takes_the_language_from_accept_language(client):
    response = client.get(reverse("exercises:list"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Oefeningen" in response.content.decode()


def test_list_filters_by_category(client):
    response = get(client, reverse("exercises:list"), category="back")
    slugs = {e.slug for g in response.context["groups"] for e in g["exercises"]}
    assert slugs == {
        "hip-flexor-stretch-wall",
        "thoracic-rotation",
        "single-leg-stand",
        "hip-hinge-glute-activation",
        "cat-camel",
    }


def test_support_category_includes_the_shared_single_leg_stand_last(client):
    response = get(client, reverse("exercises:list"), category="support")
    slugs = [e.slug for g in response.context["groups"] for e in g["exercises"]]
    assert slugs == ["squat", "lunge", "single-leg-stand"]


def test_unfiltered_list_shows_the_shared_exercise_under_both_categories(client):
    groups = get(client, reverse("exercises:list")).context["groups"]
    holding = [
        g["code"] for g in groups if any(e.slug == "single-leg-stand" for e in g["exercises"])
    ]
    assert holding == ["back", "support"]


def test_list_filters_by_hip_level(client):
    response = get(client, reverse("exercises:list"), category="hip", level="3")
    slugs = [e.slug for g in response.context["groups"] for e in g["exercises"]]
    assert slugs == ["skater-hops", "lateral-bound-and-stick", "box-jump-with-pre-tension"]


def test_search_matches_the_name_in_the_active_language(client):
    response = get(client, reverse("exercises:list"), "nl", q="eenbenige")
    slugs = {e.slug for g in response.context["groups"] for e in g["exercises"]}
    assert slugs == {"single-leg-stand", "single-leg-romanian-deadlift"}


def test_search_does_not_match_the_other_language(client):
    response = get(client, reverse("exercises:list"), "en", q="eenbenige")
    assert response.context["groups"] == []
    assert "No exercises match" in response.content.decode()


def test_search_matches_the_purpose(client):
    response = get(client, reverse("exercises:list"), q="pelvis level")
    slugs = {e.slug for g in response.context["groups"] for e in g["exercises"]}
    assert "side-plank" in slugs


def test_unknown_filter_values_are_ignored(client):
    response = get(client, reverse("exercises:list"), category="nonsense", level="9")
    assert response.status_code == 200
    assert response.context["count"] == Exercise.objects.count()


def test_list_query_count_is_the_same_for_no_and_many_exercises(client, django_assert_num_queries):
    Exercise.objects.all().delete()
    with django_assert_num_queries(2):
        get(client, reverse("exercises:list"))
    make_exercises(30)
    with django_assert_num_queries(2):
        response = get(client, reverse("exercises:list"))
    assert response.context["count"] == 30


# Exercise detail -----------------------------------------------------------------------


def test_detail_shows_purpose_how_cues_dose_safety_and_source(client):
    exercise = Exercise.objects.get(slug="split-squat")
    html = get(client, exercise.get_absolute_url()).content.decode()
    for text in (exercise.purpose_en, "Trunk upright", "3 x 10 per side", "Willy et al., 2011"):
        assert text in html
    assert "Go less deep if your front knee hurts" in html


def test_detail_renders_in_dutch(client):
    html = get(client, reverse("exercises:detail", args=["split-squat"]), "nl").content.decode()
    assert "Romp rechtop" in html
    assert "3 x 10 per kant" in html
    assert "Waar het voor is" in html


def test_dutch_dose_in_minutes_is_translated(client):
    html = get(client, reverse("exercises:detail", args=["retro-walking"]), "nl").content.decode()
    assert "5 minuten om te beginnen" in html


def test_detail_links_the_progressions_it_is_part_of(client):
    html = get(client, reverse("exercises:detail", args=["retro-walking"])).content.decode()
    assert reverse("exercises:progression", args=["retro-walking-active"]) in html


def test_unknown_exercise_is_404(client):
    assert get(client, reverse("exercises:detail", args=["no-such-thing"])).status_code == 404


def test_detail_query_count_is_the_same_for_no_and_many_steps(client, django_assert_num_queries):
    url = reverse("exercises:detail", args=["squat"])
    with django_assert_num_queries(2):
        get(client, url)
    make_steps(Progression.objects.get(slug="trail"), 20)
    with django_assert_num_queries(2):
        response = get(client, url)
    assert len(response.context["progressions"]) == 1


# Progressions --------------------------------------------------------------------------


def test_progressions_index_lists_every_progression(client):
    html = get(client, reverse("exercises:progressions")).content.decode()
    for progression in Progression.objects.all():
        assert progression.get_absolute_url() in html
        assert progression.name_en in html


def test_progressions_index_query_count_is_constant(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        get(client, reverse("exercises:progressions"))
    make_steps(Progression.objects.get(slug="trail"), 10)
    with django_assert_num_queries(1):
        get(client, reverse("exercises:progressions"))


def test_progression_page_shows_each_step_with_dose_and_criteria(client):
    progression = Progression.objects.get(slug="retro-walking-active")
    html = get(client, progression.get_absolute_url()).content.decode()
    for step in progression.steps.all():
        assert step.title_en in html
        assert step.dose_en in html
        assert step.criteria_en in html


def test_progression_page_renders_in_dutch(client):
    html = get(client, reverse("exercises:progression", args=["trail"]), "nl").content.decode()
    assert "Zandwegen en heide" in html
    assert "Wanneer door naar de volgende stap" in html
    assert "Bospad" in html


def test_progression_query_count_is_the_same_for_few_and_many_steps(
    client, django_assert_num_queries
):
    progression = Progression.objects.get(slug="trail")
    with django_assert_num_queries(2):
        get(client, progression.get_absolute_url())
    make_steps(progression, 25)
    with django_assert_num_queries(2):
        get(client, progression.get_absolute_url())


# When to seek help ---------------------------------------------------------------------

RED_FLAGS_EN = [
    "back pain comes back at every training session",
    "pain radiates to your buttock or leg",
    "hills always hurt",
    "complaints do not improve with the exercises",
    "you are afraid to run",
    "your back feels unstable",
    "you get pain after rest",
]


def test_seek_help_lists_the_red_flags(client):
    html = get(client, reverse("exercises:seek_help")).content.decode()
    for flag in RED_FLAGS_EN:
        assert flag in html


def test_seek_help_lists_the_red_flags_in_dutch(client):
    html = get(client, reverse("exercises:seek_help"), "nl").content.decode()
    assert "rugpijn bij elke training terugkomt" in html
    assert "je pijn krijgt na rust" in html
    assert html.count('class="list-group-item"') == len(RED_FLAGS_EN)


def test_pages_work_for_a_logged_in_runner(runner_client):
    for url in (
        reverse("exercises:list"),
        reverse("exercises:detail", args=["squat"]),
        reverse("exercises:progressions"),
        reverse("exercises:progression", args=["trail"]),
        reverse("exercises:hip_check"),
        reverse("exercises:seek_help"),
    ):
        assert runner_client.get(url).status_code == 200
