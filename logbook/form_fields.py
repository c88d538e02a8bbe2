"""The logbook's form fields and widgets, shared with the coach's plan forms: tap-target
choices, date boxes bounded to plausible training days, durations typed as "45:30", km."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from runningcoach.parsing import small_int

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

# Foster's CR-10 scale, number and word, as tap targets: one tap rates a session.
RPE_WORDS = {
    1: _("very, very easy"),
    2: _("easy"),
    3: _("moderate"),
    4: _("somewhat hard"),
    5: _("hard"),
    6: _("hard+"),
    7: _("very hard"),
    8: _("very hard+"),
    9: _("nearly maximal"),
    10: _("maximal"),
}


class ButtonChoices(forms.RadioSelect):
    """Radio buttons drawn as large tap targets (Bootstrap's btn-check); still real radio
    inputs with labels, so they work with a keyboard, a screen reader and without JS."""

    template_name = "logbook/widgets/button_choices.html"
    option_template_name = "logbook/widgets/button_choice.html"

    def __init__(self, *, columns: str = "", words: dict[int, Any] | None = None) -> None:
        super().__init__()
        self.columns = columns
        self.words = words or {}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["columns"] = self.columns
        return context

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["word"] = self.words.get(option["value"], "")
        return option


class IsoDateInput(forms.DateInput):
    """A browser date box. It must be given yyyy-mm-dd whatever the language: with the
    localised format ("01-12-2026" in Dutch) Chromium shows an empty box."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# No training log goes back further than the oldest watch files, and none lies more than a
# year ahead. Outside this a date is a typo (0001-01-01), and date arithmetic on it overflows.
EARLIEST_DATE = date(1990, 1, 1)
LATEST_DAYS_AHEAD = 366


def date_in_range(day: date, *, today: date) -> bool:
    return EARLIEST_DATE <= day <= today + timedelta(days=LATEST_DAYS_AHEAD)


class BoundedDateField(forms.DateField):
    """A date box that accepts only dates from 1990 to a year from now."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", IsoDateInput(attrs={"min": EARLIEST_DATE.isoformat()}))
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, date) and not date_in_range(value, today=timezone.localdate()):
            raise ValidationError(
                _("Enter a date between 1990 and a year from now."), code="date_out_of_range"
            )


def parse_duration(text: str) -> int:
    """Seconds from "45" (minutes), "45:30" (minutes:seconds) or "1:05:30" (h:m:s)."""
    text = text.strip().replace(".", ":")
    parts = text.split(":")
    read = [small_int(p) for p in parts]
    numbers = [n for n in read if n is not None]
    if not text or len(parts) > 3 or len(numbers) < len(read):
        raise ValidationError(
            _('Enter minutes ("45"), minutes:seconds ("45:30") or hours:minutes:seconds.'),
            code="invalid_duration",
        )
    if len(numbers) == 1:
        return numbers[0] * 60
    if len(numbers) == 2:
        minutes, seconds = numbers
        hours = 0
    else:
        hours, minutes, seconds = numbers
        if minutes >= 60:
            raise ValidationError(_("Minutes must be below 60."), code="invalid_duration")
    if seconds >= 60:
        raise ValidationError(_("Seconds must be below 60."), code="invalid_duration")
    return hours * 3600 + minutes * 60 + seconds


def format_duration(seconds: int | None) -> str:
    if not seconds:
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}" if secs else str(minutes)


class DurationField(forms.Field):
    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": "9"})

    def to_python(self, value: Any) -> int | None:
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 9:
            raise ValidationError(_("Enter a shorter duration."), code="invalid_duration")
        return parse_duration(text)

    def prepare_value(self, value: Any) -> Any:
        return format_duration(value) if isinstance(value, int) else value


class KmField(forms.DecimalField):
    """A distance in km, typed with a decimal comma or point in either language: "8,5" and
    "8.5" are both 8.5 km (no distance here needs a thousands mark), and it is shown with
    the reader's mark. A text box with a decimal keyboard, not a number box: browsers drop
    a comma typed into a number box, so a Dutch "8,5" reached the server as 85."""

    def to_python(self, value: Any) -> Any:  # Decimal | None (the stubs say int)
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        return formats.localize_input(value) if isinstance(value, Decimal) else value


def km_field(label: str | _StrPromise) -> forms.DecimalField:
    return KmField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(500),
        max_digits=6,
        decimal_places=3,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": "12"}
        ),
    )
