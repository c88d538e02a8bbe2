from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register


@register()
def secret_key_set(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.SECRET_KEY_GENERATED and not settings.DEBUG:
        return [
            Warning(
                "SECRET_KEY is not set: a throwaway key is used, and the web app will not "
                "serve until one is set.",
                hint="Set SECRET_KEY or SECRET_KEY_FILE.",
                id="runningcoach.W001",
            )
        ]
    return []


@register(deploy=True)
def contact_email_set(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if not settings.CONTACT_EMAIL:
        return [
            Warning(
                "CONTACT_EMAIL is not set: the pages that tell people to write when they are "
                "stuck (no sign-up e-mail, a failed password reset) name no address.",
                hint="Set CONTACT_EMAIL to an address someone reads.",
                id="runningcoach.W002",
            )
        ]
    return []
