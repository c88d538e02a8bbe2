from django.contrib.admin.apps import AdminConfig


class RunningcoachAdminConfig(AdminConfig):
    """Django's admin on our site (runningcoach/admin_site.py): superuser-only by default."""

    default_site = "runningcoach.admin_site.RunningcoachAdminSite"
