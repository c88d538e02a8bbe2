"""Forms of the runner's plan page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coaching.models import PlannedSession
from coaching.services import PlanValues
from exercises.models import Exercise, ProgressionStep
from logbook.forms import RPE_WORDS, BoundedDateField, DurationField, km_field
from logbook.models import Kind, Surface

MAX_PLAN_DURATION_S = 24 * 3600


class PlannedSessionForm(forms.Form):
    """One planned session: the runner's own, or (reused by the admin) a coach's."""

    day = BoundedDateField(label=_("Date"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.RUN)
    duration = DurationField(
        label=_("Target duration"),
        required=False,
        help_text=_('Minutes ("45") or hours:minutes:seconds ("1:05:00").'),
    )
    distance_km = km_field(_("Target distance (km)"))
    rpe = forms.TypedChoiceField(
        label=_("Target effort (RPE 1-10)"),
        choices=[("", "—"), *((n, f"{n} · {word}") for n, word in RPE_WORDS.items())],
        coerce=int,
        empty_value=None,
        required=False,
    )
    surface = forms.ChoiceField(
        label=_("Surface"), required=False, choices=[("", "—"), *Surface.choices]
    )
    backward = DurationField(
        label=_("Of which backward"),
        required=False,
        help_text=_('For example "0:40" for a 40-second backward finisher.'),
    )
    exercises: forms.ModelMultipleChoiceField[Exercise] = forms.ModelMultipleChoiceField(
        label=_("Exercises from the catalogue"),
        queryset=Exercise.objects.order_by("category", "level", "order", "slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    progression_step: forms.ModelChoiceField[ProgressionStep] = forms.ModelChoiceField(
        label=_("Progression step"),
        queryset=ProgressionStep.objects.select_related("progression").order_by(
            "progression__category", "progression__order", "number"
        ),
        required=False,
    )
    notes = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_duration(self) -> int | None:
        seconds: int | None = self.cleaned_data.get("duration")
        if seconds is None:
            return None
        if seconds < 60:
            raise ValidationError(_("Plan at least a minute."), code="too_short")
        if seconds > MAX_PLAN_DURATION_S:
            raise ValidationError(_("Plan at most 24 hours."), code="too_long")
        return seconds

    def clean_distance_km(self) -> Decimal | None:
        km: Decimal | None = self.cleaned_data.get("distance_km")
        if km is not None and km <= 0:
            raise ValidationError(_("Leave the distance empty, or plan more than 0 km."))
        return km

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        duration, backward = data.get("duration"), data.get("backward")
        if backward and duration and backward > duration:
            self.add_error("backward", _("The backward part cannot be longer than the whole."))
        return data

    def plan_values(self) -> PlanValues:
        data = self.cleaned_data
        km: Decimal | None = data.get("distance_km")
        return PlanValues(
            day=data["day"],
            kind=data["kind"],
            surface=data.get("surface") or "",
            duration_s=data.get("duration"),
            distance_m=None if km is None else int((km * 1000).to_integral_value()),
            rpe=data.get("rpe"),
            backward_s=data.get("backward") or 0,
            notes=data.get("notes") or "",
            exercise_ids=self.exercise_ids(),
            progression_step_id=self.progression_step_id(),
        )

    def exercise_ids(self) -> list[int]:
        return [e.pk for e in self.cleaned_data.get("exercises") or []]

    def progression_step_id(self) -> int | None:
        step: ProgressionStep | None = self.cleaned_data.get("progression_step")
        return step.pk if step else None

    @classmethod
    def initial_for(cls, planned: PlannedSession) -> dict[str, Any]:
        return {
            "day": planned.day,
            "kind": planned.kind,
            "duration": planned.duration_s,
            "distance_km": None
            if planned.distance_m is None
            else Decimal(planned.distance_m) / 1000,
            "rpe": planned.rpe,
            "surface": planned.surface,
            "backward": planned.backward_s or None,
            "exercises": list(planned.exercises.all()),
            "progression_step": planned.progression_step_id,
            "notes": planned.notes,
        }

    @classmethod
    def initial_on(cls, day: date) -> dict[str, Any]:
        return {"day": day, "kind": Kind.RUN}


class CopyWeekForm(forms.Form):
    week = forms.DateField(widget=forms.HiddenInput)

    def clean_week(self) -> date:
        week: date = self.cleaned_data["week"]
        if week.weekday() != 0:
            raise ValidationError(_("A week starts on a Monday."))
        return week
