"""Every admin page that is not one of the coach's is for superusers alone, whatever
permissions a superuser grants to a group: a walk over the whole admin registry, so that an
admin registered tomorrow (by us or by a library) cannot open to staff by accident."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.sites.models import Site
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import COACHES_GROUP, User
from tests.factories import make_coach

pytestmark = pytest.mark.django_db

# The pages opened to staff on purpose: the coach's pages (coaching/admin/) and the exercise
# catalogue for its editors (tests/exercises/test_admin.py). Opening another is a decision:
# add it here, and give its admin class `open_to_staff = True`.
OPEN_TO_STAFF = {
    "coaching.Athlete",
    "coaching.Invitation",
    "coaching.AthleteWarning",
    "exercises.Exercise",
    "exercises.Progression",
}


@pytest.fixture
def root(db: None) -> User:
    user = User.objects.create_superuser(email="root@example.com", password="root pass phrase 1")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def all_powerful_coach(db: None) -> User:
    """A coach whose group a superuser has given every permission there is."""
    Group.objects.get(name=COACHES_GROUP).permissions.set(Permission.objects.all())
    return make_coach("mallory@example.com", display_name="Mallory")


def request_as(user: User) -> Any:
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def admin_urls(model: type[Any]) -> list[str]:
    opts = model._meta
    urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
    row = model._default_manager.first()
    pk = row.pk if row is not None else 1
    for view, args in (("add", []), ("change", [pk]), ("history", [pk]), ("delete", [pk])):
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args))
    return urls


def test_every_admin_outside_the_allow_list_is_closed_to_a_coach_granted_everything(
    all_powerful_coach: User, root: User
) -> None:
    request = request_as(all_powerful_coach)
    opened = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        if label in OPEN_TO_STAFF:
            continue
        rights = {
            "module": model_admin.has_module_permission(request),
            "view": model_admin.has_view_permission(request),
            "add": model_admin.has_add_permission(request),
            "change": model_admin.has_change_permission(request),
            "delete": model_admin.has_delete_permission(request),
        }
        opened += [f"{label}: {right}" for right, given in rights.items() if given]
    assert opened == []


def test_every_page_of_those_admins_answers_a_coach_granted_everything_403(
    all_powerful_coach: User, root: User
) -> None:
    client = Client()
    client.force_login(all_powerful_coach)
    answered = []
    for model in admin.site._registry:
        if model._meta.label in OPEN_TO_STAFF:
            continue
        for url in admin_urls(model):
            status = client.get(url).status_code
            if status not in (403, 404):
                answered.append(f"{url}: {status}")
    assert answered == []


def test_the_allow_list_names_exactly_the_admins_open_to_staff(all_powerful_coach: User) -> None:
    request = request_as(all_powerful_coach)
    open_now = {
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_module_permission(request)
    }
    assert open_now == OPEN_TO_STAFF


def test_a_superuser_still_has_every_page(root: User) -> None:
    request = request_as(root)
    closed = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not model_admin.has_module_permission(request)
        or not model_admin.has_view_permission(request)
    ]
    assert closed == []


def test_the_admin_index_offers_the_granted_coach_no_other_page(
    all_powerful_coach: User,
) -> None:
    client = Client()
    client.force_login(all_powerful_coach)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:account_emailaddress_changelist") not in html
    assert reverse("admin:sites_site_changelist") not in html
    assert reverse("admin:notifications_outboxemail_changelist") not in html


# The attack of issue 18: a coach granted allauth's e-mail address permissions ---------


def coach_granted(*codenames: str) -> User:
    Group.objects.get(name=COACHES_GROUP).permissions.add(
        *Permission.objects.filter(codename__in=codenames)
    )
    return make_coach("mallory@example.com", display_name="Mallory")


def test_a_coach_granted_add_email_address_cannot_add_one_to_root(root: User) -> None:
    client = Client()
    client.force_login(coach_granted("add_emailaddress"))
    response = client.post(
        reverse("admin:account_emailaddress_add"),
        {"user": root.pk, "email": "mallory+root@example.com", "verified": "on", "primary": "on"},
    )
    assert response.status_code == 403
    assert list(EmailAddress.objects.filter(user=root).values_list("email", flat=True)) == [
        "root@example.com"
    ]


def test_a_coach_granted_change_email_address_cannot_change_roots(root: User) -> None:
    client = Client()
    client.force_login(coach_granted("change_emailaddress"))
    address = EmailAddress.objects.get(user=root)
    url = reverse("admin:account_emailaddress_change", args=[address.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        url, {"user": root.pk, "email": "mallory@evil.test", "verified": "on", "primary": "on"}
    )
    assert response.status_code == 403
    address.refresh_from_db()
    assert address.email == "root@example.com"


def test_a_coach_granted_view_email_address_sees_no_address(root: User) -> None:
    client = Client()
    client.force_login(coach_granted("view_emailaddress"))
    response = client.get(reverse("admin:account_emailaddress_changelist"))
    assert response.status_code == 403
    assert "root@example.com" not in response.content.decode()


def test_a_coach_granted_the_site_permissions_cannot_move_the_site(root: User) -> None:
    client = Client()
    client.force_login(coach_granted("view_site", "change_site", "add_site", "delete_site"))
    site = Site.objects.get(pk=1)
    url = reverse("admin:sites_site_change", args=[site.pk])
    assert client.get(reverse("admin:sites_site_changelist")).status_code == 403
    response = client.post(url, {"domain": "evil.test", "name": "evil"})
    assert response.status_code == 403
    site.refresh_from_db()
    assert site.domain == "localhost:8000"
    assert not Site.objects.filter(domain="evil.test").exists()


def test_a_superuser_adds_a_second_site(root: User) -> None:
    """The first site is written by a migration with its id given: the id sequence still
    moves on past it, so the next site added in the admin is saved, not a server error."""
    client = Client()
    client.force_login(root)
    response = client.post(
        reverse("admin:sites_site_add"), {"domain": "coach.example.org", "name": "Coach"}
    )
    assert response.status_code == 302
    assert Site.objects.get(domain="coach.example.org").pk > 1


def test_a_nul_in_an_admin_lists_filter_is_an_invalid_filter(root: User) -> None:
    """PostgreSQL refuses a NUL in any text: Django's own answer to a filter it cannot use
    (the list again with ?e=1), not a server error."""
    client = Client()
    client.force_login(root)
    url = reverse("admin:exercises_exercise_changelist")
    response = client.get(url, {"category__exact": "hip\x00"})
    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")
