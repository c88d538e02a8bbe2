"""The catalogue says no more than its sources (DOMAIN.md section 2): every 10 % a rule of
thumb, the 2/10 pain line runningcoach's own, Willy 2011 one small study, no verdicts."""

from __future__ import annotations

import re

import pytest

from exercises.models import Exercise, Progression, ProgressionStep

pytestmark = pytest.mark.django_db

TEXTS = {
    Exercise: ("name", "purpose", "how_to", "cues", "safety", "dose_note", "source"),
    Progression: ("name", "summary", "safety", "source"),
    ProgressionStep: ("title", "dose", "criteria"),
}
RULE_OF_THUMB = {"en": "rule of thumb", "nl": "vuistregel"}
OWN_LINE = {"en": "runningcoach's own cautious line", "nl": "voorzichtige grens van runningcoach"}
RULED_OUT = {
    "en": ["carry over", "too fast", "injury-free"],
    "nl": ["vertaalt zich niet vanzelf", "te snel", "blessurevrij"],
}


def catalogue_texts(language: str) -> list[str]:
    texts = []
    for model, names in TEXTS.items():
        for row in model.objects.all():
            texts += [getattr(row, f"{name}_{language}") or "" for name in names]
    return [t for t in texts if t]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_ten_percent_in_the_catalogue_is_a_rule_of_thumb(language: str) -> None:
    tens = [t for t in catalogue_texts(language) if re.search(r"\b10 %", t)]
    assert len(tens) > 10
    assert [t for t in tens if RULE_OF_THUMB[language] not in t] == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_two_of_ten_pain_line_is_named_our_own(language: str) -> None:
    lines = [t for t in catalogue_texts(language) if "2/10" in t]
    assert len(lines) >= 2
    assert [t for t in lines if OWN_LINE[language] not in t] == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_catalogue_holds_no_verdict_or_overreach(language: str) -> None:
    texts = [t.lower() for t in catalogue_texts(language)]
    assert [(p, t) for t in texts for p in RULED_OUT[language] if p in t] == []
    hip = Progression.objects.get(slug="hip-programme")
    assert ("Willy" in getattr(hip, f"summary_{language}")) and (
        "small study" in hip.summary_en and "kleine studie" in hip.summary_nl
    )
