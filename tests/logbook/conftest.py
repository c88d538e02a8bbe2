from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine

from tests.logbook.dashboard_world import NOW, history_build
from tests.shared_files import shared_activity_folder


@pytest.fixture
def shared_activities() -> Path:
    return shared_activity_folder()


@pytest.fixture
def frozen() -> Iterator[None]:
    """The clock of the dashboard's known history (tests/logbook/dashboard_world.py)."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def history(runner: Any, other_runner: Any, frozen: None) -> Any:
    """Alice's known history (tests/logbook/dashboard_world.py), the clock frozen at NOW."""
    return history_build(runner, other_runner)
