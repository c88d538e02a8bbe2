from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# Real watch files, kept beside the repository (../shared/); a checkout in a folder of
# worktrees finds them one level further up.
SHARED_ACTIVITY_FOLDERS = [
    REPO_ROOT.parent / "shared" / "fixtures" / "activities",
    REPO_ROOT.parent.parent / "shared" / "fixtures" / "activities",
]


@pytest.fixture
def shared_activities() -> Iterator[Path]:
    for folder in SHARED_ACTIVITY_FOLDERS:
        if folder.is_dir():
            yield folder
            return
    pytest.skip(f"shared activity fixtures not found at {SHARED_ACTIVITY_FOLDERS[0].resolve()}")
