"""Each class of server error found with hostile numbers and links (issue 18, item 7):
Unicode digits that `str.isdigit()` lets through, numbers longer than `int()` reads, query
strings on the logging form, a `next` that is no URL, and junk ids in the admin. Each
answers a message, a 404 or the page, never a 500, and saves nothing it should not.
tests/test_fuzz_forms.py and tests/test_hostile_requests.py cover every form and page."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from coaching import plans
from coaching.models import PlannedSession
from logbook import services
from logbook.form_fields import parse_duration
from logbook.models import Session
from runningcoach.parsing import small_int
from tests.test_hostile_requests import session_post

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000


# The shared helper ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("42", 42),
        ("2147483647", 2147483647),
        ("2147483648", None),
        (HUGE, None),
        ("²", None),
        ("\u0663", None),
        ("\uff11\uff12", None),
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("1.0", None),
        ("", None),
        (None, None),
    ],
)
def test_small_int_reads_only_ascii_digits_within_the_limit(text: Any, expected: Any) -> None:
    assert small_int(text) == expected


def test_small_int_takes_a_lower_maximum() -> None:
    assert small_int("10", maximum=10) == 10
    assert small_int("11", maximum=10) is None


@pytest.mark.parametrize("text", ["²", "1:²", "\u0663\u0660", "4²:00"])
def test_a_duration_in_unicode_digits_is_a_form_message(text: str) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        parse_duration(text)


# Forms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["duration", "backward"])
def test_unicode_digits_in_the_logging_form_get_a_message(
    runner_client: Any, runner: Any, field: str
) -> None:
    response = runner_client.post(reverse("logbook:session_new"), session_post(**{field: "²"}))
    assert response.status_code == 200
    assert not Session.objects.filter(athlete=runner).exists()


def test_unicode_digits_in_the_plan_form_get_a_message(runner_client: Any, runner: Any) -> None:
    response = runner_client.post(
        reverse("coaching:plan"), {"day": "2026-11-20", "kind": "run", "duration": "\u0664\u0665"}
    )
    assert response.status_code in (200, 400)
    assert not PlannedSession.objects.filter(athlete=runner).exists()


# The logging form's query string ----------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"same_as": "²"},
        {"same_as": HUGE},
        {"step": "²"},
        {"step": HUGE},
        {"from": "plan", "duration": "²"},
        {"from": "plan", "rpe": "²", "exercises": "²,1"},
        {"exercise": "\x00"},
    ],
)
def test_the_logging_form_shrugs_off_a_hostile_query_string(
    runner_client: Any, query: dict[str, str]
) -> None:
    response = runner_client.get(reverse("logbook:session_new"), query)
    assert response.status_code in (200, 404)


# A `next` that is no URL --------------------------------------------------------------------


@pytest.mark.parametrize("target", ["foo", "foo.bar", "//evil.test/x", "https://evil.test/"])
def test_rating_with_a_next_that_is_no_local_path_goes_to_the_default(
    runner_client: Any, runner: Any, target: str
) -> None:
    session = services.session_log(
        athlete=runner,
        start=datetime(2026, 11, 19, 7, tzinfo=UTC),
        kind="run",
        duration_s=1800,
        distance_m=5000,
    ).session
    response = runner_client.post(
        reverse("logbook:session_rate", args=[session.pk]), {"rpe": "6", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("logbook:sessions_to_rate")


# The coach's admin ------------------------------------------------------------------------


@pytest.fixture
def coach_client(client: Any, coach: Any) -> Any:
    client.force_login(coach)
    return client


@pytest.mark.parametrize("value", ["²", HUGE, "-1", "abc"])
def test_the_warnings_list_filtered_by_a_junk_athlete_is_a_page(
    coach_client: Any, runner: Any, coach: Any, value: str
) -> None:
    runner.profile.coach = coach
    runner.profile.save(update_fields=["coach"])
    response = coach_client.get(
        reverse("admin:coaching_athletewarning_changelist"), {"athlete": value}
    )
    assert response.status_code < 500


@pytest.mark.parametrize("selected", ["abc", "²", HUGE, ""])
def test_an_admin_action_on_junk_ids_is_a_message(
    coach_client: Any, runner: Any, coach: Any, selected: str
) -> None:
    runner.profile.coach = coach
    runner.profile.save(update_fields=["coach"])
    for url, action in (
        (reverse("admin:coaching_athletewarning_changelist"), "acknowledge"),
        (reverse("admin:coaching_athlete_changelist"), "send_message"),
    ):
        response = coach_client.post(
            url, {"action": action, "_selected_action": [selected, str(runner.pk)], "index": "0"}
        )
        assert response.status_code < 500, url


# Plan files -------------------------------------------------------------------------------


@pytest.mark.parametrize("rpe", ["²", "\u0665", HUGE[:4000], "1e3"])
def test_a_plan_row_with_a_bad_rpe_is_named_and_nothing_is_saved(rpe: str) -> None:
    parsed = plans.parse_plan(f"date,kind,rpe\n2026-11-20,run,{rpe}\n")
    assert not parsed.ok
    assert "rpe" in str(parsed.errors[0])


def test_the_coachs_upload_of_a_plan_with_a_huge_rpe_names_the_line(
    coach_client: Any, runner: Any, coach: Any
) -> None:
    runner.profile.coach = coach
    runner.profile.save(update_fields=["coach"])
    content = f"date,kind,rpe\n2026-11-20,run,{HUGE[:4000]}\n".encode()
    response = coach_client.post(
        reverse("admin:coaching_athlete_plan_upload", args=[runner.pk]) + "?week=2026-11-16",
        {"file": SimpleUploadedFile("plan.csv", content)},
    )
    assert response.status_code == 400
    assert "Line 2: rpe" in response.content.decode()
    assert not PlannedSession.objects.filter(athlete=runner).exists()


def test_import_plan_with_a_unicode_rpe_is_a_command_error(runner: Any, tmp_path: Any) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("date,kind,rpe\n2026-11-20,run,²\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_plan", runner.email, str(path))
    assert not PlannedSession.objects.filter(athlete=runner, day=date(2026, 11, 20)).exists()


# Formsets claiming rows they do not have ------------------------------------------------


def athlete_page_post(client: Any, athlete: Any, **changes: str) -> Any:
    from tests.coaching.helpers import change_form_data

    url = reverse("admin:coaching_athlete_change", args=[athlete.pk])
    return client.post(url, change_form_data(client.get(url), **changes))


def test_an_athlete_page_post_claiming_session_rows_is_the_page_again(
    coach_client: Any, runner: Any, coach: Any
) -> None:
    runner.profile.coach = coach
    runner.profile.save(update_fields=["coach"])
    services.session_log(
        athlete=runner,
        start=datetime(2026, 11, 19, 7, tzinfo=UTC),
        kind="run",
        duration_s=1800,
        distance_m=5000,
    )
    response = athlete_page_post(
        coach_client,
        runner,
        **{"sessions-TOTAL_FORMS": "3", "sessions-INITIAL_FORMS": "0", "hip_level": "x"},
    )
    assert response.status_code == 200
    assert Session.objects.filter(athlete=runner).count() == 1


def test_an_athlete_page_post_with_three_new_notes_saves_one(
    coach_client: Any, runner: Any, coach: Any
) -> None:
    from coaching.models import CoachNote

    runner.profile.coach = coach
    runner.profile.save(update_fields=["coach"])
    notes = {f"coach_notes-{i}-text": f"note {i}" for i in range(3)}
    response = athlete_page_post(coach_client, runner, **{"coach_notes-TOTAL_FORMS": "3", **notes})
    assert response.status_code == 302
    assert list(CoachNote.objects.filter(athlete=runner).values_list("text", flat=True)) == [
        "note 0"
    ]
