"""Hypothesis drives every form with hostile and random input: never a server error, and
either the whole thing is saved (a redirect) or nothing is (the form again, with messages).

A form is one entry in FORMS: where it is, who fills it in, and a strategy per field. Forms
of every part of the app are here: sign-up, sessions, imports, settings, the self-check,
e-mail preferences and the coach's invitations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from logbook.models import Session
from tests import crawl
from tests.factories import make_coach, make_runner
from tests.test_access_matrix import client_for, fingerprint, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

EXAMPLES_PER_FORM = 100

HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1e300",
        "NaN",
        "inf",
        "99999999999999999999999",
        "0001-01-01",
        "9999-12-31",
        "2026-02-30",
        "24:00",
        "99:99:99",
        "=cmd|' /C calc'!A0",
        "<script>alert(1)</script>",
        "\x00",
        "\u202e\ufeff",
        "x" * 10_000,
        "Europe/Atlantis",
        "../../etc/passwd",
        # Unicode digits (str.isdigit() is true, int() refuses or misreads them) and
        # numbers no int() or column holds.
        "\u00b2",
        "\u0663\u0660",
        "4\u00b2:00",
        "9" * 30,
        "9" * 5000,
    ]
)
# Every form is also posted with a `next` that is no path on this site.
NEXT = st.sampled_from(["", "/", "foo", "foo.bar", "//evil.test/x", "https://evil.test/", "\x00"])


def value(*valid: str) -> st.SearchStrategy[str]:
    """A field's value: a valid one, a hostile one or any text."""
    return st.one_of(
        st.sampled_from(valid) if valid else st.nothing(), HOSTILE, st.text(max_size=300)
    )


SESSION_FIELDS: dict[str, st.SearchStrategy[str]] = {
    "kind": value("run", "walk", "strength"),
    "date": value("2026-11-20", "2026-11-30"),
    "time": value("07:30", "18:05"),
    "duration": value("45", "45:30", "1:05:30"),
    "distance_km": value("8.5", "12"),
    "surface": value("road", "trail", "track", ""),
    "backward": value("", "1:00"),
    "backward_km": value("", "0.1"),
    "elevation_gain_m": value("", "35"),
    "rpe": value("", "5", "10"),
    "pain": value("", "0", "7"),
    "sharp_pain": value("", "on"),
    "pain_location": value("", "left knee"),
    "notes": value("", "easy"),
    # The exercise rows: the view's formset has the prefix "ex".
    "ex-TOTAL_FORMS": value("0", "1", "3", "100000000"),
    "ex-INITIAL_FORMS": value("0"),
    "ex-0-exercise": value("", "1"),
    "ex-0-sets": value("", "3"),
    "ex-0-reps": value("", "10"),
    "ex-0-seconds": value("", "30"),
}


@dataclass(frozen=True)
class FuzzedForm:
    url: Callable[[Any], str]
    fields: dict[str, st.SearchStrategy[str]]
    signed_in: bool = True
    # Filled in by a coach (the admin's forms) instead of the runner.
    as_coach: bool = False
    files: dict[str, st.SearchStrategy[tuple[str, bytes]]] = field(default_factory=dict)


def first_session(runner: Any) -> str:
    session = Session.objects.filter(athlete=runner).first()
    assert session is not None
    return reverse("logbook:session_edit", args=[session.pk])


PLAN_FIELDS: dict[str, st.SearchStrategy[str]] = {
    "day": value("2026-11-20", "2026-12-01"),
    "kind": value("run", "walk", "strength"),
    "duration": value("", "45", "1:05:00"),
    "distance_km": value("", "8.5"),
    "rpe": value("", "6"),
    "surface": value("", "road", "forest_path"),
    "backward": value("", "0:40"),
    "exercises": value("", "1", "2"),
    "progression_step": value("", "1"),
    "notes": value("", "easy"),
}


def _planned(runner: Any) -> Any:
    from datetime import date

    from coaching.models import PlannedSession

    planned, _created = PlannedSession.objects.get_or_create(
        athlete=runner, day=date(2026, 11, 19), defaults={"kind": "run", "duration_s": 1800}
    )
    return planned


def first_planned(runner: Any) -> str:
    return reverse("coaching:plan_edit", args=[_planned(runner).pk])


def coachs_plan(name: str) -> Callable[[Any], str]:
    """The coach's plan page of the runner, whose coach the fuzzing coach becomes."""

    def url(runner: Any) -> str:
        from accounts.models import User

        runner.profile.coach = User.objects.get(email="coach@example.com")
        runner.profile.save(update_fields=["coach"])
        _planned(runner)
        return reverse(f"admin:coaching_athlete_{name}", args=[runner.pk]) + "?week=2026-11-16"

    return url


ADMIN_WEEK_FIELDS: dict[str, st.SearchStrategy[str]] = {
    "plan-TOTAL_FORMS": value("0", "1", "2", "100000000"),
    "plan-INITIAL_FORMS": value("0", "1"),
    "plan-0-planned_id": value("", "1", "999999"),
    "plan-0-DELETE": value("", "on"),
    **{f"plan-0-{name}": strategy for name, strategy in PLAN_FIELDS.items()},
    "plan-1-day": value("2026-11-16", "2026-11-22", "2026-11-23"),
    "plan-1-kind": value("run", "strength"),
    "plan-1-duration": value("", "30"),
}


FORMS: dict[str, FuzzedForm] = {
    "sign-up": FuzzedForm(
        lambda runner: reverse("account_signup"),
        {
            "email": value("new@example.com", "alice@example.com"),
            "password1": value("a long and unusual passphrase"),
            "password2": value("a long and unusual passphrase"),
            "display_name": value("New runner"),
            "health_consent": value("", "on"),
        },
        signed_in=False,
    ),
    "session log": FuzzedForm(lambda runner: reverse("logbook:session_new"), SESSION_FIELDS),
    "session edit": FuzzedForm(first_session, SESSION_FIELDS),
    "import upload": FuzzedForm(
        lambda runner: reverse("logbook:import"),
        {"kind": value("run", "walk"), "duration": value("", "45")},
        files={
            "file": st.tuples(
                st.sampled_from(["a.gpx", "a.tcx", "a.fit", "activities.csv", "a.zip", "a"]),
                st.one_of(
                    st.binary(max_size=2000),
                    st.sampled_from(
                        [
                            b'<?xml version="1.0"?><gpx><trk><trkseg><trkpt lat="NaN" lon="1">'
                            b"<time>0001-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>",
                            b"Activity ID,Activity Date,Activity Type,Elapsed Time\n1,x,Run,1e300\n",
                            b"<gpx>" + b"<a>" * 5000,
                        ]
                    ),
                ),
            )
        },
    ),
    "settings": FuzzedForm(
        lambda runner: reverse("accounts:settings"),
        {
            "display_name": value("Alice"),
            "time_zone": value("Europe/Amsterdam", "UTC"),
            "language": value("en", "nl", ""),
            "weekly_reminder": value("", "on"),
            "health_consent": value("", "on"),
        },
    ),
    "e-mail preferences": FuzzedForm(
        lambda runner: reverse("notifications:preferences"),
        {name: value("", "on") for name in ("alarm", "weekly_reminder", "coach_digest")},
    ),
    "coach's invitation": FuzzedForm(
        lambda runner: reverse("admin:coaching_invitation_add"),
        {"email": value("new@example.com", "alice@example.com", "Evil\r\nBcc: x@example.com")},
        as_coach=True,
    ),
    "planned session": FuzzedForm(lambda runner: reverse("coaching:plan"), PLAN_FIELDS),
    "planned session edit": FuzzedForm(first_planned, PLAN_FIELDS),
    "plan match": FuzzedForm(
        lambda runner: reverse("coaching:plan_match", args=[_planned(runner).pk]),
        {"match": value("auto", "none", "1")},
    ),
    "plan copy week": FuzzedForm(
        lambda runner: reverse("coaching:plan_copy_week"),
        {"week": value("2026-11-16", "2026-11-17")},
    ),
    "coach's week plan": FuzzedForm(coachs_plan("plan"), ADMIN_WEEK_FIELDS, as_coach=True),
    "coach's plan upload": FuzzedForm(
        coachs_plan("plan_upload"),
        {},
        as_coach=True,
        files={
            "file": st.tuples(
                st.just("plan.csv"),
                st.one_of(
                    st.binary(max_size=2000),
                    st.sampled_from(
                        [
                            b"date,kind,duration_min\n2026-11-20,run,45\n2026-11-31,run,45\n",
                            b"date,kind,distance_km\n2026-11-20,run,1e300\n",
                            b"date,kind\n" + b"2026-11-20,run\n" * 1200,
                            b"\xff\xfe",
                        ]
                    ),
                ),
            )
        },
    ),
    "self-check": FuzzedForm(
        lambda runner: reverse("exercises:hip_check"),
        {
            name: value("yes", "no")
            for name in (
                "pelvis_drops",
                "knee_moves_in",
                "side_complaints",
                "technique_fades",
                "feel_it_at_the_side",
                "complaint_now",
            )
        },
    ),
}


@pytest.fixture
def runner_with_a_session(db: None) -> Any:
    from datetime import UTC, datetime

    from logbook import services

    runner = make_runner("alice@example.com", display_name="Alice")
    services.session_log(
        athlete=runner,
        start=datetime(2026, 11, 19, 7, tzinfo=UTC),
        kind="run",
        duration_s=1800,
        distance_m=5000,
    )
    return runner


@pytest.mark.parametrize("name", FORMS)
def test_form_survives_hostile_input_and_saves_all_or_nothing(name, runner_with_a_session):
    form = FORMS[name]
    client = Client()
    if form.as_coach:
        client.force_login(make_coach("coach@example.com", display_name="Coach"))
    elif form.signed_in:
        client.force_login(runner_with_a_session)
    url = form.url(runner_with_a_session)
    field_values = st.fixed_dictionaries({**form.fields, "next": NEXT})
    file_values = st.fixed_dictionaries(form.files)

    # The data as the last example left it: one digest per example, not two.
    state = {"before": fingerprint()}

    @hypothesis_settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=field_values, uploads=file_values)
    def post(data: dict[str, str], uploads: dict[str, tuple[str, bytes]]) -> None:
        payload: dict[str, Any] = {
            k: v.replace("\x00", "\ufffd") if k == "email" else v for k, v in data.items()
        }
        for key, (filename, content) in uploads.items():
            payload[key] = SimpleUploadedFile(filename, content)
        response = client.post(url, payload)
        assert response.status_code < 500
        after = fingerprint()
        if response.status_code != 302:  # the form again, or 429 from a rate limit
            assert after == state["before"], "a refused form saved something"
        state["before"] = after

    post()


# Every POST form on every page, found by the crawl (tests/crawl.py) ----------------------


def hostile_posts(form: crawl.Form) -> list[dict[str, str]]:
    """Posts of the form as rendered, each with every field (and `next`) hostile: the k-th
    post gives field i value (i + k) mod n, so each field meets each value once and a form
    costs n posts, whatever its number of fields."""
    names = sorted(set(form.fields) - {"csrfmiddlewaretoken"} | {"next"})
    values = crawl.HOSTILE_VALUES
    return [
        {**form.fields, **{name: values[(i + k) % len(values)] for i, name in enumerate(names)}}
        for k in range(len(values))
    ]


@pytest.fixture
def crawl_world(request: pytest.FixtureRequest) -> Any:
    return crawl.with_a_superuser(crawl.with_a_plan_for_today(request.getfixturevalue("world")))


@pytest.mark.parametrize("role", crawl.ROLE_PAGES)
def test_every_form_found_on_the_pages_survives_hostile_values(crawl_world, role):
    """As the superuser, the forms of a sample of the admin (tests/crawl.py): each admin's
    list (its actions), add page and one change page; the coach's pages are fuzzed as the
    coach."""
    found = crawl.crawl(crawl_world, role)
    forms = [f for f in found.forms.values() if "/logout/" not in f.action]
    assert len(forms) > (3 if role == "anonymous" else 8), "the crawl found the forms"
    errors = []
    for form in forms:
        # A fresh sign-in per form: a form may sign out or delete the account, and each
        # post is rolled back so the next one meets the same world.
        client = client_for(crawl_world, role)
        for data in hostile_posts(form):
            with transaction.atomic():
                status = client.post(form.action, data).status_code
                transaction.set_rollback(True)
            if status >= 500:
                errors.append(f"POST {form.action} {data}: {status}")
    assert errors == []
