"""What a coach keeps about their athletes: notes, hip-level changes and invitations.

`Athlete` and `AthleteWarning` are proxies, so that the coach's admin pages have their own
permissions and never reuse the superuser's user and warning pages."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AthleteProfile, User
from exercises.models import Exercise, ProgressionStep
from logbook.models import Kind, Session, Surface, TrainingWarning
from runningcoach import units

INVITATION_VALID_DAYS = 14


class Athlete(User):
    """A runner as their coach sees them (the coach's admin list and athlete page)."""

    class Meta:
        proxy = True
        verbose_name = _("athlete")
        verbose_name_plural = _("athletes")


class AthleteWarning(TrainingWarning):
    """A stored warning as the coach's admin lists it, to acknowledge it."""

    class Meta:
        proxy = True
        verbose_name = _("athlete warning")
        verbose_name_plural = _("athlete warnings")


class CoachNote(models.Model):
    """A note a coach writes for one athlete; the athlete reads it on the dashboard."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("athlete"),
        on_delete=models.CASCADE,
        related_name="coach_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        indexes = [
            models.Index(fields=["athlete", "-created_at"], name="coachnote_athlete_created")
        ]

    def __str__(self) -> str:
        return f"{units.local_date(self.created_at)} {self.text[:40]}"


class HipLevelChange(models.Model):
    """Who set an athlete's hip level, to what, and when."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("athlete"),
        on_delete=models.CASCADE,
        related_name="hip_level_changes",
    )
    level = models.PositiveSmallIntegerField(
        _("hip level"), choices=AthleteProfile.HipLevel.choices
    )
    previous_level = models.PositiveSmallIntegerField(
        _("previous hip level"), choices=AthleteProfile.HipLevel.choices
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("hip level change")
        verbose_name_plural = _("hip level changes")

    def __str__(self) -> str:
        return f"{self.previous_level} -> {self.level} {units.local_date(self.at)}"


class Invitation(models.Model):
    """A coach's invitation to a runner, by e-mail; the link in it is signed and lasts
    INVITATION_VALID_DAYS days."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        on_delete=models.CASCADE,
        related_name="coach_invitations",
    )
    email = models.EmailField(_("runner's e-mail address"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email

    @property
    def expires_at(self) -> datetime:
        return self.created_at + timedelta(days=INVITATION_VALID_DAYS)

    @property
    def answered(self) -> bool:
        return self.accepted_at is not None or self.declined_at is not None

    def is_open(self, *, now: datetime) -> bool:
        return not self.answered and now < self.expires_at


class PlannedSession(models.Model):
    """A session planned for one day of a runner's own calendar, by their coach or by
    themselves. Whether it was done is derived on every read (coaching.selectors) from the
    sessions of that local day; the runner can only pin the match to one session of the day
    (`match_session`) or say that none of them was it (`match_declined`)."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("athlete"),
        on_delete=models.CASCADE,
        related_name="planned_sessions",
    )
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RUN)
    surface = models.CharField(_("surface"), max_length=16, choices=Surface.choices, blank=True)
    duration_s = models.PositiveIntegerField(_("target duration (s)"), null=True, blank=True)
    distance_m = models.PositiveIntegerField(_("target distance (m)"), null=True, blank=True)
    rpe = models.PositiveSmallIntegerField(_("target RPE"), null=True, blank=True)
    backward_s = models.PositiveIntegerField(_("backward (s)"), default=0)
    exercises = models.ManyToManyField(
        Exercise, verbose_name=_("exercises"), blank=True, related_name="+"
    )
    progression_step = models.ForeignKey(
        ProgressionStep,
        verbose_name=_("progression step"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("note"), max_length=2000, blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    match_session = models.ForeignKey(
        Session,
        verbose_name=_("done as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    match_declined = models.BooleanField(_("none of that day's sessions"), default=False)
    created_at = models.DateTimeField(_("planned at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["day", "pk"]
        verbose_name = _("planned session")
        verbose_name_plural = _("planned sessions")
        indexes = [models.Index(fields=["athlete", "day"], name="planned_athlete_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_s__isnull=True) | Q(duration_s__gt=0),
                name="planned_duration_pos",
            ),
            models.CheckConstraint(
                condition=Q(distance_m__isnull=True) | Q(distance_m__gt=0),
                name="planned_distance_pos",
            ),
            models.CheckConstraint(
                condition=Q(rpe__isnull=True) | Q(rpe__gte=1, rpe__lte=10),
                name="planned_rpe_1_10",
            ),
            models.CheckConstraint(
                condition=Q(duration_s__isnull=True) | Q(backward_s__lte=models.F("duration_s")),
                name="planned_backward_within_duration",
            ),
            models.CheckConstraint(
                condition=Q(match_session__isnull=True) | Q(match_declined=False),
                name="planned_match_or_declined",
            ),
        ]

    def __str__(self) -> str:
        return f"{formats.date_format(self.day, 'DATE_FORMAT')} {self.get_kind_display()}"

    @property
    def duration_min(self) -> float | None:
        return None if self.duration_s is None else self.duration_s / 60

    @property
    def distance_km(self) -> float | None:
        return None if self.distance_m is None else self.distance_m / 1000


class CalendarFeed(models.Model):
    """The runner's private calendar feed of planned sessions. The URL carries a signed
    token naming the runner and `secret`; resetting draws a new secret, so every earlier URL
    stops working."""

    athlete = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("athlete"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    secret = models.CharField(_("secret"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.athlete)
