"""The development e-mail backend: e-mails printed by `make run` read as plain text.

Django's console backend prints the wire form, where a line longer than 78 characters
(the verification link) is quoted-printable and broken with "=" across lines. Printing
with a 998-character line limit keeps text 7bit/8bit, so the link can be clicked."""

from __future__ import annotations

import email.policy
from typing import Any

from django.core.mail.backends.console import EmailBackend as ConsoleBackend

READABLE = email.policy.default.clone(max_line_length=998)


class ReadableConsoleBackend(ConsoleBackend):
    def write_message(self, message: Any) -> None:
        text = message.message(policy=READABLE).as_bytes().decode("utf-8", "replace")
        self.stream.write(f"{text}\n{'-' * 79}\n")
