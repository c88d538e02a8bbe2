"""Real watch files kept beside the repository (../shared/fixtures/activities/, see its
README); a checkout in a folder of worktrees finds them one level further up."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_ACTIVITY_FOLDERS = [
    REPO_ROOT.parent / "shared" / "fixtures" / "activities",
    REPO_ROOT.parent.parent / "shared" / "fixtures" / "activities",
]


def shared_activity_folder() -> Path:
    """The folder, or the test is skipped saying where it was looked for."""
    for folder in SHARED_ACTIVITY_FOLDERS:
        if folder.is_dir():
            return folder
    pytest.skip(f"shared activity fixtures not found at {SHARED_ACTIVITY_FOLDERS[0].resolve()}")
