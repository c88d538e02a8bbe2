from typing import Any

from allauth.account.adapter import get_adapter
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import services, time_zones
from accounts.models import AthleteProfile, User
from accounts.settings_page import settings_fields
from accounts.validators import validate_display_name

CONSENT_HELP = _(
    "Lets runningcoach store how much a session hurt (pain 0-10 and where), so it can warn "
    "you. Optional; you can withdraw it at any time in your settings."
)


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth supplies e-mail and passwords."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        validators=[validate_display_name],
        help_text=_("How your coach and the app address you."),
    )
    health_consent = forms.BooleanField(
        label=_("I agree that my pain scores are stored (health data)"),
        required=False,
        help_text=CONSENT_HELP,
    )
    # Filled in by static/js/time-zone.js from the browser; without JavaScript, or with a
    # name we do not know, the default zone is used and can be changed in the settings.
    time_zone = forms.CharField(
        required=False,
        max_length=64,
        widget=forms.HiddenInput(attrs={"data-browser-time-zone": ""}),
    )

    def clean_time_zone(self) -> str:
        return time_zones.from_browser(
            self.cleaned_data.get("time_zone") or "", default=settings.TIME_ZONE
        )

    def signup(self, request: HttpRequest, user: User) -> None:
        services.profile_after_signup(
            user=user,
            display_name=self.cleaned_data["display_name"],
            health_consent=self.cleaned_data["health_consent"],
            language=getattr(request, "LANGUAGE_CODE", ""),
            time_zone=self.cleaned_data.get("time_zone") or settings.TIME_ZONE,
        )


class ProfileForm(forms.ModelForm[AthleteProfile]):
    health_consent = forms.BooleanField(
        label=_("Store my pain scores (health data)"),
        required=False,
        help_text=_(
            "Withdrawing consent hides the pain fields and deletes the pain scores already stored."
        ),
    )

    class Meta:
        model = AthleteProfile
        fields = ["display_name", "time_zone", "language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["health_consent"].initial = self.instance.has_health_consent
        self.fields["display_name"].required = True
        self.fields["time_zone"] = forms.ChoiceField(
            label=_("Time zone"),
            choices=time_zones.grouped_choices(keep=self.instance.time_zone),
            help_text=_("Your days and weeks start at midnight in this zone."),
        )
        # Choices kept by other apps (the weekly e-mail), after the profile's own: the
        # view reads them into the form and saves them where they live.
        for extra in settings_fields():
            self.fields[extra.name] = extra.field()


class RateLimitedAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form behind the same failed-login limit as the site's.

    Authentication goes through allauth's adapter, which counts failures per account in
    the shared cache, so guessing at /admin/login/ uses up the same five attempts."""

    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            adapter = get_adapter(self.request)
            try:
                self.user_cache = adapter.authenticate(self.request, email=email, password=password)
            except ValidationError as error:
                raise ValidationError(error.messages, code="too_many_login_attempts") from error
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
