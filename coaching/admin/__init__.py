"""What a coach sees: their athletes, who needs attention first, what they did and how they
progress, and nothing else.

Every page here is scoped in get_queryset to the athletes whose profile names the
logged-in coach (a superuser sees everyone), so the change, delete and history pages, the
actions and the filters act on those athletes only; another coach's athlete is "not
found". The Coaches group holds exactly the permissions these pages check (migration
0002); the user, group and permission pages stay with superusers (accounts/admin.py)."""

from coaching.admin import athletes, home, invitations, warnings

__all__ = ["athletes", "home", "invitations", "warnings"]
