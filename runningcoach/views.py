from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("logbook:dashboard")
    return render(request, "home.html")


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and docker-compose: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def ping(request: HttpRequest) -> HttpResponse:
    """The trivial view the benchmark measures every page against."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("favicon.svg"), permanent=True)


# What the share target takes: the watch formats by extension and by the types phones give
# them (a FIT file often arrives as application/octet-stream), and Strava's .zip and .csv.
SHARED_FILES = {
    "name": "file",
    "accept": [
        ".fit",
        ".gpx",
        ".tcx",
        ".zip",
        ".csv",
        "application/vnd.ant.fit",
        "application/gpx+xml",
        "application/vnd.garmin.tcx+xml",
        "application/zip",
        "text/csv",
        "application/octet-stream",
    ],
}


def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: "add to home screen" opens the dashboard full screen, like an
    app, in the runner's language."""
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    response = JsonResponse(
        {
            "name": "runningcoach",
            "short_name": "runningcoach",
            "description": _(
                "Log your runs and walks and see your load, with the rules it is checked against."
            ),
            "lang": get_language() or "en",
            "id": "/",
            "start_url": reverse("logbook:dashboard"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b4d2c",
            "icons": icons,
            # "Share -> runningcoach" from a watch or phone app: the service worker keeps the
            # file in the device's queue and opens the import page (logbook.offline_views).
            "share_target": {
                "action": reverse("logbook:share"),
                "method": "POST",
                "enctype": "multipart/form-data",
                "params": {"title": "title", "text": "text", "files": [SHARED_FILES]},
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Type"] = "application/manifest+json"
    return response
