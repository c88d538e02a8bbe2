"""The time zones a runner can pick: the current names of the tz database's zone.tab
(one per country and region, e.g. Europe/Amsterdam, Europe/Kyiv), grouped by continent,
without the obsolete aliases (US/Eastern, Asia/Calcutta, Europe/Kiev) that
zoneinfo.available_timezones() also lists. Stored profiles keep whatever valid name they
have; only the picker is limited."""

from __future__ import annotations

import zoneinfo
from functools import cache
from pathlib import Path

UTC = "UTC"
# Sorted by continent, then by place; the group label is the name's first part.
Choices = list[tuple[str, list[tuple[str, str]]]]


def _zone_tab() -> Path | None:
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            return path
    return None


@cache
def canonical_time_zones() -> frozenset[str]:
    available = zoneinfo.available_timezones()
    path = _zone_tab()
    if path is None:
        # Without zone.tab, keep the continental names: that drops most aliases.
        regions = {"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia"}
        regions |= {"Europe", "Indian", "Pacific"}
        names = {n for n in available if n.split("/", 1)[0] in regions}
    else:
        names = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                fields = line.split("\t")
                if len(fields) >= 3:
                    names.add(fields[2])
    return frozenset(n for n in names | {UTC} if n in available)


def place_label(name: str) -> str:
    """ "America/Argentina/Buenos_Aires" reads "Argentina, Buenos Aires"."""
    parts = name.split("/")[1:] or [name]
    return ", ".join(part.replace("_", " ") for part in parts)


def grouped_choices(*, keep: str = "") -> Choices:
    """(continent, [(name, place)]) for a <select> with <optgroup>s. `keep` is the
    runner's stored zone, listed even when it is an alias, so saving the settings page
    never silently changes it."""
    names = set(canonical_time_zones())
    if keep and is_valid(keep):
        names.add(keep)
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in names:
        region = name.split("/", 1)[0] if "/" in name else UTC
        groups.setdefault(region, []).append((name, place_label(name)))
    return [
        (region, sorted(zones, key=lambda zone: zone[1]))
        for region, zones in sorted(groups.items())
    ]


def is_valid(name: str) -> bool:
    return name in zoneinfo.available_timezones()


def from_browser(name: str, *, default: str) -> str:
    """The zone a browser reported (Intl API), or the default when it is not one we know.
    Browsers may report an alias (Asia/Calcutta): any valid name is kept as it is."""
    name = name.strip()
    return name if name and len(name) <= 64 and is_valid(name) else default
