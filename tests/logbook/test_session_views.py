import re
from datetime import timedelta

import pytest
from django.urls import reverse

from exercises.models import Exercise
from logbook.models import Session, SessionExercise
from tests.logbook.helpers import days_ago, log_run, run_form

pytestmark = pytest.mark.django_db


def test_log_a_run_stores_it_with_its_load(runner_client, runner):
    response = runner_client.post(reverse("logbook:session_new"), run_form())
    session = Session.objects.get(athlete=runner)
    assert response.status_code == 302
    assert response.url == reverse("logbook:session_detail", args=[session.pk])
    assert session.kind == "run"
    assert session.distance_m == 8500
    assert session.duration_s == 45 * 60
    assert session.load == 6 * 45
    assert session.rpe_estimated is False
    assert session.source == "manual"


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("typed", ["8,5", "8.5", " 8,50 "])
def test_a_distance_takes_a_decimal_comma_or_point_in_either_language(
    runner_client, runner, language, typed
):
    runner.profile.language = language
    runner.profile.save()
    runner_client.post(reverse("logbook:session_new"), run_form(distance_km=typed))
    assert Session.objects.get(athlete=runner).distance_m == 8500


@pytest.mark.parametrize(("language", "shown"), [("en", "8.5"), ("nl", "8,5")])
def test_the_distance_box_shows_the_readers_mark_and_asks_for_a_decimal_keyboard(
    runner_client, runner, language, shown
):
    """A text box: a browser drops a comma typed into a number box (8,5 became 85)."""
    runner.profile.language = language
    runner.profile.save()
    session = log_run(runner, days_ago(1), 8.5).session
    page = runner_client.get(reverse("logbook:session_edit", args=[session.pk]))
    box = re.search(r'<input[^>]*name="distance_km"[^>]*>', page.content.decode())
    assert box is not None
    assert f'value="{shown}"' in box.group(0)
    assert 'type="text"' in box.group(0) and 'inputmode="decimal"' in box.group(0)


def test_log_a_retro_walk_with_backward_time(runner_client, runner):
    runner_client.post(
        reverse("logbook:session_new"),
        run_form(kind="walk", duration="10", distance_km="", backward="10:00", rpe="3"),
    )
    session = Session.objects.get(athlete=runner)
    assert session.kind == "walk"
    assert session.distance_m is None
    assert session.backward_s == 600


def test_log_a_run_with_a_backward_finisher(runner_client, runner):
    runner_client.post(reverse("logbook:session_new"), run_form(backward="0:40", backward_km="0.1"))
    session = Session.objects.get(athlete=runner)
    assert (session.backward_s, session.backward_m) == (40, 100)


def test_log_a_strength_session_with_exercises(runner_client, runner):
    plank = Exercise.objects.create(
        slug="test-plank", name="Plank", category="hip", level=1, purpose="p", how_to="h", cues="c"
    )
    response = runner_client.post(
        reverse("logbook:session_new"),
        run_form(
            kind="strength",
            duration="25",
            distance_km="12",
            rpe="4",
            **{"ex-0-exercise": str(plank.pk), "ex-0-sets": "3", "ex-0-seconds": "30"},
        ),
    )
    assert response.status_code == 302
    session = Session.objects.get(athlete=runner)
    assert session.kind == "strength"
    assert session.distance_m is None
    done = SessionExercise.objects.get(session=session)
    assert (done.exercise_id, done.sets, done.seconds) == (plank.pk, 3, 30)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("distance_km", "-3"),
        ("rpe", "11"),
        ("duration", "abc"),
        ("duration", "0"),
        ("date", "not-a-date"),
        ("distance_km", ""),
    ],
)
def test_bad_input_shows_message_and_saves_nothing(runner_client, runner, field, value):
    response = runner_client.post(reverse("logbook:session_new"), run_form(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'class="invalid-feedback' in response.content.decode()
    assert not Session.objects.exists()


def test_backward_longer_than_session_is_refused(runner_client):
    response = runner_client.post(
        reverse("logbook:session_new"), run_form(duration="10", backward="11:00")
    )
    assert response.context["form"].errors["backward"]
    assert not Session.objects.exists()


def test_future_session_is_refused(runner_client):
    future = (days_ago(-3)).date().isoformat()
    response = runner_client.post(reverse("logbook:session_new"), run_form(date=future))
    assert response.context["form"].errors["date"]
    assert not Session.objects.exists()


def test_pain_fields_hidden_and_ignored_without_consent(client, make_user):
    user = make_user("noconsent@example.com", consent=False)
    client.force_login(user)
    html = client.get(reverse("logbook:session_new")).content.decode()
    assert 'name="pain"' not in html
    client.post(reverse("logbook:session_new"), run_form(pain="7", sharp_pain="on"))
    session = Session.objects.get(athlete=user)
    assert session.pain is None and session.sharp_pain is False


def test_pain_recorded_with_consent(runner_client, runner):
    assert 'name="pain"' in runner_client.get(reverse("logbook:session_new")).content.decode()
    runner_client.post(
        reverse("logbook:session_new"), run_form(pain="3", pain_location="left knee")
    )
    session = Session.objects.get(athlete=runner)
    assert (session.pain, session.pain_location) == (3, "left knee")


def test_form_has_real_labels(runner_client):
    html = runner_client.get(reverse("logbook:session_new")).content.decode()
    for field in ("id_date", "id_time", "id_duration", "id_distance_km"):
        assert f'for="{field}"' in html
    # Kind and effort are groups of tap targets: each choice is a labelled radio button.
    for field in [f"id_rpe_{n}" for n in range(10)] + [f"id_kind_{n}" for n in range(3)]:
        assert f'for="{field}"' in html


def test_edit_own_session_recomputes_load(runner_client, runner):
    session = log_run(runner, days_ago(1), 10).session
    response = runner_client.post(
        reverse("logbook:session_edit", args=[session.pk]),
        run_form(date=days_ago(1).date().isoformat(), duration="50", rpe="7", distance_km="10"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.load == 350


def test_delete_own_session_needs_post(runner_client, runner):
    session = log_run(runner, days_ago(1), 10).session
    url = reverse("logbook:session_delete", args=[session.pk])
    assert runner_client.get(url).status_code == 200
    assert Session.objects.filter(pk=session.pk).exists()
    assert runner_client.post(url).status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("logbook:session_detail", "get"),
        ("logbook:session_edit", "get"),
        ("logbook:session_edit", "post"),
        ("logbook:session_delete", "get"),
        ("logbook:session_delete", "post"),
        ("logbook:session_rate", "post"),
    ],
)
def test_another_runners_session_is_404(runner_client, other_runner, name, method):
    session = log_run(other_runner, days_ago(1), 10).session
    url = reverse(name, args=[session.pk])
    response = getattr(runner_client, method)(url, run_form(rpe="2"))
    assert response.status_code == 404
    session.refresh_from_db()
    assert session.rpe == 5


def test_list_filters_by_kind_surface_and_dates(runner_client, runner):
    log_run(runner, days_ago(1), 10, surface="road")
    log_run(runner, days_ago(20), 7, surface="singletrack")
    page = runner_client.get(reverse("logbook:session_list"), {"surface": "singletrack"})
    assert [s.distance_m for s in page.context["page"].object_list] == [7000]
    page = runner_client.get(
        reverse("logbook:session_list"),
        {"date_from": days_ago(5).date().isoformat(), "date_to": days_ago(0).date().isoformat()},
    )
    assert [s.distance_m for s in page.context["page"].object_list] == [10000]
    page = runner_client.get(reverse("logbook:session_list"), {"kind": "walk"})
    assert list(page.context["page"].object_list) == []


def test_list_shows_only_own_sessions(runner_client, runner, other_runner):
    log_run(other_runner, days_ago(1), 21)
    log_run(runner, days_ago(1), 5)
    page = runner_client.get(reverse("logbook:session_list"))
    assert [s.athlete_id for s in page.context["page"].object_list] == [runner.pk]


def test_list_paginates(runner_client, runner):
    for n in range(30):
        log_run(runner, days_ago(n + 1), 5)
    first = runner_client.get(reverse("logbook:session_list"))
    assert len(first.context["page"].object_list) == 25
    second = runner_client.get(reverse("logbook:session_list"), {"page": 2})
    assert len(second.context["page"].object_list) == 5


def _count_list_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("logbook:session_list")).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow(runner_client, runner):
    log_run(runner, days_ago(1), 5)
    few = _count_list_queries(runner_client)
    for n in range(60):
        log_run(runner, days_ago(n + 2), 5)
    many = _count_list_queries(runner_client)
    assert few == many
    assert many <= 8


def test_week_view_sums_the_iso_week(runner_client, runner):
    monday = days_ago(0).date() - timedelta(days=days_ago(0).weekday() + 7)
    log_run(runner, days_ago((days_ago(0).date() - monday).days), 10, minutes=60)
    log_run(runner, days_ago((days_ago(0).date() - monday).days - 2), 5, minutes=30)
    response = runner_client.get(reverse("logbook:week"), {"date": monday.isoformat()})
    assert response.context["run_km"] == 15
    assert response.context["duration_min"] == 90
    assert response.context["load"] == 5 * 90


def test_log_this_prefills_from_exercise(runner_client):
    Exercise.objects.create(
        slug="test-squat",
        name="Squat",
        category="support",
        purpose="p",
        how_to="h",
        cues="c",
        dose_sets=3,
        dose_reps=12,
    )
    response = runner_client.get(reverse("logbook:session_new"), {"exercise": "test-squat"})
    assert response.context["form"].initial["kind"] == "strength"
    assert response.context["formset"].initial[0]["reps"] == 12


def test_rating_an_imported_session_replaces_the_estimate(runner_client, runner):
    session = log_run(runner, days_ago(1), 10, rpe=None).session
    assert session.rpe_estimated is True
    listed = runner_client.get(reverse("logbook:sessions_to_rate"))
    assert session in listed.context["page"].object_list
    runner_client.post(reverse("logbook:session_rate", args=[session.pk]), {"rpe": "8"})
    session.refresh_from_db()
    assert (session.rpe, session.rpe_estimated, session.load) == (8, False, 480)


def test_pages_need_login(client):
    for name in ("logbook:session_list", "logbook:session_new", "logbook:week", "logbook:import"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("account_login") in response.url


def test_rating_does_not_redirect_off_site(runner_client, runner):
    session = log_run(runner, days_ago(1), 10, rpe=None).session
    response = runner_client.post(
        reverse("logbook:session_rate", args=[session.pk]),
        {"rpe": "6", "next": "https://evil.example/phish"},
    )
    assert response.url == reverse("logbook:sessions_to_rate")


def test_log_this_links_on_catalogue_pages_prefill_the_form(runner_client):
    from exercises.models import ProgressionStep

    detail = runner_client.get(reverse("exercises:detail", args=["side-plank"]))
    assert f"{reverse('logbook:session_new')}?exercise=side-plank" in detail.content.decode()
    step = ProgressionStep.objects.filter(backward_seconds__isnull=False).first()
    page = runner_client.get(step.progression.get_absolute_url()).content.decode()
    assert f"?step={step.pk}" in page
    form = runner_client.get(reverse("logbook:session_new"), {"step": step.pk})
    assert form.context["form"].initial["backward"] == step.backward_seconds


@pytest.mark.parametrize("language", ["nl", "en"])
def test_edit_form_date_boxes_hold_iso_dates_in_every_language(runner_client, runner, language):
    """A browser date box shows nothing unless its value is yyyy-mm-dd; Dutch once sent
    "01-12-2026" and every edit lost its date."""
    runner.profile.language = language
    runner.profile.save(update_fields=["language"])
    session = log_run(runner, days_ago(3), 10).session
    edit_url = reverse("logbook:session_edit", args=[session.pk])
    html = runner_client.get(edit_url).content.decode()
    iso_day = days_ago(3).date().isoformat()
    assert f'type="date" name="date" value="{iso_day}"' in html

    response = runner_client.post(edit_url, run_form(date=iso_day, duration="50"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.duration_s == 50 * 60


def test_list_filter_date_boxes_hold_iso_dates_in_dutch(runner_client, runner):
    runner.profile.language = "nl"
    runner.profile.save(update_fields=["language"])
    iso_day = days_ago(5).date().isoformat()
    html = runner_client.get(reverse("logbook:session_list"), {"date_from": iso_day}).content
    assert f'type="date" name="date_from" value="{iso_day}"' in html.decode()
