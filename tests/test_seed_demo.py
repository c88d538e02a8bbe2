import io

import pytest
from django.core.management import call_command

from accounts.models import User
from logbook.models import Session, TrainingWarning

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_coach_two_runners_and_a_spike():
    call_command("seed_demo", stdout=io.StringIO())
    coach = User.objects.get(email="coach@example.com")
    assert coach.is_staff and coach.is_coach
    runners = User.objects.filter(profile__coach=coach)
    assert runners.count() == 2
    for runner in runners:
        assert Session.objects.filter(athlete=runner).count() > 60
        assert set(Session.objects.filter(athlete=runner).values_list("kind", flat=True)) == {
            "run",
            "walk",
            "strength",
        }
        assert TrainingWarning.objects.filter(athlete=runner, rule="single_run_spike").exists()
    assert not TrainingWarning.objects.filter(email_due=True).exists()


def test_seed_demo_if_empty_leaves_existing_data_alone():
    call_command("seed_demo", stdout=io.StringIO())
    before = Session.objects.count()
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "exists" in out.getvalue()
    assert Session.objects.count() == before
