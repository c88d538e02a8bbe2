"""The athlete list's filters."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AthleteProfile
from coaching import selectors, squad
from coaching.admin.common import request_coach, today_of


def _windows(request: HttpRequest) -> selectors.ListWindows:
    coach = request_coach(request)
    return selectors.ListWindows.for_day(today_of(coach), coach.profile.tz)


class _YesNoFilter(admin.SimpleListFilter):
    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", _("Yes")), ("no", _("No"))]


class OpenWarningsFilter(_YesNoFilter):
    title = gettext_lazy("open warnings")
    parameter_name = "open_warnings"

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(squad.with_open_warnings(_windows(request)))
        if self.value() == "no":
            return queryset.filter(~squad.with_open_warnings(_windows(request)))
        return queryset


class PainFilter(_YesNoFilter):
    title = gettext_lazy("pain in the last 14 days")
    parameter_name = "pain_14d"

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(squad.with_pain(_windows(request)))
        if self.value() == "no":
            return queryset.filter(~squad.with_pain(_windows(request)))
        return queryset


class QuietFilter(_YesNoFilter):
    title = gettext_lazy("quiet for 14 days")
    parameter_name = "quiet_14d"

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        windows = _windows(request)
        if self.value() == "yes":
            return queryset.filter(
                Q(last_session_at__isnull=True) | Q(last_session_at__lt=windows.quiet_before)
            )
        if self.value() == "no":
            return queryset.filter(last_session_at__gte=windows.quiet_before)
        return queryset


class HipLevelFilter(admin.SimpleListFilter):
    title = gettext_lazy("hip level")
    parameter_name = "hip_level"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in AthleteProfile.HipLevel.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in {"1", "2", "3"}:
            return queryset.filter(profile__hip_level=int(self.value() or 0))
        return queryset


class ComplianceFilter(admin.SimpleListFilter):
    """Last full week's compliance with the plan, in the bands a coach acts on."""

    title = gettext_lazy("plan compliance last week")
    parameter_name = "compliance"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("low", _("below 50 %")),
            ("mid", _("50 to 80 %")),
            ("high", _("80 % and above")),
            ("none", _("no plan")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value not in {"low", "mid", "high", "none"}:
            return queryset
        athletes = list(
            selectors.athletes_for(coach=request_coach(request))
            .select_related("profile")
            .order_by("pk")
        )
        weeks = selectors.plan_compliance_for(athletes=athletes, weeks_back=1)
        wanted = [
            pk for pk, week in weeks.items() if _compliance_band(week.compliance_pct) == value
        ]
        return queryset.filter(pk__in=wanted)


def _compliance_band(pct: int | None) -> str:
    if pct is None:
        return "none"
    return "low" if pct < 50 else "mid" if pct < 80 else "high"


# The athlete page ---------------------------------------------------------------------
