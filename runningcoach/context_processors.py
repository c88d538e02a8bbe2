from django.conf import settings
from django.http import HttpRequest


def contact(request: HttpRequest) -> dict[str, str]:
    """The address people write to when something is stuck (CONTACT_EMAIL)."""
    return {"contact_email": settings.CONTACT_EMAIL}
