"""What the import commands (import_activities, import_plan) share: the runner named by
an e-mail address and the file named on the command line, or a clear CommandError."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from accounts.models import User


def runner_and_file(email: str, path: Path) -> User:
    """The user with this e-mail address (any case), once `path` is known to be a file."""
    try:
        athlete = User.objects.select_related("profile").get(email__iexact=email)
    except User.DoesNotExist as error:
        raise CommandError(f"No user with e-mail {email}") from error
    if not path.is_file():
        raise CommandError(f"No file at {path}")
    return athlete
