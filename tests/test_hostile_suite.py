"""The hostile-input suite: mutated notes never stop vaultkit, nor make it slow or hungry.

Every real-world note shape (tests/corpus.py) is mutated the ways notes get damaged or crafted:
truncated, spliced, line endings swapped, control characters, long runs of one character,
deep nesting, huge numbers, YAML tags, alias bombs, binary. Each mutant must parse within a time
and memory bound, and a vault of all of them must go through `check` and every report with an
answer (exit 0 or 1) and no traceback. The seed is fixed, so a failure reproduces; set
VAULTKIT_FUZZ_SEED and VAULTKIT_FUZZ_MUTANTS to explore further by hand.
"""

from __future__ import annotations

import os
import random
import signal
import time
import tracemalloc

import pytest
from click.testing import CliRunner

from tests.conftest import write_vault
from tests.corpus import SHAPES
from vaultkit.cli import cli
from vaultkit.config import Config
from vaultkit.parse.note import parse_note

SEED = int(os.environ.get("VAULTKIT_FUZZ_SEED", "20261201"))
MUTANTS = int(os.environ.get("VAULTKIT_FUZZ_MUTANTS", "600"))
# Generous for a shared CI machine, yet a quadratic pattern on a 50 KB line takes far longer.
SECONDS_PER_NOTE = 1.0
PEAK_BYTES_PER_NOTE = 64 * 2**20

# What damaged or crafted notes are made of.
CHUNKS = [
    b"\r",
    b"\r\n",
    b"\n---\n",
    b"\x00",
    b"\x1b]0;owned\x07",
    b"\x1b[31m",
    b"\xe2\x80\xae",  # right-to-left override
    b"\xc2\x85",  # NEL
    b"\xe2\x80\xa8",  # line separator
    b"\xff\xfe",
    b"[[",
    b"]]",
    b"|",
    b"::",
    b": ",
    b"- ",
    b"#",
    b"`",
    b"'",
    b'"',
    b"{",
    b"[",
    b"&a ",
    b"*a ",
    b"<<: *a\n",
    b"!!timestamp ",
    b"!!bool ",
    b"!!int ",
    b"!!float ",
    b"!!binary ",
    b"!!python/object:os.system ",
    b"%YAML 1.1\n",
    b"\t",
]


def _runs() -> list[bytes]:
    """Long runs of one character or pattern: what makes a careless regex take minutes."""
    return [
        b"`" * 3000,
        b" " * 20000,
        b"[[" * 2000,
        b"#" * 5000,
        b"- " * 5000,
        b"a" * 60000,
        b"9" * 5000,
        b"[" * 5000 + b"]" * 5000,
        b"{a: " * 200,
        b"  " * 3000 + b"x",
        b"[[x|" + b"`" * 1200 + b"]]",
    ]


ALIAS_BOMB = (
    b"---\n"
    + b"a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]\n".encode()
        for n in range(1, 9)
    )
    + b"---\n"
)
DEEP = b"---\nname: " + b"[" * 10000 + b"]" * 10000 + b"\n---\n"
HUGE_NUMBER = b"---\nname: A\nphone: " + b"7" * 5000 + b"\n---\n"


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four damages of `data`."""
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(7)
        at = rng.randint(0, len(data))
        if choice == 0:
            data = data[:at] + rng.choice(CHUNKS) + data[at:]
        elif choice == 1:
            data = data[:at] + rng.choice(_runs()) + data[at:]
        elif choice == 2:
            data = data[:at]  # truncated: a sync that stopped halfway
        elif choice == 3:
            end = rng.randint(at, len(data))
            data = data[:at] + data[at:end] * rng.randint(2, 5) + data[end:]
        elif choice == 4:
            data = data.replace(b"\n", rng.choice([b"\r", b"\r\n", b"\xc2\x85", b"\xe2\x80\xa8"]))
        elif choice == 5 and data:
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
        else:
            data = data[:at] + rng.choice([ALIAS_BOMB, DEEP, HUGE_NUMBER]) + data[at:]
    return data


def mutants() -> list[tuple[str, bytes]]:
    rng = random.Random(SEED)
    made = [
        (f"{shape.name}-{n}", mutate(shape.content, rng))
        for n in range(MUTANTS // len(SHAPES) + 1)
        for shape in SHAPES
    ]
    return [*made[:MUTANTS], ("alias-bomb", ALIAS_BOMB), ("deep", DEEP), ("huge-number", HUGE_NUMBER)]


MUTANTS_MADE = mutants()


class TooSlow(Exception):
    pass


def _give_up(signum: int, frame: object) -> None:
    raise TooSlow


def test_every_mutant_parses_within_its_time_and_memory_bound():
    config = Config()
    slow, hungry = [], []
    previous = signal.signal(signal.SIGALRM, _give_up)
    for name, data in MUTANTS_MADE:
        tracemalloc.start()
        started = time.perf_counter()
        # A note far over its bound is stopped, so that the suite names it instead of hanging.
        signal.setitimer(signal.ITIMER_REAL, 10 * SECONDS_PER_NOTE)
        try:
            parse_note(f"People/{name}.md", data, config)
        except TooSlow:
            pass
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        if seconds > SECONDS_PER_NOTE:
            slow.append((name, round(seconds, 2)))
        if peak > PEAK_BYTES_PER_NOTE:
            hungry.append((name, peak // 2**20))
    signal.signal(signal.SIGALRM, previous)
    assert (slow, hungry) == ([], [])


@pytest.fixture(scope="module")
def hostile_vault(tmp_path_factory):
    files: dict[str, str | bytes] = {f"People/{name}.md": data for name, data in MUTANTS_MADE}
    files["People/Anna.md"] = "---\nname: Anna\nlast_contact: 2026-11-01\n---\n"
    return write_vault(tmp_path_factory.mktemp("hostile") / "vault", files)


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["agenda"],
        ["agenda", "--format", "ics"],
        ["stale"],
        ["tags"],
        ["layers"],
        ["meetup"],
        ["balance"],
        ["intros"],
        ["path", "Anna"],
        ["show", "Anna"],
        ["export", "--format", "vcard"],
        ["report"],
    ],
)
def test_a_vault_of_mutants_answers_every_command_without_a_traceback(hostile_vault, command):
    result = CliRunner().invoke(cli, ["--vault", str(hostile_vault), *command, "--today", "2026-11-21"])
    assert result.exit_code in (0, 1), result.output[-2000:]
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert "\x1b]" not in result.stdout  # no terminal control sequence from a note gets through
