"""Who a coach may see, and what they read about one athlete: the link to their admin
page, their progression status, the notes they see, the invitations waiting for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from coaching.models import INVITATION_VALID_DAYS, CoachNote, Invitation
from exercises import progressions
from logbook import dashboard
from logbook import selectors as logbook_selectors

DASHBOARD_NOTES = 5


def athlete_admin_url(athlete: User) -> str:
    """The athlete's page in the coach's admin (a path; e-mails prefix the site URL)."""
    return reverse("admin:coaching_athlete_change", args=[athlete.pk])


def athletes_for(*, coach: User) -> QuerySet[User]:
    """The athletes a coach may see: their own, or everyone for a superuser."""
    athletes = User.objects.all()
    if coach.is_superuser:
        return athletes
    if not (coach.is_active and coach.is_staff):
        return athletes.none()
    return athletes.filter(profile__coach=coach)


@dataclass(frozen=True)
class ProgressionStatus:
    title: str
    suggestion: progressions.Suggestion


def _progression_titles() -> dict[str, str]:
    return {
        progressions.HIP: _("Hip programme"),
        progressions.RETRO_WALK: _("Retro walking"),
        progressions.RETRO_RUN: _("Retro running"),
        progressions.TRAIL: _("Trail running"),
        progressions.LONG_RUN: _("Long run"),
    }


def athlete_progression(
    *, athlete: User, today: date, figures: dashboard.Dashboard | None = None
) -> list[ProgressionStatus]:
    """Where the athlete stands in each progression: the weekly reminder's next steps
    (logbook.selectors.next_steps, DOMAIN.md section 3), as the coach sees them; from the
    dashboard's figures when the page has them (the same read of the recent weeks)."""
    if figures is not None:
        steps = [
            *figures.next_steps,
            progressions.long_run_suggestion(
                figures.longest_run_30d_m,
                base_m=figures.long_run_base_m,
                cap_m=figures.next_long_run_cap_m,
            ),
        ]
    else:
        recent = logbook_selectors.recent_training_for(athletes=[athlete], today=today)
        steps = [*logbook_selectors.steps_from(recent[athlete.pk]), recent[athlete.pk].long_run()]
    titles = _progression_titles()
    return [ProgressionStatus(titles[s.progression], s) for s in steps]


def notes_for_athlete(*, athlete: User, limit: int = DASHBOARD_NOTES) -> list[CoachNote]:
    """The newest notes the athlete's coaches wrote, with their authors."""
    return list(CoachNote.objects.filter(athlete=athlete).select_related("author__profile")[:limit])


def open_invitations_for(*, user: User, now: datetime) -> list[Invitation]:
    """Invitations not yet answered or expired, to any verified address of the user."""
    addresses = {user.email.lower()}
    addresses |= {
        e.lower()
        for e in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
    matching = Q()
    for address in addresses:
        matching |= Q(email__iexact=address)
    return list(
        Invitation.objects.filter(
            matching,
            accepted_at__isnull=True,
            declined_at__isnull=True,
            created_at__gt=now - timedelta(days=INVITATION_VALID_DAYS),
        )
        .exclude(coach=user)
        .select_related("coach__profile")
    )
