"""`numbers` of a stored warning holds the figure its message quotes (DOMAIN.md section 2).

Warnings stored before held a whole percent (10) where the message showed "+10.1 %", and
left the messages to work the ratio, the monotony and the backward rise out again. Here
every stored warning gets the figure its message showed: spike and weekly rises worked
exactly from the whole metres stored with them, the others as their message computed them
from the stored figures (the exact loads and seconds are not stored; a warning evaluated
again gets figures worked from them). The spike's `cap_m` becomes the longest next run
the rule lets pass after that run, the figure its advice now names.
"""

import math
from fractions import Fraction

from django.db import migrations


def _away(value, line, places):
    scaled = value * 10**places
    steps = math.ceil(scaled) if value > line else math.floor(scaled)
    return float(Fraction(steps, 10**places))


def _exact(value):
    return Fraction(str(value))


def _rise_pct(value, base, line):
    return _away((_exact(value) - _exact(base)) * 100 / _exact(base), _exact(line) * 100, 1)


def _quoted(rule, severity, n, t):
    if rule == "single_run_spike":
        line = {"small": t.spike_small, "moderate": t.spike_moderate, "large": t.spike_large}
        distance, longest = n["distance_m"], n["longest_m"]
        n["increase_pct"] = _rise_pct(distance, longest, line[severity])
        n["cap_m"] = math.floor(max(distance, longest) * (1 + _exact(t.spike_small)))
    elif rule == "weekly_increase":
        line = t.weekly_warning if severity == "warning" else t.weekly_caution
        n["increase_pct"] = _rise_pct(n["last7_m"], n["prev7_m"], line)
    elif rule == "retro_increase":
        line = _exact(t.retro_caution) * 100
        rise = (_exact(n["last7_min"]) - _exact(n["prev7_min"])) * 100 / _exact(n["prev7_min"])
        n["increase_pct"] = _away(max(rise, line + Fraction(1, 100)), line, 1)
    elif rule == "acwr":
        line = t.acwr_high if severity == "high" else t.acwr_caution
        ratio = _exact(n["acute_load"]) / _exact(n["chronic_weekly_load"])
        n["ratio"] = _away(ratio, _exact(line), 2)
    elif rule == "monotony" and n.get("monotony") is not None and n.get("sd_load"):
        ratio = _exact(n["mean_load"]) / _exact(n["sd_load"])
        n["monotony"] = _away(ratio, _exact(t.monotony_caution), 2)
    return n


def forward(apps, schema_editor):
    # The thresholds in force, as the messages read them.
    from logbook.load.registry import active_thresholds

    thresholds = active_thresholds()
    TrainingWarning = apps.get_model("logbook", "TrainingWarning")
    rules = ["single_run_spike", "weekly_increase", "retro_increase", "acwr", "monotony"]
    changed = []
    for warning in TrainingWarning.objects.filter(rule__in=rules).iterator(chunk_size=2000):
        try:
            numbers = _quoted(warning.rule, warning.severity, dict(warning.numbers), thresholds)
        except (KeyError, TypeError, ZeroDivisionError, ValueError):
            continue  # not a shape any rule stored: left as it is
        if numbers != warning.numbers:
            warning.numbers = numbers
            changed.append(warning)
    TrainingWarning.objects.bulk_update(changed, ["numbers"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("logbook", "0004_sweeper_and_list_indexes")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
