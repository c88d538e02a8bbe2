from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command
from django.urls import reverse

from accounts.models import User


def test_the_demo_coach_sees_his_athletes_in_the_admin(client: Any, db: None) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(User.objects.get(email="coach@example.com"))
    index = client.get(reverse("admin:index")).content.decode()
    assert "permission to view or edit anything" not in index
    assert reverse("admin:coaching_athlete_changelist") in index
    html = client.get(reverse("admin:coaching_athlete_changelist")).content.decode()
    assert "Anna" in html and "Ben" in html
