"""Finds what a person can send the app, without a list kept by hand: every page of the
URLconf (tests/test_access_matrix.py's walk) is opened as the runner, the coach, a
superuser and a signed-out visitor; the query-string names each view reads are recorded as
it runs, the links with query strings are collected from the pages, and every POST form is
read from the HTML (its action and its fields with their values as rendered). The fuzz
tests send hostile values to all of them, so a page or form added tomorrow is covered too.

The superuser opens every admin page, which would double the run; the coach's own pages
are fuzzed as the coach, so the superuser's part is a deterministic sample: per model admin
its list, its add page and one change page (and the admin's index), and each query-string
name once, on the first page (by path) that reads it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.http import QueryDict
from django.test import Client
from django.urls import Resolver404, resolve

from tests.access_rules import World
from tests.test_access_matrix import client_for, every_url

HUGE = "9" * 5000
# What broke pages before (issue 18): Unicode digits that str.isdigit() lets through,
# numbers longer than int() reads or any column holds, NUL, and links that are no path.
HOSTILE_VALUES = ("\u00b2", "\u0663\u0660", HUGE, "9" * 30, "-1", "\x00", "foo", "//evil.test/x")
ROLE_PAGES = {
    "runner_a": "site",
    "coach_of_a": "admin",
    "superuser": "admin",
    "anonymous": "public",
}
# Roles crawled as a sample (above): their admin pages, and their query names once each.
SAMPLED_ROLES = {"superuser"}
SAMPLED_ADMIN_VIEWS = ("changelist", "add", "change")


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    multipart: bool = False


@dataclass
class Found:
    # path -> the query-string names its view read (pages that answered 200), and the
    # query strings links carry
    query_names: dict[str, set[str]] = field(default_factory=dict)
    link_queries: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    # one form per view and set of field names (the rating form of each session is one)
    forms: dict[tuple[str, frozenset[str]], Form] = field(default_factory=dict)
    # each query name once over all pages (a sampled role), not once per page
    names_once: bool = False

    def query_targets(self) -> Iterator[tuple[str, str, dict[str, str]]]:
        """(path, name, base): each name a page's view read or its links carry, with a
        query string a link of the app carries to that page to set it on."""
        seen: set[str] = set()
        for path in sorted(self.query_names):
            bases = self.link_queries.get(path, [])
            for name in sorted(self.query_names[path] | {k for q in bases for k in q}):
                if self.names_once and name in seen:
                    continue
                seen.add(name)
                yield path, name, next((q for q in bases if name in q), bases[0] if bases else {})


class _PageParser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "?" in a.get("href", ""):
            self.links.append(urljoin(self.page_url, a["href"]))
        elif tag == "form" and a.get("method", "get").lower() == "post":
            self._form = Form(
                urljoin(self.page_url, a.get("action", "")),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self._form)
        elif self._form is not None and a.get("name"):
            name = a["name"]
            if tag == "input" and a.get("type") in ("checkbox", "radio"):
                if "checked" in a or name not in self._form.fields:
                    self._form.fields[name] = a.get("value", "on") if "checked" in a else ""
            elif tag == "input" and a.get("type") not in ("submit", "file", "button"):
                self._form.fields[name] = a.get("value", "")
            elif tag == "select":
                self._select = name
                self._form.fields.setdefault(name, "")
            elif tag == "textarea":
                self._textarea = name
                self._form.fields[name] = ""
        elif (
            tag == "option"
            and self._form is not None
            and self._select
            and ("selected" in a or not self._form.fields.get(self._select))
        ):
            self._form.fields[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


@contextmanager
def recording_query_names() -> Iterator[set[str]]:
    """Records every name a view looks up in request.GET (or .POST) while it runs."""
    names: set[str] = set()
    originals = {m: getattr(QueryDict, m) for m in ("get", "getlist", "__getitem__")}

    def recorder(method: str) -> Any:
        def lookup(self: QueryDict, key: str, *args: Any, **kwargs: Any) -> Any:
            names.add(key)
            return originals[method](self, key, *args, **kwargs)

        return lookup

    contains = QueryDict.__contains__

    def contains_recorded(self: QueryDict, key: object) -> bool:
        if isinstance(key, str):
            names.add(key)
        return contains(self, key)

    for method in originals:
        setattr(QueryDict, method, recorder(method))
    QueryDict.__contains__ = contains_recorded  # type: ignore[method-assign]
    try:
        yield names
    finally:
        for method, original in originals.items():
            setattr(QueryDict, method, original)
        QueryDict.__contains__ = contains  # type: ignore[method-assign]


def _local_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    try:
        resolve(parts.path)
    except Resolver404:
        return None
    return parts.path


def _add_link(found: Found, href: str) -> None:
    """A query string the app itself links to: one per set of names, per page."""
    link_path = _local_path(href)
    if link_path is None:
        return
    pairs = parse_qsl(urlsplit(href).query, keep_blank_values=True)
    query = {k: v for k, v in pairs if not k.startswith("_")}
    queries = found.link_queries.setdefault(link_path, [])
    if all(set(q) != set(query) for q in queries):
        queries.append(query)


def _sampled_admin_views() -> set[str]:
    from django.contrib import admin

    return {"admin:index"} | {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
        for model in admin.site._registry
        for view in SAMPLED_ADMIN_VIEWS
    }


def _wanted(role: str, key: str, url: str, rule: Any) -> bool:
    if "/logout/" in url or url.endswith(".ics"):
        return False
    if role in SAMPLED_ROLES:
        return rule is None and key in _sampled_admin_views()
    if ROLE_PAGES[role] == "admin":
        return rule is None
    if rule is None:
        return False
    return rule.access == "public" if ROLE_PAGES[role] == "public" else True


def crawl(world: World, role: str) -> Found:
    """Opens every page the role may open and reads what it can send back."""
    found = Found(names_once=role in SAMPLED_ROLES)
    client: Client = client_for(world, role)
    for key, url, rule in every_url(world):
        if not _wanted(role, key, url, rule):
            continue
        with recording_query_names() as names:
            response = client.get(url)
        if response.status_code in (301, 302) and "?" in response["Location"]:
            _add_link(found, urljoin(url, response["Location"]))  # "Log this" redirects
        if response.status_code != 200:
            continue
        # Names starting with "_" are the Django admin's own (_popup, _to_field, ...).
        found.query_names.setdefault(urlsplit(url).path, set()).update(
            n for n in names if not n.startswith("_") and n != "csrfmiddlewaretoken"
        )
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = _PageParser(url)
        parser.feed(response.content.decode(errors="replace"))
        for href in parser.links:
            _add_link(found, href)
        for form in parser.forms:
            action = _local_path(form.action)
            if action is not None:
                form.action = action
                view = resolve(action).view_name
                found.forms.setdefault((view, frozenset(form.fields)), form)
    return found


def with_a_superuser(world: World) -> World:
    """The world of the access matrix, with a superuser, who opens every admin page."""
    from accounts.models import User

    world.users["superuser"] = User.objects.create_superuser(
        email="root@example.com", password="a long and unusual passphrase"
    )
    return world


def with_a_plan_for_today(world: World) -> World:
    """The world of the access matrix, with a session planned for today: the dashboard
    then links to the logging form filled in from the plan (`?from=plan&...`)."""
    from django.utils import timezone

    from coaching.models import PlannedSession
    from logbook import load

    today = load.local_day(timezone.now(), world.victim.profile.tz)
    PlannedSession.objects.create(
        athlete=world.victim, day=today, kind="run", duration_s=2400, rpe=5, backward_s=60
    )
    return world
