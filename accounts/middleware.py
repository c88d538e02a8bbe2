from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation


class AthletePreferencesMiddleware:
    """A signed-in runner's own language and time zone win over the browser's.

    Runs after LocaleMiddleware (which picked the browser's or the cookie's language) and
    after authentication; one extra query for the profile on signed-in pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            profile = getattr(user, "profile", None)
            if profile is not None:
                if profile.language:
                    translation.activate(profile.language)
                    request.LANGUAGE_CODE = profile.language
                timezone.activate(profile.tz)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
