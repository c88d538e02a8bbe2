"""What a coach keeps about their athletes: notes, hip-level changes and invitations.

`Athlete` and `AthleteWarning` are proxies, so that the coach's admin pages have their own
permissions and never reuse the superuser's user and warning pages."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AthleteProfile, User
from logbook.models import TrainingWarning

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
        return f"{self.created_at:%Y-%m-%d} {self.text[:40]}"


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
        return f"{self.previous_level} -> {self.level} {self.at:%Y-%m-%d}"


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
