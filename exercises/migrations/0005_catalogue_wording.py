"""The catalogue says no more than its sources (DOMAIN.md section 2): every 10 % is a rule of
thumb, the 2/10 pain line is runningcoach's own cautious choice, Willy 2011 is one small
study, the article's studies are the article's, and a risk factor is no verdict."""

from django.db import migrations

OWN_LINE_EN = " (runningcoach's own cautious line, not a study result)"
OWN_LINE_NL = " (een voorzichtige grens van runningcoach zelf, geen onderzoeksresultaat)"

WRONG_RIGHT = [
    # English
    (
        "Add at most about 10 % a week. On a treadmill",
        "Add at most about 10 % a week, a rule of thumb. On a treadmill",
    ),
    ("to start; add at most 10 % a week", "to start; add at most 10 % a week (a rule of thumb)"),
    (
        "no session with pain above 2/10. Then the next level",
        "no session with pain above 2/10" + OWN_LINE_EN + ". Then the next level",
    ),
    (
        "no session with pain above 2/10. Only then is",
        "no session with pain above 2/10" + OWN_LINE_EN + ". Only then is",
    ),
    (
        "Then add at most about 10 % a week.",
        "Then add at most about 10 % a week, a rule of thumb.",
    ),
    (
        "Strength on its own does not carry over to the way you run, which is why level 3 "
        "trains landings.",
        "In one small study (Willy et al., 2011), hip strength training alone did not change "
        "how the runners moved, which is why level 3 trains landings.",
    ),
    (
        "backward, adding at most about 10 % a week.",
        "backward, adding at most about 10 % a week (a rule of thumb).",
    ),
    ("; at 10 % a week you get here", "; at 10 % a week (a rule of thumb) you get here"),
    (
        "still adding at most 10 % a week.",
        "still adding at most 10 % a week (a rule of thumb).",
    ),
    (
        "30-60 minutes, adding at most 10 % a week. 60 minutes",
        "30-60 minutes, adding at most 10 % a week (a rule of thumb). 60 minutes",
    ),
    (
        "Then add at most 10 % a week: from 20 minutes",
        "Then add at most 10 % a week (a rule of thumb): from 20 minutes",
    ),
    (
        "keep adding at most 10 % a week.",
        "keep adding at most 10 % a week (a rule of thumb).",
    ),
    (
        "Keep the weekly minutes within 10 % more than the week before.",
        "Keep the weekly minutes within 10 % more than the week before (a rule of thumb).",
    ),
    (
        "at most about 10 % more backward time a week.",
        "at most about 10 % more backward time a week, a rule of thumb.",
    ),
    ("Switching too fast from asphalt", "Switching quickly from asphalt"),
    ("In studies, 10-15 minutes", "In studies the article quotes, 10-15 minutes"),
    # Dutch
    (
        "Doe er per week hooguit ongeveer 10 % bij. Begin op een loopband",
        "Doe er per week hooguit ongeveer 10 % bij, een vuistregel. Begin op een loopband",
    ),
    (
        "om te beginnen; doe er per week hooguit 10 % bij",
        "om te beginnen; doe er per week hooguit 10 % bij (een vuistregel)",
    ),
    (
        "geen sessie met pijn boven 2/10. Dan wordt",
        "geen sessie met pijn boven 2/10" + OWN_LINE_NL + ". Dan wordt",
    ),
    (
        "geen sessie met pijn boven 2/10. Pas dan",
        "geen sessie met pijn boven 2/10" + OWN_LINE_NL + ". Pas dan",
    ),
    (
        "Doe er daarna per week hooguit ongeveer 10 % bij.",
        "Doe er daarna per week hooguit ongeveer 10 % bij, een vuistregel.",
    ),
    (
        "Kracht alleen vertaalt zich niet vanzelf naar hoe je loopt; daarom traint niveau 3 "
        "landingen.",
        "In één kleine studie (Willy e.a., 2011) veranderde alleen heupkrachttraining de "
        "manier van lopen niet; daarom traint niveau 3 landingen.",
    ),
    (
        "met hooguit ongeveer 10 % erbij per week.",
        "met hooguit ongeveer 10 % erbij per week (een vuistregel).",
    ),
    ("met 10 % per week ben je hier", "met de vuistregel van 10 % per week ben je hier"),
    (
        "nog steeds met hooguit 10 % erbij per week.",
        "nog steeds met hooguit 10 % erbij per week (een vuistregel).",
    ),
    (
        "met hooguit 10 % erbij per week. 60 minuten",
        "met hooguit 10 % erbij per week (een vuistregel). 60 minuten",
    ),
    (
        "Doe er daarna per week hooguit 10 % bij: vanaf 20",
        "Doe er daarna per week hooguit 10 % bij (een vuistregel): vanaf 20",
    ),
    (
        "doe er per week nog steeds hooguit 10 % bij.",
        "doe er per week nog steeds hooguit 10 % bij (een vuistregel).",
    ),
    (
        "binnen 10 % meer dan de week ervoor.",
        "binnen 10 % meer dan de week ervoor (een vuistregel).",
    ),
    (
        "per week hooguit ongeveer 10 % meer tijd achteruit.",
        "per week hooguit ongeveer 10 % meer tijd achteruit, een vuistregel.",
    ),
    ("Te snel overstappen van asfalt", "Snel overstappen van asfalt"),
    (
        "In onderzoek verbeterden 10-15 minuten",
        "In onderzoek dat het artikel aanhaalt, verbeterden 10-15 minuten",
    ),
]

TEXTS = {
    "Exercise": ("name", "purpose", "how_to", "cues", "safety", "dose_note", "source"),
    "Progression": ("name", "summary", "safety", "source"),
    "ProgressionStep": ("title", "dose", "criteria"),
}


def _replace(apps, pairs, *, once):
    for model_name, names in TEXTS.items():
        model = apps.get_model("exercises", model_name)
        for row in model.objects.all():
            changed = []
            for name in names:
                for field in (f"{name}_en", f"{name}_nl"):
                    text = getattr(row, field) or ""
                    new = text
                    for old, right in pairs:
                        # Forward, a text already worded right is left alone.
                        if old in new and not (once and right in new):
                            new = new.replace(old, right)
                    if new != text:
                        setattr(row, field, new)
                        changed.append(field)
                # The untranslated column mirrors the default language.
                if f"{name}_en" in changed:
                    setattr(row, name, getattr(row, f"{name}_en"))
                    changed.append(name)
            if changed:
                row.save(update_fields=changed)


def forward(apps, schema_editor):
    _replace(apps, WRONG_RIGHT, once=True)


def backward(apps, schema_editor):
    _replace(apps, [(right, old) for old, right in WRONG_RIGHT], once=False)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0004_retro_running_same_speed")]

    operations = [migrations.RunPython(forward, backward)]
