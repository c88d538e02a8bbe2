"""The e-mails the outbox holds that are a person's: those to their account, and those to
any of their addresses without it (a coach's invitation, the e-mail to an address before
it had an account). Their export lists them (notifications.export); deleting the account
deletes them (registered with accounts.erasure in NotificationsConfig.ready)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet

from accounts.erasure import Erased
from accounts.models import User
from notifications.models import OutboxEmail


def addresses_of(user: User) -> set[str]:
    return {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }


def emails_to(user: User) -> QuerySet[OutboxEmail]:
    to_them = Q(recipient=user)
    for address in addresses_of(user):
        if address:
            to_them |= Q(to_address__iexact=address)
    return OutboxEmail.objects.filter(to_them)


def emails_erase(*, user: User) -> Erased:
    """Delete every e-mail to the person (those to the account would go with it anyway);
    named as theirs, so the admin log forgets its entries about them too."""
    emails = emails_to(user)
    ids = list(emails.values_list("pk", flat=True))
    OutboxEmail.objects.filter(pk__in=ids).delete()
    return Erased(owned={OutboxEmail: ids})
