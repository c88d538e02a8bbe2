"""allauth's sign-up form, answering as slowly for a taken address as for a new one."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest


class EvenSignupForm(SignupForm):  # type: ignore[misc]
    def try_save(self, request: HttpRequest) -> Any:
        if self.account_already_exists:
            # A new account hashes its password, which takes most of the time; without the
            # same work here the answer would come ten times sooner for a taken address.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
