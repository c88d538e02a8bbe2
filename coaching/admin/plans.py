"""The coach's plan for one athlete in the admin: an ISO week at a time, every planned
session of the week in one form set, the week copied forward, a plan file uploaded.

Reached from the athlete page, so the athlete is found through AthleteAdmin.get_object:
another coach's athlete is "not found" exactly as on the athlete page. The planned sessions
a form names are looked up among that athlete's planned sessions of that week only, so no
form field or URL reaches anyone else's plan. Every write goes through coaching.services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts.models import User
from coaching import plans, selectors, services
from coaching.forms import PlannedSessionForm
from coaching.models import PlannedSession
from coaching.plan_views import week_copied_message, week_monday_from
from exercises.models import Exercise, ProgressionStep
from logbook import load

if TYPE_CHECKING:
    from coaching.admin.athletes import AthleteAdmin

MAX_PER_WEEK = 40
EXTRA_FORMS = 3
PLAN_PERMISSIONS = ("add", "change", "delete")


def _perm(request: HttpRequest, action: str) -> bool:
    return request.user.has_perm(f"coaching.{action}_plannedsession")


def may_view_plan(request: HttpRequest) -> bool:
    return _perm(request, "view") or may_plan(request)


def may_plan(request: HttpRequest) -> bool:
    return all(_perm(request, action) for action in PLAN_PERMISSIONS)


class Catalogue:
    """The exercise and progression-step choices, read once for every form of the page."""

    def __init__(self) -> None:
        self.exercises: list[tuple[int, str]] = [
            (e.pk, str(e)) for e in Exercise.objects.order_by("category", "level", "order", "slug")
        ]
        self.steps: list[tuple[int, str]] = [
            (s.pk, f"{s.progression.name}: {s.title}")
            for s in ProgressionStep.objects.select_related("progression").order_by(
                "progression__category", "progression__order", "number"
            )
        ]


class WeekPlanForm(PlannedSessionForm):
    """One planned session of the week: the runner's plan form, with the day one of the
    week's seven and the catalogue as plain choices (read once per page, not per row)."""

    planned_id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, monday: date, catalogue: Catalogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = [monday + timedelta(days=n) for n in range(7)]
        self.fields["day"] = forms.TypedChoiceField(
            label=_("Day"),
            choices=[(d.isoformat(), formats.date_format(d, "l j F")) for d in days],
            coerce=date.fromisoformat,
        )
        self.fields["exercises"] = forms.TypedMultipleChoiceField(
            label=_("Exercises from the catalogue"),
            choices=catalogue.exercises,
            coerce=int,
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 4}),
        )
        self.fields["progression_step"] = forms.TypedChoiceField(
            label=_("Progression step"),
            choices=[("", "—"), *catalogue.steps],
            coerce=int,
            empty_value=None,
            required=False,
        )

    # The catalogue's fields here are choices of ids (read once per page), not querysets.
    def exercise_ids(self) -> list[int]:
        return list(self.cleaned_data.get("exercises") or [])

    def progression_step_id(self) -> int | None:
        step: int | None = self.cleaned_data.get("progression_step")
        return step

    @classmethod
    def initial_of(cls, planned: PlannedSession) -> dict[str, Any]:
        initial = PlannedSessionForm.initial_for(planned)
        initial["day"] = planned.day.isoformat()
        initial["exercises"] = [e.pk for e in planned.exercises.all()]
        initial["planned_id"] = planned.pk
        return initial


class BaseWeekFormSet(forms.BaseFormSet[WeekPlanForm]):
    def __init__(self, *args: Any, planned: dict[int, PlannedSession], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.planned = planned

    def clean(self) -> None:
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.has_changed():
                continue
            pk = form.cleaned_data.get("planned_id")
            if pk is None:
                continue
            if pk not in self.planned or pk in seen:
                raise ValidationError(
                    _("A planned session of this form is no longer in this week: reload the page.")
                )
            seen.add(pk)


WeekFormSet = cast(
    "type[BaseWeekFormSet]",
    forms.formset_factory(
        WeekPlanForm,
        formset=BaseWeekFormSet,
        extra=EXTRA_FORMS,
        can_delete=True,
        max_num=MAX_PER_WEEK,
        validate_max=True,
        absolute_max=MAX_PER_WEEK + EXTRA_FORMS,
    ),
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Plan file (CSV)"),
        help_text=gettext_lazy(
            "Columns date, kind, duration_min, distance_km, rpe, backward_min, surface, notes; "
            "a header line first. When a line is wrong, nothing of the file is saved."
        ),
    )


def _week_planned(athlete: User, monday: date) -> dict[int, PlannedSession]:
    rows = (
        selectors.planned_for(athlete=athlete)
        .filter(day__gte=monday, day__lte=monday + timedelta(days=6))
        .prefetch_related("exercises")
        .order_by("day", "pk")
    )
    return {p.pk: p for p in rows}


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

    def url(self, athlete: User, monday: date | None = None, name: str = "plan") -> str:
        url = reverse(f"admin:coaching_athlete_{name}", args=[athlete.pk])
        return url if monday is None else f"{url}?week={monday.isoformat()}"

    def _formset(
        self,
        request: HttpRequest,
        monday: date,
        planned: dict[int, PlannedSession],
        catalogue: Catalogue,
        data: Any = None,
    ) -> BaseWeekFormSet:
        initial = [WeekPlanForm.initial_of(p) for p in planned.values()]
        default_day = monday.isoformat()
        formset = WeekFormSet(
            data,
            initial=initial,
            prefix="plan",
            planned=planned,
            form_kwargs={"monday": monday, "catalogue": catalogue},
        )
        for form in formset.extra_forms:
            form.initial = {"day": default_day, "kind": "run"}
        return formset

    def plan(self, request: HttpRequest, object_id: str) -> HttpResponse:
        athlete = self._athlete(request, object_id)
        today = load.local_day(timezone.now(), athlete.profile.tz)
        monday = week_monday_from(request, today)
        planned = _week_planned(athlete, monday)
        catalogue = Catalogue()
        if request.method == "POST":
            if not may_plan(request):
                raise PermissionDenied
            formset = self._formset(request, monday, planned, catalogue, request.POST)
            if formset.is_valid():
                saved, removed = self._save(request, athlete, formset)
                if saved or removed:
                    messages.success(
                        request,
                        _("Week plan saved: %(saved)d saved, %(removed)d removed.")
                        % {"saved": len(saved), "removed": removed},
                    )
                    _tell_plan_check(request, athlete, saved)
                else:
                    messages.info(request, _("Nothing changed."))
                return HttpResponseRedirect(self.url(athlete, monday))
            return self._page(request, athlete, monday, today, formset, UploadForm(), status=400)
        formset = self._formset(request, monday, planned, catalogue)
        return self._page(request, athlete, monday, today, formset, UploadForm())

    def _save(
        self, request: HttpRequest, athlete: User, formset: BaseWeekFormSet
    ) -> tuple[list[PlannedSession], int]:
        coach = request.user if isinstance(request.user, User) else None
        saved: list[PlannedSession] = []
        removed = 0
        now = timezone.now()
        for form in formset.forms:
            if not form.has_changed():
                continue
            pk = form.cleaned_data.get("planned_id")
            existing = formset.planned.get(pk) if pk is not None else None
            if form.cleaned_data.get("DELETE"):
                if existing is not None:
                    services.plan_session_delete(planned=existing)
                    removed += 1
                continue
            planned = services.plan_session_save(
                athlete=athlete,
                values=form.plan_values(),
                planned_by=coach if existing is None else existing.planned_by,
                planned=existing,
                now=now,
            )
            saved.append(planned)
        return saved, removed

    def _page(
        self,
        request: HttpRequest,
        athlete: User,
        monday: date,
        today: date,
        formset: BaseWeekFormSet,
        upload: UploadForm,
        *,
        import_errors: list[str] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        (week,) = selectors.plan_weeks(athlete=athlete, first_monday=monday, today=today)
        items = {item.planned.pk: item for item in week.items}
        checks = selectors.plan_check_for(athlete=athlete, today=today)
        selectors.plan_check_remember(request, athlete=athlete, checks=checks)
        rows = [(form, items.get(form.initial.get("planned_id") or 0)) for form in formset.forms]
        iso = monday.isocalendar()
        opts = self.model_admin.model._meta
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": _("Plan for %(name)s")
            % {"name": athlete.profile.display_name or athlete.email},
            "subtitle": None,
            "opts": opts,
            "original": athlete,
            "athlete": athlete,
            "week": week,
            "today": today,
            "iso_week": iso.week,
            "iso_year": iso.year,
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "this_monday": plans.week_monday(today),
            "formset": formset,
            "rows": rows,
            "upload": upload,
            "import_errors": import_errors or [],
            "may_plan": may_plan(request),
            "plan_url": self.url(athlete),
            "copy_url": self.url(athlete, monday, name="plan_copy"),
            "upload_url": self.url(athlete, monday, name="plan_upload"),
            "athlete_url": reverse("admin:coaching_athlete_change", args=[athlete.pk]),
            "plan_checks": list(checks.values()),
        }
        return TemplateResponse(request, "coaching/admin/plan.html", context, status=status)

    def _planning(self, request: HttpRequest, object_id: str) -> tuple[User, date, date]:
        """(athlete, today, the week's Monday) for a POST that changes the plan: the
        coach's own athlete, with the rights to plan."""
        athlete = self._athlete(request, object_id)
        if not may_plan(request):
            raise PermissionDenied
        today = load.local_day(timezone.now(), athlete.profile.tz)
        return athlete, today, week_monday_from(request, today)

    @method_decorator(require_POST)
    def copy(self, request: HttpRequest, object_id: str) -> HttpResponse:
        athlete, _today, monday = self._planning(request, object_id)
        coach = request.user if isinstance(request.user, User) else None
        copies = services.plan_week_copy(athlete=athlete, week_start=monday, planned_by=coach)
        week_copied_message(request, copies)
        return HttpResponseRedirect(self.url(athlete, monday + timedelta(days=7)))

    @method_decorator(require_POST)
    def upload(self, request: HttpRequest, object_id: str) -> HttpResponse:
        athlete, today, monday = self._planning(request, object_id)
        upload = UploadForm(request.POST, request.FILES)
        errors: list[str] = []
        if upload.is_valid():
            coach = request.user if isinstance(request.user, User) else None
            try:
                created = services.plan_import(
                    athlete=athlete, content=upload.cleaned_data["file"].read(), planned_by=coach
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
        planned = _week_planned(athlete, monday)
        formset = self._formset(request, monday, planned, Catalogue())
        return self._page(
            request, athlete, monday, today, formset, upload, import_errors=errors, status=400
        )


def plan_urls(model_admin: AthleteAdmin) -> list[Any]:
    from django.urls import path

    views = PlanAdminViews(model_admin)
    wrap = model_admin.admin_site.admin_view
    return [
        path("<path:object_id>/plan/", wrap(views.plan), name="coaching_athlete_plan"),
        path("<path:object_id>/plan/copy/", wrap(views.copy), name="coaching_athlete_plan_copy"),
        path(
            "<path:object_id>/plan/upload/", wrap(views.upload), name="coaching_athlete_plan_upload"
        ),
    ]
