"""Importing activity files: the upload form, and the status of an import running in the
background (logbook/import_jobs.py)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.requests import signed_in_user
from logbook import import_jobs, imports, services
from logbook.forms import ImportForm
from logbook.models import ImportJob, Session
from logbook.templatetags import units


def _same_session_messages(request: HttpRequest, counts: services.ImportCounts) -> None:
    """Say which session a file without a reliable start turned out to be."""
    for session in counts.same_by_day:
        messages.info(
            request,
            _(
                "This file is a session already in your log (%(kind)s, %(day)s, %(km)s): the "
                "same session, so nothing was added."
            )
            % _session_words(session),
        )
    for session in counts.retimed:
        messages.info(
            request,
            _(
                "This file is a session already in your log (%(kind)s, %(day)s, %(km)s) whose "
                "start you entered: it now has the recorded start time and duration."
            )
            % _session_words(session),
        )


def _session_words(session: Session) -> dict[str, str]:
    local = timezone.localtime(session.start, session.athlete.profile.tz)
    return {
        "kind": session.get_kind_display(),
        "day": formats.date_format(local.date(), "DATE_FORMAT"),
        "km": units.km(session.distance_m),
    }


def _ask_for_start(request: HttpRequest, day: date) -> ImportForm:
    """The form again, with the file's day filled in, asking for what the file lacks."""
    data = request.POST.copy()
    if not data.get("day"):
        data["day"] = day.isoformat()
    form = ImportForm(data, request.FILES)
    form.is_valid()
    form.ask_start = True
    form.add_error(
        "start_time",
        _(
            "This file has times on only part of its track, so when you started and how long "
            "it took are unknown; its day is known (%(day)s). Enter your start time and the "
            "duration, choose the file again and import it."
        )
        % {"day": formats.date_format(day, "DATE_FORMAT")},
    )
    if not form.cleaned_data.get("duration"):
        form.add_error("duration", _("Enter how long it took."))
    return form


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    jobs = ImportJob.objects.filter(athlete=signed_in_user(request))[:5]
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            kind = form.cleaned_data["kind"]
            try:
                file_format = import_jobs.upload_format(upload)
                if import_jobs.runs_in_background(upload, file_format):
                    import_jobs.preflight(upload, file_format)
                    job = import_jobs.import_job_create(
                        athlete=signed_in_user(request),
                        upload=upload,
                        kind=kind,
                        duration_s=form.cleaned_data.get("duration"),
                        entered_start=_entered_start(form),
                    )
                    return redirect("logbook:import_status", pk=job.pk)
                counts, result = import_jobs.import_file_now(
                    athlete=signed_in_user(request),
                    upload=upload,
                    filename=upload.name,
                    kind=kind,
                    duration_s=form.cleaned_data.get("duration"),
                    entered_start=_entered_start(form),
                )
            except imports.ImportFileError as error:
                form.add_error("file", str(error.message))
            else:
                nothing_done = not counts.added and not counts.updated
                if nothing_done and counts.start_unknown_days:
                    form = _ask_for_start(request, counts.start_unknown_days[0])
                elif result.activities and nothing_done and counts.skipped:
                    form.add_error(
                        "duration",
                        _("This file has no reliable times: enter the duration and upload again."),
                    )
                else:
                    _same_session_messages(request, counts)
                    for detail in counts.skipped_details[:5]:
                        messages.info(request, detail)
                    messages.success(request, import_jobs.counts_message(counts))
                    unrated = counts.added
                    if unrated:
                        messages.info(
                            request,
                            ngettext(
                                "Rate how hard the imported session felt, so its load is right.",
                                "Rate how hard the %(n)d imported sessions felt, so their load is right.",
                                unrated,
                            )
                            % {"n": unrated},
                        )
                    return redirect(
                        "logbook:sessions_to_rate" if unrated else "logbook:session_list"
                    )
    else:
        form = _form_for_day(request.GET.get("day", ""))
    return render(request, "logbook/import.html", {"form": form, "jobs": jobs})


def _form_for_day(day: str) -> ImportForm:
    """The empty form; with ?day= (from an import job that could not tell the start) it
    asks for the start time too, the day filled in."""
    form = ImportForm()
    try:
        known = date.fromisoformat(day) if day else None
    except ValueError:
        known = None
    if known is not None:
        form = ImportForm(initial={"day": known})
        form.ask_start = True
    return form


def _entered_start(form: ImportForm) -> services.EnteredStart | None:
    start_time = form.cleaned_data.get("start_time")
    if start_time is None:
        return None
    return services.EnteredStart(time=start_time, day=form.cleaned_data.get("day"))


@login_required
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, athlete=signed_in_user(request), pk=pk)
    return render(request, "logbook/import_status.html", {"job": job})


@login_required
def import_status_json(request: HttpRequest, pk: int) -> JsonResponse:
    job = get_object_or_404(ImportJob, athlete=signed_in_user(request), pk=pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_display": job.get_status_display(),
            "total": job.total,
            "processed": job.processed,
            "percent": job.percent,
            "added": job.added,
            "updated": job.updated,
            "duplicates": job.duplicates,
            "skipped": job.skipped,
            "error": job.error,
            "finished": job.finished,
        }
    )
