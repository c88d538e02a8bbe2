"""Deleting an account: the person and everything that is theirs."""

from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session as WebSession
from django.db import models, transaction
from django.utils import timezone

from accounts.erasure import erasers_run
from accounts.models import AthleteProfile, User
from accounts.versions import version_bump


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a user with everything that is theirs (sessions, warnings, imports, profile,
    what other apps registered as theirs, their cached pages: accounts/erasure.py). Coaches'
    athletes keep their own data; they just lose the coach, whose pages stop showing the
    runner."""
    version_bump(athlete_id=user.pk)  # the coach's pages list this runner
    owned = erasers_run(user=user)
    account_traces_delete(
        user=user,
        owned={
            AthleteProfile: list(
                AthleteProfile.objects.filter(user=user).values_list("pk", flat=True)
            ),
            **owned,
        },
    )
    user.delete()


def account_traces_delete(*, user: User, owned: dict[type[models.Model], list[int]]) -> int:
    """Remove what the admin log and the sign-in sessions still know of a user about to be
    deleted: log entries made by them, about them, or about objects of theirs (`owned`, by
    model), and every web session signed in as them. Returns the number of rows removed."""
    about_user = models.Q(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    )
    for model, ids in owned.items():
        if ids:
            about_user |= models.Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(pk) for pk in ids],
            )
    mentions = models.Q(object_repr__icontains=user.email) | models.Q(
        change_message__icontains=user.email
    )
    removed, _by_model = LogEntry.objects.filter(
        models.Q(user=user) | about_user | mentions
    ).delete()
    signed_in = [
        web.session_key
        for web in WebSession.objects.filter(expire_date__gt=timezone.now()).iterator()
        if web.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    deleted_sessions, _by_model = WebSession.objects.filter(session_key__in=signed_in).delete()
    # And from the cache in front of them, when sessions are cached (SESSION_ENGINE).
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in signed_in:
        store(session_key).delete(session_key)
    return removed + deleted_sessions
