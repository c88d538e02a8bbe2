from django.urls import path

from exercises import views

app_name = "exercises"
urlpatterns = [
    path("", views.catalogue, name="list"),
    path("progressions/", views.progression_list, name="progressions"),
    path("progressions/<slug:slug>/", views.progression_detail, name="progression"),
    path("hip-check/", views.hip_check, name="hip_check"),
    path("hip-check/set-level/", views.hip_check_set_level, name="hip_check_set_level"),
    path("when-to-seek-help/", views.seek_help, name="seek_help"),
    path("<slug:slug>/", views.exercise_detail, name="detail"),
]
