"""Warnings, to acknowledge several at once."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from coaching import selectors, services
from coaching.admin.common import display_name, request_coach
from coaching.models import (
    AthleteWarning,
)
from runningcoach.parsing import small_int


class WarningAthleteFilter(admin.SimpleListFilter):
    """The athlete filter lists the coach's own athletes only."""

    title = gettext_lazy("athlete")
    parameter_name = "athlete"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        athletes = selectors.athletes_for(coach=request_coach(request)).select_related("profile")
        return [
            (str(a.pk), display_name(a)) for a in athletes.order_by("profile__display_name", "pk")
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        athlete_id = small_int(self.value())
        return queryset if athlete_id is None else queryset.filter(athlete_id=athlete_id)


class WarningOpenFilter(admin.SimpleListFilter):
    title = gettext_lazy("status")
    parameter_name = "open"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", _("open")), ("no", _("acknowledged"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(acknowledged_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(acknowledged_at__isnull=False)
        return queryset


@admin.register(AthleteWarning)
class AthleteWarningAdmin(admin.ModelAdmin[AthleteWarning]):
    open_to_staff = True  # a coach's page (runningcoach/admin_site.py)
    list_display = ["athlete_name", "day", "warning", "status"]
    list_filter = [WarningOpenFilter, WarningAthleteFilter]
    list_select_related = ["athlete__profile"]
    ordering = ["acknowledged_at", "risk_rank", "-day", "pk"]
    actions = ["acknowledge"]
    fields = ["athlete_name", "day", "warning", "message", "status"]
    readonly_fields = ["athlete_name", "day", "warning", "message", "status"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AthleteWarning]:
        scoped = selectors.athletes_for(coach=request_coach(request))
        return super().get_queryset(request).filter(athlete__in=scoped.values("pk"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("athlete"), ordering="athlete__profile__display_name")
    def athlete_name(self, obj: AthleteWarning) -> str:
        return display_name(obj.athlete)

    @admin.display(description=gettext_lazy("warning"), ordering="risk_rank")
    def warning(self, obj: AthleteWarning) -> str:
        return obj.view().title

    @admin.display(description=gettext_lazy("what the runner read"))
    def message(self, obj: AthleteWarning) -> str:
        return obj.view().message

    @admin.display(description=gettext_lazy("status"), ordering="acknowledged_at")
    def status(self, obj: AthleteWarning) -> str:
        return _("acknowledged") if obj.acknowledged_at else _("open")

    @admin.action(
        description=gettext_lazy("Acknowledge the selected warnings"), permissions=["change"]
    )
    def acknowledge(self, request: HttpRequest, queryset: QuerySet[AthleteWarning]) -> None:
        count = services.warnings_acknowledge(warnings=queryset)
        self.message_user(
            request,
            ngettext("%(count)d warning acknowledged.", "%(count)d warnings acknowledged.", count)
            % {"count": count},
            messages.SUCCESS,
        )


# Invitations ----------------------------------------------------------------------------
