from django.contrib import admin
from django.urls import include, path

from runningcoach import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("ping/", views.ping, name="ping"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("exercises/", include("exercises.urls")),
    path("coaching/", include("coaching.urls")),
    path("email/", include("notifications.urls")),
    path("", include("logbook.urls")),
    path("admin/", admin.site.urls),
]
