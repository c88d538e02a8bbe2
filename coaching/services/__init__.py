"""Writes of the coaching app, one function per use case, a module per concern:
athletes (notes, hip level, messages, ending the link), invitations, planned sessions and
the calendar feed. Callers import them from here."""

from coaching.services.athletes import (
    coaching_end,
    hip_level_set,
    message_send,
    note_add,
    warnings_acknowledge,
)
from coaching.services.calendar_feed import plan_feed_athlete, plan_feed_reset, plan_feed_token
from coaching.services.invitations import (
    InvitationError,
    OtherAddressError,
    SelfInvitationError,
    invitation_accept,
    invitation_decline,
    invitation_from_token,
    invitation_is_for,
    invitation_send,
    invitation_token,
    invitations_erase,
    invitations_withdraw,
)
from coaching.services.planned_sessions import (
    PAST_DAY_START_HOUR,
    PlanImportError,
    PlanValues,
    plan_import,
    plan_match_set,
    plan_session_delete,
    plan_session_log_as_planned,
    plan_session_save,
    plan_week_copy,
)

__all__ = [
    "PAST_DAY_START_HOUR",
    "InvitationError",
    "OtherAddressError",
    "PlanImportError",
    "PlanValues",
    "SelfInvitationError",
    "coaching_end",
    "hip_level_set",
    "invitation_accept",
    "invitation_decline",
    "invitation_from_token",
    "invitation_is_for",
    "invitation_send",
    "invitation_token",
    "invitations_erase",
    "invitations_withdraw",
    "message_send",
    "note_add",
    "plan_feed_athlete",
    "plan_feed_reset",
    "plan_feed_token",
    "plan_import",
    "plan_match_set",
    "plan_session_delete",
    "plan_session_log_as_planned",
    "plan_session_save",
    "plan_week_copy",
    "warnings_acknowledge",
]
