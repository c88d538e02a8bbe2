from django.urls import path

from logbook import views

app_name = "logbook"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
