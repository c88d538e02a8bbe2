"""The coach's athlete list: scoped, in attention order, every figure from one query."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import AthleteProfile, User
from accounts.versions import version_bump
from coaching import selectors
from coaching import services as plan_services
from coaching.models import PlannedSession
from logbook.models import TrainingWarning
from notifications import services as outbox
from tests.coaching.conftest import Club, coached
from tests.logbook.helpers import log_run
from tests.queries import SESSION_READS

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)  # a Wednesday
LIST = reverse("admin:coaching_athlete_changelist")


def at(day: int, hour: int = 8) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=AMS)


def give_spike_and_sharp_pain(athlete: User) -> None:
    log_run(athlete, at(3), 10)
    log_run(athlete, at(24), 25, minutes=150, pain=6, sharp_pain=True)


ROW = re.compile(
    r'<tr>.*?class="athlete-name"><a href="[^"]*" id="athlete-\d+">([^<]*)</a>(.*?)</tr>', re.S
)


def printed_rows(response: Any) -> dict[str, str]:
    """Each athlete's row as printed, by name, in the order of the list."""
    return dict(ROW.findall(response.content.decode()))


def rows(response: Any) -> list[str]:
    """The athletes' names in the order of the list."""
    return list(printed_rows(response))


def reasons(response: Any, name: str) -> list[str]:
    """Why the list says to look at this athlete."""
    return re.findall(r'class="reason reason-\w+">([^<]*)<', printed_rows(response)[name])


def figure(response: Any, name: str, label: str) -> str:
    """One figure of an athlete's row, by its column heading."""
    found = re.search(f'data-label="{re.escape(label)}">([^<]*)<', printed_rows(response)[name])
    assert found is not None, (name, label)
    return found.group(1)


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
    assert "5.0 (-50 %)" in html  # running km
    assert "150 (-50 %)" in html  # load


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


def _many_athletes(coach: User, count: int, prefix: str) -> list[User]:
    # In bulk: a full sign-up per runner would hash 500 passwords.
    users = User.objects.bulk_create(
        User(email=f"{prefix}{n}@example.com", password="!") for n in range(count)
    )
    AthleteProfile.objects.bulk_create(
        AthleteProfile(user=u, display_name=f"{prefix} {n}", coach=coach)
        for n, u in enumerate(users)
    )
    version_bump(athlete_id=coach.pk)  # written past the services: say the list changed
    return users


# The session (unless cached), the user, the coach's profile, the permissions (two), the
# count, the rows in attention order, the shown athletes' sessions added up, their open
# warnings, last week's planned sessions for the compliance column. Kept in the cache
# until an athlete's data changes (their version raises the coach's), with the coach's
# rights: then only the session and the user with their profile.
LIST_QUERIES = SESSION_READS + 8
# Every row kept in the cache (no athlete of the page changed since): no figures read.
LIST_QUERIES_ROWS_KEPT = SESSION_READS + 5
# With a plan: also the planned sessions' exercises and that week's sessions.
LIST_QUERIES_WITH_PLANS = LIST_QUERIES + 2
CACHED_LIST_QUERIES = SESSION_READS + 1


def test_the_list_runs_the_same_queries_for_5_and_500_athletes(
    bob_client: Any, club: Club, django_assert_num_queries: Any
) -> None:
    give_spike_and_sharp_pain(club.alice)
    _many_athletes(club.bob, 3, "few")
    with django_assert_num_queries(LIST_QUERIES):
        five = bob_client.get(LIST, {"all": ""})
    assert len(rows(five)) == 5
    for user in _many_athletes(club.bob, 495, "many")[:20]:
        log_run(user, at(20), 8)
    with django_assert_num_queries(LIST_QUERIES):
        many = bob_client.get(LIST, {"all": ""})
    assert len(rows(many)) == 500
    with django_assert_num_queries(CACHED_LIST_QUERIES):
        assert bob_client.get(LIST, {"all": ""}).status_code == 200


def test_after_one_athletes_write_only_their_row_is_worked_out_again(
    bob_client: Any, club: Club, django_assert_num_queries: Any
) -> None:
    log_run(club.carol, at(23), 6)
    before = bob_client.get(LIST)
    log_run(club.alice, at(24), 12)
    with django_assert_num_queries(LIST_QUERIES):
        after = bob_client.get(LIST)
    assert figure(after, "Alice", "Running km this week (change)") == "12.0"
    assert printed_rows(after)["Carol"] == printed_rows(before)["Carol"]
    version_bump(athlete_id=club.bob.pk)  # the coach's own version only: every row is kept
    with django_assert_num_queries(LIST_QUERIES_ROWS_KEPT):
        assert rows(bob_client.get(LIST)) == ["Carol", "Alice"]


def test_a_catalogue_change_shows_in_a_kept_row(bob_client: Any, club: Club) -> None:
    from exercises.models import Exercise
    from logbook import services
    from logbook.services import ExerciseDone

    hip = Exercise.objects.filter(category="hip", level=1).first()
    assert hip is not None
    services.session_log(
        athlete=club.alice,
        start=at(24),
        kind="strength",
        duration_s=1500,
        rpe=4,
        exercises=[ExerciseDone(exercise_id=hip.pk)],
    )
    label = "Hip level (sessions this week)"
    assert figure(bob_client.get(LIST), "Alice", label) == "1 (1)"
    hip.level = 2  # a superuser moves the exercise to level 2: not Alice's level any more
    hip.save()
    version_bump(athlete_id=club.bob.pk)  # a new page, its rows kept
    assert figure(bob_client.get(LIST), "Alice", label) == "1 (0)"


def test_the_list_speaks_dutch(bob_client: Any, club: Club) -> None:
    log_run(club.carol, at(20), 8, pain=4)
    html = bob_client.get(LIST, headers={"accept-language": "nl"}).content.decode()
    assert "Je sporters, wie het eerst aandacht nodig heeft" in html
    assert "Open waarschuwingen" in html  # a filter
    assert "Pijn 4/10 in de laatste 14 dagen" in html  # why to look at Carol
    assert "Nog geen training gelogd" in html  # Alice
    assert "Hardloop-km deze week (verschil)" in html  # a column


# Plan compliance (last full week: 16-22 November) --------------------------------------


def _plan(athlete: User, day: int, minutes: int = 40) -> None:
    plan_services.plan_session_save(
        athlete=athlete,
        values=plan_services.PlanValues(
            day=date(2026, 11, day), kind="run", duration_s=minutes * 60
        ),
        planned_by=None,
    )


def _plans_for_compliance(club: Club) -> User:
    # Alice: two on target, one short (partly), one missed: (2 + 0.5) / 4 = 62.5 %, 63 %.
    for day in (16, 18, 20, 22):
        _plan(club.alice, day)
    log_run(club.alice, at(16), 8, minutes=40)
    log_run(club.alice, at(18), 8, minutes=44)
    log_run(club.alice, at(20), 4, minutes=25)
    # Carol: nothing planned. Dora: both done. Finn: one planned, missed (0 %).
    dora = coached("dora@example.com", "Dora", club.bob)
    finn = coached("finn@example.com", "Finn", club.bob)
    for day in (17, 19):
        _plan(dora, day)
        log_run(dora, at(day), 8, minutes=40)
    _plan(finn, 21)
    # This week's plan does not count yet, nor does Erin's (Dan's athlete).
    _plan(club.alice, 23)
    _plan(club.erin, 17)
    return dora


def _compliance_column(response: Any) -> dict[str, str]:
    return {name: figure(response, name, "Plan done last week") for name in rows(response)}


def test_the_compliance_column_shows_last_weeks_compliance(bob_client: Any, club: Club) -> None:
    _plans_for_compliance(club)
    response = bob_client.get(LIST)
    assert _compliance_column(response) == {
        "Alice": "63 %",
        "Carol": "-",
        "Dora": "100 %",
        "Finn": "0 %",
    }
    assert "Plan done last week" in response.content.decode()


def test_the_compliance_column_equals_the_plan_selectors_figure(
    bob_client: Any, club: Club
) -> None:
    _plans_for_compliance(club)
    shown = _compliance_column(bob_client.get(LIST))
    for athlete in User.objects.filter(profile__coach=club.bob).select_related("profile"):
        (week,) = selectors.plan_weeks(athlete=athlete, first_monday=date(2026, 11, 16))
        expected = "-" if week.compliance_pct is None else f"{week.compliance_pct} %"
        assert shown[athlete.profile.display_name] == expected


@pytest.mark.parametrize(
    ("band", "names"),
    [("low", ["Finn"]), ("mid", ["Alice"]), ("high", ["Dora"]), ("none", ["Carol"])],
)
def test_the_compliance_filter(bob_client: Any, club: Club, band: str, names: list[str]) -> None:
    _plans_for_compliance(club)
    assert sorted(rows(bob_client.get(LIST, {"compliance": band}))) == names


def test_the_list_with_compliance_runs_the_same_queries_for_few_and_many_plans(
    bob_client: Any, club: Club, django_assert_num_queries: Any
) -> None:
    _plans_for_compliance(club)
    with django_assert_num_queries(LIST_QUERIES_WITH_PLANS):
        few = bob_client.get(LIST, {"all": ""})
    assert len(rows(few)) == 4
    many = _many_athletes(club.bob, 200, "many")
    PlannedSession.objects.bulk_create(
        PlannedSession(athlete=user, day=date(2026, 11, day), kind="run", duration_s=2400)
        for user in many
        for day in (16, 17, 19, 21)
    )
    for user in many[:20]:
        log_run(user, at(17), 8, minutes=40)
    with django_assert_num_queries(LIST_QUERIES_WITH_PLANS):
        response = bob_client.get(LIST, {"all": ""})
    assert len(rows(response)) == 204
    # The filter reads the squad and its week once (four queries), however large both are;
    # the rows are those printed above.
    with django_assert_num_queries(LIST_QUERIES_ROWS_KEPT + 4):
        low = bob_client.get(LIST, {"all": "", "compliance": "low"})
    # Finn (0 %), 180 with nothing done and 20 with one of four (25 %).
    assert "Finn" in rows(low) and len(rows(low)) == 201
