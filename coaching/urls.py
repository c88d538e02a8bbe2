from django.urls import path

from coaching import plan_views, views

app_name = "coaching"
urlpatterns = [
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("end/", views.coaching_end, name="end"),
    path("plan/", plan_views.plan, name="plan"),
    path("plan/<int:pk>/edit/", plan_views.plan_edit, name="plan_edit"),
    path("plan/<int:pk>/delete/", plan_views.plan_delete, name="plan_delete"),
    path("plan/<int:pk>/match/", plan_views.plan_match, name="plan_match"),
    path("plan/<int:pk>/log/", plan_views.plan_log, name="plan_log"),
    path("plan/copy-week/", plan_views.plan_copy_week, name="plan_copy_week"),
    path("plan/calendar/reset/", plan_views.plan_feed_reset, name="plan_feed_reset"),
    path("plan/calendar/<str:token>.ics", plan_views.plan_feed, name="plan_feed"),
]
