"""Checks on what people type about themselves."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Control characters (tab, CR, LF, NUL ...) and the Unicode line and paragraph separators:
# none belongs in a name, and a line break in one could start a new e-mail header.
_REFUSED_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(char) in _REFUSED_CATEGORIES for char in value)


def validate_display_name(value: str) -> None:
    if has_control_characters(value):
        raise ValidationError(
            _("A name cannot contain line breaks, tabs or other control characters."),
            code="control_characters",
        )
    # "=?" opens an RFC 2047 encoded word, which an e-mail header would decode (into a
    # line break, for instance): names go into subject lines.
    if "=?" in value:
        raise ValidationError(
            _('A name cannot contain "=?".'),
            code="encoded_word",
        )


def validate_email_address_for_headers(value: str) -> None:
    """Valid to Django, but "=?" would be read as an encoded word in the To header: the
    outbox never sends to such an address, so whoever types it hears it at once."""
    if "=?" in value:
        raise ValidationError(
            _('An e-mail address cannot contain "=?".'),
            code="encoded_word",
        )


def clean_display_name(value: str) -> str:
    """A stored name made safe: control characters become spaces, runs of spaces one, and
    "=?" is written "= ?"."""
    replaced = "".join(
        " " if unicodedata.category(char) in _REFUSED_CATEGORIES else char for char in value
    )
    return " ".join(replaced.replace("=?", "= ?").split())
