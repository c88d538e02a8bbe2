from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("E-mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The e-mail kinds register themselves with the outbox.
        from logbook.alarms import alarms_due_listen
        from logbook.export import table_register
        from notifications import emails  # noqa: F401
        from notifications.export import EXPORT_TABLES
        from notifications.tasks import sweep_without_beat

        alarms_due_listen(sweep_without_beat)
        # Their e-mail choices and the e-mails to them join the runner's data export.
        for table in EXPORT_TABLES:
            table_register(table)
