"""The dashboard at scale: `python bench/dashboard.py [CONTACTS] [--vault DIR]`.

Builds the network benchmark's vault (bench/network.py) of CONTACTS (default 1,000) people,
writes its dashboard, and opens it in the browser tests' headless Chromium (tests/browser.py)
five times: prints the file's size and, per opening, the milliseconds from navigation to the
load event, as the page's own performance entry says. `--vault DIR` only writes the vault, to
time `vaultkit dashboard` on it as a whole command (`/usr/bin/time -v`, or `bench/paired.py`
against a baseline).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from bench.network import build
from tests.browser import chromium, missing, visit
from tests.dashboards import make_dashboard


def main() -> None:
    sizes = [word for word in sys.argv[1:] if word.isdigit()]
    count = int(sizes[0]) if sizes else 1000
    if "--vault" in sys.argv:
        build(Path(sys.argv[sys.argv.index("--vault") + 1]), count)
        return
    lack = missing()
    if lack:
        sys.exit(f"cannot open the dashboard: {lack}")
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        root = Path(folder) / "vault"
        build(root, count)
        page = make_dashboard(root, Path(folder) / "dashboard.html")
        print(f"{count} contacts, dashboard {page.stat().st_size / 1e6:.2f} MB")
        loads = []
        for _ in range(5):
            seen = visit(browser, page)
            loads.append(seen.page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            seen.page.close()
        print(
            "loaded after (ms):",
            ", ".join(f"{ms:.0f}" for ms in loads),
            f"median {statistics.median(loads):.0f}",
        )


if __name__ == "__main__":
    main()
