"""Unsubscribe (RFC 8058 one-click and a confirm page) and the e-mail preferences page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.requests import signed_in_user
from notifications import services
from notifications.forms import PreferencesForm


# A mail client's one-click POST carries neither cookies nor a CSRF token; the signed
# link is what authorises it, and all it can do is turn one kind of e-mail off.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = services.unsubscribe_read(token=token)
    if found is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    context = {"kind": found.kind, "email": found.user.email}
    if request.method == "POST":
        services.unsubscribe(request=found)
        return render(request, "notifications/unsubscribed.html", context)
    return render(request, "notifications/unsubscribe_confirm.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    current = services.preferences_of(user=user)
    form = PreferencesForm(request.POST or None, current=current, is_coach=user.is_coach)
    if request.method == "POST" and form.is_valid():
        for code, enabled in form.cleaned_data.items():
            services.preference_set(user=user, kind=code, enabled=bool(enabled))
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
