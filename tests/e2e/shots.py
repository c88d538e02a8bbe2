"""Screenshots of the browser tests, kept as CI artefacts (README: "Browser tests")."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "var" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_screenshot(page: Any, name: str) -> Path:
    path = screenshot_dir() / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def not_kept(paths: Iterable[Path]) -> list[str]:
    """The screenshots that are not a PNG image in the folder CI keeps: none, if all is well."""
    folder = screenshot_dir().resolve()
    return [
        str(path)
        for path in paths
        if path.resolve().parent != folder
        or not path.is_file()
        or path.stat().st_size <= len(PNG_SIGNATURE)
        or path.read_bytes()[: len(PNG_SIGNATURE)] != PNG_SIGNATURE
    ]
