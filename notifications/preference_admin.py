"""A person's e-mail choices on the user admin's page: one switch per kind, read from and
written to where the sender reads them (EmailPreference, through preference_set), the same
choices as the preferences page and the runner's settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications import services
from notifications.kinds import KINDS
from notifications.models import EmailPreference


def _kind_choices() -> list[tuple[str, Any]]:
    # Read when a form is made: the apps register their kinds after the admin loads.
    return [(code, kind.label) for code, kind in KINDS.items() if kind.unsubscribable]


class EmailChoiceForm(forms.ModelForm[EmailPreference]):
    kind = forms.ChoiceField(label=_("e-mail"), choices=(), disabled=True)

    class Meta:
        model = EmailPreference
        fields = ["kind", "enabled"]
        labels = {"enabled": _("on")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _kind_choices()


class EmailChoices(BaseInlineFormSet[EmailPreference, User, forms.ModelForm[EmailPreference]]):
    """The stored choices, and a row with its default for every kind without one; saving
    goes through preference_set, as every other switch does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        user = kwargs.get("instance")
        missing: list[dict[str, Any]] = []
        if isinstance(user, User) and user.pk:
            stored = set(EmailPreference.objects.filter(user=user).values_list("kind", flat=True))
            missing = [
                {"kind": code, "enabled": on}
                for code, on in services.preferences_of(user=user).items()
                if code not in stored
            ]
        kwargs["initial"] = missing
        super().__init__(*args, **kwargs)
        self.extra = len(missing)

    def save(self, commit: bool = True) -> list[EmailPreference]:
        for form in self.forms:
            if form.has_changed() and form.cleaned_data:
                services.preference_set(
                    user=self.instance,
                    kind=form.cleaned_data["kind"],
                    enabled=form.cleaned_data["enabled"],
                )
        # What the admin's history message reads.
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        return []


class EmailChoicesInline(admin.TabularInline[EmailPreference, User]):
    model = EmailPreference
    form = EmailChoiceForm
    formset = EmailChoices
    fields = ["kind", "enabled"]
    can_delete = False
    verbose_name = _("e-mail choice")
    verbose_name_plural = _("e-mail choices")

    def get_max_num(self, request: Any, obj: Any = None, **kwargs: Any) -> int:
        return len(_kind_choices())


def user_admin_add_email_choices() -> None:
    """The user admin (accounts) shows the switches; accounts never imports notifications."""
    user_admin = type(admin.site.get_model_admin(User))
    if EmailChoicesInline not in user_admin.inlines:
        user_admin.inlines = [*user_admin.inlines, EmailChoicesInline]
