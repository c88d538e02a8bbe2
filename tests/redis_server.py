"""A redis-server of a test's own, on a free port, for tests that need Redis to fail.

The shared Redis is never stopped: a test that wants an outage starts this one, points
the Celery broker at it, and stops (and restarts) only this one."""

from __future__ import annotations

import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import wait_for


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class OwnRedis:
    def __init__(self) -> None:
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="own-redis-"))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert wait_for(lambda: _answers(self.port), timeout=20), "own redis-server did not start"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None
        assert wait_for(lambda: not _answers(self.port), timeout=10)


@contextmanager
def own_redis() -> Iterator[OwnRedis]:
    server = OwnRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def broker_at(url: str) -> Iterator[None]:
    """Point the Celery app's broker at `url` for the block."""
    from runningcoach.celery import app

    def forget_pool() -> None:
        # kombu keeps one pool per broker URL: drop the app's reference only, so the
        # shared broker's pool is still open when the app points back at it.
        app._pool = None
        app.amqp._producer_pool = None

    before = app.conf.broker_url
    forget_pool()
    app.conf.broker_url = url
    try:
        yield
    finally:
        app.pool.force_close_all()  # the pool of the own server, which is going away
        forget_pool()
        app.conf.broker_url = before


@contextmanager
def celery_at(url: str) -> Iterator[None]:
    """Point the Celery app's broker and result backend at `url` for the block."""
    from runningcoach.celery import app

    before = (app.conf.result_backend, app.backend)
    app.conf.result_backend = url
    app._backend = app._get_backend()
    try:
        with broker_at(url):
            yield
    finally:
        app.conf.result_backend, app._backend = before
