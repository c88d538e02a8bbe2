from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications import services
from notifications.models import OutboxEmail
from notifications.preference_admin import user_admin_add_email_choices


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin[OutboxEmail]):
    """What the outbox owes, sent and failed; for superusers only (it names every user)."""

    list_display = [
        "kind",
        "recipient",
        "to_address",
        "subject_key",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["recipient__email", "to_address", "subject_key"]
    list_select_related = ["recipient__profile"]
    # Not the content kept for a queued account e-mail: it holds a one-time link.
    readonly_fields = [f.name for f in OutboxEmail._meta.fields if f.name != "content"]
    ordering = ["-created_at"]
    actions = ["outbox_resend"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutboxEmail]:
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.none()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description=_("Send again"), permissions=["resend"])
    def outbox_resend(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> None:
        failed = queryset.filter(status=OutboxEmail.Status.FAILED)
        count = services.outbox_resend(
            ids=list(failed.values_list("pk", flat=True)), now=timezone.now()
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent again within minutes.",
                "%(count)d e-mails will be sent again within minutes.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
        if count < queryset.count():
            self.message_user(
                request, _("Only failed e-mails are sent again; the others were left as they are.")
            )


# The e-mail choices on the user admin's page (notifications/preference_admin.py).
user_admin_add_email_choices()
