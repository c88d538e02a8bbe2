"""The runner's side of coaching: answer an invitation, end the link."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from coaching import services

# Remembered across sign-up and e-mail confirmation, so the new account lands back here.
PENDING_SESSION_KEY = "coaching_invitation"


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    try:
        invite = services.invitation_from_token(token, now=now)
    except services.InvitationError:
        request.session.pop(PENDING_SESSION_KEY, None)
        return render(request, "coaching/invitation_invalid.html", status=410)
    here = reverse("coaching:invitation", args=[token])
    if not request.user.is_authenticated:
        request.session[PENDING_SESSION_KEY] = token
        return render(request, "coaching/invitation.html", {"invitation": invite, "next": here})
    runner = request.user
    assert isinstance(runner, User)
    if runner.pk != invite.coach_id and not services.invitation_is_for(
        invitation=invite, user=runner
    ):
        # Whoever holds the link may not answer it for another account: nothing changes,
        # and the page says why (without the address it was sent to).
        context = {"invitation": invite, "next": here, "other_address": True}
        return render(request, "coaching/invitation.html", context, status=403)
    if request.method == "POST":
        request.session.pop(PENDING_SESSION_KEY, None)
        if request.POST.get("answer") == "accept":
            try:
                services.invitation_accept(invitation=invite, athlete=runner, now=now)
            except services.SelfInvitationError:
                messages.error(request, _("This is your own invitation: send it to the runner."))
                return redirect("accounts:settings")
            messages.success(request, _("Your coach can now see your training."))
        else:
            services.invitation_decline(invitation=invite, now=now, user=runner)
            messages.info(
                request, _("Invitation declined. Your coach sees nothing of your training.")
            )
        return redirect("accounts:settings")
    return render(request, "coaching/invitation.html", {"invitation": invite, "next": here})


@login_required
@require_POST
def coaching_end(request: HttpRequest) -> HttpResponse:
    services.coaching_end(athlete=cast(User, request.user))
    messages.success(
        request,
        _("You have no coach now. Your former coach sees nothing of your training any more."),
    )
    return redirect("accounts:settings")
