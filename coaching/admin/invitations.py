"""Invitations a coach sends to runners."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.validators import validate_email_address_for_headers
from coaching import services
from coaching.admin.common import display_name, request_coach
from coaching.models import (
    Invitation,
)


class InvitationForm(forms.ModelForm[Invitation]):
    class Meta:
        model = Invitation
        fields = ["email"]

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"])
        validate_email_address_for_headers(email)
        return email


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    open_to_staff = True  # a coach's page (runningcoach/admin_site.py)
    form = InvitationForm
    list_display = ["email", "created_at", "state", "coach_name"]
    list_select_related = ["coach__profile"]
    search_fields = ["email"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Invitation]:
        invitations = super().get_queryset(request)
        coach = request_coach(request)
        return invitations if coach.is_superuser else invitations.filter(coach=coach)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["email"] if obj is None else ["email", "coach_name", "created_at", "state"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if obj is None else ["email", "coach_name", "created_at", "state"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # an invitation is sent, then answered; withdraw it by deleting it

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not obj.answered)

    def delete_model(self, request: HttpRequest, obj: Invitation) -> None:
        services.invitations_withdraw(invitations=Invitation.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        services.invitations_withdraw(invitations=queryset)

    def save_model(self, request: HttpRequest, obj: Invitation, form: Any, change: bool) -> None:
        sent = services.invitation_send(
            coach=request_coach(request), email=form.cleaned_data["email"], now=timezone.now()
        )
        obj.pk = sent.pk
        obj.coach = sent.coach
        obj.created_at = sent.created_at

    @admin.display(description=gettext_lazy("coach"))
    def coach_name(self, obj: Invitation) -> str:
        return display_name(obj.coach)

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj: Invitation) -> str:
        if obj.accepted_at:
            return _("accepted")
        if obj.declined_at:
            return _("declined")
        if not obj.is_open(now=timezone.now()):
            return _("expired")
        return _("waiting for an answer")
