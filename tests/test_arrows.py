"""Arrows one way (shared/STYLE.md): runningcoach <- accounts <- exercises <- logbook <-
notifications <- coaching. An app imports itself and the apps to its left, never one to its
right, at the top of a module or inside a function; a template includes or extends only
templates of its own app or of apps to its left. Where a lower app needs a higher one, the
higher app registers with a small registry the lower app owns, in its AppConfig.ready().

Pure reading of the source (ast and the template text): no database, no Django start."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

APPS = ("runningcoach", "accounts", "exercises", "logbook", "notifications", "coaching")
RANK = {app: rank for rank, app in enumerate(APPS)}

# The project's wiring may name every app: its URLs, settings, Celery and the demo data.
WIRING = frozenset(
    {
        "runningcoach/urls.py",
        "runningcoach/settings.py",
        "runningcoach/celery.py",
        "runningcoach/management/commands/seed_demo.py",
    }
)

_TEMPLATE_TAG = re.compile(r"""\{%-?\s*(?:include|extends)\s+(["'])([^"']+)\1""")


def _app_of(name: str) -> str | None:
    top = name.split("/")[0].split(".")[0]
    return top if top in RANK else None


def _imported(tree: ast.AST, *, app: str, path: Path) -> Iterator[tuple[int, str]]:
    """Every module a file imports, top-level or inside functions; relative imports
    resolve to the file's own package."""
    package = list(path.relative_to(ROOT).parent.parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] or [app]
                yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.lineno, node.module or ""


def import_violations() -> list[str]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative in WIRING:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
            for line, module in _imported(tree, app=app, path=path):
                target = _app_of(module)
                if target is None or RANK[target] <= RANK[app]:
                    continue
                found.append(f"{relative}:{line} imports {module} ({app} -> {target})")
    return found


def _template_files() -> Iterator[tuple[Path, str]]:
    """(file, template name) of the project's templates and of every app's."""
    roots = [ROOT / "templates"] + [ROOT / app / "templates" for app in APPS]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".html", ".txt", ".xml", ".js", ".json"}:
                yield path, path.relative_to(root).as_posix()


def template_violations() -> list[str]:
    found = []
    for path, name in _template_files():
        # A template belongs to the app its name starts with; the project's own ones
        # (base.html) and Django's, the admin's and allauth's sit with runningcoach.
        owner = _app_of(name) or "runningcoach"
        text = path.read_text(encoding="utf-8")
        for match in _TEMPLATE_TAG.finditer(text):
            target = _app_of(match.group(2))
            if target is None or RANK[target] <= RANK[owner]:
                continue
            line = text.count("\n", 0, match.start()) + 1
            relative = path.relative_to(ROOT).as_posix()
            found.append(f"{relative}:{line} uses {match.group(2)} ({owner} -> {target})")
    return found


def test_no_module_imports_an_app_to_its_right() -> None:
    assert import_violations() == []


def test_no_template_includes_a_template_of_an_app_to_its_right() -> None:
    assert template_violations() == []
