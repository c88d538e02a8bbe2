from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from notifications.models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin[OutboxEmail]):
    """What the outbox owes, sent and failed; for superusers only (it names every user)."""

    list_display = ["kind", "recipient", "subject_key", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient__email", "subject_key"]
    list_select_related = ["recipient__profile"]
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]
    ordering = ["-created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutboxEmail]:
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.none()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)
