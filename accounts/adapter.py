"""allauth's adapter, with the failed-login limit kept per account and client.

Wrong passwords lock out the client that typed them, not the account's owner: the limit
of `LOGIN_FAILED_RATE_LIMIT` ("5/5m/key") counts per account and per client, where a
browser that signed in to that account before is a client of its own (a signed cookie
naming the accounts signed in there, as keyed hashes), and any other client is its IP
address. A stranger's guesses never lock the owner's own browser, nor the owner anywhere
else; the password-reset link frees the client it is used from (allauth clears the key
after a reset). A sign-in at /admin/login/ remembers the browser as one on the site does.
The limit per IP address across accounts ("30/m/ip") stays as it is.

Every e-mail allauth writes is rendered in the request, as allauth renders it, and handed
to the outbox (accounts.mail_queue): the request never waits for the mail server."""

from __future__ import annotations

import secrets
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from accounts.mail_queue import AccountEmail, account_email_queue
from accounts.validators import validate_email_address_for_headers

DEVICE_COOKIE = "signed_in_before"
DEVICE_MAX_AGE_S = 365 * 24 * 3600
_SALT = "accounts.adapter.device"
# Accounts remembered per browser (a family's shared tablet), newest first.
_ACCOUNTS_PER_BROWSER = 5


def _account_tag(login: str) -> str:
    return salted_hmac(_SALT, login.strip().lower(), algorithm="sha256").hexdigest()[:20]


def _browser(request: HttpRequest) -> tuple[str, list[str]]:
    """(this browser's id, the accounts signed in here before), from the signed cookie."""
    try:
        found = signing.loads(
            request.COOKIES.get(DEVICE_COOKIE, ""), salt=_SALT, max_age=DEVICE_MAX_AGE_S
        )
        return str(found["id"]), [str(tag) for tag in found["accounts"]]
    except (signing.BadSignature, KeyError, TypeError):
        return "", []


def _account_email(template: str, to: str, message: EmailMessage) -> AccountEmail:
    html = ""
    text = str(message.body)
    if message.content_subtype == "html":
        html, text = text, ""
    for alternative in getattr(message, "alternatives", []):
        if alternative[1] == "text/html":
            html = str(alternative[0])
    return AccountEmail(
        template=template, to=to, subject=str(message.subject), text=text, html=html
    )


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's, but queued: rendered now (its links name this request's host, in
        this request's language) and sent by the outbox's worker."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
        if not account_email_queue(_account_email(template_prefix, email, message)):
            raise ImproperlyConfigured(
                "No outbox is registered for account e-mails (accounts.mail_queue): "
                "is notifications in INSTALLED_APPS?"
            )

    def clean_email(self, email: str) -> str:
        """Every address a person types (sign-up, another address of theirs): one the
        outbox could not put in a To header is refused here, not skipped later."""
        email = str(super().clean_email(email))
        validate_email_address_for_headers(email)
        return email

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        account = super()._get_login_attempts_cache_key(request, **credentials)
        login = str(credentials.get("email", credentials.get("username", "")))
        browser, accounts = _browser(request)
        if browser and _account_tag(login) in accounts:
            return f"{account}:browser:{browser}"
        return f"{account}:ip:{self.get_client_ip(request)}"

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().post_login(request, user, **kwargs)
        browser_remember(request, response, user)
        return response


def browser_remember(request: HttpRequest, response: HttpResponse, user: Any) -> None:
    """After a sign-in (the site's or the admin's): this browser is a client of its own
    for the account from now on (the signed cookie, newest account first)."""
    browser, accounts = _browser(request)
    tag = _account_tag(user.email)
    accounts = [tag, *(a for a in accounts if a != tag)][:_ACCOUNTS_PER_BROWSER]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(
            {"id": browser or secrets.token_urlsafe(16), "accounts": accounts}, salt=_SALT
        ),
        max_age=DEVICE_MAX_AGE_S,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
