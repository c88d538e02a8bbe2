"""SMTP servers of the test's own (aiosmtpd) that accept, refuse (4xx or 5xx), answer
late or never answer, on spare ports, and helpers."""

from __future__ import annotations

import asyncio
import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.silent_port import silent_port


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Sink:
    """Messages the server accepted; `fail_next` refuses that many DATA commands with a
    temporary error, `refuse` refuses these recipients for good, `defer` refuses them for
    now (450), `fail_data_for_good` refuses every DATA (554), and `answer_late_s` keeps the
    message but acknowledges it only after that many seconds. `hold_recipients` keeps a
    client waiting for the answer to its recipient, before any message is handed over."""

    port: int = 0
    messages: list[Message] = field(default_factory=list)
    fail_next: int = 0
    refuse: set[str] = field(default_factory=set)
    defer: set[str] = field(default_factory=set)
    fail_data_for_good: bool = False
    answer_late_s: float = 0.0
    attempts: int = 0
    # While True, a client that names a recipient waits for the answer; `held` counts them.
    hold_recipients: bool = False
    held: int = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        if address in self.defer:
            return "450 4.2.1 mailbox busy, try again later"
        if self.hold_recipients:
            self.held += 1
            while self.hold_recipients:
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.attempts += 1
        if self.fail_next > 0:
            self.fail_next -= 1
            return "451 4.3.0 try again later"
        if self.fail_data_for_good:
            return "554 5.6.0 message refused"
        self.messages.append(email.message_from_bytes(envelope.content))
        if self.answer_late_s:
            await asyncio.sleep(self.answer_late_s)
        return "250 Message accepted"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]


def plain_text(message: Message) -> str:
    """The decoded plain-text part of a message the sink received."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no plain-text part")


def mailer_at(settings: Any, port: int, timeout: float = 10) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
        }
    }


@contextmanager
def serving(sink: Sink) -> Iterator[Sink]:
    """`sink` answering on its port until the block ends: a port that refused connections
    before is a mail server that came back."""
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def smtp_sink(settings: Any) -> Iterator[Sink]:
    with serving(Sink(port=free_port())) as sink:
        mailer_at(settings, sink.port)
        yield sink


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that takes connections and never says a word: a hanging mail server."""
    with silent_port() as server:
        yield server.port
