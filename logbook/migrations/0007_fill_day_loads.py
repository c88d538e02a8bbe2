"""Fills the kept daily loads and fitness series (logbook/day_loads.py) for the sessions
stored before they were kept: one pass over each runner's sessions in start order."""

import zoneinfo
from collections import defaultdict

from django.db import migrations

from logbook.load.fitness import fitness_steps


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def fill(apps, schema_editor):
    Session = apps.get_model("logbook", "Session")
    DayLoad = apps.get_model("logbook", "DayLoad")
    AthleteProfile = apps.get_model("accounts", "AthleteProfile")
    zones = dict(AthleteProfile.objects.values_list("user_id", "time_zone"))
    athlete_ids = Session.objects.order_by("athlete_id").values_list("athlete_id", flat=True).distinct()
    for athlete_id in athlete_ids.iterator():
        tz = _zone(zones.get(athlete_id, "Europe/Amsterdam"))
        sums = defaultdict(lambda: [0, 0.0])
        for start, load in Session.objects.filter(athlete_id=athlete_id).values_list(
            "start", "load"
        ):
            day = sums[start.astimezone(tz).date()]
            day[0] += 1
            day[1] += load
        loads = {day: round(total, 1) for day, (_n, total) in sums.items()}
        states = fitness_steps(loads, first_day=min(loads), last_day=max(loads))
        DayLoad.objects.bulk_create(
            (
                DayLoad(
                    athlete_id=athlete_id,
                    day=s.day,
                    sessions=sums[s.day][0] if s.day in sums else 0,
                    load=s.load,
                    fitness=s.fitness,
                    fatigue=s.fatigue,
                )
                for s in states
            ),
            batch_size=2000,
        )


def empty(apps, schema_editor):
    apps.get_model("logbook", "DayLoad").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("logbook", "0006_day_loads"), ("accounts", "0001_initial")]

    operations = [migrations.RunPython(fill, empty)]
