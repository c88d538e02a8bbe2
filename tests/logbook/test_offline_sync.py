"""Sessions sent from a device's offline queue: once per device id, through the log
service (load, warnings, alarms), with the form's messages for bad values, CSRF kept."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from logbook.models import DeviceEntry, Session, TrainingWarning
from tests.factories import make_runner
from tests.logbook.helpers import days_ago, log_run, run_form

SYNC = reverse("logbook:device_sync")


def send(client: Client, device_id: str, **form: Any) -> Any:
    return client.post(SYNC, {**run_form(**form), "device_id": device_id})


@pytest.mark.django_db
def test_a_queued_session_is_logged_with_its_load_and_warnings(runner_client, runner):
    log_run(runner, days_ago(10), km=10)
    device_id = str(uuid.uuid4())
    response = send(runner_client, device_id, distance_km="13.2", duration="66")
    assert response.status_code == 201
    answer = response.json()
    session = Session.objects.get(athlete=runner, distance_m=13200)
    assert answer["status"] == "added"
    assert answer["url"] == reverse("logbook:session_detail", args=[session.pk])
    assert session.load == 66 * 6  # RPE 6 from the form x 66 minutes
    spike = TrainingWarning.objects.get(athlete=runner, session=session)
    assert spike.rule == "single_run_spike" and spike.email_due
    assert spike.view().title in answer["warnings"]


@pytest.mark.django_db
def test_the_same_device_id_sent_again_answers_with_the_first_session(runner_client, runner):
    device_id = str(uuid.uuid4())
    first = send(runner_client, device_id).json()
    again = send(runner_client, device_id)
    assert again.status_code == 200
    assert again.json()["status"] == "already"
    assert again.json()["url"] == first["url"]
    assert Session.objects.filter(athlete=runner).count() == 1


@pytest.mark.django_db
def test_bad_values_come_back_as_the_forms_messages_and_nothing_is_saved(runner_client, runner):
    response = send(runner_client, str(uuid.uuid4()), distance_km="")
    assert response.status_code == 400
    answer = response.json()
    assert answer["status"] == "invalid"
    assert {
        "field": "distance_km",
        "label": "Distance (km)",
        "message": "Enter how far you ran.",
    } in answer["errors"]
    assert not Session.objects.filter(athlete=runner).exists()
    assert not DeviceEntry.objects.exists()


@pytest.mark.django_db
def test_messages_come_in_the_runners_language(runner_client, runner):
    runner_client.cookies["django_language"] = "nl"
    answer = send(runner_client, str(uuid.uuid4()), distance_km="").json()
    assert {
        "field": "distance_km",
        "label": "Afstand (km)",
        "message": "Vul in hoe ver je hebt gelopen.",
    } in answer["errors"]


@pytest.mark.django_db
def test_a_send_whose_first_copy_committed_after_its_lookup_answers_already_there(
    runner_client, runner, monkeypatch
):
    """The view looks the device id up, then checks the form. If the first send of the entry
    commits in between, the form refuses this one as a session of the same kind in the same
    minute, and the device would mark as refused an entry that is in the log. The window
    cannot be hit on demand, so the first lookup is made to miss, as it does when it runs
    just before the first send commits; every later lookup is the real one."""
    from logbook import offline

    device_id = str(uuid.uuid4())
    first = send(runner_client, device_id).json()
    real_find = offline.device_entry_find
    lookups: list[uuid.UUID] = []

    def find_late(*, athlete: Any, device_id: uuid.UUID) -> Any:
        lookups.append(device_id)
        return None if len(lookups) == 1 else real_find(athlete=athlete, device_id=device_id)

    monkeypatch.setattr(offline, "device_entry_find", find_late)
    again = send(runner_client, device_id)
    assert again.status_code == 200, again.json()
    assert len(lookups) == 2
    assert again.json()["status"] == "already"
    assert again.json()["url"] == first["url"]
    assert Session.objects.filter(athlete=runner).count() == 1


@pytest.mark.django_db
def test_another_runner_sending_the_same_device_id_gets_their_own_session(
    runner_client, runner, other_runner
):
    device_id = str(uuid.uuid4())
    send(runner_client, device_id)
    other = Client()
    other.force_login(other_runner)
    response = send(other, device_id, distance_km="5")
    assert response.status_code == 201
    assert Session.objects.get(athlete=other_runner).distance_m == 5000
    assert Session.objects.get(athlete=runner).distance_m != 5000


@pytest.mark.django_db
def test_a_deleted_session_sent_again_is_not_made_again(runner_client, runner):
    device_id = str(uuid.uuid4())
    send(runner_client, device_id)
    Session.objects.get(athlete=runner).delete()
    answer = send(runner_client, device_id).json()
    assert answer["status"] == "deleted"
    assert not Session.objects.filter(athlete=runner).exists()


@pytest.mark.django_db
def test_the_send_needs_a_csrf_token_which_a_get_gives(runner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    refused = client.post(SYNC, {**run_form(), "device_id": str(uuid.uuid4())})
    assert refused.status_code == 403
    token = client.get(SYNC).json()["csrf"]
    sent = client.post(
        SYNC, {**run_form(), "device_id": str(uuid.uuid4())}, headers={"X-CSRFToken": token}
    )
    assert sent.status_code == 201


@pytest.mark.django_db
def test_signed_out_the_device_is_told_to_keep_its_entries(client):
    assert client.get(SYNC).status_code == 401
    response = client.post(SYNC, {**run_form(), "device_id": str(uuid.uuid4())})
    assert response.status_code == 401
    assert response.json() == {"status": "signed_out"}


@pytest.mark.django_db
def test_a_session_sent_from_the_device_and_then_imported_from_the_watch_is_one(
    runner_client, runner, shared_activities
):
    """The Fenix 2 run started 2015-08-15 14:45:08 UTC (16:45 in Amsterdam)."""
    send(runner_client, str(uuid.uuid4()), date="2015-08-15", time="16:45", distance_km="9")
    fit = (shared_activities / "activity-small-fenix2-run.fit").read_bytes()
    runner_client.post(
        reverse("logbook:import"),
        {"file": SimpleUploadedFile("activity-small-fenix2-run.fit", fit), "kind": "run"},
    )
    session = Session.objects.get(athlete=runner)
    assert (session.source, session.distance_m) == ("manual", 9000)


@pytest.mark.django_db(transaction=True)
def test_two_sends_of_one_device_id_at_once_make_one_session() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SKIPPED: NEEDS POSTGRESQL (row locks on the unique index)")
    runner = make_runner("racer@example.com")
    device_id = str(uuid.uuid4())
    start = threading.Barrier(2)
    answers: list[int] = []

    def post() -> None:
        client = Client()
        client.force_login(runner)
        start.wait()
        try:
            answers.append(send(client, device_id).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(answers) == [200, 201]
    assert Session.objects.filter(athlete=runner).count() == 1
    assert DeviceEntry.objects.filter(athlete=runner).count() == 1


def waits_on_a_lock(thread: threading.Thread) -> bool:
    """Bounded poll (10 s) until a query of this database waits for a lock, while `thread`
    runs."""
    for _ in range(200):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return True
        thread.join(timeout=0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_send_waiting_on_the_first_ones_claim_returns_its_session() -> None:
    """The second send gets past the first lookup while the first is still uncommitted: the
    unique index makes it wait, then refuses its row, and it answers with the first's session."""
    if connection.vendor != "postgresql":
        pytest.skip("SKIPPED: NEEDS POSTGRESQL (row locks on the unique index)")
    from django.db import transaction

    from logbook import offline, services
    from tests.logbook.helpers import days_ago

    runner = make_runner("claim@example.com")
    device_id = uuid.uuid4()
    values = services.SessionValues(
        start=days_ago(1), kind="run", duration_s=1800, distance_m=5000, rpe=4
    )
    first_claimed = threading.Event()
    release_first = threading.Event()
    results: dict[str, Any] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                results["first"] = offline.session_log_from_device(
                    athlete=runner, device_id=device_id, values=values
                )
                first_claimed.set()
                release_first.wait(timeout=20)
        finally:
            connection.close()

    def second() -> None:
        try:
            results["second"] = offline.session_log_from_device(
                athlete=runner, device_id=device_id, values=values
            )
        finally:
            connection.close()

    one = threading.Thread(target=first)
    one.start()
    assert first_claimed.wait(timeout=20)
    two = threading.Thread(target=second)
    two.start()
    assert waits_on_a_lock(two), "the second send never waited on the first one's claim"
    release_first.set()
    one.join(timeout=20)
    two.join(timeout=20)
    assert results["first"].created and not results["second"].created
    assert results["second"].session.pk == results["first"].session.pk
    assert Session.objects.filter(athlete=runner).count() == 1
