"""The coach's athlete list: scoped, in attention order, every figure from one query."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import AthleteProfile
from logbook.models import TrainingWarning
from notifications import services as outbox
from tests.coaching.athlete_list import (
    LIST,
    NOW,
    at,
    give_spike_and_sharp_pain,
    reasons,
    rows,
)
from tests.coaching.conftest import Club
from tests.logbook.helpers import log_run


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_bob_sees_alice_and_carol_and_never_erin(bob_client: Any, club: Club) -> None:
    response = bob_client.get(LIST)
    assert sorted(rows(response)) == ["Alice", "Carol"]
    assert "Erin" not in response.content.decode()


def test_searching_for_erin_finds_nothing(bob_client: Any, club: Club) -> None:
    for term in ("Erin", "erin@example.com"):
        response = bob_client.get(LIST, {"q": term})
        assert rows(response) == []


def test_search_finds_an_athlete_by_email(bob_client: Any, club: Club) -> None:
    assert rows(bob_client.get(LIST, {"q": "carol@"})) == ["Carol"]


def test_the_athlete_with_a_large_spike_and_sharp_pain_comes_first(
    bob_client: Any, club: Club
) -> None:
    log_run(club.carol, at(20), 8)  # Carol ran recently, without warnings
    give_spike_and_sharp_pain(club.alice)
    response = bob_client.get(LIST)
    assert rows(response)[0] == "Alice"
    assert reasons(response, "Alice") == [
        "Pain after a session: sharp (and 1 more open warning)",
        "Sharp pain in the last 14 days",
    ]
    assert "Pain after a session: sharp (and 1 more open warning)" in response.content.decode()


def test_without_warnings_the_athlete_quiet_longest_comes_first(
    bob_client: Any, club: Club
) -> None:
    log_run(club.alice, at(24), 8)
    log_run(club.carol, at(10), 8)
    assert rows(bob_client.get(LIST)) == ["Carol", "Alice"]


def test_an_athlete_who_never_logged_comes_before_one_who_did(bob_client: Any, club: Club) -> None:
    log_run(club.alice, at(10), 8)
    assert rows(bob_client.get(LIST)) == ["Carol", "Alice"]


def test_the_columns_show_this_weeks_figures_against_last_week(bob_client: Any, club: Club) -> None:
    log_run(club.alice, at(17), 10, minutes=60, rpe=5)  # last week: 10 km, load 300
    log_run(club.alice, at(24), 5, minutes=30, rpe=5)  # this week: 5 km, load 150
    html = bob_client.get(LIST).content.decode()
    # Joined by no-break spaces, so a narrow column never wraps inside the change.
    assert "5.0\u00a0(-50\u00a0%)" in html  # running km
    assert "150\u00a0(-50\u00a0%)" in html  # load


def test_the_pain_column_shows_the_highest_pain_of_14_days(bob_client: Any, club: Club) -> None:
    log_run(club.alice, at(20), 8, pain=4)
    html = bob_client.get(LIST).content.decode()
    assert "4/10" in html


def test_acknowledging_a_warning_removes_it_from_the_open_count(
    bob_client: Any, club: Club
) -> None:
    give_spike_and_sharp_pain(club.alice)
    assert (
        reasons(bob_client.get(LIST), "Alice")[0]
        == "Pain after a session: sharp (and 1 more open warning)"
    )
    pain = TrainingWarning.objects.get(athlete=club.alice, rule="pain")
    bob_client.post(
        reverse("admin:coaching_athletewarning_changelist"),
        {"action": "acknowledge", "_selected_action": [str(pain.pk)]},
    )
    after = reasons(bob_client.get(LIST), "Alice")
    assert after[0] == "Single run longer than usual: large"


def test_bob_cannot_acknowledge_erins_warning(bob_client: Any, club: Club) -> None:
    give_spike_and_sharp_pain(club.erin)
    ids = [
        str(pk)
        for pk in TrainingWarning.objects.filter(athlete=club.erin).values_list("pk", flat=True)
    ]
    bob_client.post(
        reverse("admin:coaching_athletewarning_changelist"),
        {"action": "acknowledge", "_selected_action": ids},
    )
    assert not TrainingWarning.objects.filter(
        athlete=club.erin, acknowledged_at__isnull=False
    ).exists()


def test_the_open_warnings_filter_keeps_the_athletes_with_one(bob_client: Any, club: Club) -> None:
    give_spike_and_sharp_pain(club.alice)
    assert rows(bob_client.get(LIST, {"open_warnings": "yes"})) == ["Alice"]
    assert rows(bob_client.get(LIST, {"open_warnings": "no"})) == ["Carol"]


def test_the_quiet_filter_keeps_athletes_without_a_session_for_14_days(
    bob_client: Any, club: Club
) -> None:
    log_run(club.alice, at(20), 8)
    log_run(club.carol, at(5), 8)
    assert rows(bob_client.get(LIST, {"quiet_14d": "yes"})) == ["Carol"]


def test_the_pain_filter_keeps_athletes_with_pain(bob_client: Any, club: Club) -> None:
    log_run(club.carol, at(20), 8, pain=3)
    assert rows(bob_client.get(LIST, {"pain_14d": "yes"})) == ["Carol"]


def test_the_hip_level_filter(bob_client: Any, club: Club) -> None:
    AthleteProfile.objects.filter(user=club.carol).update(hip_level=2)
    assert rows(bob_client.get(LIST, {"hip_level": "2"})) == ["Carol"]


def test_the_warnings_athlete_filter_offers_only_bobs_athletes(bob_client: Any, club: Club) -> None:
    give_spike_and_sharp_pain(club.erin)
    response = bob_client.get(reverse("admin:coaching_athletewarning_changelist"))
    html = response.content.decode()
    assert "Alice" in html and "Carol" in html
    assert "Erin" not in html


def test_the_email_action_writes_to_the_selected_athletes_only(
    bob_client: Any, club: Club, mailoutbox: list[Any]
) -> None:
    bob_client.post(
        LIST,
        {
            "action": "send_message",
            "_selected_action": [str(club.alice.pk), str(club.erin.pk)],
            "text": "Easy week, please.",
            "send": "Send",
        },
    )
    now = timezone.now()
    outbox.outbox_send(ids=outbox.outbox_take_due(now=now), now=now)
    assert [m.to for m in mailoutbox] == [[club.alice.email]]
    assert "Easy week, please." in mailoutbox[0].body
    assert "Bob" in mailoutbox[0].subject
    assert "List-Unsubscribe" in mailoutbox[0].extra_headers


def test_a_message_is_sent_once_however_often_the_outbox_runs(
    bob_client: Any, club: Club, mailoutbox: list[Any]
) -> None:
    bob_client.post(
        LIST,
        {
            "action": "send_message",
            "_selected_action": [str(club.alice.pk)],
            "text": "Rest tomorrow.",
            "send": "Send",
        },
    )
    now = timezone.now()
    for _ in range(2):
        outbox.outbox_send(ids=outbox.outbox_take_due(now=now), now=now)
    assert [m.to for m in mailoutbox] == [[club.alice.email]]


def test_the_email_action_asks_for_the_message_first(
    bob_client: Any, club: Club, mailoutbox: list[Any]
) -> None:
    response = bob_client.post(
        LIST, {"action": "send_message", "_selected_action": [str(club.alice.pk)]}
    )
    assert response.status_code == 200
    assert 'name="text"' in response.content.decode()
    assert mailoutbox == []


def test_the_list_speaks_dutch(bob_client: Any, club: Club) -> None:
    log_run(club.carol, at(20), 8, pain=4)
    html = bob_client.get(LIST, headers={"accept-language": "nl"}).content.decode()
    assert "Je sporters, wie het eerst aandacht nodig heeft" in html
    assert "Open waarschuwingen" in html  # a filter
    assert "Pijn 4/10 in de laatste 14 dagen" in html  # why to look at Carol
    assert "Nog geen training gelogd" in html  # Alice
    assert "Hardloop-km deze week (verschil)" in html  # a column
