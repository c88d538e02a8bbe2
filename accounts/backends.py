"""Authentication backends that load the runner's profile with the user, in one query.

Every signed-in request reads the user (Django's session authentication) and then the
profile (language, time zone: accounts/middleware.py), which on a page served from the
cache was half of what the request cost. These are Django's and allauth's backends with
only `get_user` changed. A session records the dotted path of the backend that signed
it in, so `sessions_move_to_backends` moves sessions signed in under the old paths
(migration accounts 0007): nobody is signed out by the change."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models.sql.compiler import SQLCompiler

from accounts.models import User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    converters: dict[int, Any]
    compiler: SQLCompiler
    user: dict[str, Any]
    profile: dict[str, Any]


@cache
def _compiled(alias: str) -> _Compiled:
    """The ORM's own compilation of "this user with their profile", made once per
    process: compiling it anew cost more than the query itself on every request."""
    compiler = User.objects.select_related("profile").filter(pk=0).query.get_compiler(alias)
    sql, _ = compiler.as_sql()  # also fills in compiler.select and compiler.klass_info
    assert compiler.klass_info is not None
    return _Compiled(
        sql=sql,
        converters=compiler.get_converters([column for column, _, _ in compiler.select]),
        compiler=compiler,
        user=compiler.klass_info,
        profile=compiler.klass_info["related_klass_infos"][0],
    )


def user_with_profile(user_id: Any) -> User | None:
    """`User.objects.select_related("profile").filter(pk=user_id).first()`, built by the
    ORM's compiler, converters and setters, without compiling the SQL each time."""
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    alias = router.db_for_read(User)
    compiled = _compiled(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(compiled.sql, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    if compiled.converters:
        row = next(iter(compiled.compiler.apply_converters([row], compiled.converters)))
    user = _from_row(alias, compiled.user, row)
    profile = _from_row(alias, compiled.profile, row)
    compiled.profile["local_setter"](user, profile)
    if profile is not None:
        compiled.profile["remote_setter"](profile, user)
    return user  # type: ignore[no-any-return]


def _from_row(alias: str, info: dict[str, Any], row: Any) -> Any:
    model = info["model"]
    values = [row[i] for i in info["select_fields"]]
    names = [field.attname for field in model._meta.concrete_fields]
    if values[names.index(model._meta.pk.attname)] is None:
        return None  # the outer join found no profile
    return model.from_db(alias, names, values)


class _ProfileWithUser:
    def get_user(self, user_id: Any) -> User | None:
        user = user_with_profile(user_id)
        if user is None or not user.is_active:
            return None
        return user


class ModelBackend(_ProfileWithUser, DjangoModelBackend):
    pass


class AuthenticationBackend(_ProfileWithUser, AllauthBackend):  # type: ignore[misc]
    pass


# The paths sessions signed in before this change carry, and where they now point.
MOVED = {
    "django.contrib.auth.backends.ModelBackend": "accounts.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": "accounts.backends.AuthenticationBackend",
}


def sessions_move_to_backends(session_model: Any) -> int:
    """Point stored sessions at the backends above; forget their cached copies so the
    next request reads the moved one. Returns how many sessions moved."""
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import caches

    store = SessionStore()
    moved = []
    for session in session_model.objects.all().iterator():
        data = store.decode(session.session_data)
        new_path = MOVED.get(data.get(BACKEND_SESSION_KEY, ""))
        if new_path is None:
            continue
        data[BACKEND_SESSION_KEY] = new_path
        session.session_data = store.encode(data)
        session.save(update_fields=["session_data"])
        moved.append(session.session_key)
    if moved and settings.SESSION_ENGINE.endswith("cached_db"):
        try:
            caches[settings.SESSION_CACHE_ALIAS].delete_many([KEY_PREFIX + k for k in moved])
        except Exception:  # the cache down while migrating must not stop the deploy
            # A copy left in the cache still names the old path: its owner signs in again.
            logger.warning("Cached copies of %s moved sessions not removed", len(moved))
    return len(moved)
