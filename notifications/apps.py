from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("E-mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The e-mail kinds register themselves with the outbox.
        from accounts.erasure import eraser_register
        from accounts.mail_queue import account_email_queue_register
        from accounts.settings_page import SettingsField, settings_field_register
        from logbook.alarms import alarms_due_listen
        from logbook.export import profile_field_register, table_register
        from notifications import emails  # noqa: F401
        from notifications.account_emails import account_email_queue
        from notifications.export import EXPORT_TABLES
        from notifications.forms import weekly_reminder_field
        from notifications.personal import emails_erase
        from notifications.services import REMINDER, preference_set, preferences_of
        from notifications.tasks import sweep_without_beat

        alarms_due_listen(sweep_without_beat)
        # allauth's e-mails (sign-up, password reset, notices) go through the outbox too.
        account_email_queue_register(account_email_queue)
        # A deleted account's e-mails go, those to its addresses alone too.
        eraser_register(emails_erase)
        # Their e-mail choices and the e-mails to them join the runner's data export.
        for table in EXPORT_TABLES:
            table_register(table)
        # The export's profile shows the weekly e-mail's choice from its one home here.
        profile_field_register(
            "weekly_reminder", lambda user: preferences_of(user=user).get(REMINDER)
        )
        # The settings page shows and saves the same choice, among the profile's fields.
        settings_field_register(
            SettingsField(
                name="weekly_reminder",
                field=weekly_reminder_field,
                read=lambda user: preferences_of(user=user)[REMINDER],
                write=lambda user, on: preference_set(user=user, kind=REMINDER, enabled=on),
            )
        )
