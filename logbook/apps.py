from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _reset_load_rules(*, setting: str, **kwargs: Any) -> None:
    if setting in ("LOAD_RULES", "LOAD_THRESHOLDS"):
        from logbook.load.registry import active

        active.cache_clear()


class LogbookConfig(AppConfig):
    name = "logbook"
    verbose_name = _("Training log")

    def ready(self) -> None:
        from django.core.signals import setting_changed

        from logbook.load.registry import active
        from logbook.page_facts import page_facts_connect

        setting_changed.connect(_reset_load_rules)
        # Cached pages go out of date with the catalogue and people's names, whoever
        # changes them (logbook/page_facts.py).
        page_facts_connect()
        # Build the rules now: an unknown dotted path in LOAD_RULES stops the project at
        # start with ImproperlyConfigured, not at the first session saved.
        active()
