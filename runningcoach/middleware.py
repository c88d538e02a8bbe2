"""Response headers that protect personal data."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control


class PrivateNoStoreMiddleware:
    """Every response to a signed-in person (pages, exports, JSON) carries
    `Cache-Control: private, no-store`, so neither a shared proxy nor the browser's disk
    cache keeps a copy of training or health data after they sign out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class PingMiddleware:
    """Answers `/ping/` (the trivial view every page is measured against, and a liveness
    probe that needs no database) before sessions, authentication, locale and CSP run.

    It sits right after SecurityMiddleware, so the answer keeps its headers (HTTPS
    redirect, HSTS, nosniff, referrer and opener policies); the host is still checked
    against ALLOWED_HOSTS, and the answer may not be framed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info != "/ping/" or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        request.get_host()  # DisallowedHost (400) for a host outside ALLOWED_HOSTS
        response = HttpResponse("ok", content_type="text/plain")
        response["X-Frame-Options"] = "DENY"
        return response
