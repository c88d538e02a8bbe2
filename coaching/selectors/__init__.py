"""What a coach reads, one topic a module: who a coach may see and what they read about
one athlete (athletes), the athlete list's figures and attention order (attention), a
runner's plan with its statuses (plans) and the plan check's findings (plan_checks).

The names below are the door for the rest of the project (`selectors.plan_weeks(...)`);
inside this package, modules import from each other directly."""

from coaching.selectors.athletes import (
    DASHBOARD_NOTES,
    ProgressionStatus,
    athlete_admin_url,
    athlete_progression,
    athletes_for,
    notes_for_athlete,
    open_invitations_for,
)
from coaching.selectors.attention import (
    ATTENTION_ORDERING,
    NO_WARNING_RANK,
    OPEN_WARNING_DAYS,
    PAIN_DAYS,
    QUIET_DAYS,
    ListWindows,
    acwr,
    athlete_list,
    change_pct,
)
from coaching.selectors.plan_checks import PlanCheck, plan_check_for, plan_check_of
from coaching.selectors.plans import (
    PLAN_STATUS_CLASSES,
    PlannedItem,
    PlanWeek,
    match_day,
    plan_all,
    plan_compliance_for,
    plan_status_labels,
    plan_today,
    plan_upcoming,
    plan_weeks,
    planned_for,
)

__all__ = [
    "ATTENTION_ORDERING",
    "DASHBOARD_NOTES",
    "NO_WARNING_RANK",
    "OPEN_WARNING_DAYS",
    "PAIN_DAYS",
    "PLAN_STATUS_CLASSES",
    "QUIET_DAYS",
    "ListWindows",
    "PlanCheck",
    "PlanWeek",
    "PlannedItem",
    "ProgressionStatus",
    "acwr",
    "athlete_admin_url",
    "athlete_list",
    "athlete_progression",
    "athletes_for",
    "change_pct",
    "match_day",
    "notes_for_athlete",
    "open_invitations_for",
    "plan_all",
    "plan_check_for",
    "plan_check_of",
    "plan_compliance_for",
    "plan_status_labels",
    "plan_today",
    "plan_upcoming",
    "plan_weeks",
    "planned_for",
]
