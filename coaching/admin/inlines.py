"""The athlete page's form and inlines: warnings, sessions, notes, hip level."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AthleteProfile
from coaching import selectors
from coaching.admin.common import display_name, request_coach, today_of
from coaching.models import (
    Athlete,
    AthleteWarning,
    CoachNote,
    HipLevelChange,
)
from logbook.models import Session
from runningcoach import units


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
        since = today_of(request_coach(request)) - timedelta(days=selectors.OPEN_WARNING_DAYS)
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
        return units.duration(obj.duration_s)

    @admin.display(description=gettext_lazy("distance"))
    def distance(self, obj: Session) -> str:
        return units.km(obj.distance_m) or "-"


class NoteInline(_ReadOnlyInline, admin.TabularInline[CoachNote, Athlete]):
    """The notes already written: a coach sees their own (a superuser all of them)."""

    model = CoachNote
    fk_name = "athlete"
    verbose_name_plural = gettext_lazy("Notes the athlete sees on the dashboard")
    fields = ["created_at", "author", "text"]
    readonly_fields = ["created_at", "author", "text"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CoachNote]:
        notes = super().get_queryset(request).select_related("author__profile")
        coach = request_coach(request)
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
    fields = ["at", "previous_level", "level", "set_by_name"]
    readonly_fields = ["at", "previous_level", "level", "set_by_name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[HipLevelChange]:
        self.viewer = request_coach(request)
        return super().get_queryset(request).select_related("set_by__profile")

    @admin.display(description=gettext_lazy("set by"))
    def set_by_name(self, obj: HipLevelChange) -> str:
        # A coach reads their own name and the runner's, never a former coach's.
        if obj.set_by is None:
            return "-"
        if obj.set_by_id in (self.viewer.pk, obj.athlete_id) or self.viewer.is_superuser:
            return display_name(obj.set_by)
        return _("another coach or an administrator")


class MessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Plain text, at most 1,000 characters; sent with your name."),
    )
