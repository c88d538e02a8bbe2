"""The runner's forms: logging a session with its exercises, filtering the list, rating the
effort, importing a file. The fields they share with coaching live in logbook/form_fields.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from exercises.models import Exercise
from logbook.form_fields import (
    RPE_WORDS,
    BoundedDateField,
    ButtonChoices,
    DurationField,
    km_field,
)

# Coaching's plan pages check their dates with it too, through this module.
from logbook.form_fields import date_in_range as date_in_range
from logbook.models import Kind, Session, Surface
from logbook.services import DUPLICATE_WINDOW, ExerciseDone, SessionValues

# The fields are named here too: coaching's plan forms and pages build on them.
__all__ = [
    "RPE_WORDS",
    "BaseExerciseFormSet",
    "BoundedDateField",
    "DurationField",
    "ExerciseFormSet",
    "ImportForm",
    "RateForm",
    "SessionFilterForm",
    "SessionForm",
    "date_in_range",
    "exercise_choices",
    "km_field",
]

PAIN_CHOICES = [("", _("No pain recorded"))] + [(n, str(n)) for n in range(11)]
MAX_DURATION_S = 24 * 3600
MAX_NOTES_CHARS = 5000


class SessionForm(forms.Form):
    """Everything a runner logs about a session; the template shows per kind only what
    that kind needs, so a run is logged in seconds."""

    kind = forms.ChoiceField(
        label=_("What did you do?"),
        choices=Kind.choices,
        widget=ButtonChoices(columns="kind-choices"),
    )
    date = BoundedDateField(label=_("Date"))
    time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration = DurationField(
        label=_("Duration"),
        help_text=_('Elapsed time: minutes ("45"), "45:30" or "1:05:30".'),
    )
    distance_km = km_field(_("Distance (km)"))
    surface = forms.ChoiceField(
        label=_("Surface"), required=False, choices=[("", "—"), *Surface.choices]
    )
    backward = DurationField(
        label=_("Of which backward"),
        required=False,
        help_text=_('Retro running or walking, e.g. "0:40" for a 40-second finisher.'),
    )
    backward_km = km_field(_("Backward distance (km)"))
    all_backward = forms.BooleanField(
        label=_("All of it backward"),
        required=False,
        help_text=_("A retro walk or run from start to finish: the whole duration counts."),
    )
    elevation_gain_m = forms.IntegerField(
        label=_("Elevation gain (m)"), required=False, min_value=0, max_value=20000
    )
    rpe = forms.TypedChoiceField(
        label=_("Effort (RPE 1-10)"),
        choices=[(n, str(n)) for n in RPE_WORDS],
        coerce=int,
        empty_value=None,
        widget=ButtonChoices(columns="rpe-choices", words=RPE_WORDS),
        help_text=_("How hard the whole session felt, from 1 (very easy) to 10 (maximal)."),
        error_messages={"required": _("Tap how hard it was, from 1 to 10.")},
    )
    pain = forms.TypedChoiceField(
        label=_("Pain afterwards (0-10)"),
        choices=PAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    sharp_pain = forms.BooleanField(label=_("The pain was sharp"), required=False)
    pain_location = forms.CharField(label=_("Where did it hurt?"), required=False, max_length=120)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=MAX_NOTES_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Shown only when the session looks like one already logged (see clean()).
    another_session = forms.BooleanField(
        label=_("Yes, this is another session: save it too"), required=False
    )

    def __init__(
        self,
        *args: Any,
        tz: tzinfo,
        health_consent: bool,
        own_sessions: QuerySet[Session] | None = None,
        editing: Session | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.tz = tz
        self.own_sessions = own_sessions
        self.editing = editing
        self.duplicate_of: Session | None = None
        if not health_consent:
            for name in ("pain", "sharp_pain", "pain_location"):
                del self.fields[name]

    @classmethod
    def initial_for(cls, session: Session, tz: tzinfo) -> dict[str, Any]:
        local = session.start.astimezone(tz)
        return {
            "kind": session.kind,
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "duration": session.duration_s,
            "distance_km": None
            if session.distance_m is None
            else Decimal(session.distance_m) / 1000,
            "surface": session.surface,
            "backward": session.backward_s or None,
            "all_backward": 0 < session.duration_s <= session.backward_s,
            "backward_km": None
            if session.backward_m is None
            else Decimal(session.backward_m) / 1000,
            "elevation_gain_m": session.elevation_gain_m,
            "rpe": session.rpe,
            "pain": session.pain,
            "sharp_pain": session.sharp_pain,
            "pain_location": session.pain_location,
            "notes": session.notes,
        }

    def clean_duration(self) -> int:
        seconds: int | None = self.cleaned_data.get("duration")
        if not seconds:
            raise ValidationError(_("A session lasts at least a minute."), code="too_short")
        if seconds > MAX_DURATION_S:
            raise ValidationError(_("A session cannot last more than 24 hours."), code="too_long")
        return seconds

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        day, start_time = data.get("date"), data.get("time")
        if isinstance(day, date) and start_time is not None:
            start = datetime.combine(day, start_time, tzinfo=self.tz)
            if start > timezone.now() + timedelta(hours=1):
                self.add_error("date", _("This session lies in the future."))
            data["start"] = start
        duration = data.get("duration")
        if data.get("all_backward") and duration:
            data["backward"] = duration
        backward = data.get("backward") or 0
        distance_km = data.get("distance_km")
        backward_km = data.get("backward_km")
        if kind == Kind.RUN and distance_km in (None, Decimal(0)):
            self.add_error("distance_km", _("Enter how far you ran."))
        if duration and backward > duration:
            self.add_error("backward", _("The backward part cannot last longer than the session."))
        if backward_km is not None and distance_km is not None and backward_km > distance_km:
            self.add_error(
                "backward_km", _("The backward distance cannot exceed the whole distance.")
            )
        if data.get("sharp_pain") and data.get("pain") is None:
            self.add_error("pain", _("Give the pain a score from 0 to 10."))
        if isinstance(data.get("start"), datetime) and kind and not data.get("another_session"):
            self._refuse_duplicate(data["start"], kind)
        if kind == Kind.STRENGTH:
            data["distance_km"] = None
            data["backward"] = 0
            data["backward_km"] = None
            data["surface"] = ""
        return data

    def _refuse_duplicate(self, start: datetime, kind: str) -> None:
        """A session of the same kind starting within the same minute is, as for imports
        (DOMAIN.md section 4), most likely the same one saved twice: ask before saving."""
        if self.own_sessions is None:
            return
        same = self.own_sessions.filter(
            kind=kind,
            start__gt=start - DUPLICATE_WINDOW,
            start__lt=start + DUPLICATE_WINDOW,
        )
        if self.editing is not None:
            same = same.exclude(pk=self.editing.pk)
        self.duplicate_of = same.order_by("start").first()
        if self.duplicate_of is None:
            return
        local = self.duplicate_of.start.astimezone(self.tz)
        self.add_error(
            None,
            ValidationError(
                _(
                    "You already logged a session of this kind on %(day)s at %(time)s "
                    "(%(minutes)d min). If this is another one, tick the box below and save "
                    "again."
                )
                % {
                    "day": formats.date_format(local.date(), "DATE_FORMAT"),
                    "time": local.strftime("%H:%M"),
                    "minutes": round(self.duplicate_of.duration_s / 60),
                },
                code="duplicate",
            ),
        )

    def session_values(self) -> SessionValues:
        """The cleaned form as the values services.session_log/update take."""
        data = self.cleaned_data

        def metres(km: Decimal | None) -> int | None:
            return None if km is None else int((km * 1000).to_integral_value())

        return SessionValues(
            start=data["start"],
            kind=data["kind"],
            duration_s=data["duration"],
            distance_m=metres(data.get("distance_km")),
            surface=data.get("surface") or "",
            backward_s=data.get("backward") or 0,
            backward_m=metres(data.get("backward_km")),
            elevation_gain_m=data.get("elevation_gain_m"),
            rpe=data.get("rpe"),
            pain=data.get("pain"),
            sharp_pain=bool(data.get("sharp_pain")),
            pain_location=data.get("pain_location", ""),
            notes=data.get("notes", ""),
        )


ExerciseChoices = Callable[[], list[tuple[int, str]]]


def exercise_choices() -> ExerciseChoices:
    """The catalogue as the exercise fields' choices, read on the first exercise form
    built and then kept for the request's other forms: a run posted never reads it."""
    return cache(
        lambda: [(e.pk, e.name) for e in Exercise.objects.only("pk", "name", "name_en", "name_nl")]
    )


class ExerciseDoneForm(forms.Form):
    exercise = forms.TypedChoiceField(label=_("Exercise"), coerce=int, required=False)
    sets = forms.IntegerField(label=_("Sets"), required=False, min_value=1, max_value=50)
    reps = forms.IntegerField(label=_("Reps"), required=False, min_value=1, max_value=500)
    seconds = forms.IntegerField(label=_("Seconds"), required=False, min_value=1, max_value=7200)

    def __init__(self, *args: Any, exercise_choices: ExerciseChoices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].choices = [("", "—"), *exercise_choices()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = any(data.get(n) for n in ("sets", "reps", "seconds"))
        if filled and not data.get("exercise"):
            self.add_error("exercise", _("Choose the exercise you did."))
        return data


class BaseExerciseFormSet(forms.BaseFormSet[ExerciseDoneForm]):
    def done(self) -> list[ExerciseDone]:
        return [
            ExerciseDone(
                exercise_id=form.cleaned_data["exercise"],
                sets=form.cleaned_data.get("sets"),
                reps=form.cleaned_data.get("reps"),
                seconds=form.cleaned_data.get("seconds"),
            )
            for form in self.forms
            if form.cleaned_data.get("exercise")
        ]


ExerciseFormSet = forms.formset_factory(
    ExerciseDoneForm,
    formset=BaseExerciseFormSet,
    extra=3,
    max_num=20,
    validate_max=True,
    # A POST that claims 100,000,000 rows still builds no more than these forms.
    absolute_max=20,
)


class SessionFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Kind.choices]
    )
    surface = forms.ChoiceField(
        label=_("Surface"), required=False, choices=[("", _("All")), *Surface.choices]
    )
    date_from = BoundedDateField(label=_("From"), required=False)
    date_to = BoundedDateField(label=_("To"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date lies before the start date."))
        return data


class RateForm(forms.Form):
    rpe = forms.TypedChoiceField(
        label=_("Effort (RPE 1-10)"),
        choices=[(n, str(n)) for n in RPE_WORDS],
        coerce=int,
        empty_value=None,
        widget=ButtonChoices(columns="rpe-choices", words=RPE_WORDS),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "GPX, TCX or FIT from your watch, or Strava's activities.csv or the whole Strava "
            "export (.zip)."
        ),
    )
    kind = forms.ChoiceField(
        label=_("What was it (GPX files do not say)?"),
        choices=[(Kind.RUN, pgettext_lazy("sport", "Run")), (Kind.WALK, _("Walk"))],
        initial=Kind.RUN,
    )
    duration = DurationField(label=_("Duration, if the file has no reliable times"), required=False)
    # Shown only when a file's times cover just part of its track (see the import view).
    ask_start = False
    day = BoundedDateField(label=_("Day"), required=False)
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        from logbook.import_jobs import upload_limit
        from logbook.imports import too_large_message

        limit = upload_limit()
        if upload.size > limit:
            raise ValidationError(too_large_message(limit))
        if upload.size == 0:
            raise ValidationError(_("The file is empty."))
        return upload
