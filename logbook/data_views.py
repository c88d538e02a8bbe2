"""Dashboard and "your data" (export, account deletion)."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts import deletion
from accounts.models import User
from accounts.requests import signed_in_user
from logbook import export
from logbook.dashboard import dashboard_build, dashboard_parts
from logbook.page_cache import cached_page
from logbook.services.warnings import warnings_mark_seen
from logbook.views import runner_data_key


def _runner(request: HttpRequest) -> User:
    """The signed-in user (every view here is behind login_required)."""
    return signed_in_user(request)


@require_safe
@login_required
@cached_page(runner_data_key)
def dashboard(request: HttpRequest) -> HttpResponse:
    runner = _runner(request)
    figures = dashboard_build(athlete=runner, now=timezone.now())
    unseen = [w.pk for w in figures.open_warnings if not w.seen]
    if unseen:
        # Showing a warning on the dashboard is what "seen" means.
        warnings_mark_seen(athlete=runner, warning_ids=unseen)
    context: dict[str, Any] = {
        "name": runner.profile.display_name or runner.email,
        "d": figures,
        "chart_data": figures.load_chart.as_json(),
        "fitness": figures.fitness,
        "next_steps": figures.next_steps,
        # The blocks of other apps (the plan, the coach's notes): read here, not in the
        # template.
        **dashboard_parts(request, athlete=runner, today=figures.today),
    }
    return render(request, "logbook/dashboard.html", context)


@require_safe
@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    ctx = export.context_for(_runner(request))
    now = timezone.now()
    response = HttpResponse(
        export.export_json_bytes(ctx, now=now), content_type="application/json; charset=utf-8"
    )
    name = export.filename("export", "json", ctx, now=now)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@login_required
def export_csv(request: HttpRequest, table: str) -> HttpResponse | StreamingHttpResponse:
    found = export.TABLES.get(table)
    if found is None:
        raise Http404("No such table")
    ctx = export.context_for(_runner(request))
    name = export.filename(found.name, "csv", ctx)
    content_type = "text/csv; charset=utf-8"
    response: HttpResponse | StreamingHttpResponse
    if found.streamed:
        response = StreamingHttpResponse(
            export.csv_lines(found, found.rows(ctx)), content_type=content_type
        )
    else:
        # Built now, while the runner's language is active: some cells are texts.
        response = HttpResponse(
            "".join(export.csv_lines(found, list(found.rows(ctx)))), content_type=content_type
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@login_required
def your_data(request: HttpRequest) -> HttpResponse:
    tables = list(export.TABLES.values())
    return render(request, "logbook/your_data.html", {"tables": tables})


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("To be sure it is you, type the password you log in with."),
    )

    def __init__(self, *args: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        # Through allauth, so wrong guesses count against the same failed-login limit as
        # the login page: this form must not become a way around it.
        try:
            confirmed = get_adapter(self.request).authenticate(
                self.request, email=self.user.email, password=password
            )
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages, code="too_many_attempts") from error
        if confirmed is None or confirmed.pk != self.user.pk:
            raise forms.ValidationError(
                _("That is not your current password."), code="password_incorrect"
            )
        return password


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    runner = _runner(request)
    if request.method == "POST":
        form = AccountDeleteForm(request.POST, request=request, user=runner)
        if form.is_valid():
            deletion.account_delete(user=runner)
            logout(request)
            messages.success(request, _("Your account and all your data have been deleted."))
            return redirect("home")
    else:
        form = AccountDeleteForm(request=request, user=runner)
    return render(request, "logbook/account_delete.html", {"form": form})
