from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Coaching")

    def ready(self) -> None:
        # The coach's message registers its e-mail kind with the outbox.
        from coaching import emails  # noqa: F401
