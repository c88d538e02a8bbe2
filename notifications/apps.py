from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("E-mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The e-mail kinds register themselves with the outbox.
        from logbook.alarms import alarms_due_listen
        from logbook.export import profile_field_register, table_register
        from notifications import emails  # noqa: F401
        from notifications.export import EXPORT_TABLES
        from notifications.services import REMINDER, preferences_of
        from notifications.tasks import sweep_without_beat

        alarms_due_listen(sweep_without_beat)
        # Their e-mail choices and the e-mails to them join the runner's data export.
        for table in EXPORT_TABLES:
            table_register(table)
        # The export's profile shows the weekly e-mail's choice from its one home here.
        profile_field_register(
            "weekly_reminder", lambda user: preferences_of(user=user).get(REMINDER)
        )
