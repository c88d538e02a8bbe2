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

        from accounts.erasure import eraser_register, health_data_eraser_register
        from accounts.zone_change import zone_change_follower_register
        from logbook.load.registry import active
        from logbook.page_facts import page_facts_connect
        from logbook.services.erasure import account_data_erase, pain_data_erase
        from logbook.services.warnings import warnings_reevaluate_all

        setting_changed.connect(_reset_load_rules)
        # A deleted account's import files and cached pages go; its sessions and import
        # jobs leave the admin log (accounts never imports logbook).
        eraser_register(account_data_erase)
        # Withdrawing the health-data consent erases the pain scores.
        health_data_eraser_register(pain_data_erase)
        # A new time zone moves every session to another local day: the warnings are
        # evaluated again.
        zone_change_follower_register(warnings_reevaluate_all)
        # The offline banner and scripts on every page, where base.html leaves room.
        from runningcoach.slots import slot_register

        slot_register("base.status", "logbook/_offline_status.html")
        slot_register("base.scripts", "logbook/_offline_scripts.html")
        # Cached pages go out of date with the catalogue and people's names, whoever
        # changes them (logbook/page_facts.py).
        page_facts_connect()
        # Build the rules now: an unknown dotted path in LOAD_RULES stops the project at
        # start with ImproperlyConfigured, not at the first session saved.
        active()
