"""The outbox: one row per e-mail the app owes someone, and who wants which kind."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class OutboxEmail(models.Model):
    """One e-mail of one kind to one person about one thing (a warning, an ISO week, an
    invitation, one account e-mail).

    It goes to an account (`recipient`), or to an address with no account behind it
    (`to_address` alone: an invitation, allauth's e-mail to an unknown address); an
    account e-mail names both when it goes to another of the account's addresses. The
    unique (kind, recipient, subject_key), or (kind, to_address, subject_key) for a row to
    an address alone, is what makes "at most once" hold in the database, whoever queues it
    and however often. Senders claim a row with a conditional UPDATE
    (notifications.services), so two senders never both send it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent")

    # Rows that have left the queue: what was rendered for them is emptied (`content`), and
    # those to an address alone are deleted after their retention.
    FINISHED = frozenset({Status.SENT, Status.FAILED, Status.SKIPPED})

    kind = models.CharField(_("kind"), max_length=32)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="outbox_emails",
        null=True,
        blank=True,
    )
    # Where it goes when that is not the recipient's own address, or there is no account.
    to_address = models.EmailField(_("to address"), blank=True)
    subject_key = models.CharField(_("about"), max_length=64)
    context = models.JSONField(_("context"), default=dict, blank=True)
    # An e-mail rendered when it was queued (allauth's: its link names the host of the
    # request): subject, text and html. It holds a one-time link, so it is emptied once
    # the row is sent, failed or skipped.
    content = models.JSONField(_("content"), default=dict, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # Tries that reached the SMTP server (or failed to build); a claim alone is no try.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The retry window (OUTBOX_RETRY_WINDOW_HOURS) runs from here.
    first_attempt_at = models.DateTimeField(_("first tried at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    queued_at = models.DateTimeField(_("handed to a worker at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # Set by the claim, so a sender marks only the rows it claimed itself.
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "subject_key"], name="outbox_one_per_subject"
            ),
            # NULL recipients are distinct to the constraint above: rows to an address
            # alone are kept to one per (kind, address, subject key) here.
            models.UniqueConstraint(
                fields=["kind", "to_address", "subject_key"],
                condition=Q(recipient__isnull=True),
                name="outbox_one_per_subject_to_address",
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(to_address=""),
                name="outbox_has_an_address",
            ),
        ]
        indexes = [
            # What the sweeper looks for: rows waiting for their next try, and claims that
            # outlived the sender's hard time limit.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="outbox_pending_due",
            ),
            models.Index(
                fields=["claimed_at"], condition=Q(status="sending"), name="outbox_sending_claim"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_key} → {self.to_address or self.recipient_id}"

    @property
    def address(self) -> str:
        """Where it goes: the address named on the row, else the recipient's own."""
        if self.to_address:
            return self.to_address
        assert self.recipient is not None  # outbox_has_an_address
        return self.recipient.email

    @property
    def user(self) -> User:
        """The recipient, for the kinds that only ever go to an account (every kind not
        registered with `to_addresses`: the outbox never hands them a row without one)."""
        if self.recipient is None:
            raise LookupError(f"outbox row {self.pk} ({self.kind}) has no recipient account")
        return self.recipient

    @property
    def user_id(self) -> int:
        """The recipient's id, for the same kinds (`user`)."""
        if self.recipient_id is None:
            raise LookupError(f"outbox row {self.pk} ({self.kind}) has no recipient account")
        return self.recipient_id


class EmailPreference(models.Model):
    """A person's choice for one kind of e-mail; no row means the kind's default (on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(_("kind"), max_length=32)
    enabled = models.BooleanField(_("enabled"), default=True)
    # A reminder due before the runner turned it on is not sent (DOMAIN.md section 5).
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_preference_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {'on' if self.enabled else 'off'}"
