"""The README's picture of the dashboard: `python -m tests.screenshot` writes
docs/pictures/dashboard.png from the example vault on its day, pointing at one person, in the
same headless Chromium as the browser tests (tests/browser.py)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.browser import chromium, missing, visit
from tests.conftest import EXAMPLE_VAULT, REPO
from tests.dashboards import make_dashboard

PICTURE = REPO / "docs" / "pictures" / "dashboard.png"


def main() -> None:
    lack = missing()
    if lack:
        sys.exit(f"cannot take the screenshot: {lack}")
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        seen = visit(browser, make_dashboard(EXAMPLE_VAULT, Path(folder) / "dashboard.html"))
        seen.page.locator('#network g.person[data-contact="People/Priya Nair.md"]').hover()
        PICTURE.parent.mkdir(parents=True, exist_ok=True)
        seen.page.screenshot(path=str(PICTURE))
    print(f"wrote {PICTURE.relative_to(REPO)}")


if __name__ == "__main__":
    main()
