from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared_files import shared_activity_folder


@pytest.fixture
def shared_activities() -> Path:
    return shared_activity_folder()
