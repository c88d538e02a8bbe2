from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class RunningcoachConfig(AppConfig):
    """The project itself as an app: its demo-data command and its `{% slot %}` tag."""

    name = "runningcoach"


class RunningcoachAdminConfig(AdminConfig):
    """Django's admin on our site (runningcoach/admin_site.py): superuser-only by default."""

    default_site = "runningcoach.admin_site.RunningcoachAdminSite"
