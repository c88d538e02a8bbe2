"""The admin site: every model admin is for superusers alone unless its class opens it.

Permissions a superuser grants to a group do not open a page by themselves: allauth's
e-mail addresses, the site, the outbox and whatever a library registers tomorrow stay
closed to staff. A page is opened on purpose with `open_to_staff = True` on its admin class
(the coach's pages in coaching/admin/, the exercise catalogue); then Django's permissions
and the class's own checks decide, as usual."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, IntegerField, Model, Q
from django.db.models.functions import Cast
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils.functional import SimpleLazyObject

from runningcoach.parsing import small_int


def is_superuser(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


class HostileInputGuard:
    """What Django's admin takes from a request as it comes, checked first:

    - a changelist's filter given a NUL ("status__exact=%00"), which PostgreSQL refuses
      in any text (a server error), is an invalid filter, as Django answers a value of the
      wrong type: the list again with "?e=1";
    - an action posted with ids no row can have ("abc", "²", 5,000 digits) acts on the
      well-formed ones only (Django's filter would raise on them: a server error);
    - an inline's formset builds no more forms than it has rows, plus the new rows it may
      add (`max_num`): a post claiming more (TOTAL_FORMS) would build empty rows that the
      read-only columns cannot show, or add a thousand notes at once."""

    model: type[Model]

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        for key, values in request.GET.lists():
            if any("\x00" in text for text in (key, *values)):
                raise IncorrectLookupParameters
        return super().get_changelist_instance(request)  # type: ignore[misc]

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Any, inline: Any, prefix: str
    ) -> dict[str, Any]:
        params: dict[str, Any] = super().get_formset_kwargs(request, obj, inline, prefix)  # type: ignore[misc]
        data = params.get("data")
        if data is None or f"{prefix}-TOTAL_FORMS" not in data:
            return params  # not posted: Django's management form says so
        # A count that is no small whole number ("-1", "²") claims no rows.
        claimed_total = small_int(data.get(f"{prefix}-TOTAL_FORMS")) or 0
        claimed_initial = small_int(data.get(f"{prefix}-INITIAL_FORMS")) or 0
        rows = 0
        if obj is not None and obj.pk is not None:
            fk = _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name)
            rows = params["queryset"].filter(**{fk.name: obj}).count()
        new_rows = (
            inline.get_max_num(request, obj) if inline.has_add_permission(request, obj) else 0
        )
        initial = min(claimed_initial, rows)
        total = max(initial, claimed_total - (claimed_initial - initial))
        if new_rows is not None:
            total = min(total, initial + new_rows)
        data[f"{prefix}-INITIAL_FORMS"], data[f"{prefix}-TOTAL_FORMS"] = str(initial), str(total)
        return params

    def response_action(self, request: HttpRequest, queryset: Any, **kwargs: Any) -> Any:
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
        if isinstance(self.model._meta.pk, IntegerField):
            kept = [value for value in selected if small_int(value) is not None]
            if kept != selected:
                post = request.POST.copy()
                post.setlist(ACTION_CHECKBOX_NAME, kept)
                request.POST = post  # type: ignore[assignment]
        return super().response_action(request, queryset, **kwargs)  # type: ignore[misc]


class SuperuserOnly(HostileInputGuard):
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


class OwnHistoryOnly(HostileInputGuard):
    """A staff member reads only their own entries in an object's history: an athlete who
    moved from another coach brings no trace of that coach (their notes, their name)."""

    def get_paginator(self, request: HttpRequest, queryset: Any, *args: Any, **kwargs: Any) -> Any:
        if queryset.model is LogEntry and not is_superuser(request):
            queryset = queryset.filter(user=request.user)
        return super().get_paginator(request, queryset, *args, **kwargs)  # type: ignore[misc]


# Called with the request, the answer and the user after each sign-in at /admin/login/
# (accounts registers how a browser that signed in is remembered: accounts/adapter.py).
SignedIn = Callable[[HttpRequest, HttpResponse, Any], None]
SIGNED_IN_HOOKS: list[SignedIn] = []


def admin_signed_in_register(hook: SignedIn) -> SignedIn:
    if hook not in SIGNED_IN_HOOKS:
        SIGNED_IN_HOOKS.append(hook)
    return hook


class RunningcoachAdminSite(admin.AdminSite):
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        response = super().login(request, extra_context)
        signed_in = request.method == "POST" and response.status_code == 302
        if signed_in and request.user.is_authenticated:
            for hook in SIGNED_IN_HOOKS:
                hook(request, response, request.user)
        return response

    def register(
        self,
        model_or_iterable: type[Model] | Iterable[type[Model]],
        admin_class: type[admin.ModelAdmin[Any]] | None = None,
        **options: Any,
    ) -> None:
        admin_class = admin_class or admin.ModelAdmin
        guard = OwnHistoryOnly if getattr(admin_class, "open_to_staff", False) else SuperuserOnly
        admin_class = type(
            admin_class.__name__,
            (guard, admin_class),
            {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
        )
        super().register(model_or_iterable, admin_class, **options)

    def get_log_entries(self, request: HttpRequest) -> Any:
        """ "Recent actions": a staff member's own entries about objects they may still
        see (a former athlete's name and address leave with the athlete). Built when the
        index shows them, not on every admin page."""
        entries = super().get_log_entries(request)
        if is_superuser(request):
            return entries
        return SimpleLazyObject(lambda: entries.filter(self._visible_objects(request)))

    def _visible_objects(self, request: HttpRequest) -> Q:
        visible = Q(pk__in=[])
        for model, model_admin in self._registry.items():
            if not model_admin.has_view_or_change_permission(request):
                continue
            ids = model_admin.get_queryset(request).values_list(Cast("pk", CharField()))
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            visible |= Q(content_type=content_type, object_id__in=ids)
        return Q(user=request.user) & visible

    def get_urls(self) -> list[URLPattern | URLResolver]:
        # Django's "view on site" redirect answers 302 for an existing id and 404 for a
        # missing one, whoever asks; staff get it only for what they may see.
        own = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [own, *super().get_urls()]

    def view_on_site(
        self, request: HttpRequest, content_type_id: str, object_id: str
    ) -> HttpResponse:
        if not is_superuser(request) and not self._may_see(request, content_type_id, object_id):
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def _may_see(self, request: HttpRequest, content_type_id: str, object_id: str) -> bool:
        content_type_pk = small_int(content_type_id)
        content_type = (
            ContentType.objects.filter(pk=content_type_pk).first() if content_type_pk else None
        )
        model = content_type.model_class() if content_type else None
        model_admin = self._registry.get(model) if model else None
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            return False
        return model_admin.get_object(request, object_id) is not None
