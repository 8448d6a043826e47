"""The ledger keeps every contact's activity note by note: after any change, what it derives for
the changed notes alone must equal deriving the whole vault afresh."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_VAULT
from vaultkit.activity import Activity, Ledger, gather
from vaultkit.config import load_config
from vaultkit.index import build_index, load_index, read_note
from vaultkit.model import Index, Note
from vaultkit.vault import note_paths

TODAY = date(2026, 11, 21)


class Vault:
    """A copy of the example vault, its notes read as `watch` keeps them."""

    def __init__(self, root: Path):
        shutil.copytree(EXAMPLE_VAULT, root)
        self.root = root
        self.config = load_config(root)
        self.notes: dict[str, Note] = {
            p: read_note(root, p, self.config) for p in note_paths(root, self.config)
        }

    def index(self) -> Index:
        return build_index(str(self.root), [self.notes[p] for p in sorted(self.notes)])

    def write(self, path: str, text: str) -> str:
        (self.root / path).parent.mkdir(parents=True, exist_ok=True)
        (self.root / path).write_text(text, encoding="utf-8")
        self.notes[path] = read_note(self.root, path, self.config)
        return path

    def append(self, path: str, text: str) -> str:
        return self.write(path, (self.root / path).read_text(encoding="utf-8") + text)

    def add_property(self, path: str, line: str) -> str:
        """`line` as the note's first front-matter line."""
        return self.write(
            path, (self.root / path).read_text(encoding="utf-8").replace("---\n", f"---\n{line}\n", 1)
        )

    def remove(self, path: str) -> str:
        (self.root / path).unlink()
        del self.notes[path]
        return path


def assert_same(kept: Activity, fresh: Activity) -> None:
    assert kept.today == fresh.today
    assert list(kept.contacts) == list(fresh.contacts)
    for contact_id, activity in fresh.contacts.items():
        assert kept.contacts[contact_id] == activity, contact_id


# Each edit: what it does to the vault, returning the paths it changed.
EDITS = {
    "a log entry": lambda v: [v.append("People/Daniel Okafor.md", "- 2026-11-19 call: about January\n")],
    "a meeting note naming two": lambda v: [
        v.write(
            "Meetings/Lunch.md",
            "---\ndate: 2026-11-20\n---\nLunch with [[Daniel Okafor]] and [[Oliver Grant]].\n",
        )
    ],
    "the same day as a log entry": lambda v: [
        v.write("Meetings/Same day.md", "---\ndate: 2026-11-19\n---\n[[Daniel Okafor]] again.\n"),
        v.append("People/Daniel Okafor.md", "- 2026-11-19 email: the slides\n"),
    ],
    "something received": lambda v: [
        v.append("People/Ben Hughes.md", "- 2026-11-18 mail: he sent the slides #got\n")
    ],
    "an introduction made": lambda v: [
        v.append("People/Ben Hughes.md", "- 2026-11-19 mail: introduced him to [[Oliver Grant]] #intro\n")
    ],
    "the owner's news": lambda v: [
        v.append("People/Ich.md", "- 2026-11-20 gave a talk at the Hansa #news\n")
    ],
    "a meeting moved into the future": lambda v: [
        v.write("Meetings/Lunch.md", "---\ndate: 2026-12-04\n---\nLunch with [[Daniel Okafor]].\n")
    ],
    "a task in a daily note": lambda v: [
        v.append("Daily/2026-11-20.md", "\n- [ ] send [[Oliver Grant]] the offer 📅 2026-11-25\n")
    ],
    "a task in a contact note": lambda v: [
        v.append("People/Oliver Grant.md", "\n- [ ] introduce [[Daniel Okafor]]\n")
    ],
    "a note deleted": lambda v: [v.remove("Meetings/Hamburg Tech Breakfast.md")],
    "a contact's next_contact": lambda v: [
        v.add_property("People/Oliver Grant.md", "next_contact: 2026-11-30")
    ],
    "an alias added": lambda v: [
        v.add_property("People/Daniel Okafor.md", "aliases: [Dan]"),
        v.write("Meetings/With Dan.md", "---\ndate: 2026-11-18\n---\nCoffee with [[Dan]].\n"),
    ],
    "a contact added": lambda v: [
        v.write("People/Zoe Neu.md", "---\ntags: [person]\n---\n## Log\n- 2026-11-02 met at the fair\n"),
        v.write("Meetings/Fair.md", "---\ndate: 2026-11-02\n---\n[[Zoe Neu]] and [[Oliver Grant]].\n"),
    ],
    "a contact removed": lambda v: [v.remove("People/Oliver Grant.md")],
    "a note renamed": lambda v: [
        v.remove("Meetings/Website Workshop.md"),
        v.write(
            "Meetings/2026 Website Workshop.md",
            (EXAMPLE_VAULT / "Meetings/Website Workshop.md").read_text(encoding="utf-8"),
        ),
    ],
}


def assert_kept_up(vault: Vault, ledger: Ledger, edit, today: date = TODAY) -> None:
    """After `edit`, the ledger's activity is the one derived afresh."""
    changed = edit(vault)
    index = vault.index()
    assert_same(ledger.update(index, changed, today), gather(index, today))


def test_each_edit_alone(tmp_path: Path) -> None:
    for name, edit in EDITS.items():
        vault = Vault(tmp_path / name)
        assert_kept_up(vault, Ledger(vault.index(), TODAY), edit)


def test_every_edit_in_turn(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault")
    ledger = Ledger(vault.index(), TODAY)
    for edit in EDITS.values():
        assert_kept_up(vault, ledger, edit)


def test_another_day(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault")
    later = date(2026, 12, 10)  # the meeting of 2026-12-04 is past by then
    assert_kept_up(vault, Ledger(vault.index(), TODAY), EDITS["a meeting moved into the future"], later)


@pytest.mark.parametrize("edit", ["a log entry", "a meeting note naming two"])
def test_an_edit_derives_only_the_contacts_it_names(tmp_path: Path, edit: str) -> None:
    vault = Vault(tmp_path / "vault")
    ledger = Ledger(vault.index(), TODAY)
    before = ledger.activity()
    changed = EDITS[edit](vault)
    after = ledger.update(vault.index(), changed, TODAY)
    rederived = {cid for cid, activity in after.contacts.items() if activity is not before.contacts[cid]}
    named = {"Daniel Okafor"} if edit == "a log entry" else {"Daniel Okafor", "Oliver Grant"}
    assert rederived == named


def test_a_watchers_reports_after_each_edit_are_the_reports_made_afresh(tmp_path: Path) -> None:
    """The watcher keeps what reports derive per contact and what they rendered: after every
    edit, and after a template of the vault's own, its reports must be those a fresh run makes."""
    from vaultkit.index import load_index
    from vaultkit.live.publish import render_reports
    from vaultkit.live.watch import Watcher

    vault = Vault(tmp_path / "vault")
    watcher = Watcher(vault.root, lambda: TODAY)
    watcher.build_all()
    template = ".vaultkit/templates/stale.md.j2"
    edits = {**EDITS, "a template": lambda v: [v.write(template, "{{ stale.groups | length }} groups\n")]}
    for name, edit in edits.items():
        changed = edit(vault)
        rebuild = watcher.apply(set(changed))
        assert rebuild.problem is None, name
        index = load_index(vault.root)
        fresh = render_reports(index, gather(index, TODAY), vault.config, vault.root)
        for path, content in fresh.items():
            written = b"".join(content) if isinstance(content, tuple) else content.encode("utf-8")  # the feed
            assert (vault.root / path).read_bytes() == written, (name, path)
    assert (vault.root / "_vaultkit/Stale.md").read_text(encoding="utf-8").endswith("groups\n")


def test_a_watchers_rebuild_and_the_queries_of_the_same_state_share_one_agenda(tmp_path: Path) -> None:
    from vaultkit.live.watch import Watcher
    from vaultkit.reports.agenda import agenda

    vault = Vault(tmp_path / "vault")
    watcher = Watcher(vault.root, lambda: TODAY)
    watcher.build_all()
    first = agenda(watcher.index, watcher.activity(), watcher.config)
    assert agenda(watcher.index, watcher.activity(), watcher.config) is first
    assert agenda(watcher.index, watcher.activity(), watcher.config, days=30).days == 30
    watcher.apply(set(EDITS["a log entry"](vault)))
    after = agenda(watcher.index, watcher.activity(), watcher.config)
    assert after is not first and after == agenda(vault.index(), gather(vault.index(), TODAY), vault.config)
    # A run of its own derives afresh each time.
    index = vault.index()
    activity = gather(index, TODAY)
    assert agenda(index, activity, vault.config) is not agenda(index, activity, vault.config)


def test_which_notes_name_each_contact_is_kept_small(vault) -> None:
    """A watcher's first edit makes the table of which notes name each contact, kept for good:
    at 33,000 notes its 9,900 sets held 5.4 MiB more than as many tuples."""
    import sys
    import tracemalloc

    notes = {f"People/P{n}.md": "---\ntags: [person]\n---\n" for n in range(600)}
    notes.update(
        {
            f"Meetings/M{n}.md": f"---\ndate: 2026-11-02\n---\n[[P{n}]] and [[P{n + 300}]].\n"
            for n in range(300)
        }
    )
    ledger = Ledger(load_index(vault(notes)), TODAY)
    tracemalloc.start()
    try:
        naming = ledger._by_contact()
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(naming) == 600 and naming["P1"] == ("Meetings/M1.md",)
    # A set takes 216 bytes or more, a tuple of one path 48.
    assert kept - sys.getsizeof(naming) < 100 * len(naming)
