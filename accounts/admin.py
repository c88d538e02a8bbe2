from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.forms import RateLimitedAdminAuthenticationForm
from accounts.models import AthleteProfile, HealthConsentEvent, User

admin.site.login_form = RateLimitedAdminAuthenticationForm
admin.site.site_header = _("runningcoach administration")
admin.site.site_title = _("runningcoach")


class AthleteProfileInline(admin.StackedInline[AthleteProfile, User]):
    model = AthleteProfile
    fk_name = "user"
    can_delete = False
    readonly_fields = ["health_consent_at"]


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

    @admin.display(description=_("display name"), ordering="profile__display_name")
    def display_name(self, obj: User) -> str:
        return obj.profile.display_name


@admin.register(HealthConsentEvent)
class HealthConsentEventAdmin(admin.ModelAdmin[HealthConsentEvent]):
    list_display = ["user", "given", "at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "given", "at"]
