"""E-mail helpers every app uses: safe header text, plain-text subjects, and the
development backend.

The development e-mail backend: e-mails printed by `make run` read as plain text.

Django's console backend prints the wire form, where a line longer than 78 characters
(the verification link) is quoted-printable and broken with "=" across lines. Printing
with a 998-character line limit keeps text 7bit/8bit, so the link can be clicked."""

from __future__ import annotations

import email.policy
import unicodedata
from typing import Any

from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.template import Context
from django.template.loader import get_template

READABLE = email.policy.default.clone(max_line_length=998)


class ReadableConsoleBackend(ConsoleBackend):
    def write_message(self, message: Any) -> None:
        text = message.message(policy=READABLE).as_bytes().decode("utf-8", "replace")
        self.stream.write(f"{text}\n{'-' * 79}\n")


# Control characters (CR, LF, NUL, tab ...) and the Unicode line and paragraph separators.
_BREAKS = frozenset({"Cc", "Zl", "Zp"})


def header_text(text: str) -> str:
    """Text a person typed, made safe for an e-mail header such as the subject: one line,
    no control character, and no encoded word. Python's e-mail library reads "=?utf-8?q?
    ...?=" in a header value as RFC 2047 text, so "=0D=0ABcc:" would become a real line
    break (3.12) or a subject holding one (3.13): "=?" is written "= ?"."""
    one_line = "".join(" " if unicodedata.category(char) in _BREAKS else char for char in text)
    return " ".join(one_line.replace("=?", "= ?").split())


def render_subject(template_name: str, context: dict[str, Any]) -> str:
    """A subject from its template: plain text (a subject is no HTML, so "O'Neil & Co"
    stays as typed), through header_text."""
    template = get_template(template_name).template  # type: ignore[attr-defined]
    return header_text(template.render(Context(context, autoescape=False)))
