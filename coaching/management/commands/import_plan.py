from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from accounts.commands import runner_and_file
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
        path: Path = options["file"]
        athlete = runner_and_file(options["email"], path)
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
