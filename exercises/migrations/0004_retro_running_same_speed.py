"""Retro running costs its extra energy at the same speed, not at the same effort (seed 000)."""

from django.db import migrations

WRONG_RIGHT = [
    ("purpose_en", "at the same effort", "at the same speed"),
    ("purpose_nl", "bij dezelfde inspanning", "bij dezelfde snelheid"),
]


def _replace(apps, pairs):
    Exercise = apps.get_model("exercises", "Exercise")
    for exercise in Exercise.objects.filter(slug="retro-running"):
        for field, old, new in pairs:
            text = getattr(exercise, field) or ""
            if old in text:
                setattr(exercise, field, text.replace(old, new))
        # The untranslated column mirrors the default language.
        exercise.purpose = exercise.purpose_en
        exercise.save()


def forward(apps, schema_editor):
    _replace(apps, WRONG_RIGHT)


def backward(apps, schema_editor):
    _replace(apps, [(field, new, old) for field, old, new in WRONG_RIGHT])


class Migration(migrations.Migration):
    dependencies = [("exercises", "0003_catalogue_content")]

    operations = [migrations.RunPython(forward, backward)]
