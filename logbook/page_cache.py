"""Whole pages kept in the cache, keyed by the data versions they show.

`cached_page(key)` wraps a view that only reads: its key function gives what the page
depends on beyond the request itself (the runner's data version, or a coach's, which
their athletes' writes raise too; the local day); the cache key adds the path with its query, the signed-in
person (id, e-mail, staff flag: the navigation shows them), language and time zone.
Headers are not kept: the middleware sets them on every answer, cached or not. Each page
is kept with the token of the shared facts it was rendered under (the catalogue, people's
names: logbook/page_facts.py) and served only while that token holds; every key holds
the version of the code.

A page is kept without its CSRF tokens: they are put back, fresh for the visitor's own
CSRF cookie, whenever the page is served. Nothing is served from the cache or stored in
it when a message is waiting (it would be shown once), while the session holds a key
registered with `uncached_while_in_session`, for anything but a 200, or when PAGE_CACHE
is off. Writes never read from here; they raise the version instead
(accounts/versions.py), so the next request after a write renders anew.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Collection
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from accounts.versions import version_key
from logbook.page_facts import SHARED_TOKEN_KEY, shared_token

logger = logging.getLogger(__name__)

KeyFunction = Callable[..., object]

# A day: entries are keyed by versions (and the local day where it matters), so an old
# entry is never served; the timeout only frees the memory.
TIMEOUT_S = 24 * 3600
CSRF_PLACEHOLDER = "\x00csrf-token\x00"
NONCE_PLACEHOLDER = "\x00csp-nonce\x00"
# What {% csrf_token %} renders: a 64-character masked token.
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
# The CSP nonce some templates (the admin's) put on their tags: the request's own.
NONCE = re.compile(r'( nonce=")[A-Za-z0-9_-]+(")')


# Session keys whose presence makes a page depend on the browser, not only on the data:
# while one is set, pages are rendered every time. Other apps add theirs in ready().
UNCACHED_WHILE_IN_SESSION: set[str] = set()


def uncached_while_in_session(key: str) -> None:
    """Render pages anew while the visitor's session holds `key` (for instance an
    invitation opened in this browser, which the dashboard shows)."""
    UNCACHED_WHILE_IN_SESSION.add(key)


def _cache_in_fallback() -> bool:
    """While Redis is down the cache is a per-process memory: pages are not kept there
    (a day of whole pages per person would not fit)."""
    in_fallback = getattr(cache, "in_fallback", None)
    return bool(in_fallback and in_fallback())


def _message_waiting(request: HttpRequest) -> bool:
    return len(messages.get_messages(request)) > 0


def _browser_state(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return session is not None and any(key in session for key in UNCACHED_WHILE_IN_SESSION)


def cached_response(
    request: HttpRequest, *, name: str, parts: object, render: Callable[[], HttpResponseBase]
) -> HttpResponseBase:
    """The page `name` from the cache when it holds one for `parts` (and the request),
    else `render()`'d and kept. `parts` None: rendered, never kept."""
    if (
        parts is None
        or not settings.PAGE_CACHE
        or request.method not in ("GET", "HEAD")
        or _message_waiting(request)
        or _browser_state(request)
        or _cache_in_fallback()
    ):
        return render()
    user: Any = request.user
    cache_key = _page_key_prefix(user.pk) + version_key(
        "page",
        name,
        request.get_full_path(),
        user.pk,
        user.email,
        user.is_staff,
        get_language(),
        timezone.get_current_timezone_name(),
        parts,
    )
    # One round trip: the page and the token of the facts it shares with other pages
    # (logbook/page_facts.py); a page kept under another token is out of date.
    found = cache.get_many([cache_key, SHARED_TOKEN_KEY])
    token = found.get(SHARED_TOKEN_KEY)
    if token is None:
        token = shared_token()
    stored = found.get(cache_key)
    if stored is not None and stored[0] == token:
        _token, content_type, body = stored
        body = body.replace(CSRF_PLACEHOLDER, get_token(request))
        if NONCE_PLACEHOLDER in body:
            body = body.replace(NONCE_PLACEHOLDER, str(getattr(request, "_csp_nonce", "")))
        return HttpResponse(body, content_type=content_type)
    response = render()
    if isinstance(response, SimpleTemplateResponse) and response.status_code == 200:
        response.render()
    # A view may set the CSRF cookie itself (the admin's csrf_protect); on a hit the
    # middleware sets it, as get_token() asks. Any other cookie: not kept.
    if (
        isinstance(response, HttpResponse)
        and response.status_code == 200
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
    ):
        body = CSRF_INPUT.sub(
            rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode(response.charset)
        )
        body = NONCE.sub(rf"\g<1>{NONCE_PLACEHOLDER}\g<2>", body)
        cache.set(cache_key, (token, response["Content-Type"], body), TIMEOUT_S)
    return response


def _page_key_prefix(user_id: object) -> str:
    """Keys start with the person's id, so their pages can be found and removed."""
    return f"page:{user_id}:"


def pages_forget(*, user_ids: Collection[int]) -> int:
    """Remove every cached page of these people (an account is gone, or pages of others
    name it); returns how many. One pass over the keys, whatever the number of people.
    Only Redis lists its keys; while it is down there is nothing to remove there (the
    per-process fallback keeps no pages), and a local-memory cache (development) lets its
    entries expire."""
    backend = caches["default"]
    if not user_ids or not isinstance(backend, RedisCache):
        return 0
    prefixes = tuple(backend.make_key(_page_key_prefix(pk)).encode() for pk in set(user_ids))
    # Every page's key: Django's key prefix and version, then "page:" (_page_key_prefix).
    pattern = re.sub(r"([*?\[\]\\])", r"\\\1", backend.make_key("page:")) + "*"
    try:
        client = backend._cache.get_client(write=True)
        removed = 0
        keys = (k for k in client.scan_iter(match=pattern, count=1000) if k.startswith(prefixes))
        for batch in itertools.batched(keys, 500):
            removed += int(client.delete(*batch))
        return removed
    except Exception:  # Redis went away: the pages expire within TIMEOUT_S by themselves
        logger.warning(
            "Could not remove the cached pages of users %s", sorted(user_ids), exc_info=True
        )
    return 0


def cached_page[V: Callable[..., HttpResponseBase]](key: KeyFunction) -> Callable[[V], V]:
    """`cached_response` for a view: `key(request, *args, **kwargs)` gives the parts."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            return cached_response(
                request,
                name=f"{view.__module__}.{view.__qualname__}",
                parts=key(request, *args, **kwargs),
                render=lambda: view(request, *args, **kwargs),
            )

        return cast(V, wrapped)

    return decorator


def fragments_kept() -> bool:
    """Whether parts of pages may be kept in the cache now (as whole pages may)."""
    return bool(settings.PAGE_CACHE) and not _cache_in_fallback()


def person_key(user_id: int, *parts: object) -> str:
    """A cache key for a fragment that shows this person's data: keyed by `parts` (their
    data version among them), and removed with their pages when their account goes."""
    return _page_key_prefix(user_id) + version_key(*parts)
