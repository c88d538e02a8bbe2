"""Who may open each URL of the URLconf (tests/test_access_matrix.py): one rule per URL
name, or per route for unnamed patterns, and where its arguments come from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accounts.models import User
from coaching.models import PlannedSession
from exercises.models import Exercise, Progression
from logbook.models import ImportJob, Session, TrainingWarning


@dataclass
class World:
    users: dict[str, User | None]
    session: Session
    job: ImportJob
    warning: TrainingWarning
    planned: PlannedSession

    @property
    def victim(self) -> User:
        user = self.users["runner_a"]
        assert user is not None
        return user


@dataclass(frozen=True)
class Rule:
    """public: anyone; signed_in: anyone signed in; owner: only A (the object is A's);
    staff: the admin, for coaches only."""

    access: str
    kwargs: Callable[[World], dict[str, Any]] | None = None
    # A's coach may see A's data on this page.
    coach_sees: bool = False
    # A GET here may change data (a marked exemption).
    get_changes: bool = False
    # POST without a CSRF token is allowed (RFC 8058 one-click unsubscribe).
    csrf_exempt: bool = False


def session_pk(world: World) -> dict[str, Any]:
    return {"pk": world.session.pk}


# Keyed by URL name, or by the route for unnamed patterns. Admin URLs follow one rule.
ACCESS: dict[str, Rule] = {
    "home": Rule("public"),
    "health": Rule("public"),
    "favicon.ico": Rule("public"),
    "ping": Rule("public"),
    "manifest": Rule("public"),
    # allauth's own pages: forms for anyone, or redirects; none shows A's data to others.
    "account_login": Rule("public"),
    "account_logout": Rule("public"),
    "account_inactive": Rule("public"),
    "account_signup": Rule("public"),
    "account_reauthenticate": Rule("signed_in"),
    "account_email": Rule("signed_in"),
    "account_email_verification_sent": Rule("public"),
    "account_change_password": Rule("signed_in"),
    "account_set_password": Rule("signed_in"),
    "account_reset_password": Rule("public"),
    "account_confirm_login_code": Rule("public"),
    "account_confirm_email": Rule("public", lambda w: {"key": "not-a-real-key"}),
    "account_reset_password_from_key_done": Rule("public"),
    "account_reset_password_from_key": Rule(
        "public", lambda w: {"uidb36": "1", "key": "not-a-real-key"}
    ),
    "account_reset_password_done": Rule("public"),
    "accounts:settings": Rule("signed_in"),
    "accounts:language": Rule("public"),
    "exercises:list": Rule("public"),
    "exercises:progressions": Rule("public"),
    "exercises:progression": Rule(
        "public", lambda w: {"slug": Progression.objects.values_list("slug", flat=True)[0]}
    ),
    "exercises:hip_check": Rule("public"),
    "exercises:hip_check_set_level": Rule("signed_in"),
    "exercises:seek_help": Rule("public"),
    "exercises:detail": Rule(
        "public", lambda w: {"slug": Exercise.objects.values_list("slug", flat=True)[0]}
    ),
    "logbook:dashboard": Rule("signed_in", get_changes=True),
    "logbook:session_list": Rule("signed_in"),
    "logbook:session_new": Rule("signed_in"),
    "logbook:sessions_to_rate": Rule("signed_in"),
    "logbook:session_detail": Rule("owner", session_pk),
    "logbook:session_edit": Rule("owner", session_pk),
    "logbook:session_delete": Rule("owner", session_pk),
    "logbook:session_rate": Rule("owner", session_pk),
    "logbook:week": Rule("signed_in"),
    "logbook:import": Rule("signed_in"),
    "logbook:import_status": Rule("owner", lambda w: {"pk": w.job.pk}),
    "logbook:import_status_json": Rule("owner", lambda w: {"pk": w.job.pk}),
    "logbook:warning_acknowledge": Rule("owner", lambda w: {"pk": w.warning.pk}),
    "logbook:export_json": Rule("signed_in"),
    "logbook:export_csv": Rule("signed_in", lambda w: {"table": "sessions"}),
    "logbook:your_data": Rule("signed_in"),
    "logbook:account_delete": Rule("signed_in"),
    # Offline use: the service worker and its offline page hold nothing personal.
    "logbook:service_worker": Rule("public"),
    "logbook:offline": Rule("public"),
    "logbook:waiting": Rule("signed_in"),
    "logbook:device_sync": Rule("signed_in"),
    # The share target takes a post without a token only from the system's share sheet.
    "logbook:share": Rule("signed_in"),
    "logbook:upload_link_manage": Rule("signed_in"),
    # The upload link carries a signed token (automations cannot sign in).
    "logbook:upload_by_link": Rule(
        "public", lambda w: {"token": "not-a-real-token"}, csrf_exempt=True
    ),
    "logbook:upload_by_link_named": Rule(
        "public", lambda w: {"token": "not-a-real-token", "filename": "run.fit"}, csrf_exempt=True
    ),
    # The invitation and unsubscribe links carry a signed token; a forged one shows an error.
    "coaching:invitation": Rule("public", lambda w: {"token": "not-a-real-token"}),
    "coaching:end": Rule("signed_in"),
    "coaching:plan": Rule("signed_in"),
    "coaching:plan_edit": Rule("owner", lambda w: {"pk": w.planned.pk}),
    "coaching:plan_delete": Rule("owner", lambda w: {"pk": w.planned.pk}),
    "coaching:plan_match": Rule("owner", lambda w: {"pk": w.planned.pk}),
    "coaching:plan_log": Rule("owner", lambda w: {"pk": w.planned.pk}),
    "coaching:plan_copy_week": Rule("signed_in"),
    "coaching:plan_feed_reset": Rule("signed_in"),
    # The calendar link carries a signed token (calendar apps cannot sign in).
    "coaching:plan_feed": Rule("public", lambda w: {"token": "not-a-real-token"}),
    "notifications:preferences": Rule("signed_in"),
    "notifications:unsubscribe": Rule(
        "public", lambda w: {"token": "not-a-real-token"}, csrf_exempt=True
    ),
}

# (URL key, role) pairs that do not hold yet, each with the reason; remove a line once fixed.
KNOWN_GAPS: dict[tuple[str, str], str] = {}
