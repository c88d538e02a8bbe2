"""Every fact a cached page shows, and what makes the page out of date when it changes.

A cached page (logbook/page_cache.py) is served only while three things are as they were
when it was rendered:

- the code: `code_version()` (runningcoach/code_version.py), a digest of the code,
  templates, translations, static files, pinned packages and the load rules' settings, is
  part of every cache key (accounts/versions.py `version_key`), so a deploy never serves
  a page of the old code;
- the person's own data (`PERSON_DATA`): rows that belong to one runner or coach, written
  only by services that raise that person's `data_version` (accounts/versions.py), which
  every key holds;
- the shared facts (`SHARED_FACTS`): rows that the pages of many people show, the
  catalogue and people's names (a coach's name on the notes of their athletes'
  dashboards, a renamed exercise on every week view). Any committed change replaces the
  shared token, and a page rendered under another token is never served. The receivers
  are registered here, in one place, for the listed models and their proxies, so no
  write path (a service, the admin, a shell) can forget it.

`tests/logbook/test_page_facts.py` renders every cached page and fails when one reads a
table listed in neither: a new fact on a cached page must be placed in one of the lists.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

# The first of the facts (the docstring's list); read by the tests of the cache keys.
from runningcoach.code_version import code_version as code_version

# Rows of one person, written by services that raise the person's version.
PERSON_DATA = frozenset(
    {
        "accounts.User",
        "accounts.AthleteProfile",
        "auth.Group",
        "auth.Permission",
        "logbook.Session",
        "logbook.SessionExercise",
        "logbook.TrainingWarning",
        "logbook.DayLoad",
        "logbook.ImportJob",
        "coaching.CoachNote",
        "coaching.HipLevelChange",
        "coaching.Invitation",
        "coaching.PlannedSession",
        "coaching.CalendarFeed",
        "notifications.EmailPreference",
    }
)
# Rows the pages of many people show: model -> the fields shown (None: all of them).
SHARED_FACTS: dict[str, tuple[str, ...] | None] = {
    "exercises.Exercise": None,
    "exercises.Progression": None,
    "exercises.ProgressionStep": None,
    # People's names on other people's pages (a coach on the notes of their athletes).
    "accounts.User": ("email",),
    "accounts.AthleteProfile": ("display_name",),
}
# Read by a cached request but never shown: the sign-in session, and the content types
# of the admin's permission checks (written by migrate only).
NOT_SHOWN = frozenset({"sessions.Session", "contenttypes.ContentType"})

SHARED_TOKEN_KEY = "page-facts:shared"
_OLD_VALUES = "_page_facts_old"


# Shared facts ---------------------------------------------------------------------------


def shared_token() -> str:
    """The token of the shared facts as they are now; a new one when the cache lost it
    (every page kept before then is rendered anew)."""
    token = cache.get(SHARED_TOKEN_KEY)
    if token is None:
        cache.add(SHARED_TOKEN_KEY, secrets.token_hex(8), None)
        token = cache.get(SHARED_TOKEN_KEY) or ""
    return str(token)


def _token_replace() -> None:
    cache.set(SHARED_TOKEN_KEY, secrets.token_hex(8), None)


def shared_facts_changed() -> None:
    """Replace the token now and again once the change is committed: a page rendered
    before the commit (with the old facts) carries a token that is never served again."""
    _token_replace()
    transaction.on_commit(_token_replace)


def _label(model: type[models.Model]) -> str:
    concrete = model._meta.concrete_model or model
    return f"{concrete._meta.app_label}.{concrete._meta.object_name}"


def _fields(sender: type[models.Model]) -> tuple[str, ...] | None:
    return SHARED_FACTS[_label(sender)]


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    fields = _fields(sender)
    update_fields = kwargs.get("update_fields")
    if fields is None or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(fields):
        return
    old = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    setattr(instance, _OLD_VALUES, old)


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    fields = _fields(sender)
    if created or fields is None:
        shared_facts_changed()
        return
    old = instance.__dict__.pop(_OLD_VALUES, None)
    if old is None:
        return  # only fields that no page shows of others were saved
    if any(old[name] != getattr(instance, name) for name in fields):
        shared_facts_changed()


def _after_delete(**kwargs: Any) -> None:
    shared_facts_changed()


def _after_m2m(action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        shared_facts_changed()


def page_facts_connect() -> None:
    """Register the receivers of the shared facts (LogbookConfig.ready())."""
    shared = set(SHARED_FACTS)
    for model in apps.get_models(include_auto_created=False):
        if _label(model) not in shared:
            continue
        uid = f"page-facts-{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
        if SHARED_FACTS[_label(model)] is None:
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(_after_m2m, sender=through, dispatch_uid=uid)
