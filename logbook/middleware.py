"""The owner header the service worker reads (static/js/sw.js)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from logbook.offline import offline_owner

OWNER_HEADER = "X-Offline-Owner"


class OfflineOwnerMiddleware:
    """Names the signed-in person of every answer (opaquely), so the service worker keeps a
    page only for the person who saw it, and drops every kept page when someone else, or
    nobody, is signed in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response[OWNER_HEADER] = offline_owner(getattr(request, "user", None))
        return response
