"""The athlete list and the athlete page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import cache
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from accounts.versions import version_key
from coaching import plan_marks, plans, selectors, services, squad
from coaching.admin import athlete_list
from coaching.admin import plans as plans_admin
from coaching.admin.common import (
    RIGHTS_CACHE_S,
    display_name,
    request_coach,
    today_of,
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
from logbook.dashboard import dashboard_build
from logbook.page_cache import cached_response


@admin.register(Athlete)
class AthleteAdmin(admin.ModelAdmin[Athlete]):
    open_to_staff = True  # a coach's page (runningcoach/admin_site.py)
    form = AthleteForm
    change_form_template = "coaching/admin/athlete_change_form.html"
    # The list is the template coaching/admin/athlete_list.html (athlete_list.py): the
    # changelist still reads the request (filters, search, page), the template prints rows.
    list_display = ["name"]
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
        return squad.athlete_order(athletes, windows=windows)  # type: ignore[return-value]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method == "POST":  # an action on the selected athletes: Django's own way
            return super().changelist_view(request, extra_context)
        coach = request_coach(request)
        # Kept whole in the cache while none of the coach's athletes changed (any write to
        # an athlete's data raises their version and their coach's, accounts/versions.py);
        # a superuser's list of everyone is not. The coach's rights are checked on every
        # request, from the cache too (list_rights).
        parts = None
        if not coach.is_superuser:
            may_view, may_change = self.list_rights(request, coach)
            if may_view:
                parts = (coach.data_version, today_of(coach), may_change)
        return cached_response(  # type: ignore[return-value]
            request,
            name="coaching.athlete_list",
            parts=parts,
            render=lambda: athlete_list.athlete_list_view(self, request),
        )

    def list_rights(self, request: HttpRequest, coach: User) -> tuple[bool, bool]:
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
        return list(selectors.ATTENTION_ORDERING)

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

    @admin.display(description=gettext_lazy("name"), ordering="profile__display_name")
    def name(self, obj: Athlete) -> str:
        return display_name(obj)

    # Fields of the athlete page ---------------------------------------------------------

    @admin.display(description=gettext_lazy("weekly e-mail"), boolean=True)
    def reminder(self, obj: Athlete) -> bool:
        return bool(getattr(obj, "weekly_email_on", False))

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
                athlete=athlete, today=figures.today, figures=figures
            )
            context["fitness"] = figures.fitness
            if plans_admin.may_view_plan(request):
                context["plan_url"] = reverse("admin:coaching_athlete_plan", args=[athlete.pk])
                (context["plan_week"],) = selectors.plan_weeks(
                    athlete=athlete, first_monday=plans.week_monday(figures.today)
                )
                checks = selectors.plan_check_for(athlete=athlete, today=figures.today)
                plan_marks.plan_check_remember(request, athlete=athlete, checks=checks)
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
