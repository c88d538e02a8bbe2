from django.urls import path

from coaching import views

app_name = "coaching"
urlpatterns = [
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("end/", views.coaching_end, name="end"),
]
