from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.settings_view, name="settings"),
    path("language/", views.language_view, name="language"),
]
