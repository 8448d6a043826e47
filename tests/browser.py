"""A real headless Chromium for the tests, driven by Playwright: the distribution's Chromium
(`apt-get install chromium`), never a browser Playwright downloads.

Without Chromium or Playwright the browser tests are skipped, saying which is missing; with the
environment variable CI set they fail instead: CI never skips them silently.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("VAULTKIT_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium reaches out on its own (updates, sync,
# field trials) even when the page asks for nothing.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing() -> str | None:
    """What the browser tests lack, or None when they can run."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install '.[test]')"
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set VAULTKIT_CHROMIUM)"
    return None


def require_browser() -> None:
    """Skip the calling test without a browser; fail it when CI is set."""
    lack = missing()
    if lack is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {lack}", pytrace=False)
    pytest.skip(f"browser tests skipped: {lack}")


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """A page opened from a file, with everything it said and asked for."""

    page: Any
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def visit(browser: Any, path: Path, width: int = 1280, height: int = 900, scheme: str = "light") -> Visit:
    """`path` opened in a new page of `browser` by its file:// address; a dialog (an alert a
    note might smuggle in) is noted and dismissed."""
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    seen = Visit(page, path.resolve().as_uri())
    page.on("console", lambda message: message.type == "error" and seen.console_errors.append(message.text))
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
    page.on("request", lambda request: seen.requests.append(request.url))

    def dialog(opened: Any) -> None:
        seen.dialogs.append(opened.message)
        opened.dismiss()

    page.on("dialog", dialog)
    page.goto(seen.url, wait_until="load")
    return seen
