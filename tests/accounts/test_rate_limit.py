import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def bad_login(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": "wrong password"})


def test_sixth_bad_password_is_refused_even_with_the_right_one(client, runner):
    for _ in range(5):
        response = bad_login(client, runner.email)
        assert response.status_code == 200
        assert "too many" not in response.content.decode().lower()
    response = client.post(reverse("account_login"), {"login": runner.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "too many" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_five_bad_passwords_then_right_one_still_logs_in(client, runner):
    for _ in range(4):
        bad_login(client, runner.email)
    response = client.post(reverse("account_login"), {"login": runner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_admin_login_shares_the_limit(client, coach):
    url = reverse("admin:login")
    for _ in range(5):
        response = client.post(url, {"username": coach.email, "password": "wrong"})
        assert response.status_code == 200
        assert "too many" not in response.content.decode().lower()
    response = client.post(url, {"username": coach.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "too many" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_admin_login_failures_count_on_the_site_login(client, coach):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": coach.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": coach.email, "password": PASSWORD})
    assert "too many" in response.content.decode().lower()


def test_admin_login_works_for_staff(client, coach):
    response = client.post(reverse("admin:login"), {"username": coach.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coach.pk)
