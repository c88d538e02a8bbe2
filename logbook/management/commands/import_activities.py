from argparse import ArgumentTypeError
from datetime import datetime, time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.commands import runner_and_file
from logbook import import_jobs, imports
from logbook.services.imports import EnteredStart


def _clock_time(text: str) -> time:
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError as error:
        raise ArgumentTypeError(f"not a time HH:MM: {text!r}") from error


class Command(BaseCommand):
    help = (
        "Import a GPX, TCX or FIT file, a Strava activities.csv or a Strava export .zip "
        "for a runner. Sessions already logged (same kind, start within 60 s) are not added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", choices=["run", "walk"], default="run")
        parser.add_argument(
            "--duration", type=int, default=None, help="seconds, for a GPX without times"
        )
        parser.add_argument(
            "--start-time",
            type=_clock_time,
            default=None,
            help="HH:MM local time, for a GPX with times on only part of its track",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        athlete = runner_and_file(options["email"], path)
        with path.open("rb") as handle:
            try:
                counts, _result = import_jobs.import_file_now(
                    athlete=athlete,
                    upload=handle,
                    filename=path.name,
                    kind=options["kind"],
                    duration_s=options["duration"],
                    entered_start=(
                        EnteredStart(time=options["start_time"])
                        if options["start_time"] is not None
                        else None
                    ),
                )
            except imports.ImportFileError as error:
                raise CommandError(str(error.message)) from error
        for session in [*counts.same_by_day, *counts.retimed]:
            self.stdout.write(f"same session as the {session}")
        for detail in counts.skipped_details:
            self.stdout.write(f"skipped: {detail}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.added} added, {counts.updated} updated, "
                f"{counts.duplicates} already there, {counts.skipped} skipped"
            )
        )
