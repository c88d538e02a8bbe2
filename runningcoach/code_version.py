"""The version of the code: part of every cache key (accounts/versions.py `version_key`),
so a deploy never serves a page the old code rendered."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache as memoize
from pathlib import Path

from django.conf import settings

_CODE_SUFFIXES = {".py", ".html", ".txt", ".mo", ".js", ".css", ".svg", ".json", ".lock"}
_SKIPPED_DIRS = {".venv", "node_modules", "var", "staticfiles", "tests", "bench", ".git"}


def _code_files(root: Path) -> Iterable[Path]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).parts
        if relative[0] in _SKIPPED_DIRS or relative[0].startswith("."):
            continue
        if path.suffix in _CODE_SUFFIXES and path.is_file():
            yield path


@memoize
def code_version() -> str:
    """A digest of what renders pages (code, templates, translations, static files, pinned
    packages and the load rules' settings), taken once per process."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for path in _code_files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    for name in ("LOAD_RULES", "LOAD_THRESHOLDS", "LANGUAGES", "TIME_ZONE"):
        digest.update(repr(getattr(settings, name, None)).encode())
    return digest.hexdigest()[:16]
