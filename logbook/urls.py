from django.urls import path

from logbook import data_views, import_views, offline_views, views

app_name = "logbook"
urlpatterns = [
    path("dashboard/", data_views.dashboard, name="dashboard"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/to-rate/", views.sessions_to_rate, name="sessions_to_rate"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("sessions/<int:pk>/rate/", views.session_rate, name="session_rate"),
    path("week/", views.week, name="week"),
    path("import/", import_views.import_upload, name="import"),
    path("import/<int:pk>/", import_views.import_status, name="import_status"),
    path("import/<int:pk>/status.json", import_views.import_status_json, name="import_status_json"),
    path("warnings/<int:pk>/acknowledge/", views.warning_acknowledge, name="warning_acknowledge"),
    path("export.json", data_views.export_json, name="export_json"),
    path("export/<str:table>.csv", data_views.export_csv, name="export_csv"),
    path("me/data/", data_views.your_data, name="your_data"),
    path("me/delete/", data_views.account_delete, name="account_delete"),
    # Offline use: the service worker's scope is the whole site, so it is served from the root.
    path("sw.js", offline_views.service_worker, name="service_worker"),
    path("offline/", offline_views.offline_page, name="offline"),
    path("sessions/waiting/", offline_views.waiting, name="waiting"),
    path("sessions/sync/", offline_views.device_sync, name="device_sync"),
    path("import/share/", offline_views.share_receive, name="share"),
    path("import/link/", offline_views.upload_link_manage, name="upload_link_manage"),
    path("upload/<str:token>/", offline_views.upload_by_link, name="upload_by_link"),
    path(
        "upload/<str:token>/<str:filename>",
        offline_views.upload_by_link,
        name="upload_by_link_named",
    ),
]
