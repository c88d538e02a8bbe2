"""What the pages' offline script needs: the signed-in person's opaque name, the endpoints
and its texts in the page's language (static/js/offline.js)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from logbook.offline import offline_owner

register = template.Library()


def offline_strings() -> dict[str, str]:
    return {
        "waiting_one": ngettext("%(n)s waiting to send", "%(n)s waiting to send", 1),
        "waiting_other": ngettext("%(n)s waiting to send", "%(n)s waiting to send", 2),
        "saved": _("Saved on this device: it is sent when you are back online."),
        "warning": _("Warning: %(title)s"),
        "refused": _("Not everything was sent: correct or discard what waits."),
        "sign_in": _("Sign in to send what waits on this device."),
        "waiting_status": _("Waiting for a connection."),
        "correct": _("Correct"),
        "discard": _("Discard"),
        "file": _("File: %(name)s"),
        "not_sent": _(
            "You are offline: this was not sent. What you typed stays here; send it again "
            "when you are back online."
        ),
        "shared_offline": _(
            "You are offline: the shared file is kept on this device and imported when you "
            "are back online."
        ),
    }


@lru_cache(maxsize=16)
def _same_for_everyone(language: str) -> dict[str, object]:
    """Every page carries this; only the owner differs between people."""
    with translation.override(language):
        return {
            "swUrl": reverse("logbook:service_worker"),
            "syncUrl": reverse("logbook:device_sync"),
            "waitingUrl": reverse("logbook:waiting"),
            "logUrl": reverse("logbook:session_new"),
            "importUrl": reverse("logbook:import"),
            "logoutUrl": reverse("account_logout"),
            "strings": offline_strings(),
        }


@register.simple_tag(takes_context=True)
def offline_config(context: dict[str, Any]) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None)
    config = {
        "owner": offline_owner(user),
        **_same_for_everyone(translation.get_language()),
    }
    return json_script(config, "offline-config")


@register.inclusion_tag("logbook/_upload_link.html", takes_context=True)
def upload_link_section(context: dict[str, Any]) -> dict[str, Any]:
    from logbook.offline_views import upload_url

    request = context["request"]
    return {
        "request": request,
        "upload_url": upload_url(request),
        "csrf_token": context.get("csrf_token"),
    }
