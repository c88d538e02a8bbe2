"""The registries through which other apps erase their part of a person (accounts never
imports them): account deletion, consent withdrawal, and a new time zone."""

from __future__ import annotations

from typing import Any

import pytest

from accounts import erasure, zone_change
from accounts.deletion import account_delete
from accounts.erasure import Erased
from accounts.models import AthleteProfile, User


def test_logbook_and_coaching_register_their_erasers() -> None:
    from coaching.services import invitations_erase
    from logbook.services.erasure import account_data_erase, pain_data_erase
    from logbook.services.warnings import warnings_reevaluate_all

    assert account_data_erase in erasure.ERASERS
    assert invitations_erase in erasure.ERASERS
    assert pain_data_erase in erasure.HEALTH_DATA_ERASERS
    assert warnings_reevaluate_all in zone_change.FOLLOWERS


@pytest.mark.django_db
def test_rows_named_by_erasers_are_collected_by_model(runner: Any, monkeypatch: Any) -> None:
    def names_the_profile(*, user: User) -> Erased:
        return Erased(owned={AthleteProfile: [user.profile.pk]})

    def counts_rows(*, user: User) -> int:
        return 3

    monkeypatch.setattr(erasure, "ERASERS", [names_the_profile, counts_rows])
    owned = erasure.erasers_run(user=runner)
    assert owned == {AthleteProfile: [runner.profile.pk]}


@pytest.mark.django_db
def test_account_delete_runs_every_eraser_before_the_user_goes(
    runner: Any, monkeypatch: Any
) -> None:
    seen: list[bool] = []

    def still_there(*, user: User) -> None:
        seen.append(User.objects.filter(pk=user.pk).exists())

    monkeypatch.setattr(erasure, "ERASERS", [*erasure.ERASERS, still_there])
    account_delete(user=runner)
    assert seen == [True]
    assert not User.objects.filter(pk=runner.pk).exists()
