from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.kinds import KINDS


def weekly_reminder_field() -> forms.BooleanField:
    """The weekly e-mail's switch on the settings page (accounts/settings_page.py)."""
    return forms.BooleanField(
        label=_("weekly progression e-mail"),
        required=False,
        help_text=_("Every week an e-mail with your next steps and what your load did."),
    )


class PreferencesForm(forms.Form):
    """One switch per kind of e-mail; the digest only for coaches."""

    def __init__(self, *args: Any, current: dict[str, bool], is_coach: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for code, enabled in current.items():
            kind = KINDS[code]
            if kind.coaches_only and not is_coach:
                continue
            self.fields[code] = forms.BooleanField(
                label=kind.label, help_text=kind.description, required=False, initial=enabled
            )
