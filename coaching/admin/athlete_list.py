"""The coach's athlete list, printed by a plain template inside the admin's frame.

Django's changelist still reads the request (scoping, the filters, the search, the
attention order, the page) and runs the actions; only the admin's per-cell rendering is
left out, which cost most of the page (about 50 ms of 100 rows): the rows are worked out
once in Python (athlete_rows.py) and printed by coaching/admin/_athlete_row.html.

Each printed row is kept in the cache under the athlete's data version (which every
write to their data raises, accounts/versions.py), the language, the coach's zone and day:
after one athlete's write the list reads the order again and works out that athlete's
row alone. Whole pages and rows are kept under the same conditions (PAGE_CACHE)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ALL_VAR, ERROR_FLAG, PAGE_VAR, SEARCH_VAR
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import get_template
from django.template.response import SimpleTemplateResponse, TemplateResponse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import User
from coaching import selectors, squad
from coaching.admin.athlete_rows import athlete_rows, figure_labels
from coaching.admin.common import request_coach, today_of
from logbook import page_cache
from logbook.page_facts import SHARED_TOKEN_KEY, shared_token

if TYPE_CHECKING:
    from coaching.admin.athletes import AthleteAdmin


@dataclass(frozen=True)
class PrintedRow:
    pk: int
    html: SafeString  # the row after its selection box (_athlete_row.html)


def _printed_rows(results: list[Any], *, coach: User) -> list[PrintedRow]:
    """The rows of these athletes, from the cache where their data has not changed since,
    the others worked out (three to five queries for them, none when every row is kept)."""
    today = today_of(coach)
    keep = page_cache.fragments_kept()
    keys = {
        row.pk: page_cache.person_key(
            row.pk, "athlete-row", row.data_version, get_language(), coach.profile.tz, today
        )
        for row in results
    }
    # One round trip: the rows and the token of the facts they share with other pages
    # (the catalogue, for the hip sessions; logbook/page_facts.py).
    stored = cache.get_many([*keys.values(), SHARED_TOKEN_KEY]) if keep else {}
    token = stored.get(SHARED_TOKEN_KEY) or (shared_token() if keep else "")
    found: dict[str, str] = {
        key: value[1]
        for key, value in stored.items()
        if key != SHARED_TOKEN_KEY and value[0] == token
    }
    missing = [row for row in results if keys[row.pk] not in found]
    if missing:
        windows = selectors.ListWindows.for_day(today, coach.profile.tz)
        # Last full week's plan compliance, from the plan's own selector.
        weeks = selectors.plan_compliance_for(athletes=missing, weeks_back=1)
        rows = athlete_rows(
            missing,
            figures_of=squad.athlete_figures(athletes=missing, windows=windows),
            today=today,
            tz=coach.profile.tz,
            compliance={pk: week.compliance_pct for pk, week in weeks.items()},
        )
        template = get_template("coaching/admin/_athlete_row.html")
        words = {"nothing_open": _("Nothing open"), "figures_word": _("Figures")}
        printed = {keys[row.pk]: template.render({"row": row, **words}) for row in rows}
        if keep:
            cache.set_many(
                {key: (token, html) for key, html in printed.items()}, page_cache.TIMEOUT_S
            )
        found = {**found, **printed}
    return [PrintedRow(row.pk, mark_safe(found[keys[row.pk]])) for row in results]


@dataclass(frozen=True)
class FilterChoice:
    label: str
    url: str
    selected: bool


@dataclass(frozen=True)
class ListFilter:
    title: str
    parameter: str
    choices: tuple[FilterChoice, ...]

    @property
    def active(self) -> FilterChoice | None:
        """The choice in force, unless it is "All"."""
        chosen = [c for c in self.choices[1:] if c.selected]
        return chosen[0] if chosen else None


def _filters(changelist: Any) -> list[ListFilter]:
    return [
        ListFilter(
            title=str(spec.title),
            parameter=str(getattr(spec, "parameter_name", "")),
            choices=tuple(
                FilterChoice(str(c["display"]), str(c["query_string"]), bool(c["selected"]))
                for c in spec.choices(changelist)
            ),
        )
        for spec in changelist.filter_specs
    ]


def _pages(changelist: Any) -> dict[str, Any]:
    """Previous and next page and "show all", as links."""
    page, pages = changelist.page_num, changelist.paginator.num_pages
    return {
        "number": page,
        "count": pages,
        "previous": changelist.get_query_string({PAGE_VAR: page - 1}) if page > 1 else None,
        "next": changelist.get_query_string({PAGE_VAR: page + 1}) if page < pages else None,
        "all": (
            changelist.get_query_string({ALL_VAR: ""})
            if changelist.multi_page and changelist.can_show_all and not changelist.show_all
            else None
        ),
    }


def athlete_list_view(model_admin: AthleteAdmin, request: HttpRequest) -> HttpResponse:
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    try:
        changelist = model_admin.get_changelist_instance(request)
    except IncorrectLookupParameters:
        # As Django's changelist: a bad filter value sends the coach to the whole list.
        if ERROR_FLAG in request.GET:
            return SimpleTemplateResponse(
                "admin/invalid_setup.html", {"title": _("Database error")}
            )
        return HttpResponseRedirect(request.path + "?" + ERROR_FLAG + "=1")
    rows = _printed_rows(list(changelist.result_list), coach=request_coach(request))
    filters = _filters(changelist)
    kept = {k: v for k, v in request.GET.items() if k not in (SEARCH_VAR, PAGE_VAR, ERROR_FLAG)}
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Your athletes, who needs attention first"),
        "opts": model_admin.opts,
        "cl": changelist,
        "rows": rows,
        "labels": list(figure_labels().values()),
        "filters": filters,
        "active_filters": [f for f in filters if f.active],
        "search": changelist.query,
        "search_kept": kept,
        "shown": len(rows),
        "total": changelist.result_count,
        "pages": _pages(changelist),
        "clear_url": request.path,
        "actions": model_admin.get_action_choices(request)[1:],  # without the blank choice
        "may_act": bool(model_admin.get_actions(request)),
    }
    return TemplateResponse(request, "coaching/admin/athlete_list.html", context)
