"""The forms of the coach's plan calendar: one planned session, added to a day or changed
in place, and the plan file upload. The catalogue's choices are read once per page, so a
page of many small forms costs the same queries as one."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from coaching.forms import PlannedSessionForm
from coaching.models import PlannedSession
from exercises.models import Exercise, ProgressionStep


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


def add_prefix(day: date) -> str:
    return f"add-{day.isoformat()}"


def change_prefix(planned_id: int) -> str:
    return f"p{planned_id}"


class CellPlanForm(PlannedSessionForm):
    """One planned session in a day of the calendar: the runner's plan form, with the
    catalogue as plain choices. Adding to a day (`day` given) has no date field: the day is
    the cell's; changing one keeps the date field, to move it to another day."""

    def __init__(
        self, *args: Any, catalogue: Catalogue, day: date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_day = day
        if day is not None:
            del self.fields["day"]
        self.fields["exercises"] = forms.TypedMultipleChoiceField(
            label=gettext_lazy("Exercises from the catalogue"),
            choices=catalogue.exercises,
            coerce=int,
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 4}),
        )
        self.fields["progression_step"] = forms.TypedChoiceField(
            label=gettext_lazy("Progression step"),
            choices=[("", "—"), *catalogue.steps],
            coerce=int,
            empty_value=None,
            required=False,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.fixed_day is not None:
            data["day"] = self.fixed_day
        return data

    # The catalogue's fields here are choices of ids (read once per page), not querysets.
    def exercise_ids(self) -> list[int]:
        return list(self.cleaned_data.get("exercises") or [])

    def progression_step_id(self) -> int | None:
        step: int | None = self.cleaned_data.get("progression_step")
        return step

    @classmethod
    def initial_of(cls, planned: PlannedSession) -> dict[str, Any]:
        initial = PlannedSessionForm.initial_for(planned)
        initial["exercises"] = [e.pk for e in planned.exercises.all()]
        return initial


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Plan file (CSV)"),
        help_text=gettext_lazy(
            "Columns date, kind, duration_min, distance_km, rpe, backward_min, surface, notes; "
            "a header line first. When a line is wrong, nothing of the file is saved."
        ),
    )
