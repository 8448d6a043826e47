"""Benchmark vaultkit against the read-bytes floor and a plain python-frontmatter script.

    python bench/run.py [--sizes 1000,10000,33000,100000] [--repeat 5] [--work DIR]

For each size it generates (once, into --work) a deterministic vault and measures, each as a
separate process and `--repeat` times, the median wall time and the peak memory (max RSS) of:

  floor      bench/floor.py: Python reading every note's bytes
  baseline   bench/baseline.py: python-frontmatter computing last contacts
  cold       vaultkit --no-cache agenda
  first      vaultkit agenda with no cache yet (parses and fills the cache)
  warm       vaultkit agenda with nothing changed since the last run
  one-edit   vaultkit agenda after one note changed
  1%-edit    vaultkit agenda after 1 % of the notes changed
  served     vaultkit agenda answered by a running `vaultkit watch` (bench/served.py), nothing
             changed since its last answer; served-edit: right after one note changed
  latency    from saving a note to the watch's agenda note listing what it says

and prints a Markdown table with the targets' ratios. Needs the `bench` extra
(`pip install -e '.[bench]'`) for python-frontmatter.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import served  # noqa: E402
from bench.generate import generate  # noqa: E402

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-21"
OLD_NS = 1_700_000_000 * 10**9


def measure(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS in MiB of one run of `argv`, output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(argv)}")
    return elapsed, usage.ru_maxrss // 1024


def median_of(runs: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def bench_size(size: int, work: Path, repeat: int) -> dict[str, tuple[float, int]]:
    vault = work / f"vault-{size}"
    if not vault.exists():
        generate(vault, size)
        for note in vault.rglob("*.md"):  # a grown vault's notes were not all written just now
            os.utime(note, ns=(OLD_NS, OLD_NS))
    python = sys.executable
    vaultkit = [python, "-m", "vaultkit", "--vault", str(vault)]
    agenda = ["agenda", "--today", TODAY]
    cache = vault / ".vaultkit" / "cache"
    edited = sorted((vault / "People").iterdir())[0]
    original = edited.read_bytes()
    every_hundredth = sorted(vault.rglob("*.md"))[::100]
    originals = [note.read_bytes() for note in every_hundredth]
    results: dict[str, list[tuple[float, int]]] = {
        name: [] for name in ("floor", "baseline", "cold", "first", "warm", "one-edit", "1%-edit")
    }
    try:
        for round_ in range(repeat):
            results["floor"].append(measure([python, str(HERE / "floor.py"), str(vault)]))
            results["baseline"].append(measure([python, str(HERE / "baseline.py"), str(vault)]))
            results["cold"].append(measure([*vaultkit, "--no-cache", *agenda]))
            shutil.rmtree(cache, ignore_errors=True)
            results["first"].append(measure([*vaultkit, *agenda]))
            results["warm"].append(measure([*vaultkit, *agenda]))
            edited.write_bytes(original + f"\n- {TODAY} call: round {round_}\n".encode())
            results["one-edit"].append(measure([*vaultkit, *agenda]))
            # The edit is settled by the next round, as edits are by the time anyone re-runs
            # a report: vaultkit trusts no mtime from the last two seconds.
            os.utime(edited, ns=(OLD_NS, OLD_NS))
            for note, text in zip(every_hundredth, originals):
                note.write_bytes(text + f"\nEdited in round {round_}.\n".encode())
            results["1%-edit"].append(measure([*vaultkit, *agenda]))
            _put_back(every_hundredth, originals)
    finally:
        edited.write_bytes(original)
        os.utime(edited, ns=(OLD_NS, OLD_NS))
        _put_back(every_hundredth, originals)
    medians = {name: median_of(runs) for name, runs in results.items()}
    for name, times in served.measure(vault, repeat).items():
        medians[name] = (statistics.median(times), 0)
    return medians


def _put_back(notes: list[Path], texts: list[bytes]) -> None:
    for note, text in zip(notes, texts):
        note.write_bytes(text)
        os.utime(note, ns=(OLD_NS, OLD_NS))


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,33000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--work",
        type=Path,
        default=Path("/tmp/vaultkit-bench"),
        help="where generated vaults are kept between runs",
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    print(f"command: python bench/run.py --sizes {args.sizes} --repeat {args.repeat}\n")
    help_runs = [measure([sys.executable, "-m", "vaultkit", "--help"]) for _ in range(args.repeat)]
    print(f"`vaultkit --help`: {median_of(help_runs)[0]:.3f} s\n")
    columns = (
        "floor",
        "baseline",
        "cold",
        "first",
        "warm",
        "one-edit",
        "1%-edit",
        "served",
        "served-edit",
        "latency",
    )
    print(f"| notes | {' | '.join(columns)} | warm/floor | cold/baseline | peak MiB (cold/first/warm) |")
    print("|---:" * (len(columns) + 4) + "|")
    for size in (int(s) for s in args.sizes.split(",")):
        r = bench_size(size, args.work, args.repeat)
        times = " | ".join(f"{r[name][0]:.2f} s" for name in columns)
        print(
            f"| {size:,} | {times} | {r['warm'][0] / r['floor'][0]:.2f} "
            f"| {r['cold'][0] / r['baseline'][0]:.2f} "
            f"| {r['cold'][1]} / {r['first'][1]} / {r['warm'][1]} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
