from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from accounts.models import User
from coaching import plans, services


class Command(BaseCommand):
    help = (
        "Add a training plan from a CSV file to a runner's plan (columns: "
        + ",".join(plans.COLUMNS)
        + "). A file with any bad row saves nothing; each bad line is named."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            athlete = User.objects.select_related("profile").get(email__iexact=options["email"])
        except User.DoesNotExist as error:
            raise CommandError(f"No user with e-mail {options['email']}") from error
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        if path.stat().st_size > plans.MAX_BYTES:
            raise CommandError(f"{path} is larger than {plans.MAX_BYTES} bytes")
        try:
            created = services.plan_import(
                athlete=athlete, content=path.read_bytes(), planned_by=None, now=timezone.now()
            )
        except services.PlanImportError as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.errors)} bad line(s) in {path}: nothing was saved"
            ) from error
        self.stdout.write(self.style.SUCCESS(f"{len(created)} planned sessions added"))
