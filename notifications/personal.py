"""The e-mails the outbox holds that are a person's: those to their account, and those to
any of their addresses without it (a coach's invitation, the e-mail to an address before
it had an account). Their export lists them (notifications.export); deleting the account
deletes them (registered with accounts.erasure in NotificationsConfig.ready)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.erasure import Erased
from accounts.models import User
from notifications.models import OutboxEmail


def emails_to(user: User) -> QuerySet[OutboxEmail]:
    """One query, whatever the number of addresses: the account's, its own address, and
    any address of its in allauth's table (compared as allauth does, ignoring case)."""
    theirs = EmailAddress.objects.filter(user=user, email__iexact=OuterRef("to_address"))
    return OutboxEmail.objects.filter(
        Q(recipient=user) | Q(to_address__iexact=user.email) | Q(Exists(theirs))
    )


def emails_erase(*, user: User) -> Erased:
    """Delete every e-mail to the person (those to the account would go with it anyway);
    named as theirs, so the admin log forgets its entries about them too."""
    emails = emails_to(user)
    ids = list(emails.values_list("pk", flat=True))
    OutboxEmail.objects.filter(pk__in=ids).delete()
    return Erased(owned={OutboxEmail: ids})
