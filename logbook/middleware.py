"""What the service worker (static/js/sw.js) needs from every answer."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from logbook.offline import offline_owner

OWNER_HEADER = "X-Offline-Owner"
COPY_HEADER = "X-Offline-Copy"


class OfflineOwnerMiddleware:
    """Names the signed-in person of every answer (opaquely), so the service worker keeps a
    page only for the person who saw it, and drops every kept page when someone else, or
    nobody, is signed in.

    A copy the worker fetches in the background for offline use changes no cookie: it may
    run while the runner signs in or out, and its answer must neither end the new session
    nor replace the CSRF cookie of the form on screen. So this sits outside the session and
    CSRF middleware, and takes their cookies off such an answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response[OWNER_HEADER] = offline_owner(getattr(request, "user", None))
        if COPY_HEADER in request.headers:
            response.cookies.clear()
        return response
