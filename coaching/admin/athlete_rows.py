"""What the coach's athlete list and home show of each athlete, as plain values: why they
need attention (most important first) and their figures, worked out once per row in
Python so that the templates only print them.

The rows come from `coaching.squad` (the order, then the figures of the athletes shown);
days and weeks are the coach's, who reads the list at one moment. Words, warning titles
and dates repeat from row to row: each is translated or formatted once per page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format, get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from coaching import selectors
from coaching.admin.common import warning_title
from coaching.squad import AthleteFigures
from logbook import load


@dataclass(frozen=True)
class Reason:
    """One reason to look at an athlete; `kind` is warning, pain or quiet (the CSS)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class AthleteRow:
    pk: int
    name: str
    email: str
    url: str
    reasons: tuple[Reason, ...]  # empty: nothing to look at
    figures: tuple[Figure, ...]
    compliance_pct: int | None
    days_quiet: int | None  # None: never logged
    # The figures as table cells, each with its heading (shown beside it on a phone).
    figure_cells: SafeString


def days_quiet(last_session_at: datetime | None, *, today: date, tz: tzinfo) -> int | None:
    """Whole local days since the last session (the viewer's days), None: never logged."""
    if last_session_at is None:
        return None
    return (today - load.local_day(last_session_at, tz)).days


def figure_labels() -> dict[str, str]:
    """The list's column headings, in the request's language."""
    labels = {
        "last": _("last session"),
        "run": _("running km this week (change)"),
        "load": _("load this week (change)"),
        "acwr": _("ACWR"),
        "pain": _("highest pain, 14 days"),
        "hip": _("hip level (sessions this week)"),
        "plan": _("plan done last week"),
        "email": _("weekly e-mail"),
    }
    return {key: capfirst(label) for key, label in labels.items()}


class _Page:
    """Formatting for one page: one language, one viewer's day and zone."""

    def __init__(self, *, today: date, tz: tzinfo) -> None:
        self.today = today
        self.tz = tz
        self.separator = str(get_format("DECIMAL_SEPARATOR"))
        self.labels = figure_labels()
        self.escaped_labels = {key: escape(label) for key, label in self.labels.items()}
        self.words = {
            "never": _("never logged"),
            "sharp": _("sharp"),
            "on": pgettext("weekly e-mail", "on"),
            "off": pgettext("weekly e-mail", "off"),
            "sharp_pain": _("Sharp pain in the last 14 days"),
            "no_session": _("No session logged yet"),
        }
        self._titles: dict[tuple[str, str], str] = {}
        self._days: dict[date, str] = {}

    def number(self, value: float, places: int) -> str:
        """Rounded half up, as the runner's pages round (floatformat)."""
        exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        text = f"{exact:f}"
        if text.startswith("-") and not exact:
            text = text[1:]
        return text.replace(".", self.separator)

    def with_change(self, this: float, previous: float, places: int) -> str:
        figure = self.number(this, places)
        change = selectors.change_pct(this, previous)
        if change is None:
            return figure
        change_text = self.number(change, 0)
        sign = "+" if change > 0 and change_text != "0" else ""
        # No-break spaces: a narrow column wraps before the figure, never inside "(+40 %)".
        return f"{figure}\u00a0({sign}{change_text}\u00a0%)"

    def cells(self, values: dict[str, str]) -> SafeString:
        """One string of table cells per row: escaping every cell in the template cost
        more than the rest of the row (each label is escaped once per page)."""
        return mark_safe(
            "".join(
                f'<td class="fig" data-label="{self.escaped_labels[key]}">{escape(value)}</td>'
                for key, value in values.items()
            )
        )

    def title(self, rule: str, severity: str) -> str:
        key = (rule, severity)
        if key not in self._titles:
            self._titles[key] = warning_title(rule, severity)
        return self._titles[key]

    def day(self, day: date) -> str:
        if day not in self._days:
            self._days[day] = date_format(day, "MONTH_DAY_FORMAT")
        return self._days[day]


def _reasons(page: _Page, figures: AthleteFigures, quiet: int | None) -> tuple[Reason, ...]:
    """Why to look at this athlete: the first open warning in attention order (and how many
    more), pain of the last 14 days, and 14 days or more without a session."""
    found = []
    first = figures.first_warning
    if first is not None:
        text = page.title(first.rule, first.severity)
        more = len(figures.open_warnings) - 1
        if more:
            text += " " + ngettext(
                "(and %(count)d more open warning)", "(and %(count)d more open warnings)", more
            ) % {"count": more}
        found.append(Reason("warning", text))
    if figures.sharp_pain_14d:
        found.append(Reason("pain", page.words["sharp_pain"]))
    elif figures.max_pain_14d:
        text = _("Pain %(pain)d/10 in the last 14 days") % {"pain": figures.max_pain_14d}
        found.append(Reason("pain", text))
    if quiet is None:
        found.append(Reason("quiet", page.words["no_session"]))
    elif quiet >= selectors.QUIET_DAYS:
        found.append(Reason("quiet", _("No session for %(days)d days") % {"days": quiet}))
    return tuple(found)


def _last_session(page: _Page, row: Any, quiet: int | None) -> str:
    if quiet is None:
        return page.words["never"]
    day = page.day(load.local_day(row.last_session_at, page.tz))
    if quiet == 0:
        return _("%(day)s (today)") % {"day": day}
    return ngettext("%(day)s (%(n)d day ago)", "%(day)s (%(n)d days ago)", quiet) % {
        "day": day,
        "n": quiet,
    }


def _pain(page: _Page, figures: AthleteFigures) -> str:
    if figures.max_pain_14d is None and not figures.sharp_pain_14d:
        return "-"
    pain = figures.max_pain_14d
    text = f"{pain if pain is not None else '-'}/10"
    return f"{text}, {page.words['sharp']}" if figures.sharp_pain_14d else text


def _figures(
    page: _Page, row: Any, found: AthleteFigures, quiet: int | None, compliance_pct: int | None
) -> dict[str, str]:
    ratio = selectors.acwr(
        acute_load=found.acute_load,
        chronic_load=found.chronic_load,
        first_session_at=row.first_session_at,
        chronic_weeks_active=found.chronic_weeks_active,
        today=page.today,
        tz=page.tz,
    )
    values = {
        "last": _last_session(page, row, quiet),
        "run": page.with_change(found.run_m_this_week / 1000, found.run_m_last_week / 1000, 1),
        "load": page.with_change(found.load_this_week, found.load_last_week, 0),
        # Already rounded as a warning quotes it (away from its line): only written here.
        "acwr": "-" if ratio is None else page.number(ratio, 2),
        "pain": _pain(page, found),
        "hip": f"{row.profile.hip_level} ({found.hip_sessions_this_week})",
        "plan": "-" if compliance_pct is None else f"{compliance_pct} %",
        "email": page.words["on" if row.weekly_email_on else "off"],
    }
    return values


def athlete_rows(
    results: list[Any],
    *,
    figures_of: dict[int, AthleteFigures],
    today: date,
    tz: tzinfo,
    compliance: dict[int, int | None],
) -> list[AthleteRow]:
    """The rows of the list (or the home), in the order given."""
    page = _Page(today=today, tz=tz)
    # One reverse() for the page: the athletes' pages differ only in the id.
    change_url = reverse("admin:coaching_athlete_change", args=[0])
    rows = []
    for row in results:
        figures = figures_of[row.pk]
        quiet = days_quiet(row.last_session_at, today=today, tz=tz)
        values = _figures(page, row, figures, quiet, compliance.get(row.pk))
        rows.append(
            AthleteRow(
                pk=row.pk,
                name=row.profile.display_name or row.email,
                email=row.email,
                url=change_url.replace("/0/", f"/{row.pk}/"),
                reasons=_reasons(page, figures, quiet),
                figures=tuple(Figure(page.labels[key], value) for key, value in values.items()),
                figure_cells=page.cells(values),
                compliance_pct=compliance.get(row.pk),
                days_quiet=quiet,
            )
        )
    return rows
