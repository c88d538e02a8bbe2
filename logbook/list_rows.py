"""The session list's rows and filter form as shown, built without the template engine's
per-row lookups: labels of kinds and surfaces, dates and figures are formatted once per
language (and zone) and value (logbook/labels.py), the link of each row from one
reversed pattern, each row's markup written here and escaped as `format_html` would (as
the admin's change list does: the template's loop cost more than the rest of the page),
and the unbound filter form rendered once per language and day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from html import escape

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from logbook import labels
from logbook.forms import SessionFilterForm
from logbook.models import Kind, Session, Surface


@dataclass(frozen=True)
class ListRow:
    url: str
    kind: str
    surface: str
    start: str
    distance_km: str | None
    minutes: str
    load: str
    estimated: bool
    exercise_count: int


@lru_cache(maxsize=16)
def _choice_labels(language: str) -> tuple[dict[str, str], dict[str, str]]:
    with translation.override(language):
        return (
            {value: str(label) for value, label in Kind.choices},
            {value: str(label) for value, label in Surface.choices},
        )


@lru_cache(maxsize=65536)
def _moment(language: str, zone: str, moment: datetime) -> str:
    with translation.override(language), timezone.override(zone):
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class ListRows(list[ListRow]):
    """The rows; `{{ rows }}` in a template writes their list items."""

    def __html__(self) -> SafeString:
        load_word = gettext("load")
        return mark_safe("".join(_row_html(row, load_word) for row in self))

    # The template engine turns a value into text with str() before escaping it.
    __str__ = __html__


_ROW = (
    '<li class="list-group-item">\n'
    '    <a class="d-flex justify-content-between gap-2 text-decoration-none" href="{}">\n'
    "      <span><strong>{}</strong>{}<br>\n"
    '        <span class="small text-muted">{}</span></span>\n'
    '      <span class="text-end">{}\n'
    '        <span class="small text-muted">{} min · {} {}{}{}</span></span>\n'
    "    </a>\n"
    "  </li>\n"
)


def _row_html(row: ListRow, load_word: str) -> str:
    # Every value is plain text escaped here, as format_html would (html.escape is what
    # Django's escape calls), without its checks for lazy text, 25 times a page.
    surface = " · " + escape(row.surface) if row.surface else ""
    distance = escape(row.distance_km) + " km<br>" if row.distance_km is not None else ""
    exercises = ""
    if row.exercise_count:
        exercises = " · " + ngettext(
            "%(counter)s exercise", "%(counter)s exercises", row.exercise_count
        ) % {"counter": row.exercise_count}
    return _ROW.format(
        escape(row.url),
        escape(row.kind),
        surface,
        escape(row.start),
        distance,
        escape(row.minutes),
        escape(load_word),
        escape(row.load),
        "*" if row.estimated else "",
        escape(exercises),
    )


def list_rows(sessions: Iterable[Session]) -> ListRows:
    """The rows of the list, as `{{ s.get_kind_display }}`, `{{ s.start|date:... }}` and
    `{{ value|floatformat }}` would show them in the active language and zone."""
    rows = list(sessions)
    language = translation.get_language()
    zone = timezone.get_current_timezone_name()
    kinds, surfaces = _choice_labels(language)
    url = reverse("logbook:session_detail", args=[0]).replace("/0/", "/{}/")
    # One decimal, half up from whole metres: as runningcoach.units.km writes a distance.
    km = iter(labels.number_texts([s.distance_km for s in rows if s.distance_km is not None], 1))
    minutes = labels.number_texts([s.duration_min for s in rows], 0)
    loads = labels.number_texts([s.load for s in rows], 0)
    return ListRows(
        ListRow(
            url=url.format(s.pk),
            kind=kinds.get(s.kind, s.kind),
            surface=surfaces.get(s.surface, s.surface),
            start=_moment(language, zone, s.start),
            distance_km=next(km) if s.distance_km is not None else None,
            minutes=minutes[i],
            load=loads[i],
            estimated=s.rpe_estimated,
            exercise_count=getattr(s, "exercise_count", 0),
        )
        for i, s in enumerate(rows)
    )


@lru_cache(maxsize=64)
def _unbound_filter(language: str, zone: str, today: date) -> SafeString:
    with translation.override(language), timezone.override(zone):
        return mark_safe(
            render_to_string("logbook/_session_filter.html", {"form": SessionFilterForm()})
        )


def filter_form_html(form: SessionFilterForm) -> SafeString:
    """The filter form's fields; the form as it first shows is rendered once a day."""
    if form.is_bound:
        return mark_safe(render_to_string("logbook/_session_filter.html", {"form": form}))
    return _unbound_filter(
        translation.get_language(), timezone.get_current_timezone_name(), timezone.localdate()
    )
