"""Helpers for the browser tests of the phone and wide-screen pages: a signed-in browser
context of a given width, language and colour scheme, the problems it saw, and axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = 375
WIDE = 1280

# axe-core's serious and critical findings: what the pages must never have.
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}"""


@dataclass
class Browsing:
    page: Any
    base: str
    problems: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")

    def scroll_width(self) -> int:
        return int(self.page.evaluate("document.documentElement.scrollWidth"))

    def widest(self) -> str:
        """The element reaching furthest to the right, to say what makes a page scroll."""
        return str(
            self.page.evaluate(
                """() => { let best = null, right = 0;
                  for (const el of document.querySelectorAll('body *')) {
                    const r = el.getBoundingClientRect().right;
                    if (r > right) { right = r; best = el; }
                  }
                  return best ? `${best.tagName}.${best.className} (${Math.round(right)}px): `
                    + (best.textContent || '').trim().slice(0, 60) : ''; }"""
            )
        )

    def axe_violations(self) -> list[str]:
        if not AXE.exists():
            raise AssertionError(f"{AXE} is missing: run `npm ci` first")
        # Colours are judged once they have settled: a control that a script has just
        # checked (a form filled in from the device's queue) is still fading in.
        self.page.wait_for_function(
            "() => document.getAnimations().every((a) => a.playState !== 'running'"
            " || a.effect.getTiming().iterations === Infinity)"
        )
        # Evaluated through the DevTools protocol, so the page's strict CSP stays in force.
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        return list(self.page.evaluate(AXE_RUN))


def sign_in(context: Any, base: str, user: Any) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


@contextmanager
def browsing(
    browser: Any,
    base: str,
    *,
    width: int,
    user: Any = None,
    language: str = "en",
    dark: bool = False,
    time_zone: str = "Europe/Amsterdam",
) -> Iterator[Browsing]:
    context = browser.new_context(
        viewport={"width": width, "height": 812 if width == PHONE else 900},
        device_scale_factor=2 if width == PHONE else 1,
        locale="nl-NL" if language == "nl" else "en-GB",
        color_scheme="dark" if dark else "light",
        timezone_id=time_zone,
    )
    context.set_default_timeout(15_000)
    if user is not None:
        sign_in(context, base, user)
    if language:
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}]
        )
    page = context.new_page()
    state = Browsing(page=page, base=base)
    page.on(
        "console",
        lambda m: state.problems.append(f"console: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: state.problems.append(f"page error: {error}"))
    page.on(
        "response",
        lambda r: state.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((base, "data:"))
            else state.problems.append(f"outside request: {r.url}")
        ),
    )
    try:
        yield state
    finally:
        context.close()
