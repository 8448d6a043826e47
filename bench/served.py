"""What a running `vaultkit watch` answers, and how soon a saved note reaches its reports.

    python bench/served.py VAULT [--repeat 9] [--quiet-period 0.3]

Starts `vaultkit watch` on VAULT (a generated vault, see bench/generate.py), and measures, as
whole processes and `--repeat` times each:

  served-edit  `vaultkit agenda` while the watch runs, right after a contact note gained a log entry
  served       `vaultkit agenda` again once the reports are rewritten, nothing changed since
  latency      from writing a meeting note that plans to see a contact to `_vaultkit/Agenda.md`
               rewritten with that meeting

and prints the medians. That an answer is the same bytes as the command's own is checked once.
`bench/run.py` measures the same beside the runs without a watch.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

SETTLE = 2.0  # seconds for a rebuild to end, so that no measurement waits for the one before


def wall(argv: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env, check=True)
    return time.perf_counter() - started, done.stdout


def measure(root: Path, repeat: int, quiet_period: str = "0.3") -> dict[str, list[float]]:
    """Start a watch on `root` and time, `repeat` times each: an agenda answered right after a
    contact note changed, the same asked again, and a saved note's way into the agenda note."""
    root = root.resolve()
    env = {key: value for key, value in os.environ.items() if key != "VAULTKIT_NO_CACHE"}
    vaultkit = [sys.executable, "-m", "vaultkit", "--vault", str(root)]
    # Today's agenda, as people ask for it: a watch keeps today's activity (another --today is
    # worked out afresh for that query).
    agenda = [*vaultkit, "agenda"]
    note = sorted((root / "People").glob("*.md"))[1]
    original = note.read_bytes()
    report = root / "_vaultkit" / "Agenda.md"
    watch = subprocess.Popen(
        [*vaultkit, "watch", "--quiet-period", quiet_period],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    results: dict[str, list[float]] = {name: [] for name in ("served-edit", "served", "latency")}
    try:
        first = watch.stdout.readline() if watch.stdout else ""
        if "answering report commands" not in first:
            raise SystemExit(f"the watch does not answer: {first}")
        if wall(agenda, env)[1] != wall(agenda, {**env, "VAULTKIT_NO_CACHE": "1"})[1]:
            raise SystemExit("the watch answered otherwise than the command on its own")
        for round_ in range(repeat):
            note.write_bytes(
                original + f"- {date.today().isoformat()} call: served round {round_}\n".encode()
            )
            results["served-edit"].append(wall(agenda, env)[0])
            time.sleep(SETTLE)  # the rebuild that change sets off, and the answers made again after it
            results["served"].append(wall(agenda, env)[0])
            results["latency"].append(_latency(root, note.stem, report, round_))
            time.sleep(SETTLE)
    finally:
        watch.terminate()
        try:
            watch.wait(timeout=30)
        finally:
            watch.kill()
            note.write_bytes(original)
            for planned in root.glob("Meetings/Planned for the benchmark *.md"):
                planned.unlink()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vault", type=Path)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--quiet-period", default="0.3")
    args = parser.parse_args()
    for name, times in measure(args.vault, args.repeat, args.quiet_period).items():
        print(
            f"{name:12} median {statistics.median(times):.3f} s  (min {min(times):.3f}, max {max(times):.3f})"
        )


def _latency(root: Path, person: str, report: Path, round_: int) -> float:
    """Seconds from a meeting note written to the agenda note listing the meeting."""
    title = f"Planned for the benchmark {round_}"
    started = time.perf_counter()
    day = date.today() + timedelta(days=3)  # the watch's agenda is today's: it lists this meeting
    (root / "Meetings" / f"{title}.md").write_text(f"---\ndate: {day.isoformat()}\n---\nSee [[{person}]].\n")
    seen = None
    while time.perf_counter() - started < 60:
        stamp = report.stat().st_mtime_ns
        if stamp != seen:
            seen = stamp
            if title in report.read_text(encoding="utf-8"):
                return time.perf_counter() - started
        time.sleep(0.005)
    raise SystemExit("the agenda note did not list the meeting within a minute")


if __name__ == "__main__":
    main()
