"""E-mails laid out for a phone, with their plain-text part: every HTML template extends
notifications/email/base.html, whose stylesheet is moved onto the elements here because
many mail apps drop <style> blocks."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

import css_inline
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import User
from notifications import links
from notifications.kinds import RenderedEmail
from runningcoach.mail import render_subject

_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def email_html(template: str, context: dict[str, Any]) -> str:
    return str(_INLINER.inline(render_to_string(template, context)))


def recipient_zone(user: User) -> tzinfo:
    profile = getattr(user, "profile", None)
    return profile.tz if profile is not None else timezone.get_default_timezone()


def render_email(name: str, context: dict[str, Any], *, recipient: User) -> RenderedEmail:
    """`name`_subject.txt, `name`.txt and `name`.html, with the links every footer has,
    every moment in the recipient's own zone (the outbox has set their language)."""
    context = {
        **context,
        "preferences_url": links.preferences_url(),
        "site_url": links.site_url("/"),
    }
    with timezone.override(recipient_zone(recipient)):
        return RenderedEmail(
            subject=render_subject(f"{name}_subject.txt", context),
            text=render_to_string(f"{name}.txt", context),
            html=email_html(f"{name}.html", context),
        )
