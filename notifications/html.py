"""E-mails laid out for a phone, with their plain-text part: every HTML template extends
notifications/email/base.html, whose stylesheet is moved onto the elements here because
many mail apps drop <style> blocks."""

from __future__ import annotations

import re
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


# A line break after a block's end tag where the next tag follows at once (between table
# cells and rows, paragraphs, list items: no rendered space). The inlined page then keeps
# under the 998-character line limit, so the HTML part goes out as 8bit text instead of
# being quoted-printable encoded, which costs more than the rest of the message.
_BLOCK_END = re.compile(r"(</(?:tr|td|th|p|li|ul|ol|table|thead|tbody|div|h1|h2|h3)>)(?=<)")


def email_html(template: str, context: dict[str, Any]) -> str:
    return _BLOCK_END.sub("\\1\n", str(_INLINER.inline(render_to_string(template, context))))


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
