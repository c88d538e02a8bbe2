"""The athlete list and the athlete page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import cache
from django.db.models import F, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from coaching import plans, selectors, services
from coaching.admin import plans as plans_admin
from coaching.admin.common import (
    RIGHTS_CACHE_S,
    display_name,
    request_coach,
    today_of,
    warning_title,
)
from coaching.admin.filters import (
    ComplianceFilter,
    HipLevelFilter,
    OpenWarningsFilter,
    PainFilter,
    QuietFilter,
)
from coaching.admin.inlines import (
    AthleteForm,
    HipLevelChangeInline,
    MessageForm,
    NewNoteInline,
    NoteInline,
    SessionInline,
    WarningInline,
)
from coaching.models import (
    Athlete,
    AthleteWarning,
    CoachNote,
)
from logbook import load
from logbook.dashboard import dashboard_build
from logbook.fitness import fitness_build
from logbook.page_cache import cached_response
from logbook.versions import version_key
from notifications.services import reminder_on


@admin.register(Athlete)
class AthleteAdmin(admin.ModelAdmin[Athlete]):
    open_to_staff = True  # a coach's page (runningcoach/admin_site.py)
    form = AthleteForm
    change_form_template = "coaching/admin/athlete_change_form.html"
    # What needs attention first, so that it stays in view on a phone.
    list_display = [
        "name",
        "warnings",
        "pain_14d",
        "days_quiet",
        "last_session",
        "run_km_this_week",
        "load_this_week",
        "acwr",
        "hip",
        "compliance",
        "reminder",
    ]
    list_display_links = ["name"]
    list_filter = [OpenWarningsFilter, PainFilter, QuietFilter, HipLevelFilter, ComplianceFilter]
    search_fields = ["email", "profile__display_name"]
    list_per_page = 100
    list_max_show_all = 1000  # a coach may read the whole squad on one page
    show_full_result_count = False
    actions = ["send_message"]
    inlines = [WarningInline, NewNoteInline, NoteInline, SessionInline, HipLevelChangeInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "email",
                    "display_name",
                    "time_zone",
                    "coach_name",
                    "reminder",
                    "health_consent",
                    "hip_level",
                ]
            },
        )
    ]
    readonly_fields = [
        "email",
        "display_name",
        "time_zone",
        "coach_name",
        "reminder",
        "health_consent",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Athlete]:
        coach = request_coach(request)
        windows = selectors.ListWindows.for_day(today_of(coach), coach.profile.tz)
        scoped = selectors.athletes_for(coach=coach)
        athletes = Athlete.objects.filter(pk__in=scoped.values("pk"))
        listed = selectors.athlete_list(athletes, windows=windows)
        # The weekly e-mail's switch, from where the sender reads it.
        return listed.annotate(weekly_email_on=reminder_on())  # type: ignore[return-value]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {"title": _("Your athletes, who needs attention first"), **(extra_context or {})}
        coach = request_coach(request)
        # Kept whole in the cache while none of the coach's athletes changed (any write to
        # an athlete's data raises their version and their coach's, logbook/versions.py);
        # a superuser's list of everyone is not. The coach's rights are checked on every
        # request, from the cache too (_list_rights).
        parts = None
        if not coach.is_superuser:
            may_view, may_change = self._list_rights(request, coach)
            if may_view:
                parts = (coach.data_version, today_of(coach), may_change)
        return cached_response(  # type: ignore[return-value]
            request,
            name="coaching.athlete_list",
            parts=parts,
            render=lambda: super(AthleteAdmin, self).changelist_view(request, context),
        )

    def _list_rights(self, request: HttpRequest, coach: User) -> tuple[bool, bool]:
        """(may see the list, may change athletes): Django's two permission queries, kept
        per version of the coach, which a change of their rights or groups in the admin
        raises (accounts/admin.py), and for a minute at most (a change made elsewhere)."""
        key = version_key("rights", coach.pk, coach.data_version, coach.is_active, coach.is_staff)
        found = cache.get(key)
        if found is None:
            found = (
                self.has_view_or_change_permission(request),
                self.has_change_permission(request),
            )
            cache.set(key, found, RIGHTS_CACHE_S)
        return bool(found[0]), bool(found[1])

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        # DOMAIN.md section 2's attention order, then whoever has been quiet longest.
        return ["attention_rank", F("last_session_at").asc(nulls_first=True), "pk"]

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        changelist = super().get_changelist_instance(request)
        # Last full week's plan compliance of the rows shown, from the plan's own selector
        # (three queries for the page, whatever the number of athletes and plans).
        rows = list(changelist.result_list)
        weeks = selectors.plan_compliance_for(athletes=rows, weeks_back=1)
        for row in rows:
            row.plan_compliance_pct = weeks[row.pk].compliance_pct
        return changelist

    def get_urls(self) -> list[Any]:
        return [*plans_admin.plan_urls(self), *super().get_urls()]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # athletes join through an invitation

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # an account is deleted by its owner (or a superuser, as a user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_change_permission(request, obj):
            fields.append("hip_level")
        return fields

    # Columns ---------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("name"), ordering="profile__display_name")
    def name(self, obj: Athlete) -> str:
        return display_name(obj)

    @admin.display(description=gettext_lazy("last session"), ordering="last_session_at")
    def last_session(self, obj: Any) -> str:
        if obj.last_session_at is None:
            return "-"
        return timezone.localtime(obj.last_session_at, obj.profile.tz).strftime("%Y-%m-%d")

    @admin.display(description=gettext_lazy("days since"), ordering="last_session_at")
    def days_quiet(self, obj: Any) -> str:
        if obj.last_session_at is None:
            return _("never logged")
        today = load.local_day(timezone.now(), obj.profile.tz)
        return str((today - load.local_day(obj.last_session_at, obj.profile.tz)).days)

    @admin.display(description=gettext_lazy("running km this week (change)"))
    def run_km_this_week(self, obj: Any) -> str:
        return _figure_with_change(
            obj.run_m_this_week / 1000, obj.run_m_last_week / 1000, decimals=1
        )

    @admin.display(description=gettext_lazy("load this week (change)"))
    def load_this_week(self, obj: Any) -> str:
        return _figure_with_change(obj.load_this_week, obj.load_last_week, decimals=0)

    @admin.display(description=gettext_lazy("ACWR"))
    def acwr(self, obj: Any) -> str:
        ratio = selectors.acwr(
            acute_load=obj.acute_load,
            chronic_load=obj.chronic_load,
            first_session_at=obj.first_session_at,
            chronic_weeks_active=obj.chronic_weeks_active,
            today=today_of(obj),
            tz=obj.profile.tz,
        )
        return "-" if ratio is None else number_format(ratio, decimal_pos=2)

    @admin.display(description=gettext_lazy("open warnings"), ordering="attention_rank")
    def warnings(self, obj: Any) -> str:
        if not obj.open_warning_count:
            return "0"
        first = warning_title(obj.first_warning_rule, obj.first_warning_severity)
        return f"{obj.open_warning_count}: {first}"

    @admin.display(description=gettext_lazy("highest pain, 14 days"), ordering="max_pain_14d")
    def pain_14d(self, obj: Any) -> str:
        if obj.max_pain_14d is None and not obj.sharp_pain_14d:
            return "-"
        text = f"{obj.max_pain_14d if obj.max_pain_14d is not None else '-'}/10"
        return f"{text}, {_('sharp')}" if obj.sharp_pain_14d else text

    @admin.display(
        description=gettext_lazy("hip level (sessions this week)"), ordering="profile__hip_level"
    )
    def hip(self, obj: Any) -> str:
        return f"{obj.profile.hip_level} ({obj.hip_sessions_this_week})"

    @admin.display(description=gettext_lazy("plan done last week"))
    def compliance(self, obj: Any) -> str:
        pct = getattr(obj, "plan_compliance_pct", None)
        return "-" if pct is None else f"{pct} %"

    @admin.display(description=gettext_lazy("weekly e-mail"), boolean=True)
    def reminder(self, obj: Athlete) -> bool:
        return bool(getattr(obj, "weekly_email_on", False))

    # Fields of the athlete page ---------------------------------------------------------

    @admin.display(description=gettext_lazy("display name"))
    def display_name(self, obj: Athlete) -> str:
        return obj.profile.display_name

    @admin.display(description=gettext_lazy("time zone"))
    def time_zone(self, obj: Athlete) -> str:
        return obj.profile.time_zone

    @admin.display(description=gettext_lazy("coach"))
    def coach_name(self, obj: Athlete) -> str:
        coach = obj.profile.coach
        return display_name(coach) if coach is not None else "-"

    @admin.display(description=gettext_lazy("stores pain scores (consent)"), boolean=True)
    def health_consent(self, obj: Athlete) -> bool:
        return obj.profile.has_health_consent

    @admin.display(description=gettext_lazy("Hip level"))
    def hip_level(self, obj: Athlete) -> str:
        return str(obj.profile.get_hip_level_display())

    # The page and its saves ------------------------------------------------------------

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        context = dict(extra_context or {})
        athlete = self.get_object(request, object_id)
        if athlete is not None:
            figures = dashboard_build(athlete=athlete, now=timezone.now())
            context["chart_data"] = figures.load_chart.as_json()
            context["figures"] = figures
            context["progression"] = selectors.athlete_progression(
                athlete=athlete, today=figures.today
            )
            context["fitness"] = fitness_build(athlete=athlete, today=figures.today)
            if plans_admin.may_view_plan(request):
                context["plan_url"] = reverse("admin:coaching_athlete_plan", args=[athlete.pk])
                (context["plan_week"],) = selectors.plan_weeks(
                    athlete=athlete, first_monday=plans.week_monday(figures.today)
                )
                checks = selectors.plan_check_for(athlete=athlete, today=figures.today)
                selectors.plan_check_remember(request, athlete=athlete, checks=checks)
                context["plan_checks"] = list(checks.values())
        return super().change_view(request, object_id, form_url, context)

    def save_model(self, request: HttpRequest, obj: Athlete, form: Any, change: bool) -> None:
        # The account itself is never saved from here: only the hip level, through its service.
        if "hip_level" in form.cleaned_data and self.has_change_permission(request, obj):
            services.hip_level_set(
                athlete=obj,
                level=form.cleaned_data["hip_level"],
                set_by=request_coach(request),
                now=timezone.now(),
            )

    def save_formset(
        self,
        request: HttpRequest,
        form: Any,
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        athlete = form.instance
        # Only what a coach may do is saved, through the services; the lists below are what
        # the admin's history records.
        new: list[Any] = []
        changed: list[Any] = []
        if formset.model is CoachNote:
            for note_form in formset.forms:
                text = (note_form.cleaned_data or {}).get("text", "").strip()
                if text and note_form.instance._state.adding:
                    new.append(
                        services.note_add(
                            athlete=athlete,
                            author=request_coach(request),
                            text=text,
                            now=timezone.now(),
                        )
                    )
        elif formset.model is AthleteWarning:
            ticked = [
                f.instance
                for f in formset.forms
                if (f.cleaned_data or {}).get("acknowledge")
                and f.instance.pk is not None
                and f.instance.athlete_id == athlete.pk
                and f.instance.acknowledged_at is None
            ]
            services.warnings_acknowledge(warnings=ticked)
            changed = [(warning, ["acknowledged_at"]) for warning in ticked]
        formset.new_objects = new
        formset.changed_objects = changed
        formset.deleted_objects = []

    # Actions ----------------------------------------------------------------------------

    @admin.action(description=gettext_lazy("E-mail the selected athletes a short message"))
    def send_message(
        self, request: HttpRequest, queryset: QuerySet[Athlete]
    ) -> HttpResponse | None:
        athlete_ids = list(queryset.values_list("pk", flat=True))
        form = MessageForm(request.POST if "send" in request.POST else None)
        if form.is_bound and form.is_valid():
            sent = services.message_send(
                coach=request_coach(request),
                athletes=User.objects.filter(pk__in=athlete_ids),
                text=form.cleaned_data["text"],
            )
            self.message_user(
                request,
                ngettext(
                    "Message queued for %(count)d athlete: it goes out within a few minutes.",
                    "Message queued for %(count)d athletes: they go out within a few minutes.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("E-mail the selected athletes"),
            "opts": self.opts,
            "form": form,
            "athletes": User.objects.filter(pk__in=athlete_ids).select_related("profile"),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "coaching/admin/message.html", context)


def _figure_with_change(this: float, previous: float, *, decimals: int) -> str:
    figure = number_format(this, decimal_pos=decimals)
    change = selectors.change_pct(this, previous)
    if change is None:
        return figure
    sign = "+" if change > 0 else ""
    return f"{figure} ({sign}{number_format(change, decimal_pos=0)} %)"


# Warnings, to acknowledge several at once --------------------------------------------
