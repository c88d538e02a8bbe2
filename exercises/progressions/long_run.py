"""The longest run: at most 10 % over the longest of the last 30 days."""

from __future__ import annotations

from django.utils.translation import gettext as _

from exercises.progressions.common import (
    ADVANCE,
    INCREASE_PCT,
    LONG_RUN,
    START,
    Number,
    Suggestion,
    plus_pct,
)
from runningcoach import units


def _km(metres: int) -> str:
    # Tenths of a kilometre, rounded down: a shown limit never exceeds the real one.
    return units.km_cap(metres)


def long_run_suggestion(
    longest_30d_m: int | None, *, base_m: int | None = None, cap_m: int | None = None
) -> Suggestion:
    """The next longest run at most 10 % over the longest of the last 30 days: the longest
    run the spike rule would not flag (whole metres, rounded down).

    `cap_m` is the spike rule's own figure (logbook.load.LongRunCap); `base_m`, what it
    counts from, is the longest run itself."""
    if not longest_30d_m:
        return Suggestion(
            LONG_RUN,
            START,
            None,
            None,
            _("No run in the last 30 days to compare with: start with a distance that feels easy."),
            {"longest_30d_m": None},
        )
    base_m = base_m or longest_30d_m
    cap_m = cap_m or plus_pct(base_m)
    numbers: dict[str, Number] = {
        "longest_30d_m": longest_30d_m,
        "base_m": base_m,
        "cap_m": cap_m,
        "increase_pct": INCREASE_PCT,
        "longest_km": units.km_figure(longest_30d_m),
        "base_km": units.km_figure(base_m),
        "cap_km": _km(cap_m),
    }
    reason = _(
        "Your longest run of the last 30 days was %(longest_km)s km: keep your next longest "
        "run at or under %(cap_km)s km (%(increase_pct)d %% more), the longest the spike rule "
        "would not flag. A rule of thumb, not a proven limit (Buist et al. 2008)."
    )
    return Suggestion(LONG_RUN, ADVANCE, longest_30d_m, cap_m, reason % numbers, numbers)
