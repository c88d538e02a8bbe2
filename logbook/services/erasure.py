"""What logbook erases of a person when accounts asks (accounts/erasure.py; registered in
LogbookConfig.ready(), as accounts never imports logbook)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models import Q

from accounts.erasure import Erased
from accounts.models import AthleteProfile, User
from accounts.versions import version_bump
from logbook import load
from logbook.models import ImportJob, Session, TrainingWarning
from logbook.page_cache import pages_forget


def pain_data_erase(*, athlete: User) -> int:
    """Erase every stored pain score of a runner (consent withdrawn), and the pain
    warnings that rested on them."""
    with transaction.atomic():
        TrainingWarning.objects.filter(athlete=athlete, rule=load.PAIN).delete()
        erased = (
            Session.objects.filter(athlete=athlete)
            .filter(Q(pain__isnull=False) | Q(sharp_pain=True) | ~Q(pain_location=""))
            .update(pain=None, sharp_pain=False, pain_location="")
        )
        version_bump(athlete_id=athlete.pk)
        return erased


def account_data_erase(*, user: User) -> Erased:
    """Logbook's part of deleting an account: the uploaded import files leave the storage,
    and once the deletion is committed the cached pages that show the person leave the
    cache: their own, their coach's (the athlete list and home name them) and, for a
    coach, their athletes' (a coach's name and notes on the dashboard). Those pages would
    never be served again (the data versions moved on), but they would hold the person's
    name and data for up to a day. Their sessions, warnings and import jobs go with the
    user row (the foreign keys cascade); they are named here so the admin log forgets its
    entries about them too."""
    for job in user.import_jobs.all():
        job.upload.delete(save=False)
    people = {user.pk}
    coach_id = AthleteProfile.objects.filter(user=user).values_list("coach_id", flat=True).first()
    if coach_id is not None:
        people.add(coach_id)
    people.update(AthleteProfile.objects.filter(coach=user).values_list("user_id", flat=True))
    transaction.on_commit(partial(pages_forget, user_ids=people))
    return Erased(
        owned={
            Session: list(user.sessions.values_list("pk", flat=True)),
            ImportJob: list(user.import_jobs.values_list("pk", flat=True)),
        }
    )
