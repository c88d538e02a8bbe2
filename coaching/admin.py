"""What a coach sees: their athletes, who needs attention first, what they did and how they
progress, and nothing else.

Every page here is scoped in get_queryset to the athletes whose profile names the
logged-in coach (a superuser sees everyone), so the change, delete and history pages, the
actions and the filters act on those athletes only; another coach's athlete is "not
found". The Coaches group holds exactly the permissions these pages check (migration
0002); the user, group and permission pages stay with superusers (accounts/admin.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import cache
from django.db.models import F, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import AthleteProfile, User
from coaching import admin_plan, plans, selectors, services
from coaching.models import (
    Athlete,
    AthleteWarning,
    CoachNote,
    HipLevelChange,
    Invitation,
)
from logbook import load
from logbook.dashboard import dashboard_build
from logbook.fitness import fitness_build
from logbook.models import Session
from logbook.page_cache import cached_response
from logbook.versions import version_key

# How long a coach's rights are trusted from the cache at most (AthleteAdmin._list_rights).
RIGHTS_CACHE_S = 60


def _coach(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _today_of(user: User) -> date:
    return load.local_day(timezone.now(), user.profile.tz)


def _name(user: User) -> str:
    return user.profile.display_name or user.email


def _warning_title(rule: str, severity: str) -> str:
    return load.LoadWarning(
        rule=rule, severity=severity, day=date.min, session_id=None, numbers={}
    ).title()


# The athlete list's filters ----------------------------------------------------------


class _YesNoFilter(admin.SimpleListFilter):
    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", _("Yes")), ("no", _("No"))]


class OpenWarningsFilter(_YesNoFilter):
    title = gettext_lazy("open warnings")
    parameter_name = "open_warnings"

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(open_warning_count__gt=0)
        if self.value() == "no":
            return queryset.filter(open_warning_count=0)
        return queryset


class PainFilter(_YesNoFilter):
    title = gettext_lazy("pain in the last 14 days")
    parameter_name = "pain_14d"

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(max_pain_14d__gt=0) | queryset.filter(sharp_pain_14d=True)
        if self.value() == "no":
            return queryset.exclude(max_pain_14d__gt=0).filter(sharp_pain_14d=False)
        return queryset


class QuietFilter(_YesNoFilter):
    title = gettext_lazy("quiet for 14 days")
    parameter_name = "quiet_14d"

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        windows = selectors.ListWindows.for_day(
            _today_of(_coach(request)), _coach(request).profile.tz
        )
        quiet = queryset.filter(last_session_at__isnull=True) | queryset.filter(
            last_session_at__lt=windows.quiet_before
        )
        if self.value() == "yes":
            return quiet
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
            selectors.athletes_for(coach=_coach(request)).select_related("profile").order_by("pk")
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


class AthleteForm(forms.ModelForm[Athlete]):
    """The one thing a coach changes on the athlete page: the hip level. Nothing of the
    account (superuser, staff, groups, password, coach) is a field of this form."""

    hip_level = forms.TypedChoiceField(
        label=gettext_lazy("Hip level"),
        choices=AthleteProfile.HipLevel.choices,
        coerce=int,
        help_text=gettext_lazy("Saved with your name and the time, shown under Hip level changes."),
    )

    class Meta:
        model = Athlete
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hip_level"].initial = self.instance.profile.hip_level


# Django's tabular inline, with the box a wide table scrolls in reachable by keyboard.
TABULAR_TEMPLATE = "coaching/admin/tabular.html"


class _ReadOnlyInline:
    template = TABULAR_TEMPLATE
    view_on_site: Any = False  # the runner's own pages, closed to the coach
    extra = 0
    max_num: int | None = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class WarningInlineForm(forms.ModelForm[AthleteWarning]):
    acknowledge = forms.BooleanField(label=gettext_lazy("acknowledge"), required=False)

    class Meta:
        model = AthleteWarning
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A table cell has no <label>: the tick box names the warning it acknowledges.
        if self.instance.pk is not None:
            self.fields["acknowledge"].widget.attrs["aria-label"] = _(
                "Acknowledge: %(warning)s, %(day)s"
            ) % {
                "warning": self.instance.view().title,
                "day": date_format(self.instance.day, "DATE_FORMAT"),
            }


class WarningInline(admin.TabularInline[AthleteWarning, Athlete]):
    """The warnings of the last 30 days, highest in attention order first; a tick
    acknowledges one (as the runner's own Acknowledge button does)."""

    model = AthleteWarning
    fk_name = "athlete"
    form = WarningInlineForm
    template = TABULAR_TEMPLATE
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name = gettext_lazy("warning")
    verbose_name_plural = gettext_lazy("Warnings of the last 30 days")
    fields = ["day", "warning", "details", "status", "acknowledge"]
    readonly_fields = ["day", "warning", "details", "status"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AthleteWarning]:
        since = _today_of(_coach(request)) - timedelta(days=selectors.OPEN_WARNING_DAYS)
        return (
            super()
            .get_queryset(request)
            .filter(day__gte=since)
            .order_by("acknowledged_at", "risk_rank", "-day", "pk")
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("warning"))
    def warning(self, obj: AthleteWarning) -> str:
        return obj.view().title

    @admin.display(description=gettext_lazy("what the runner read"))
    def details(self, obj: AthleteWarning) -> str:
        return obj.view().message

    @admin.display(description=gettext_lazy("status"))
    def status(self, obj: AthleteWarning) -> str:
        if obj.acknowledged_at is not None:
            return _("acknowledged")
        return _("open, seen by the runner") if obj.seen_at else _("open, not seen yet")


class SessionInline(_ReadOnlyInline, admin.TabularInline[Session, Athlete]):
    model = Session
    fk_name = "athlete"
    verbose_name_plural = gettext_lazy("Sessions of the last 28 days")
    fields = readonly_fields = (
        "start",
        "kind",
        "surface",
        "duration",
        "distance",
        "rpe",
        "pain",
        "sharp_pain",
        "load",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Session]:
        return super().get_queryset(request).filter(start__gte=timezone.now() - timedelta(days=28))

    @admin.display(description=gettext_lazy("duration"))
    def duration(self, obj: Session) -> str:
        minutes = round(obj.duration_s / 60)
        return f"{minutes // 60}:{minutes % 60:02d} h"

    @admin.display(description=gettext_lazy("distance"))
    def distance(self, obj: Session) -> str:
        if obj.distance_m is None:
            return "-"
        return f"{number_format(obj.distance_m / 1000, decimal_pos=1)} km"


class NoteInline(_ReadOnlyInline, admin.TabularInline[CoachNote, Athlete]):
    """The notes already written: a coach sees their own (a superuser all of them)."""

    model = CoachNote
    fk_name = "athlete"
    verbose_name_plural = gettext_lazy("Notes the athlete sees on the dashboard")
    fields = ["created_at", "author", "text"]
    readonly_fields = ["created_at", "author", "text"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CoachNote]:
        notes = super().get_queryset(request).select_related("author__profile")
        coach = _coach(request)
        return notes if coach.is_superuser else notes.filter(author=coach)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("coaching.view_coachnote")


class NewNoteInline(admin.StackedInline[CoachNote, Athlete]):
    model = CoachNote
    fk_name = "athlete"
    extra = 1
    max_num = 1
    can_delete = False
    fields = ["text"]
    verbose_name = gettext_lazy("new note")
    verbose_name_plural = gettext_lazy("Write a note for the athlete")

    def get_queryset(self, request: HttpRequest) -> QuerySet[CoachNote]:
        return super().get_queryset(request).none()

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_add_permission(request, obj)


class HipLevelChangeInline(_ReadOnlyInline, admin.TabularInline[HipLevelChange, Athlete]):
    model = HipLevelChange
    fk_name = "athlete"
    fields = ["at", "previous_level", "level", "set_by"]
    readonly_fields = ["at", "previous_level", "level", "set_by"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[HipLevelChange]:
        return super().get_queryset(request).select_related("set_by__profile")


class MessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Plain text, at most 1,000 characters; sent with your name."),
    )


@admin.register(Athlete)
class AthleteAdmin(admin.ModelAdmin[Athlete]):
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
        coach = _coach(request)
        windows = selectors.ListWindows.for_day(_today_of(coach), coach.profile.tz)
        scoped = selectors.athletes_for(coach=coach)
        athletes = Athlete.objects.filter(pk__in=scoped.values("pk"))
        return selectors.athlete_list(athletes, windows=windows)  # type: ignore[return-value]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {"title": _("Your athletes, who needs attention first"), **(extra_context or {})}
        coach = _coach(request)
        # Kept whole in the cache while none of the coach's athletes changed (any write to
        # an athlete's data raises their version and their coach's, logbook/versions.py);
        # a superuser's list of everyone is not. The coach's rights are checked on every
        # request, from the cache too (_list_rights).
        parts = None
        if not coach.is_superuser:
            may_view, may_change = self._list_rights(request, coach)
            if may_view:
                parts = (coach.data_version, _today_of(coach), may_change)
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
        return [*admin_plan.plan_urls(self), *super().get_urls()]

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
        return _name(obj)

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
            today=_today_of(obj),
            tz=obj.profile.tz,
        )
        return "-" if ratio is None else number_format(ratio, decimal_pos=2)

    @admin.display(description=gettext_lazy("open warnings"), ordering="attention_rank")
    def warnings(self, obj: Any) -> str:
        if not obj.open_warning_count:
            return "0"
        first = _warning_title(obj.first_warning_rule, obj.first_warning_severity)
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
        return obj.profile.weekly_reminder

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
        return _name(coach) if coach is not None else "-"

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
            if admin_plan.may_view_plan(request):
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
                set_by=_coach(request),
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
                            athlete=athlete, author=_coach(request), text=text, now=timezone.now()
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
                coach=_coach(request),
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


class WarningAthleteFilter(admin.SimpleListFilter):
    """The athlete filter lists the coach's own athletes only."""

    title = gettext_lazy("athlete")
    parameter_name = "athlete"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        athletes = selectors.athletes_for(coach=_coach(request)).select_related("profile")
        return [(str(a.pk), _name(a)) for a in athletes.order_by("profile__display_name", "pk")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset.filter(athlete_id=value) if value and value.isdigit() else queryset


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
    list_display = ["athlete_name", "day", "warning", "status"]
    list_filter = [WarningOpenFilter, WarningAthleteFilter]
    list_select_related = ["athlete__profile"]
    ordering = ["acknowledged_at", "risk_rank", "-day", "pk"]
    actions = ["acknowledge"]
    fields = ["athlete_name", "day", "warning", "message", "status"]
    readonly_fields = ["athlete_name", "day", "warning", "message", "status"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AthleteWarning]:
        scoped = selectors.athletes_for(coach=_coach(request))
        return super().get_queryset(request).filter(athlete__in=scoped.values("pk"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("athlete"), ordering="athlete__profile__display_name")
    def athlete_name(self, obj: AthleteWarning) -> str:
        return _name(obj.athlete)

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


class InvitationForm(forms.ModelForm[Invitation]):
    class Meta:
        model = Invitation
        fields = ["email"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    form = InvitationForm
    list_display = ["email", "created_at", "state", "coach_name"]
    list_select_related = ["coach__profile"]
    search_fields = ["email"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Invitation]:
        invitations = super().get_queryset(request)
        coach = _coach(request)
        return invitations if coach.is_superuser else invitations.filter(coach=coach)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["email"] if obj is None else ["email", "coach_name", "created_at", "state"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if obj is None else ["email", "coach_name", "created_at", "state"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # an invitation is sent, then answered; withdraw it by deleting it

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not obj.answered)

    def save_model(self, request: HttpRequest, obj: Invitation, form: Any, change: bool) -> None:
        sent = services.invitation_send(
            coach=_coach(request), email=form.cleaned_data["email"], now=timezone.now()
        )
        obj.pk = sent.pk
        obj.coach = sent.coach
        obj.created_at = sent.created_at

    @admin.display(description=gettext_lazy("coach"))
    def coach_name(self, obj: Invitation) -> str:
        return _name(obj.coach)

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj: Invitation) -> str:
        if obj.accepted_at:
            return _("accepted")
        if obj.declined_at:
            return _("declined")
        if not obj.is_open(now=timezone.now()):
            return _("expired")
        return _("waiting for an answer")
