"""The admin site: every model admin is for superusers alone unless its class opens it.

Permissions a superuser grants to a group do not open a page by themselves: allauth's
e-mail addresses, the site, the outbox and whatever a library registers tomorrow stay
closed to staff. A page is opened on purpose with `open_to_staff = True` on its admin class
(the coach's pages in coaching/admin/, the exercise catalogue); then Django's permissions
and the class's own checks decide, as usual."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest


def is_superuser(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


class SuperuserOnly:
    """Closes a model admin to everyone but superusers; what its class refuses a superuser
    (a read-only audit trail) stays refused."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_superuser(request) and super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request) and super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_superuser(request) and super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request) and super().has_delete_permission(request, obj)  # type: ignore[misc]

    def history_view(self, request: HttpRequest, object_id: str, *args: Any) -> Any:
        # Django looks the object up before it checks rights here: a missing id would
        # answer differently from an existing one.
        if not is_superuser(request):
            raise PermissionDenied
        return super().history_view(request, object_id, *args)  # type: ignore[misc]


class RunningcoachAdminSite(admin.AdminSite):
    def register(
        self,
        model_or_iterable: type[Model] | Iterable[type[Model]],
        admin_class: type[admin.ModelAdmin[Any]] | None = None,
        **options: Any,
    ) -> None:
        admin_class = admin_class or admin.ModelAdmin
        if not getattr(admin_class, "open_to_staff", False):
            admin_class = type(
                admin_class.__name__,
                (SuperuserOnly, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)


class RunningcoachAdminConfig(AdminConfig):
    default_site = "runningcoach.admin_site.RunningcoachAdminSite"
