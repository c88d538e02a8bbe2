"""The catalogue in the admin, for users with its permissions (not every coach has them).

modeltranslation shows every translated field once per language (name [en], name [nl]);
English is required, Dutch falls back to English when empty."""

from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from exercises.models import STEP_SURFACE_CHOICES, Exercise, Progression, ProgressionStep


class ProgressionStepForm(forms.ModelForm[ProgressionStep]):
    surface = forms.ChoiceField(
        label=_("surface"),
        required=False,
        choices=[("", "---------"), *STEP_SURFACE_CHOICES],
    )

    class Meta:
        model = ProgressionStep
        fields = [
            "number",
            "title",
            "dose",
            "criteria",
            "kind",
            "minutes",
            "backward_seconds",
            "speed_kmh",
            "surface",
            "runs_per_week",
            "exercise",
        ]


class ProgressionStepInline(TranslationStackedInline[ProgressionStep, Progression]):
    model = ProgressionStep
    form = ProgressionStepForm
    extra = 0
    ordering = ["number"]
    autocomplete_fields = ["exercise"]
    fieldsets = [
        (None, {"fields": ["number", "title", "dose", "criteria"]}),
        (
            _("Facts for logging and the weekly suggestions"),
            {
                "fields": [
                    "kind",
                    "minutes",
                    "backward_seconds",
                    "speed_kmh",
                    "surface",
                    "runs_per_week",
                    "exercise",
                ]
            },
        ),
    ]


@admin.register(Exercise)
class ExerciseAdmin(TranslationAdmin[Exercise]):
    open_to_staff = True  # for the catalogue's editors (runningcoach/admin_site.py)
    list_display = ["name", "category", "secondary_category", "level", "dose", "order"]
    list_filter = ["category", "secondary_category", "level"]
    search_fields = ["slug", "name_en", "name_nl", "purpose_en", "purpose_nl"]
    prepopulated_fields = {"slug": ["name_en"]}
    ordering = ["category", "level", "order", "slug"]
    fieldsets = [
        (None, {"fields": ["slug", "name", "category", "secondary_category", "level", "order"]}),
        (_("Texts"), {"fields": ["purpose", "how_to", "cues", "safety", "source"]}),
        (
            _("Dose"),
            {"fields": ["dose_sets", "dose_reps", "dose_seconds", "dose_minutes", "dose_note"]},
        ),
    ]

    @admin.display(description=_("dose"))
    def dose(self, obj: Exercise) -> str:
        return obj.dose


@admin.register(Progression)
class ProgressionAdmin(TranslationAdmin[Progression]):
    open_to_staff = True  # for the catalogue's editors (runningcoach/admin_site.py)
    list_display = ["name", "category", "step_count", "order"]
    list_filter = ["category"]
    search_fields = ["slug", "name_en", "name_nl", "summary_en", "summary_nl"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ProgressionStepInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Progression]:
        queryset: QuerySet[Progression] = super().get_queryset(request)
        return queryset.annotate(step_count=Count("steps"))

    @admin.display(description=_("steps"), ordering="step_count")
    def step_count(self, obj: Progression) -> int:
        return obj.step_count  # type: ignore[attr-defined, no-any-return]
