from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("E-mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The e-mail kinds register themselves with the outbox.
        from logbook.alarms import alarms_due_listen
        from notifications import emails  # noqa: F401
        from notifications.tasks import sweep_without_beat

        alarms_due_listen(sweep_without_beat)
