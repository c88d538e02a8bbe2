from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.adapter import browser_remember
from accounts.deletion import account_delete
from accounts.forms import RateLimitedAdminAuthenticationForm
from accounts.models import AthleteProfile, HealthConsentEvent, User
from accounts.versions import versions_bump
from runningcoach.admin_site import admin_signed_in_register

admin.site.login_form = RateLimitedAdminAuthenticationForm
# A sign-in at /admin/login/ remembers the browser, as the site's does (accounts/adapter.py).
admin_signed_in_register(browser_remember)
admin.site.site_header = _("runningcoach administration")
admin.site.site_title = _("runningcoach")

# Every page here is for superusers alone (runningcoach/admin_site.py): users, passwords and
# groups can grant rights, consent events name everyone. Coaches see their athletes
# through coaching/admin/.


class AthleteProfileInline(admin.StackedInline[AthleteProfile, User]):
    model = AthleteProfile
    fk_name = "user"
    can_delete = False
    # The hip level moves through the runner's self-check or the coach's athlete page, which
    # record each change: the hip gate counts weeks from that history.
    readonly_fields = ["health_consent_at", "hip_level"]


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreateForm
    form = UserEditForm
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    list_select_related = ["profile"]
    search_fields = ["email", "profile__display_name"]
    inlines = [AthleteProfileInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Name"), {"fields": ("first_name", "last_name")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )

    def get_inline_instances(self, request: HttpRequest, obj: User | None = None) -> list[Any]:
        # The profile is made with the user; it is edited once the user exists.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # A superuser may change anything a page shows (name, hip level, coach, rights):
        # the person's cached pages, and those of the coach they had, are out of date.
        user = form.instance
        before = AthleteProfile.objects.filter(user=user).values_list("coach_id", flat=True)
        previous_coach = before.first()
        super().save_related(request, form, formsets, change)
        versions_bump(athlete_ids=[user.pk] + ([previous_coach] if previous_coach else []))

    # Deleting here takes the runner's own "delete my account" path: what other apps
    # registered as theirs (coaches' invitations) and their cached pages go too.
    def delete_model(self, request: HttpRequest, obj: User) -> None:
        account_delete(user=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            account_delete(user=user)

    @admin.display(description=_("display name"), ordering="profile__display_name")
    def display_name(self, obj: User) -> str:
        return obj.profile.display_name


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The group's rights changed: its members' cached pages (the coaches' lists) too.
        super().save_related(request, form, formsets, change)
        versions_bump(athlete_ids=form.instance.user_set.values_list("pk", flat=True))


@admin.register(HealthConsentEvent)
class HealthConsentEventAdmin(admin.ModelAdmin[HealthConsentEvent]):
    """An audit trail: rows are written by the consent service only, never in the admin."""

    list_display = ["user", "given", "at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "given", "at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
