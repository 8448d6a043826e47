"""Time two commands side by side: A and B run in turn (A B A B ...), each as a whole process,
and the ratio A/B is taken pair by pair, so that a machine whose speed drifts during the run
still gives a meaningful ratio.

    python bench/paired.py [-n RUNS] [--warmup N] --vs "COMMAND B" -- COMMAND A ...

Prints, for A and B, the median CPU (user + system) and wall seconds and the largest peak
memory (max RSS), and the median of the pairs' CPU ratios. Output of the commands is discarded.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import time


def run(argv: list[str]) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak MiB of one run of `argv`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"exit {os.waitstatus_to_exitcode(status)}: {shlex.join(argv)}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--vs", required=True, help="command B, split as a shell splits words")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="command A, after --")
    args = parser.parse_args()
    a = [word for word in args.command if word != "--"] if args.command[:1] == ["--"] else args.command
    b = shlex.split(args.vs)
    for _ in range(args.warmup):
        run(a), run(b)
    pairs = [(run(a), run(b)) for _ in range(args.runs)]
    for name, runs in (("A", [pa for pa, _ in pairs]), ("B", [pb for _, pb in pairs])):
        cpu = statistics.median(r[0] for r in runs)
        wall = statistics.median(r[1] for r in runs)
        print(f"{name}: cpu {cpu:.3f} s, wall {wall:.3f} s, peak {max(r[2] for r in runs):.1f} MiB")
    ratio = statistics.median(pa[0] / pb[0] for pa, pb in pairs)
    print(f"A/B cpu, median of {len(pairs)} pairs: {ratio:.2f}")


if __name__ == "__main__":
    main()
