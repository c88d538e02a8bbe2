"""The catalogue's drawings and labels: a line drawing beside every exercise's cues, the
back-load risk factors as a list, the urgent signs labelled as general medical guidance,
and the doses labelled as runningcoach's starting doses."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from exercises.models import Category, Exercise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_afterwards() -> Any:
    yield
    translation.activate("en")


def test_every_exercise_has_a_drawing() -> None:
    missing = [e.slug for e in Exercise.objects.all() if not e.illustration]
    assert missing == []


def test_drawings_are_plain_svg_without_scripts_or_links() -> None:
    for exercise in Exercise.objects.all():
        path = finders.find(exercise.illustration)
        assert path, exercise.slug
        root = ET.parse(path).getroot()
        tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
        assert root.tag.endswith("svg")
        assert not tags & {"script", "style", "image", "a", "foreignObject"}, exercise.slug


def test_detail_shows_the_drawing_beside_the_cues(client: Any) -> None:
    exercise = Exercise.objects.get(slug="side-plank")
    html = client.get(exercise.get_absolute_url()).content.decode()
    cues = html.split('id="cues"', 1)[1].split("</section>", 1)[0]
    assert "exercises/illustrations/side-plank.svg" in cues
    assert f'alt="Line drawing: {exercise.name}"' in cues
    assert exercise.cue_list[0] in cues


def test_back_drills_list_the_risk_factors(client: Any) -> None:
    html = client.get(reverse("exercises:list") + "?category=back").content.decode()
    factors = html.split('id="back-risk-factors"', 1)[1].split("</div>", 1)[0]
    assert factors.count("<li>") == 6
    assert "tight hip flexors" in factors and "too little recovery" in factors


def test_back_drill_page_lists_the_risk_factors(client: Any) -> None:
    drill = Exercise.objects.filter(category=Category.BACK).first()
    assert drill is not None
    assert 'id="back-risk-factors"' in client.get(drill.get_absolute_url()).content.decode()


def test_seek_help_shows_urgent_signs_as_general_medical_guidance(client: Any) -> None:
    html = client.get(reverse("exercises:seek_help")).content.decode()
    urgent = html.split('id="urgent"', 1)[1].split("</section>", 1)[0]
    assert "the same day" in urgent
    assert urgent.count("<li>") == 6
    assert "General medical guidance" in urgent
    assert html.index('id="urgent"') < html.index('id="red-flags"')


def test_seek_help_in_dutch(client: Any) -> None:
    client.cookies["django_language"] = "nl"
    html = client.get(reverse("exercises:seek_help")).content.decode()
    assert "Algemeen medisch advies" in html


def test_exercise_dose_is_labelled_as_our_starting_dose(client: Any) -> None:
    html = client.get(Exercise.objects.get(slug="side-plank").get_absolute_url()).content
    assert "Starting dose" in html.decode()
    assert "runningcoach's own starting dose" in html.decode()


def test_progression_doses_are_labelled_as_our_starting_doses(client: Any) -> None:
    html = client.get(reverse("exercises:progression", args=["hip-programme"])).content
    assert 'id="dose-note"' in html.decode()
