"""The service worker's script: static/js/sw.js with what it needs to know prepended (the
pages kept for offline use, the static files of the app's shell, the endpoints). The
version is the hash of it all, so a changed catalogue or asset updates the worker."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from exercises.models import Exercise, Progression

SCRIPT = "js/sw.js"
# The static files of the app's shell and the catalogue, kept on install.
SHELL_STATIC_PREFIXES = ("css/", "js/", "vendor/", "icons/", "exercises/")
SHELL_STATIC_FILES = ("favicon.svg",)
SKIPPED_SUFFIXES = ("LICENSE", ".md", ".map")


def shell_static_urls() -> list[str]:
    found: set[str] = set()
    for finder in finders.get_finders():
        for path, _storage in finder.list([]):
            path = path.replace("\\", "/")
            if path.endswith(SKIPPED_SUFFIXES) or path == SCRIPT:
                continue
            if path.startswith(SHELL_STATIC_PREFIXES) or path in SHELL_STATIC_FILES:
                found.add(path)
    return sorted(static(path) for path in found)


def offline_pages() -> list[str]:
    """The pages kept as last seen: the shell (dashboard, log form, the queue's page), the
    import page a share lands on, and the whole catalogue."""
    pages = [
        reverse("logbook:offline"),
        reverse("logbook:dashboard"),
        reverse("logbook:session_new"),
        reverse("logbook:waiting"),
        reverse("logbook:import"),
        reverse("exercises:list"),
        reverse("exercises:progressions"),
        reverse("exercises:seek_help"),
    ]
    pages += [
        reverse("exercises:detail", args=[slug])
        for slug in Exercise.objects.order_by("pk").values_list("slug", flat=True)
    ]
    pages += [
        reverse("exercises:progression", args=[slug])
        for slug in Progression.objects.order_by("pk").values_list("slug", flat=True)
    ]
    return pages


def service_worker_script() -> str:
    found = finders.find(SCRIPT)
    if not found:
        raise FileNotFoundError(SCRIPT)
    body = Path(str(found)).read_text(encoding="utf-8")
    config = {
        "pages": offline_pages(),
        "staticUrls": shell_static_urls(),
        "staticPrefix": static(""),
        "offlineUrl": reverse("logbook:offline"),
        "shareUrl": reverse("logbook:share"),
        "syncUrl": reverse("logbook:device_sync"),
        "importUrl": reverse("logbook:import"),
        "queueScript": static("js/queue.js"),
    }
    text = json.dumps(config, sort_keys=True)
    version = hashlib.sha256((text + body).encode()).hexdigest()[:16]
    config["version"] = version
    return f"self.RC = {json.dumps(config, sort_keys=True)};\n{body}"
