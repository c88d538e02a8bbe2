import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import AthleteProfile, HealthConsentEvent, User
from tests.outbox import deliver

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "dana@example.com",
    "password1": "a long and fine passphrase 42",
    "password2": "a long and fine passphrase 42",
    "display_name": "Dana",
}


def sign_up(client, **extra):
    return client.post(reverse("account_signup"), {**SIGNUP, **extra})


def test_signup_creates_user_with_profile_and_sends_verification(client):
    response = sign_up(client)
    deliver()
    assert response.status_code == 302
    user = User.objects.get(email="dana@example.com")
    assert user.profile.display_name == "Dana"
    assert len(mail.outbox) == 1
    assert "dana@example.com" in mail.outbox[0].to
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_unverified_user_cannot_log_in_until_link_followed(client):
    sign_up(client)
    client.logout()
    login = {"login": "dana@example.com", "password": SIGNUP["password1"]}
    response = client.post(reverse("account_login"), login)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    deliver()

    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[-1].body).group(
        0
    )
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirm = client.post("/" + path)
    assert confirm.status_code == 302

    response = client.post(reverse("account_login"), login)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="dana@example.com").pk)


def test_signup_without_consent_records_none(client):
    sign_up(client)
    profile = AthleteProfile.objects.get(user__email="dana@example.com")
    assert profile.health_consent_at is None
    assert not HealthConsentEvent.objects.exists()


def test_signup_with_consent_records_timestamp_and_event(client):
    sign_up(client, health_consent="on")
    profile = AthleteProfile.objects.get(user__email="dana@example.com")
    assert profile.health_consent_at is not None
    event = HealthConsentEvent.objects.get(user=profile.user)
    assert event.given is True


def test_signup_requires_display_name(client):
    response = sign_up(client, display_name="")
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "display_name" in response.context["form"].errors


def test_signup_page_has_real_labels(client):
    html = client.get(reverse("account_signup")).content.decode()
    for field in ("id_email", "id_password1", "id_display_name", "id_health_consent"):
        assert f'for="{field}"' in html


def test_profile_created_for_superuser_and_plain_user(db):
    admin = User.objects.create_superuser(email="root@example.com", password="x" * 12)
    plain = User.objects.create_user(email="plain@example.com")
    assert AthleteProfile.objects.filter(user__in=[admin, plain]).count() == 2


def test_profile_created_when_admin_adds_user(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new@example.com",
            "usable_password": "true",
            "password1": "a long and fine passphrase 42",
            "password2": "a long and fine passphrase 42",
        },
    )
    assert response.status_code == 302
    assert AthleteProfile.objects.filter(user__email="new@example.com").exists()


def test_password_reset_sends_mail(client, runner):
    response = client.post(reverse("account_reset_password"), {"email": runner.email})
    assert response.status_code == 302
    deliver()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_password_change(client, runner):
    client.force_login(runner)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "correct horse battery staple",
            "password1": "another long passphrase 99",
            "password2": "another long passphrase 99",
        },
    )
    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.check_password("another long passphrase 99")


def test_logout_is_post_only(client, runner):
    client.force_login(runner)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_an_address_the_outbox_could_not_write_is_refused_at_sign_up(client):
    """ "=?" would be read as an encoded word in the To header, so the outbox never sends to
    such an address: the person hears it on the form, not by a link that never comes."""
    response = sign_up(client, email="dana=?x@example.com")
    assert response.status_code == 200
    assert 'cannot contain "=?"' in response.content.decode().replace("&quot;", '"')
    assert not User.objects.filter(email__iexact="dana=?x@example.com").exists()


def test_an_address_the_outbox_could_not_write_is_refused_as_another_address(client):
    from allauth.account.models import EmailAddress

    from tests.factories import make_runner

    runner = make_runner("erin@example.com")
    client.force_login(runner)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "erin=?x@example.com"}
    )
    assert response.status_code == 200
    assert 'cannot contain "=?"' in response.content.decode().replace("&quot;", '"')
    assert not EmailAddress.objects.filter(email__iexact="erin=?x@example.com").exists()
