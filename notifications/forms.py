from __future__ import annotations

from typing import Any

from django import forms

from notifications.kinds import KINDS


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
