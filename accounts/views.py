from typing import Literal, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts import services
from accounts.forms import ProfileForm
from accounts.requests import signed_in_user
from accounts.settings_page import settings_fields

CookieSameSite = Literal["Lax", "Strict", "None", False] | None


@login_required
def settings_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    profile = user.profile
    # Choices other apps keep (the weekly e-mail's switch lives with the other e-mail
    # choices) are read from, and saved to, their one home.
    initial = {extra.name: extra.read(user) for extra in settings_fields()}
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            services.profile_update(
                profile=profile,
                display_name=data["display_name"],
                time_zone=data["time_zone"],
                language=data["language"],
                health_consent=data["health_consent"],
            )
            for extra in settings_fields():
                if extra.name in form.changed_data:  # an untouched box changes no choice
                    extra.write(user, data[extra.name])
            if profile.language:
                translation.activate(profile.language)
            messages.success(request, _("Your settings are saved."))
            response = redirect("accounts:settings")
            if profile.language:
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    profile.language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                    httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                    samesite=cast(CookieSameSite, settings.LANGUAGE_COOKIE_SAMESITE),
                )
            return response
    else:
        form = ProfileForm(instance=profile, initial=initial)
    return render(request, "accounts/settings.html", {"form": form, "profile": profile})


@require_POST
def language_view(request: HttpRequest) -> HttpResponseBase:
    """Django's set_language, and for a signed-in runner also their saved preference."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in {"en", "nl"}:
        services.profile_set_language(profile=signed_in_user(request).profile, language=language)
    return set_language(request)
