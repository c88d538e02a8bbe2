import zoneinfo
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_display_name

COACHES_GROUP = "Coaches"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an e-mail address; runners and coaches alike."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    # Raised by every write that changes what a page shows of this person's data, in the
    # write's transaction: cached pages are keyed by it (accounts/versions.py).
    data_version = models.PositiveBigIntegerField(default=1, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        profile = getattr(self, "profile", None)
        if profile is not None and profile.display_name:
            return f"{profile.display_name} <{self.email}>"
        return self.email

    @property
    def is_coach(self) -> bool:
        return self.groups.filter(name=COACHES_GROUP).exists()


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class AthleteProfile(models.Model):
    class Language(models.TextChoices):
        BROWSER = "", _("As my browser")
        ENGLISH = "en", _("English")
        DUTCH = "nl", _("Dutch")

    class HipLevel(models.IntegerChoices):
        ACTIVATION = 1, _("Level 1: activation")
        STRENGTH = 2, _("Level 2: strength")
        DYNAMIC = 3, _("Level 3: dynamic")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(
        _("display name"), max_length=80, blank=True, validators=[validate_display_name]
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Amsterdam", choices=time_zone_choices
    )
    language = models.CharField(
        _("language"), max_length=5, blank=True, default="", choices=Language.choices
    )
    health_consent_at = models.DateTimeField(
        _("health-data consent given at"), null=True, blank=True
    )
    hip_level = models.PositiveSmallIntegerField(
        _("current hip level"), choices=HipLevel.choices, default=HipLevel.ACTIVATION
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="athletes",
        limit_choices_to={"groups__name": COACHES_GROUP},
    )

    class Meta:
        verbose_name = _("athlete profile")
        verbose_name_plural = _("athlete profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hip_level__gte=1, hip_level__lte=3), name="profile_hip_level_1_3"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.user.email

    @property
    def has_health_consent(self) -> bool:
        return self.health_consent_at is not None

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def consent_changed(self, *, given: bool, now: datetime) -> bool:
        """Record consent given or withdrawn; True when it changed."""
        if given and self.health_consent_at is None:
            self.health_consent_at = now
            return True
        if not given and self.health_consent_at is not None:
            self.health_consent_at = None
            return True
        return False


class HealthConsentEvent(models.Model):
    """Every time consent to store health data is given or withdrawn, with when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_events"
    )
    given = models.BooleanField(_("given"))
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("health-data consent event")
        verbose_name_plural = _("health-data consent events")

    def __str__(self) -> str:
        return f"{self.user_id} {'given' if self.given else 'withdrawn'} {self.at:%Y-%m-%d %H:%M}"
