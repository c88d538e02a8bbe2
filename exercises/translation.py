"""Which catalogue fields carry a Dutch and an English text (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from exercises.models import Exercise, Progression, ProgressionStep


@register(Exercise)
class ExerciseTranslation(TranslationOptions):
    fields = ("name", "purpose", "how_to", "cues", "safety", "dose_note", "source")


@register(Progression)
class ProgressionTranslation(TranslationOptions):
    fields = ("name", "summary", "safety", "source")


@register(ProgressionStep)
class ProgressionStepTranslation(TranslationOptions):
    fields = ("title", "dose", "criteria")
