"""One function per e-mail; each renders its own templates in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from coaching.selectors import athlete_admin_url
from logbook.models import TrainingWarning


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _language_of(user: User) -> str:
    profile = getattr(user, "profile", None)
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


def _send(*, to: User, template: str, context: dict[str, object]) -> None:
    with translation.override(_language_of(to)):
        subject = render_to_string(f"logbook/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"logbook/email/{template}.txt", context)
        html = render_to_string(f"logbook/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to.email])
    message.attach_alternative(html, "text/html")
    message.send()


def alarm_warning(*, warning: TrainingWarning) -> None:
    """An alarm (spike or pain) to the runner and, if they have one, their coach."""
    athlete = warning.athlete
    recipients = [(athlete, False)]
    coach = athlete.profile.coach
    if coach is not None and coach.is_active:
        recipients.append((coach, True))
    for recipient, as_coach in recipients:
        with translation.override(_language_of(recipient)):
            context = {
                "w": warning.view(),
                "athlete_name": athlete.profile.display_name or athlete.email,
                "as_coach": as_coach,
                "dashboard_url": site_url(reverse("logbook:dashboard")),
                "help_url": site_url(reverse("exercises:seek_help")),
                "admin_url": site_url(athlete_admin_url(athlete)),
            }
        _send(to=recipient, template="alarm", context=context)
