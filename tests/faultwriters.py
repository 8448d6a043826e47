"""The writers the fault tests run, in the test process and in the subprocesses they kill: kept
apart from the tests so that a subprocess starts without loading pytest."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from vaultkit.cli import cli

TODAY = ("--today", "2026-11-21")
ANNA = "People/Anna Berg.md"
NOTES = {
    ANNA: "---\nname: Anna Berg\nphone: 0101\ncircle: close\n---\n## Log\n- 2026-01-05 call: hallo\n",
    "People/Ben Kurz.md": "---\nname: Ben Kurz\n---\n## Log\n- 2026-02-01 Kaffee\n",
}

# Each writer's arguments at step n: distinct for every n, so that each run writes.
EDITS: dict[str, Callable[[int], list[str]]] = {
    "log": lambda n: ["log", "Anna Berg", f"Eintrag {n}", *TODAY],
    "set": lambda n: ["set", "Anna Berg", "phone", f"0{1000 + n}", *TODAY],
    "snooze": lambda n: ["snooze", "Anna Berg", f"{n + 1}d", *TODAY],
    "import": lambda n: ["import", f"cards-{n}.vcf", *TODAY],  # fills Anna's email, adds Person n
}
CREATES: dict[str, Callable[[int], list[str]]] = {
    "new": lambda n: ["new", f"Person {n}"],
    "import-new": lambda n: ["import", f"cards-{n}.vcf", *TODAY],
}
WRITERS = {**EDITS, **CREATES}


def small_vault(root: Path, config: str = "") -> Path:
    for relative, text in {".vaultkit.toml": config, **NOTES}.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


def card(name: str, email: str | None = None) -> str:
    mail = f"EMAIL:{email}\n" if email else ""
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\n{mail}END:VCARD\n"


def run(root: Path, args: list[str]) -> Result:
    """vaultkit ARGS on the vault `root`; an import's cards are written first."""
    if args[0] == "import":
        step = int(args[1].removeprefix("cards-").removesuffix(".vcf"))
        cards = root.parent / f"{root.name}.cards" / args[1]
        cards.parent.mkdir(exist_ok=True)
        cards.write_text(card("Anna Berg", "anna@example.org") + card(f"Person {step}"))
        args = [args[0], str(cards), *args[2:]]
    return CliRunner().invoke(cli, ["--vault", str(root), "--no-cache", *args], catch_exceptions=False)


def in_a_loop(root: Path, record: Path, command: str) -> None:
    """Run the writer step after step until killed, noting the hash of each version of a note
    before it is written."""
    import hashlib

    from vaultkit import atomic

    real = atomic._write_temp

    def noted(path: Path, data: bytes) -> str:
        with open(record, "a") as out:
            out.write(hashlib.sha256(data).hexdigest() + "\n")
        return real(path, data)

    atomic._write_temp = noted  # type: ignore[assignment]
    give_up = time.monotonic() + 60  # should the test that kills it die first
    for step in range(100_000):
        if time.monotonic() > give_up or not root.exists():
            return
        run(root, WRITERS[command](step))


def retrying(root: Path, command: str, first: int, count: int, ready: Path) -> None:
    """Run `count` steps once `go` appears beside the vault, each again while it is refused
    for a change on disk (as its message asks); print what each step said at last."""
    ready.touch()
    go = root.parent / "go"
    while not go.exists():
        pass
    for step in range(first, first + count):
        for _ in range(50):
            result = run(root, WRITERS[command](step))
            if "changed on disk" not in result.output:
                break
        print(result.output, end="")


if __name__ == "__main__":
    if sys.argv[1] == "loop":
        in_a_loop(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4])
    else:
        retrying(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), Path(sys.argv[6]))
