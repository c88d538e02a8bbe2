"""The coaching e-mails, one function per e-mail, each in the recipient's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User

if TYPE_CHECKING:
    from coaching.models import Invitation


def _site_url(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def _name(user: User) -> str:
    profile = getattr(user, "profile", None)
    name = (profile.display_name if profile else "") or user.email
    # A name goes into subject lines: no line breaks, whatever was typed.
    return " ".join(name.split())


def _send(*, to: str, language: str, template: str, context: dict[str, object]) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"coaching/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"coaching/email/{template}.txt", context)
        html = render_to_string(f"coaching/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def invitation(*, invitation: Invitation, token: str) -> None:
    """The coach's invitation, with the signed link; in the language of the account that
    already has this address, or the coach's."""
    runner = User.objects.select_related("profile").filter(email__iexact=invitation.email).first()
    language = (runner or invitation.coach).profile.language
    context: dict[str, object] = {
        "coach_name": _name(invitation.coach),
        "link": _site_url(reverse("coaching:invitation", args=[token])),
        "expires_at": invitation.expires_at,
    }
    _send(to=invitation.email, language=language, template="invitation", context=context)


def coach_message(*, coach: User, athlete: User, text: str) -> None:
    """A short message from the coach to one athlete (the athlete list's action)."""
    context: dict[str, object] = {
        "coach_name": _name(coach),
        "athlete_name": _name(athlete),
        "text": text,
        "dashboard_url": _site_url(reverse("logbook:dashboard")),
    }
    _send(to=athlete.email, language=athlete.profile.language, template="message", context=context)
