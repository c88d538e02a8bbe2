"""Places in a page where an app further right adds its part. The lower app's template
names the place (`{% slot "logbook.dashboard.notes" %}`, runningcoach/templatetags/slots.py)
and the higher app registers a template for it in its AppConfig.ready(): logbook's dashboard
shows coaching's plan without naming coaching, as the export takes coaching's tables.
A part renders like an include, with the page's context; a place nobody filled renders
nothing."""

from __future__ import annotations

SLOTS: dict[str, list[str]] = {}


def slot_register(slot: str, template_name: str) -> None:
    names = SLOTS.setdefault(slot, [])
    if template_name not in names:
        names.append(template_name)


def slot_templates(slot: str) -> tuple[str, ...]:
    return tuple(SLOTS.get(slot, ()))
