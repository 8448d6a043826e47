"""Vaults and helpers the dashboard's tests share, with and without a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner, Result

from vaultkit.cli import cli

TODAY = ("--today", "2026-11-21")
HOSTILE_NAME = "<script>alert(1)</script>"
# A contact named to run a script, one whose name is all HTML's special characters, and notes
# that try to end the script element the briefs travel in.
HOSTILE_FILES = {
    ".vaultkit.toml": '[cadence]\ndefault = "1m"\n',
    "People/Eve.md": (
        '---\nname: "<script>alert(1)</script>"\ncircle: close\n---\n'
        "## Notes\n</script><script>alert(2)</script> <img src=x onerror=alert(3)> <!-- -->\n"
        "## Log\n- 2026-09-01 call: </script><b>bold</b> #got\n"
    ),
    "People/Amp.md": "---\nname: 'A & B \"x\"'\n---\n## Log\n- 2026-11-01 call: fine #gave\n",
    "People/Plain.md": "---\ncircle: inner\n---\n## Log\n- 2026-10-01 coffee: hallo\n",
}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def make_dashboard(vault: Path, out: Path, *more: str) -> Path:
    """Write the dashboard of `vault` to `out` with `vaultkit dashboard`; fails on any error."""
    result = run("--no-cache", "--vault", str(vault), *more, "dashboard", *TODAY, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def briefs_in(html: str) -> dict[str, str]:
    """The briefs a dashboard carries, read as the page reads them."""
    found = re.search(r'<script type="application/json" id="briefs">(.*?)</script>', html, re.S)
    assert found is not None, "no briefs in the page"
    result: dict[str, str] = json.loads(found.group(1))
    return result
