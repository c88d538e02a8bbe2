from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Coaching")

    def ready(self) -> None:
        # The coach's message and the weekly digest register their e-mail kinds.
        from accounts.erasure import eraser_register
        from accounts.hip_levels import history_keeper_register
        from coaching import digest, emails  # noqa: F401
        from coaching.export import EXPORT_TABLES
        from coaching.hip_levels import HipLevelHistory
        from coaching.plan_marks import dashboard_part
        from coaching.reminder import REMINDER_PART
        from coaching.services import invitations_erase
        from coaching.views import PENDING_SESSION_KEY
        from logbook.dashboard import dashboard_part_register
        from logbook.export import table_register
        from logbook.page_cache import uncached_while_in_session
        from notifications.reminder_parts import reminder_part_register
        from runningcoach.slots import slot_register

        # The planned sessions, notes, hip-level history and invitations join the runner's
        # data export (logbook never imports coaching).
        for table in EXPORT_TABLES:
            table_register(table)
        # A deleted account's address leaves every coach's invitations.
        eraser_register(invitations_erase)
        # Every change of a hip level is recorded here, whoever makes it; the hip gate
        # reads it (accounts never imports coaching).
        history_keeper_register(HipLevelHistory())
        # The dashboard shows an invitation opened in this browser, whatever its state.
        uncached_while_in_session(PENDING_SESSION_KEY)
        # The plan of this week and the coach's notes on the dashboard, read by its view.
        dashboard_part_register(dashboard_part)
        # The coach's newest note and the week ahead's plan in the runner's weekly e-mail.
        reminder_part_register(REMINDER_PART)
        # Where the runner's pages leave room for the plan, the notes and the coach.
        slot_register("logbook.dashboard.plan", "coaching/_dashboard_plan.html")
        slot_register("logbook.dashboard.notes", "coaching/_dashboard_notes.html")
        slot_register("logbook.week.plan", "coaching/_week_plan.html")
        slot_register("accounts.settings.coach", "coaching/_settings_coach.html")
