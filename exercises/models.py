from pathlib import Path

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

ILLUSTRATIONS = Path(__file__).resolve().parent / "static" / "exercises" / "illustrations"


class Category(models.TextChoices):
    HIP = "hip", _("Hip stability")
    BACK = "back", _("Back mobility")
    RETRO = "retro", _("Retro running and walking")
    TRAIL = "trail", _("Trail running")
    SUPPORT = "support", _("Support strength")


# The logbook's surface codes (logbook.models.Surface); a test keeps the two lists equal.
STEP_SURFACE_CHOICES = [
    ("road", _("Road")),
    ("track", _("Athletics track")),
    ("treadmill", _("Treadmill")),
    ("forest_path", _("Forest path")),
    ("sand_road", _("Sand road")),
    ("loose_sand", _("Loose sand")),
    ("heath", _("Heath")),
    ("singletrack", _("Singletrack")),
    ("mixed", _("Mixed")),
]


class Exercise(models.Model):
    """One exercise of the catalogue. Texts are translated (nl, en) by modeltranslation."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    # One exercise can serve two programmes (the single-leg stand is a back drill and a trail
    # support exercise): one row and one slug, so a logged session names it once.
    secondary_category = models.CharField(
        _("also listed under"),
        max_length=16,
        choices=Category.choices,
        blank=True,
        help_text=_("A second category in which this exercise is listed, if any."),
    )
    level = models.PositiveSmallIntegerField(
        _("hip level"), null=True, blank=True, help_text=_("1-3, for the hip programme only.")
    )
    purpose = models.TextField(_("what it is for"))
    how_to = models.TextField(_("how to do it"))
    cues = models.TextField(_("technique cues"), help_text=_("One cue per line."))
    safety = models.TextField(_("safety notes"), blank=True)
    dose_sets = models.PositiveSmallIntegerField(_("sets"), null=True, blank=True)
    dose_reps = models.PositiveSmallIntegerField(_("repetitions"), null=True, blank=True)
    dose_seconds = models.PositiveIntegerField(_("seconds"), null=True, blank=True)
    dose_minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True)
    dose_note = models.CharField(
        _("dose note"), max_length=120, blank=True, help_text=_('For example "per side".')
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["category", "level", "order", "slug"]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=3),
                name="exercise_level_1_3",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exercises:detail", args=[self.slug])

    @property
    def category_labels(self) -> list[str]:
        codes = [self.category, self.secondary_category]
        return [str(Category(code).label) for code in codes if code]

    @property
    def illustration(self) -> str:
        """The static path of the exercise's line drawing (drawn by
        scripts/make_illustrations.py), or "" when it has none yet."""
        path = f"exercises/illustrations/{self.slug}.svg"
        return path if (ILLUSTRATIONS / f"{self.slug}.svg").is_file() else ""

    @property
    def cue_list(self) -> list[str]:
        return [line.strip() for line in self.cues.splitlines() if line.strip()]

    @property
    def dose(self) -> str:
        """The dose in words, e.g. "3 x 10 per side" or "3 x 30 s"."""
        parts: list[str] = []
        if self.dose_sets and self.dose_reps:
            parts.append(f"{self.dose_sets} x {self.dose_reps}")
        elif self.dose_sets and self.dose_seconds:
            parts.append(f"{self.dose_sets} x {self.dose_seconds} s")
        elif self.dose_seconds:
            parts.append(f"{self.dose_seconds} s")
        if self.dose_minutes:
            parts.append(
                ngettext("%(n)d minute", "%(n)d minutes", self.dose_minutes)
                % {"n": self.dose_minutes}
            )
        if self.dose_note:
            parts.append(self.dose_note)
        return " ".join(parts)


class Progression(models.Model):
    """An ordered path, e.g. retro walking from 5 to 10 minutes, or trail from forest paths
    to singletracks. Each step says its dose and when to move on."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    summary = models.TextField(_("summary"))
    safety = models.TextField(_("safety notes"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["category", "order", "slug"]
        verbose_name = _("progression")
        verbose_name_plural = _("progressions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exercises:progression", args=[self.slug])


class ProgressionStep(models.Model):
    class Kind(models.TextChoices):
        RUN = "run", pgettext_lazy("sport", "Run")
        WALK = "walk", _("Walk")
        STRENGTH = "strength", _("Strength / mobility")

    progression = models.ForeignKey(Progression, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("step"))
    title = models.CharField(_("title"), max_length=160)
    dose = models.CharField(_("dose"), max_length=200)
    criteria = models.TextField(_("criteria to move on"))
    # Plain facts for "log this" and for the progression rules.
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RUN)
    minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True)
    backward_seconds = models.PositiveIntegerField(_("backward seconds"), null=True, blank=True)
    speed_kmh = models.DecimalField(
        _("speed (km/h)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    surface = models.CharField(_("surface"), max_length=16, blank=True)
    runs_per_week = models.PositiveSmallIntegerField(_("runs per week"), null=True, blank=True)
    exercise = models.ForeignKey(
        Exercise, on_delete=models.SET_NULL, null=True, blank=True, related_name="steps"
    )

    class Meta:
        ordering = ["progression", "number"]
        verbose_name = _("progression step")
        verbose_name_plural = _("progression steps")
        constraints = [
            models.UniqueConstraint(fields=["progression", "number"], name="step_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.progression} {self.number}: {self.title}"

    @property
    def surface_label(self) -> str:
        return str(dict(STEP_SURFACE_CHOICES).get(self.surface, self.surface))
