"""A manual session like one already logged in the same minute needs a confirmation."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from logbook.models import Session
from tests.logbook.helpers import run_form

pytestmark = pytest.mark.django_db
NEW = reverse("logbook:session_new")


def test_second_identical_session_is_refused_with_a_message(
    runner: Any, runner_client: Any
) -> None:
    runner_client.post(NEW, run_form())
    response = runner_client.post(NEW, run_form())
    assert response.status_code == 200
    assert "You already logged a session of this kind" in response.content.decode()
    assert Session.objects.filter(athlete=runner).count() == 1


def test_refusal_offers_to_save_it_anyway(runner_client: Any) -> None:
    runner_client.post(NEW, run_form())
    html = runner_client.post(NEW, run_form()).content.decode()
    assert 'name="another_session"' in html


def test_confirmed_second_session_is_saved(runner: Any, runner_client: Any) -> None:
    runner_client.post(NEW, run_form())
    response = runner_client.post(NEW, run_form(another_session="on"))
    assert response.status_code == 302
    assert Session.objects.filter(athlete=runner).count() == 2


def test_other_kind_in_the_same_minute_is_no_duplicate(runner: Any, runner_client: Any) -> None:
    runner_client.post(NEW, run_form())
    runner_client.post(NEW, run_form(kind="walk", distance_km="3"))
    assert Session.objects.filter(athlete=runner).count() == 2


def test_another_runners_session_is_no_duplicate(
    runner: Any, other_runner: Any, client: Any
) -> None:
    client.force_login(other_runner)
    client.post(NEW, run_form())
    client.force_login(runner)
    assert client.post(NEW, run_form()).status_code == 302


def test_saving_an_edit_is_no_duplicate_of_itself(runner: Any, runner_client: Any) -> None:
    runner_client.post(NEW, run_form())
    session = Session.objects.get(athlete=runner)
    edit = reverse("logbook:session_edit", args=[session.pk])
    assert runner_client.post(edit, run_form(duration="50")).status_code == 302
