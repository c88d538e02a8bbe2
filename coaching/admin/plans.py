"""The coach's plan calendar for one athlete in the admin: a week (or four at a glance) as
a grid of days, each with its planned sessions beside what was done. A day's plan is added
or changed in place, one small form per day and per planned session; a planned session is
removed with its own button; a week is copied forward; a plan file is uploaded.

Reached from the athlete page, so the athlete is found through AthleteAdmin.get_object:
another coach's athlete is "not found" exactly as on the athlete page. A planned session in
a URL is looked up among that athlete's planned sessions only, so no URL reaches anyone
else's plan. Every write goes through coaching.services."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from accounts.models import User
from coaching import plan_calendar, plans, selectors, services
from coaching.admin.plan_forms import (
    Catalogue,
    CellPlanForm,
    UploadForm,
    add_prefix,
    change_prefix,
)
from coaching.models import PlannedSession
from coaching.plan_views import week_copied_message, week_monday_from
from logbook import load
from logbook.forms import date_in_range

if TYPE_CHECKING:
    from coaching.admin.athletes import AthleteAdmin

PLAN_PERMISSIONS = ("add", "change", "delete")
FOUR_WEEKS = 4
# A form the coach sent back with errors: ("add", day) or ("change", planned id).
BoundKey = tuple[str, date | int]


def _perm(request: HttpRequest, action: str) -> bool:
    return request.user.has_perm(f"coaching.{action}_plannedsession")


def may_view_plan(request: HttpRequest) -> bool:
    return _perm(request, "view") or may_plan(request)


def may_plan(request: HttpRequest) -> bool:
    return all(_perm(request, action) for action in PLAN_PERMISSIONS)


def _tell_plan_check(request: HttpRequest, athlete: User, saved: list[PlannedSession]) -> None:
    """When a plan is saved, say at once whether the load rules flag any of it."""
    checks = selectors.plan_check_for(athlete=athlete)
    flagged = [p for p in saved if p.pk in checks]
    if flagged:
        messages.warning(
            request,
            ngettext(
                "The plan check marks %(n)d of these planned sessions: run as planned, a "
                "load rule would fire on it. See the mark for the rule, the numbers and the "
                "advice.",
                "The plan check marks %(n)d of these planned sessions: run as planned, a "
                "load rule would fire on each. See the marks for the rules, the numbers and "
                "the advice.",
                len(flagged),
            )
            % {"n": len(flagged)},
        )


def _coach(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _what(planned: PlannedSession) -> dict[str, str]:
    return {
        "kind": planned.get_kind_display(),
        "day": formats.date_format(planned.day, "DATE_FORMAT"),
    }


class PlanAdminViews:
    """The plan pages of AthleteAdmin (registered in its get_urls)."""

    def __init__(self, model_admin: AthleteAdmin) -> None:
        self.model_admin = model_admin

    def _athlete(self, request: HttpRequest, object_id: str) -> User:
        if not may_view_plan(request):
            raise PermissionDenied
        athlete = self.model_admin.get_object(request, object_id)
        if athlete is None:
            raise Http404(_("No such athlete."))
        return athlete

    def _planning(self, request: HttpRequest, object_id: str) -> tuple[User, date]:
        """(athlete, their today) for a POST that changes the plan: the coach's own
        athlete, with the rights to plan."""
        athlete = self._athlete(request, object_id)
        if not may_plan(request):
            raise PermissionDenied
        return athlete, load.local_day(timezone.now(), athlete.profile.tz)

    def url(self, athlete: User, monday: date | None = None, name: str = "plan") -> str:
        url = reverse(f"admin:coaching_athlete_{name}", args=[athlete.pk])
        return url if monday is None else f"{url}?week={monday.isoformat()}"

    def _day_url(self, athlete: User, day: date) -> str:
        return f"{self.url(athlete, plans.week_monday(day))}#day-{day.isoformat()}"

    @method_decorator(require_safe)
    def plan(self, request: HttpRequest, object_id: str) -> HttpResponse:
        athlete = self._athlete(request, object_id)
        today = load.local_day(timezone.now(), athlete.profile.tz)
        monday = week_monday_from(request, today)
        weeks = FOUR_WEEKS if request.GET.get("view") == "4w" else 1
        return self._page(request, athlete, monday, today, weeks=weeks)

    @method_decorator(require_POST)
    def add(self, request: HttpRequest, object_id: str, day: str) -> HttpResponse:
        athlete, today = self._planning(request, object_id)
        try:
            on = date.fromisoformat(day)
        except ValueError:
            raise Http404(_("No such day.")) from None
        if not date_in_range(on, today=today):
            raise Http404(_("No week of training lies that far away."))
        form = CellPlanForm(request.POST, prefix=add_prefix(on), catalogue=Catalogue(), day=on)
        if not form.is_valid():
            monday = plans.week_monday(on)
            return self._page(request, athlete, monday, today, bound={("add", on): form})
        saved = services.plan_session_save(
            athlete=athlete, values=form.plan_values(), planned_by=_coach(request)
        )
        messages.success(request, _("Planned: %(kind)s on %(day)s.") % _what(saved))
        _tell_plan_check(request, athlete, [saved])
        return HttpResponseRedirect(self._day_url(athlete, saved.day))

    def _planned(self, athlete: User, planned_id: int) -> PlannedSession:
        return get_object_or_404(
            selectors.planned_for(athlete=athlete).prefetch_related("exercises"), pk=planned_id
        )

    @method_decorator(require_POST)
    def change(self, request: HttpRequest, object_id: str, planned_id: int) -> HttpResponse:
        athlete, today = self._planning(request, object_id)
        planned = self._planned(athlete, planned_id)
        form = CellPlanForm(request.POST, prefix=change_prefix(planned.pk), catalogue=Catalogue())
        if not form.is_valid():
            monday = plans.week_monday(planned.day)
            return self._page(request, athlete, monday, today, bound={("change", planned.pk): form})
        saved = services.plan_session_save(
            athlete=athlete,
            values=form.plan_values(),
            planned_by=planned.planned_by,
            planned=planned,
        )
        messages.success(request, _("Saved: %(kind)s on %(day)s.") % _what(saved))
        _tell_plan_check(request, athlete, [saved])
        return HttpResponseRedirect(self._day_url(athlete, saved.day))

    @method_decorator(require_POST)
    def delete(self, request: HttpRequest, object_id: str, planned_id: int) -> HttpResponse:
        athlete, _today = self._planning(request, object_id)
        planned = self._planned(athlete, planned_id)
        what, day = _what(planned), planned.day
        services.plan_session_delete(planned=planned)
        messages.success(request, _("Removed: %(kind)s on %(day)s.") % what)
        return HttpResponseRedirect(self._day_url(athlete, day))

    @method_decorator(require_POST)
    def copy(self, request: HttpRequest, object_id: str) -> HttpResponse:
        athlete, today = self._planning(request, object_id)
        monday = week_monday_from(request, today)
        copies = services.plan_week_copy(
            athlete=athlete, week_start=monday, planned_by=_coach(request)
        )
        week_copied_message(request, copies)
        return HttpResponseRedirect(self.url(athlete, monday + timedelta(days=7)))

    @method_decorator(require_POST)
    def upload(self, request: HttpRequest, object_id: str) -> HttpResponse:
        athlete, today = self._planning(request, object_id)
        monday = week_monday_from(request, today)
        upload = UploadForm(request.POST, request.FILES)
        errors: list[str] = []
        if upload.is_valid():
            try:
                created = services.plan_import(
                    athlete=athlete,
                    content=upload.cleaned_data["file"].read(),
                    planned_by=_coach(request),
                )
            except services.PlanImportError as error:
                errors = [str(e) for e in error.errors]
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d planned session imported.",
                        "%(n)d planned sessions imported.",
                        len(created),
                    )
                    % {"n": len(created)},
                )
                _tell_plan_check(request, athlete, created)
                first = min((p.day for p in created), default=monday)
                return HttpResponseRedirect(self.url(athlete, plans.week_monday(first)))
        return self._page(request, athlete, monday, today, upload=upload, import_errors=errors)

    def _forms(
        self, calendar: plan_calendar.PlanCalendar, bound: Mapping[BoundKey, CellPlanForm]
    ) -> tuple[dict[date, CellPlanForm], dict[int, CellPlanForm]]:
        """A form to add to each day of the week and one per planned session, or the one
        sent back with its errors."""
        catalogue = Catalogue()
        add_forms: dict[date, CellPlanForm] = {}
        change_forms: dict[int, CellPlanForm] = {}
        for day in calendar.weeks[0].days:
            add_forms[day.day] = bound.get(("add", day.day)) or CellPlanForm(
                prefix=add_prefix(day.day), catalogue=catalogue, day=day.day
            )
            for entry in day.entries:
                pk = entry.planned.pk
                change_forms[pk] = bound.get(("change", pk)) or CellPlanForm(
                    prefix=change_prefix(pk),
                    catalogue=catalogue,
                    initial=CellPlanForm.initial_of(entry.planned),
                )
        return add_forms, change_forms

    def _page(
        self,
        request: HttpRequest,
        athlete: User,
        monday: date,
        today: date,
        *,
        weeks: int = 1,
        bound: Mapping[BoundKey, CellPlanForm] | None = None,
        upload: UploadForm | None = None,
        import_errors: list[str] | None = None,
    ) -> HttpResponse:
        calendar = plan_calendar.plan_calendar(
            athlete=athlete, first_monday=monday, weeks=weeks, today=today
        )
        editing = may_plan(request) and weeks == 1
        add_forms, change_forms = self._forms(calendar, bound or {}) if editing else ({}, {})
        step = timedelta(days=7 * weeks)
        view = "4w" if weeks == FOUR_WEEKS else ""
        context = {
            **self.model_admin.admin_site.each_context(request),
            # The grid needs the page's whole width: the admin's side menu stays closed here.
            "is_nav_sidebar_enabled": False,
            "title": _("Plan for %(name)s")
            % {"name": athlete.profile.display_name or athlete.email},
            "subtitle": None,
            "opts": self.model_admin.model._meta,
            "original": athlete,
            "athlete": athlete,
            "calendar": calendar,
            "week": calendar.weeks[0],
            "last_sunday": calendar.weeks[-1].sunday,
            "four_weeks": weeks == FOUR_WEEKS,
            "view_param": f"&view={view}" if view else "",
            "previous": monday - step,
            "next": monday + step,
            "add_forms": add_forms,
            "change_forms": change_forms,
            "upload": upload or UploadForm(),
            "import_errors": import_errors or [],
            "may_plan": may_plan(request),
            "plan_url": self.url(athlete),
            "copy_url": self.url(athlete, monday, name="plan_copy"),
            "upload_url": self.url(athlete, monday, name="plan_upload"),
            "athlete_url": reverse("admin:coaching_athlete_change", args=[athlete.pk]),
            "plan_checks": list(calendar.checks.values()),
        }
        sent_back = bool(bound) or upload is not None
        return TemplateResponse(
            request, "coaching/admin/plan.html", context, status=400 if sent_back else 200
        )


def plan_urls(model_admin: AthleteAdmin) -> list[Any]:
    views = PlanAdminViews(model_admin)
    wrap = model_admin.admin_site.admin_view
    prefix = "<path:object_id>/plan/"
    return [
        path(prefix, wrap(views.plan), name="coaching_athlete_plan"),
        path(f"{prefix}copy/", wrap(views.copy), name="coaching_athlete_plan_copy"),
        path(f"{prefix}upload/", wrap(views.upload), name="coaching_athlete_plan_upload"),
        path(f"{prefix}day/<str:day>/add/", wrap(views.add), name="coaching_athlete_plan_add"),
        path(
            f"{prefix}<int:planned_id>/change/",
            wrap(views.change),
            name="coaching_athlete_plan_change",
        ),
        path(
            f"{prefix}<int:planned_id>/delete/",
            wrap(views.delete),
            name="coaching_athlete_plan_delete",
        ),
    ]
