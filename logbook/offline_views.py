"""The pages and endpoints behind offline use: the service worker and its offline page, the
device queue's send endpoint and its page, the share target, and the private upload link.

CSRF: the queue is sent by the page (or, with Background Sync, by the service worker) with
a token fetched fresh from `device_sync` by GET just before the POST, never one stored with
the entry: a queued entry may outlive its page's token (a new sign-in rotates it). Another
site cannot read that GET's answer (same-origin policy; no CORS headers), so the endpoint
keeps Django's ordinary CSRF check. The share target and the upload link cannot carry a
token (the system's share sheet posts the first, automations the second); see their views.
"""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.requests import signed_in_user
from logbook import imports, offline
from logbook.forms import BaseExerciseFormSet, ExerciseFormSet, SessionForm, exercise_choices
from logbook.models import Kind, Session
from logbook.offline_files import FileRefused, outcome_answer, upload_from_request
from logbook.service_worker import service_worker_script
from runningcoach import units


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served from the site's root so that its scope is the whole site.
    The same script for everyone: what it keeps is decided by each answer's owner header."""
    response = HttpResponse(service_worker_script(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page that needs a connection."""
    return render(request, "logbook/offline.html")


@login_required
@require_GET
def waiting(request: HttpRequest) -> HttpResponse:
    """The sessions and files waiting on this device: drawn by static/js/offline.js (drawList) from
    the device's own store, so the page itself holds nothing personal."""
    return render(request, "logbook/waiting.html")


def _session_words(session: Session) -> str:
    local = timezone.localtime(session.start, session.athlete.profile.tz)
    parts = [
        str(session.get_kind_display()),
        formats.date_format(local, "DATETIME_FORMAT"),
        units.duration(session.duration_s),
    ]
    if session.distance_m:
        parts.append(units.km(session.distance_m))
    return " · ".join(parts)


def _form_errors(form: Any, formset: Any | None) -> list[dict[str, str]]:
    errors: list[dict[str, str]] = []
    for name, messages_ in form.errors.items():
        label = "" if name == "__all__" else str(form.fields[name].label)
        errors.extend({"field": name, "label": label, "message": str(m)} for m in messages_)
    if formset is not None:
        for message in formset.non_form_errors():
            errors.append({"field": "__all__", "label": "", "message": str(message)})
        for row in formset.errors:
            for name, messages_ in row.items():
                errors.extend(
                    {"field": name, "label": _("Exercises done"), "message": str(m)}
                    for m in messages_
                )
    return errors


def _session_answer(result: offline.DeviceLogResult) -> dict[str, Any]:
    session = result.session
    if session is None:
        return {"status": "deleted", "message": _("Sent before; you have deleted it since.")}
    warnings = [w.view().title for w in result.new_warnings]
    return {
        "status": "added" if result.created else "already",
        "message": _("Sent: %(session)s.") % {"session": _session_words(session)},
        "url": reverse("logbook:session_detail", args=[session.pk]),
        "warnings": warnings,
    }


def _already_sent(runner: User, device_id: uuid.UUID) -> JsonResponse | None:
    existing = offline.device_entry_find(athlete=runner, device_id=device_id)
    if existing is None:
        return None
    return JsonResponse(
        _session_answer(offline.DeviceLogResult(session=existing.session, created=False))
    )


def _sync_session(request: HttpRequest, device_id: uuid.UUID) -> JsonResponse:
    runner = signed_in_user(request)
    if (already := _already_sent(runner, device_id)) is not None:
        return already
    profile = runner.profile
    form = SessionForm(
        request.POST,
        tz=profile.tz,
        health_consent=profile.has_health_consent,
        own_sessions=Session.objects.filter(athlete=runner),
    )
    formset = ExerciseFormSet(
        request.POST, prefix="ex", form_kwargs={"exercise_choices": exercise_choices()}
    )
    is_strength = request.POST.get("kind") == Kind.STRENGTH
    form_ok = form.is_valid()
    formset_ok = not is_strength or formset.is_valid()
    if not (form_ok and formset_ok):
        # A first send of this entry may have committed since the lookup above; its session
        # then fails the form's check for the same kind within the same minute. Answered as
        # sent, or the device would mark as refused an entry that is in the log.
        if (already := _already_sent(runner, device_id)) is not None:
            return already
        return JsonResponse(
            {
                "status": "invalid",
                "message": _("Not sent: correct what is marked, or discard it."),
                "errors": _form_errors(form, formset if is_strength else None),
            },
            status=400,
        )
    done = cast(BaseExerciseFormSet, formset).done() if is_strength else []
    result = offline.session_log_from_device(
        athlete=runner, device_id=device_id, values=form.session_values(), exercises=done
    )
    return JsonResponse(_session_answer(result), status=201 if result.created else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def device_sync(request: HttpRequest) -> JsonResponse:
    """GET: a fresh CSRF token for the send that follows. POST: one queued entry, a session
    (the log form's fields and `device_id`) or a file (`file`), answered in JSON."""
    if not request.user.is_authenticated:
        # Not a redirect to the sign-in page: the device keeps the entry until signed in.
        return JsonResponse({"status": "signed_out"}, status=401)
    if request.method == "GET":
        return JsonResponse({"csrf": get_token(request)})
    if "file" in request.FILES:
        return _sync_file(request)
    try:
        device_id = uuid.UUID(request.POST.get("device_id", ""))
    except ValueError:
        return JsonResponse(
            {"status": "invalid", "message": _("This entry has no valid device id.")}, status=400
        )
    return _sync_session(request, device_id)


def _sync_file(request: HttpRequest) -> JsonResponse:
    runner = signed_in_user(request)
    kind = request.POST.get("kind", Kind.RUN)
    try:
        upload = upload_from_request(request)
        outcome = offline.file_import(
            athlete=runner, upload=upload, kind=kind if kind in Kind.values else Kind.RUN
        )
    except FileRefused as refused:
        return JsonResponse(
            {"status": "invalid", "message": refused.message}, status=refused.status
        )
    except imports.ImportFileError as error:
        return JsonResponse({"status": "invalid", "message": str(error.message)}, status=400)
    answer, status = outcome_answer(outcome)
    if outcome.job is None:
        answer["url"] = reverse(
            "logbook:sessions_to_rate" if answer["added"] else "logbook:session_list"
        )
    return JsonResponse({"status": "added", **answer}, status=status)


def _share_allowed(request: HttpRequest) -> bool:
    """A share comes from the system's share sheet: a navigation no page started
    (Sec-Fetch-Site `none`), or this site's own pages. A form on another site is refused;
    without the header (an old browser) the ordinary CSRF token is required."""
    site = request.headers.get("Sec-Fetch-Site")
    if site in ("none", "same-origin"):
        return True
    if site is not None:
        return False
    from django.middleware.csrf import CsrfViewMiddleware

    refused = CsrfViewMiddleware(lambda r: HttpResponse()).process_view(
        request, lambda r: HttpResponse(), (), {}
    )
    return refused is None


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def share_receive(request: HttpRequest) -> HttpResponse:
    """The manifest's share target, for a browser whose service worker did not take the
    share (it keeps the file on the device first): import the shared files now."""
    if request.method == "GET":
        return redirect("logbook:import")
    if not _share_allowed(request):
        raise PermissionDenied
    runner = signed_in_user(request)
    files = request.FILES.getlist("file")
    if not files:
        messages.error(request, _("Nothing was shared: choose a file to import."))
        return redirect("logbook:import")
    added = 0
    for upload in files:
        try:
            outcome = offline.file_import(athlete=runner, upload=upload, kind=Kind.RUN)
        except imports.ImportFileError as error:
            messages.error(request, f"{upload.name}: {error.message}")
            continue
        answer, _status = outcome_answer(outcome)
        messages.success(request, f"{upload.name}: {answer['message']}")
        if outcome.job is not None:
            return redirect("logbook:import_status", pk=outcome.job.pk)
        added += answer.get("added", 0)
    if added:
        messages.info(
            request,
            ngettext(
                "Rate how hard the imported session felt, so its load is right.",
                "Rate how hard the %(n)d imported sessions felt, so their load is right.",
                added,
            )
            % {"n": added},
        )
        return redirect("logbook:sessions_to_rate")
    return redirect("logbook:import")


# The private upload link -----------------------------------------------------------------


@login_required
@require_POST
def upload_link_manage(request: HttpRequest) -> HttpResponse:
    runner = signed_in_user(request)
    action = request.POST.get("action")
    if action == "delete":
        offline.upload_link_delete(athlete=runner)
        messages.success(request, _("Your upload link is removed: it no longer accepts files."))
    elif action == "reset":
        had_one = offline.upload_link_token(athlete=runner) is not None
        offline.upload_link_reset(athlete=runner)
        messages.success(
            request,
            _("Your upload link is new: the old one no longer works. Update your automations.")
            if had_one
            else _("Your upload link is ready. Keep it to yourself: it adds to your log."),
        )
    return redirect(reverse("logbook:import") + "#upload-link")


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"ok": False, "error": message}, status=status)


@csrf_exempt
@never_cache
@require_http_methods(["POST", "PUT"])
def upload_by_link(request: HttpRequest, token: str, filename: str = "") -> JsonResponse:
    """A file sent to the private link, without a session: the link is the key (so no CSRF
    token, and no cookie is read). Multipart (`file`) or the raw body (the name from the
    URL, as `curl -T` sends it). Answered in the runner's language."""
    from allauth.core import ratelimit

    if not ratelimit.consume(request, action="upload_link", key=token[:100]):
        return _json_error(_("Too many uploads: wait a minute and send again."), 429)
    athlete = offline.upload_link_athlete(token)
    if athlete is None:
        return _json_error(
            _("This upload link does not work: it was reset or removed. Copy the new one."), 404
        )
    with translation.override(athlete.profile.language or settings.LANGUAGE_CODE):
        kind = request.GET.get("kind", Kind.RUN)
        try:
            upload = upload_from_request(request, filename=filename)
            outcome = offline.file_import(
                athlete=athlete, upload=upload, kind=kind if kind in Kind.values else Kind.RUN
            )
        except FileRefused as refused:
            return _json_error(refused.message, refused.status)
        except imports.ImportFileError as error:
            return _json_error(str(error.message), 400)
        answer, status = outcome_answer(outcome)
        return JsonResponse({"ok": True, **answer}, status=status)


def upload_url(request: HttpRequest) -> str | None:
    token = offline.upload_link_token(athlete=signed_in_user(request))
    if token is None:
        return None
    return request.build_absolute_uri(reverse("logbook:upload_by_link", args=[token]))
