"""Writes and side effects of the training log, one function per use case."""

from django.db import transaction

from accounts.models import User
from logbook.models import Session


@transaction.atomic
def pain_data_erase(*, athlete: User) -> int:
    """Erase every stored pain score of a runner (consent withdrawn)."""
    return (
        Session.objects.filter(athlete=athlete)
        .exclude(pain__isnull=True, sharp_pain=False, pain_location="")
        .update(pain=None, sharp_pain=False, pain_location="")
    )
