from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from exercises.models import Exercise
from logbook import load
from runningcoach import units


class Kind(models.TextChoices):
    RUN = "run", pgettext_lazy("sport", "Run")
    WALK = "walk", _("Walk")
    STRENGTH = "strength", _("Strength / mobility")


class Surface(models.TextChoices):
    ROAD = "road", _("Road")
    TRACK = "track", _("Athletics track")
    TREADMILL = "treadmill", _("Treadmill")
    FOREST_PATH = "forest_path", _("Forest path")
    SAND_ROAD = "sand_road", _("Sand road")
    LOOSE_SAND = "loose_sand", _("Loose sand")
    HEATH = "heath", _("Heath")
    SINGLETRACK = "singletrack", _("Singletrack")
    MIXED = "mixed", _("Mixed")


OFF_ROAD_SURFACES = frozenset(
    {
        Surface.FOREST_PATH,
        Surface.SAND_ROAD,
        Surface.LOOSE_SAND,
        Surface.HEATH,
        Surface.SINGLETRACK,
        Surface.MIXED,
    }
)


class Source(models.TextChoices):
    MANUAL = "manual", _("Logged by hand")
    GPX = "gpx", _("GPX file")
    TCX = "tcx", _("TCX file")
    FIT = "fit", _("FIT file")
    STRAVA = "strava", _("Strava export")


class Session(models.Model):
    """One training session of one runner. `load` is derived (RPE x minutes) and stored so
    that the dashboard and the rules read it without recomputing."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sessions"
    )
    start = models.DateTimeField(_("start"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RUN)
    surface = models.CharField(_("surface"), max_length=16, choices=Surface.choices, blank=True)
    duration_s = models.PositiveIntegerField(_("duration (s)"))
    distance_m = models.PositiveIntegerField(_("distance (m)"), null=True, blank=True)
    backward_s = models.PositiveIntegerField(_("backward (s)"), default=0)
    backward_m = models.PositiveIntegerField(_("backward (m)"), null=True, blank=True)
    elevation_gain_m = models.PositiveIntegerField(_("elevation gain (m)"), null=True, blank=True)
    rpe = models.PositiveSmallIntegerField(_("RPE"), null=True, blank=True)
    rpe_estimated = models.BooleanField(_("RPE estimated"), default=False)
    pain = models.PositiveSmallIntegerField(_("pain (0-10)"), null=True, blank=True)
    sharp_pain = models.BooleanField(_("sharp pain"), default=False)
    pain_location = models.CharField(_("where it hurt"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    external_id = models.CharField(_("external id"), max_length=64, blank=True)
    load = models.FloatField(_("load (AU)"), default=0)
    # An imported file whose times covered only part of its track: the runner entered the
    # start time and duration, so a recording of the same session matches it by day.
    start_entered = models.BooleanField(_("start entered by the runner"), default=False)
    # An imported activity's route: logbook.tracks keeps it small and draws it.
    track = models.JSONField(_("track"), null=True, blank=True, default=None, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            # By time, with the id: the list's own order (read backwards), a page stops early.
            models.Index(fields=["athlete", "start", "id"], name="session_athlete_start_id"),
            # The session list's filters, newest first.
            models.Index(
                fields=["athlete", "kind", "-start", "-id"], name="session_athlete_kind_id"
            ),
            models.Index(fields=["athlete", "surface", "-start", "-id"], name="session_surface_id"),
            # The dashboard's "sessions to rate" and their list: a few among thousands.
            models.Index(
                fields=["athlete", "-start"],
                condition=Q(rpe_estimated=True),
                name="session_to_rate",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(duration_s__gt=0), name="session_duration_pos"),
            models.CheckConstraint(
                condition=Q(distance_m__isnull=True) | Q(distance_m__gte=0),
                name="session_distance_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(rpe__isnull=True) | Q(rpe__gte=1, rpe__lte=10),
                name="session_rpe_1_10",
            ),
            models.CheckConstraint(
                condition=Q(pain__isnull=True) | Q(pain__gte=0, pain__lte=10),
                name="session_pain_0_10",
            ),
            models.CheckConstraint(
                condition=Q(backward_s__lte=models.F("duration_s")),
                name="session_backward_within_duration",
            ),
            models.CheckConstraint(condition=Q(load__gte=0), name="session_load_nonneg"),
        ]

    def __str__(self) -> str:
        # In the active zone (the viewer's, on a page): never a UTC time.
        return f"{self.get_kind_display()} {units.local_datetime(self.start)}"

    def get_absolute_url(self) -> str:
        return reverse("logbook:session_edit", args=[self.pk])

    @property
    def distance_km(self) -> float | None:
        return None if self.distance_m is None else self.distance_m / 1000

    @property
    def duration_min(self) -> float:
        return self.duration_s / 60


class SessionExercise(models.Model):
    """A catalogue exercise done in a strength/mobility session, with what was done."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="exercises")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    sets = models.PositiveSmallIntegerField(_("sets"), null=True, blank=True)
    reps = models.PositiveSmallIntegerField(_("repetitions"), null=True, blank=True)
    seconds = models.PositiveIntegerField(_("seconds"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("exercise done")
        verbose_name_plural = _("exercises done")

    def __str__(self) -> str:
        return str(self.exercise)


@dataclass(frozen=True)
class WarningView:
    """A stored warning with its texts rendered in the active language: what the
    dashboard, the session page and the alarm e-mail show."""

    pk: int
    rule: str
    severity: str
    day: date
    session_id: int | None
    seen: bool
    acknowledged: bool
    title: str
    message: str
    advice: str
    source: str

    @property
    def is_pain(self) -> bool:
        return self.rule == load.PAIN

    @property
    def is_alarm(self) -> bool:
        return self.rule in load.ALARM_RULES


class TrainingWarning(models.Model):
    """A warning a load rule raised (logbook.load), stored so the runner can see and
    acknowledge it, the coach can list it, and alarms are e-mailed exactly once."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_warnings"
    )
    rule = models.CharField(_("rule"), max_length=24)
    severity = models.CharField(_("severity"), max_length=16)
    # The attention order of DOMAIN.md section 2: what to look at first, not a risk.
    risk_rank = models.PositiveSmallIntegerField(_("attention rank"), default=99)
    day = models.DateField(_("day"))
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="warnings"
    )
    numbers = models.JSONField(_("numbers"), default=dict)
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    email_due = models.BooleanField(_("e-mail due"), default=False)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-day", "risk_rank", "pk"]
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")
        indexes = [
            models.Index(fields=["athlete", "day"], name="warning_athlete_day"),
            # Open warnings (dashboard, coach's list and its filter), without the acknowledged.
            models.Index(
                fields=["athlete", "day"],
                condition=Q(acknowledged_at__isnull=True),
                name="warning_open_athlete_day",
            ),
            # The outbox sweeper's alarms to e-mail.
            models.Index(fields=["athlete"], condition=Q(email_due=True), name="warning_email_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "rule"],
                condition=Q(session__isnull=False),
                name="warning_one_per_session_rule",
            ),
            models.UniqueConstraint(
                fields=["athlete", "rule", "day"],
                condition=Q(session__isnull=True),
                name="warning_one_per_window_rule_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule}/{self.severity} {formats.date_format(self.day, 'DATE_FORMAT')}"

    def as_load_warning(self) -> load.LoadWarning:
        """The rule's own view of this warning, which renders its texts."""
        return load.LoadWarning(
            rule=self.rule,
            severity=self.severity,
            day=self.day,
            session_id=self.session_id,
            numbers=self.numbers,
        )

    def view(self) -> WarningView:
        facts = self.as_load_warning()
        return WarningView(
            pk=self.pk,
            rule=self.rule,
            severity=self.severity,
            day=self.day,
            session_id=self.session_id,
            seen=self.seen_at is not None,
            acknowledged=self.acknowledged_at is not None,
            title=facts.title(),
            message=facts.message(),
            advice=facts.advice(),
            source=facts.source(),
        )


class ImportJob(models.Model):
    """A Strava export, or a large activity file, imported in the background, with its
    progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    upload = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(max_length=255)
    default_kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RUN)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    skipped_details = models.JSONField(default=list)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What the runner entered for a file without reliable times (the upload form's
    # duration, start time and day); once the job found such a file, start_day is its day.
    duration_s = models.PositiveIntegerField(null=True, blank=True)
    start_time = models.TimeField(null=True, blank=True)
    start_day = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [
            # The sweepers: imports still waiting for a worker, uploads to remove.
            models.Index(
                fields=["created_at"], condition=Q(status="pending"), name="importjob_waiting"
            ),
            models.Index(
                fields=["created_at"], condition=~Q(upload=""), name="importjob_with_upload"
            ),
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.processed / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class DeviceEntry(models.Model):
    """A session logged on a device without a connection, under the id the device made for
    it: the unique constraint accepts each id once, so a send repeated after a lost answer
    (or two sends racing) makes one session."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="device_entries"
    )
    device_id = models.UUIDField(_("device id"))
    # Null once the runner deletes the session: a late copy of the send stays accepted once.
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session sent from a device")
        verbose_name_plural = _("sessions sent from a device")
        constraints = [
            models.UniqueConstraint(
                fields=["athlete", "device_id"], name="device_entry_once_per_athlete"
            )
        ]

    def __str__(self) -> str:
        return str(self.device_id)


class UploadLink(models.Model):
    """The runner's private upload link for automations. The URL carries a signed token
    naming the runner and `secret`; resetting draws a new secret, so every earlier URL
    stops working (as the calendar feed does)."""

    athlete = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="upload_link"
    )
    secret = models.CharField(_("secret"), max_length=64)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("upload link")
        verbose_name_plural = _("upload links")

    def __str__(self) -> str:
        return str(self.athlete)


class DayLoad(models.Model):
    """A runner's load of one local day and their fitness and fatigue at its end, kept by
    the services that write sessions (logbook/day_loads.py) so that no page reads the
    whole history. One row per local day from the first session day to the last, rest
    days included (load 0), so the fitness series is contiguous."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="day_loads"
    )
    day = models.DateField()
    sessions = models.PositiveIntegerField(default=0)
    load = models.FloatField(default=0.0)  # the sum of the day's session loads, one decimal
    # Unrounded: the recursion goes on from them (logbook.load.fitness).
    fitness = models.FloatField(default=0.0)
    fatigue = models.FloatField(default=0.0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["athlete", "day"], name="dayload_athlete_day"),
        ]

    def __str__(self) -> str:
        return f"{self.athlete_id} {self.day}: {self.load}"
