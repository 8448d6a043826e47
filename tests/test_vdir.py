"""`vaultkit export --format vdir DIR`: one card per contact in DIR, kept in step with the vault,
and never at the cost of a card the phone wrote."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, EXAMPLE_WARNING
from vaultkit import atomic
from vaultkit.cli import cli
from vaultkit.exchange import vdir
from vaultkit.exchange.vcardmap import PRODID
from vaultkit.exchange.vdir import MANIFEST, safe_name

ANNA = "---\nname: Anna Berg\nuid: urn:uuid:0000-anna\nemail: anna@example.org\nphone: '+49 431 1'\n---\n"
BEN = "---\nname: Ben Kurz\nUID: ben-kurz\nemail: ben@example.org\n---\n"
ANNA_FILE = "urn_uuid_0000-anna.vcf"
BEN_FILE = "ben-kurz.vcf"
SUMMARY = re.compile(r"^(.*): (\d+) written, (\d+) unchanged, (\d+) removed, (\d+) left alone(.*)\n$")


def run(root, *args):
    return CliRunner().invoke(cli, ["--vault", str(root), "export", *args], catch_exceptions=False)


def export(root, folder, code=0):
    result = run(root, "--format", "vdir", str(folder))
    assert result.exit_code == code, result.output
    return result


def counts(result):
    """(written, unchanged, removed, left alone) from the summary line, and what follows."""
    match = SUMMARY.match(result.stdout)
    assert match, result.stdout
    return tuple(int(number) for number in match.groups()[1:5]), match.group(6)


def cards(folder):
    return sorted(name for name in os.listdir(folder) if name.endswith(".vcf") and not name.startswith("."))


def anna_on_the_phone(folder, *lines, **card):
    """Anna's card in `folder` as the phone changed it, with `lines`; its bytes."""
    data = phone_card("urn:uuid:0000-anna", "Anna Berg", *lines, **card)
    (folder / ANNA_FILE).write_bytes(data)
    return data


def left_alone_for_the_work_email(folder):
    """What export says of Anna's card once the phone gave it an email her note lacks."""
    return (
        f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} has the email 'anna@work.example', "
        f"which the note lacks, so it is left alone: run vaultkit import {folder} to bring it into "
        "the note, or export with --replace-changed-cards to write the vault's card over it\n"
    )


def phone_card(uid, name, *lines, prodid="-//Apple Inc.//iPhone OS 17.0//EN"):
    """A card as a phone writes it: its own PRODID, a REV, lines in its own order."""
    body = "".join(f"{line}\r\n" for line in lines)
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:{prodid}\r\nN:;{name};;;\r\nFN:{name}\r\n{body}"
        f"UID:{uid}\r\nREV:2026-11-20T10:00:00Z\r\nEND:VCARD\r\n"
    ).encode()


@pytest.fixture
def root(vault):
    return vault({"People/Anna Berg.md": ANNA, "People/Ben Kurz.md": BEN})


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "contacts"


def test_the_first_export_writes_a_card_per_contact_named_after_its_uid(root, folder):
    result = export(root, folder)
    assert result.stdout == f"{folder}: 2 written, 0 unchanged, 0 removed, 0 left alone\n"
    assert result.stderr == ""
    assert cards(folder) == [BEN_FILE, ANNA_FILE]
    vcard = run(root, "--format", "vcard").stdout_bytes
    assert (folder / ANNA_FILE).read_bytes() + (folder / BEN_FILE).read_bytes() == vcard
    card = vobject.readOne((folder / ANNA_FILE).read_text(encoding="utf-8"))
    assert (card.uid.value, card.fn.value, card.prodid.value) == (
        "urn:uuid:0000-anna",
        "Anna Berg",
        "-//vaultkit//vaultkit//EN",
    )


def test_an_export_after_an_export_changes_no_file(root, folder):
    export(root, folder)
    before = {name: os.stat(folder / name) for name in cards(folder)}
    result = export(root, folder)
    assert counts(result) == ((0, 2, 0, 0), "")
    after = {name: os.stat(folder / name) for name in cards(folder)}
    assert {n: (s.st_ino, s.st_mtime_ns) for n, s in before.items()} == {
        n: (s.st_ino, s.st_mtime_ns) for n, s in after.items()
    }


def test_only_the_card_of_a_changed_note_is_rewritten(root, folder):
    export(root, folder)
    ben = os.stat(folder / BEN_FILE)
    (root / "People/Anna Berg.md").write_text(ANNA.replace("+49 431 1", "+49 431 2"), encoding="utf-8")
    assert counts(export(root, folder)) == ((1, 1, 0, 0), "")
    assert b"TEL:+49 431 2\r\n" in (folder / ANNA_FILE).read_bytes()
    assert os.stat(folder / BEN_FILE).st_ino == ben.st_ino


def test_the_card_of_a_contact_gone_from_the_vault_is_removed(root, folder):
    export(root, folder)
    (root / "People/Ben Kurz.md").unlink()
    assert counts(export(root, folder)) == ((0, 1, 1, 0), "")
    assert cards(folder) == [ANNA_FILE]


def test_a_card_the_phone_added_is_never_removed_or_changed(root, folder):
    folder.mkdir()
    stranger = phone_card("4F2A-phone", "Carla Jensen", "EMAIL:carla@example.org")
    (folder / "4F2A-phone.vcf").write_bytes(stranger)
    result = export(root, folder)
    assert counts(result) == ((2, 0, 0, 0), ", 1 card not from the vault")
    assert (folder / "4F2A-phone.vcf").read_bytes() == stranger
    assert result.stderr == ""


def test_a_card_the_phone_changed_is_left_alone_while_it_holds_what_the_vault_lacks(root, folder):
    export(root, folder)
    changed = anna_on_the_phone(folder, "EMAIL:anna@example.org", "EMAIL:anna@work.example", "TEL:+49 431 1")
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert result.stderr == left_alone_for_the_work_email(folder)
    assert (folder / ANNA_FILE).read_bytes() == changed
    (root / "People/Anna Berg.md").unlink()  # gone from the vault, but the card is not vaultkit's
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 0), ", 1 card not from the vault")
    assert (folder / ANNA_FILE).read_bytes() == changed


def test_a_card_the_phone_renamed_is_left_alone_and_import_is_not_what_it_asks_for(root, folder):
    export(root, folder)
    renamed = phone_card("urn:uuid:0000-anna", "Anna Berg-Kurz", "EMAIL:anna@example.org", "TEL:+49 431 1")
    (folder / ANNA_FILE).write_bytes(renamed)
    for _ in range(2):  # before and after an import: the import cannot rename the note
        result = export(root, folder)
        assert counts(result) == ((0, 1, 0, 1), "")
        assert result.stderr.startswith(
            f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} says the name 'Anna Berg-Kurz', "
            "the note 'Anna Berg'"
        )
        assert result.stderr.endswith(
            "so it is left alone: set the name you want in the note (vaultkit set), or export with "
            "--replace-changed-cards to write the vault's card over it\n"
        )
        assert "vaultkit import" not in result.stderr
        assert (folder / ANNA_FILE).read_bytes() == renamed
        imported = CliRunner().invoke(cli, ["--vault", str(root), "import", str(folder)])
        assert imported.exit_code == 0, imported.output


def test_a_card_the_phone_rewrote_without_news_is_brought_back_in_step(root, folder):
    export(root, folder)
    ours = (folder / ANNA_FILE).read_bytes()
    anna_on_the_phone(folder, "TEL:+49 431 1", "EMAIL:anna@example.org")
    result = export(root, folder)
    assert counts(result) == ((1, 1, 0, 0), "")
    assert (result.stderr, (folder / ANNA_FILE).read_bytes()) == ("", ours)


def test_a_card_is_found_by_its_uid_whatever_its_file_is_called(root, folder):
    export(root, folder)
    # vdirsyncer names a card from the phone after a UUID of its own when the UID has a ':'.
    os.rename(folder / ANNA_FILE, folder / "5c19b47f-d466-49fc.vcf")
    (root / "People/Anna Berg.md").write_text(ANNA.replace("+49 431 1", "+49 431 9"), encoding="utf-8")
    assert counts(export(root, folder)) == ((1, 1, 0, 0), "")
    assert cards(folder) == ["5c19b47f-d466-49fc.vcf", BEN_FILE]
    assert "TEL:+49 431 9" in (folder / "5c19b47f-d466-49fc.vcf").read_text(encoding="utf-8")


def test_other_files_dot_files_and_folders_are_left_alone(root, folder):
    export(root, folder)
    (root / "People/Ben Kurz.md").unlink()
    hidden = (folder / BEN_FILE).read_bytes()
    (folder / f".{BEN_FILE}").write_bytes(hidden)  # vaultkit's card of a gone contact, but a dot file
    (folder / "notes.txt").write_text("mine\n")
    (folder / "sub.vcf").mkdir()
    (folder / "color").write_text("#ff0000\n")  # vdirsyncer's metadata
    assert counts(export(root, folder)) == ((0, 1, 1, 0), "")
    assert sorted(os.listdir(folder)) == [
        f".{BEN_FILE}",
        MANIFEST,
        "color",
        "notes.txt",
        "sub.vcf",
        ANNA_FILE,
    ]
    assert (folder / f".{BEN_FILE}").read_bytes() == hidden


@pytest.mark.parametrize(
    "uid, name",
    [
        ("urn:uuid:5b0c1c55-3f0e", "urn_uuid_5b0c1c55-3f0e.vcf"),
        ("ABC-123_x.y", "ABC-123_x.y.vcf"),
        ("../../etc/passwd", "_._.._etc_passwd.vcf"),
        (".hidden", "_hidden.vcf"),
        ("Jürgen@example.org", "J_rgen_example.org.vcf"),
    ],
)
def test_safe_names_hold_letters_digits_dots_dashes_and_underscores_only(uid, name):
    assert safe_name(uid) == name


def test_a_long_uid_gets_a_short_name_that_still_tells_it_apart():
    first, second = safe_name("x" * 300 + "1"), safe_name("x" * 300 + "2")
    assert first != second and len(first) <= 124
    assert re.fullmatch(r"[A-Za-z0-9._-]+\.vcf", first)


def test_two_contacts_never_share_a_file(vault, folder):
    root = vault(
        {
            "People/A.md": "---\nuid: 'a:b'\n---\n",
            "People/B.md": "---\nuid: 'a/b'\n---\n",
            "People/C.md": "---\nuid: A_B\n---\n",  # the same name where case does not count
        }
    )
    assert counts(export(root, folder)) == ((3, 0, 0, 0), "")
    assert cards(folder) == ["A_B.vcf", "a_b-2.vcf", "a_b-3.vcf"]
    uids = sorted(vobject.readOne((folder / name).read_text()).uid.value for name in cards(folder))
    assert uids == ["A_B", "a/b", "a:b"]
    assert counts(export(root, folder)) == ((0, 3, 0, 0), "")


def test_a_new_card_does_not_take_the_name_of_a_file_of_another_uid(root, folder):
    folder.mkdir()
    other = phone_card("someone-else", "Carla Jensen")
    (folder / BEN_FILE).write_bytes(other)
    assert counts(export(root, folder)) == ((2, 0, 0, 0), ", 1 card not from the vault")
    assert (folder / BEN_FILE).read_bytes() == other
    assert b"UID:ben-kurz\r\n" in (folder / "ben-kurz-2.vcf").read_bytes()


def test_a_note_not_read_completely_is_not_written_and_its_card_stays(root, folder):
    export(root, folder)
    ben = (folder / BEN_FILE).read_bytes()
    (root / "People/Ben Kurz.md").write_text('---\nname: Ben Kurz\nrole: "broken\n---\n', encoding="utf-8")
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), ", 1 not written")
    assert "People/Ben Kurz.md: not read completely, so it is not written to" in result.stderr
    assert f"{folder}/{BEN_FILE}: not removed, though no contact has its UID" in result.stderr
    assert (folder / BEN_FILE).read_bytes() == ben


def test_two_notes_with_one_uid_give_one_card_and_say_which(vault, folder):
    root = vault({"People/A.md": "---\nuid: same\n---\n", "People/B.md": "---\nrole: x\nuid: same\n---\n"})
    result = export(root, folder)
    assert counts(result) == ((1, 0, 0, 0), ", 1 not written")
    assert result.stderr == (
        f"People/B.md:3: has the UID 'same' of People/A.md as well, so it is not written to {folder} "
        "(give one of them another uid)\n"
    )
    assert vobject.readOne((folder / "same.vcf").read_text()).fn.value == "A"


def test_a_rewritten_card_replaces_the_file_atomically_and_keeps_its_permissions(root, folder):
    export(root, folder)
    os.chmod(folder / ANNA_FILE, 0o600)
    inode = os.stat(folder / ANNA_FILE).st_ino
    (root / "People/Anna Berg.md").write_text(ANNA.replace("+49 431 1", "+49 431 2"), encoding="utf-8")
    export(root, folder)
    status = os.stat(folder / ANNA_FILE)
    assert status.st_ino != inode and stat.S_IMODE(status.st_mode) == 0o600
    assert [name for name in os.listdir(folder) if name.startswith(".")] == [MANIFEST]  # no temp file


def test_a_write_that_fails_half_way_leaves_the_old_card_and_says_so(root, folder, monkeypatch):
    export(root, folder)
    old = (folder / ANNA_FILE).read_bytes()
    (root / "People/Anna Berg.md").write_text(ANNA.replace("+49 431 1", "+49 431 2"), encoding="utf-8")

    def disk_full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_write_temp", disk_full)
    result = export(root, folder, code=1)
    assert result.stderr.endswith(f"vaultkit: cannot write {folder}/{ANNA_FILE}: No space left on device\n")
    assert "Traceback" not in result.output
    assert (folder / ANNA_FILE).read_bytes() == old


def test_a_card_vdirsyncer_writes_while_vaultkit_does_is_kept(root, folder, monkeypatch):
    export(root, folder)
    (root / "People/Anna Berg.md").write_text(ANNA.replace("+49 431 1", "+49 431 2"), encoding="utf-8")
    synced = phone_card("urn:uuid:0000-anna", "Anna Berg", "TEL:+49 431 7")
    real = atomic._exchange

    def sync_meanwhile(temp, path):
        (folder / ANNA_FILE).write_bytes(synced)
        return real(temp, path)

    monkeypatch.setattr(atomic, "_exchange", sync_meanwhile)
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert "changed while vaultkit wrote it; left alone" in result.stderr
    assert (folder / ANNA_FILE).read_bytes() == synced


def test_a_missing_dir_is_created(root, folder):
    assert not folder.exists()
    export(root, folder)
    assert folder.is_dir() and len(cards(folder)) == 2


def test_a_dir_whose_parent_is_missing_is_a_clear_error(root, tmp_path):
    target = tmp_path / "nowhere" / "contacts"
    result = export(root, target, code=1)
    assert (
        result.stderr
        == f"vaultkit: cannot create {target}: {tmp_path / 'nowhere'} is no folder that exists\n"
    )
    assert not (tmp_path / "nowhere").exists()


def test_a_dir_that_is_a_file_is_a_clear_error(root, tmp_path):
    target = tmp_path / "contacts.vcf"
    target.write_text("BEGIN:VCARD\n")
    result = export(root, target, code=1)
    assert result.stderr == f"vaultkit: {target} is not a folder; a vdir is a folder of .vcf files\n"
    assert target.read_text() == "BEGIN:VCARD\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "vdir"], "--format vdir writes into a folder: give it as DIR"),
        (
            ["--format", "vdir", "DIR", "-o", "x.vcf"],
            "--format vdir writes into DIR, so --output does not go with it",
        ),
        (
            ["--format", "csv", "DIR"],
            "DIR is for --format vdir; --format csv writes to standard output or --output FILE",
        ),
    ],
)
def test_dir_goes_with_vdir_only(root, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(root, *args)
    assert (result.exit_code, result.stderr) == (2, f"vaultkit: {message}\n")
    assert os.listdir(tmp_path) == ["vault"]


def test_the_example_vault_says_what_it_did_and_why(tmp_path):
    folder = tmp_path / "contacts"
    result = export(EXAMPLE_VAULT, folder)
    assert result.stdout == f"{folder}: 29 written, 0 unchanged, 0 removed, 0 left alone, 1 not written\n"
    assert result.stderr == EXAMPLE_WARNING + (
        f"People/Broken Example.md: not read completely, so it is not written to {folder} "
        "(vaultkit check says why)\n"
    )
    assert all(re.fullmatch(r"urn_uuid_[0-9a-f-]{36}\.vcf", name) for name in cards(folder))


def test_the_help_says_what_each_format_is(root):
    shown = " ".join(CliRunner().invoke(cli, ["export", "--help"]).stdout.split())
    assert "German Excel's own CSV dialect (';' between cells, UTF-8 with BOM, CRLF)" in shown
    assert "vdir: one .vcf file per contact in DIR" in shown


def test_a_read_only_card_is_left_alone(root, folder):
    export(root, folder)
    (folder / ANNA_FILE).chmod(0o444)
    old = (folder / ANNA_FILE).read_bytes()
    (root / "People/Anna Berg.md").write_text(ANNA.replace("+49 431 1", "+49 431 2"), encoding="utf-8")
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert (
        result.stderr == f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} is read-only; left alone\n"
    )
    assert (folder / ANNA_FILE).read_bytes() == old


def test_a_broken_card_is_left_alone_and_no_card_is_written_that_it_may_be(root, folder):
    export(root, folder)
    (root / "People/Carla Jensen.md").write_text(
        "---\nname: Carla Jensen\nuid: carla\n---\n", encoding="utf-8"
    )
    broken = b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:carla\r\nFN:Carla Jensen\r\n"  # never ends
    (folder / "phone.vcf").write_bytes(broken)
    result = export(root, folder)
    assert counts(result) == ((0, 2, 0, 1), ", 1 not written")
    assert result.stderr == (
        f"{folder}/phone.vcf:1: card never ends (no END:VCARD); left alone, and Carla Jensen's card "
        f"not written, since it may be that card: remove or repair {folder}/phone.vcf, then export again\n"
    )
    assert (folder / "phone.vcf").read_bytes() == broken
    assert cards(folder) == [BEN_FILE, "phone.vcf", ANNA_FILE]


def test_a_symbolic_link_is_neither_replaced_nor_removed(root, folder, tmp_path):
    export(root, folder)
    outside = tmp_path / "outside.vcf"
    outside.write_bytes((folder / BEN_FILE).read_bytes())
    (folder / BEN_FILE).unlink()
    (folder / BEN_FILE).symlink_to(outside)
    (root / "People/Ben Kurz.md").unlink()
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert "it is a symbolic link; left alone" in result.stderr
    assert (folder / BEN_FILE).is_symlink() and outside.exists()


# A vault with no contacts, or the wrong one, never empties the phone's address book.

SIX = {f"People/Person {n}.md": f"---\nname: Person {n}\nuid: person-{n}\n---\n" for n in range(1, 7)}


def snapshot(folder):
    return {name: (folder / name).read_bytes() for name in sorted(os.listdir(folder))}


def test_an_empty_vault_leaves_dir_as_it_is(root, folder, tmp_path):
    export(root, folder)
    before = snapshot(folder)
    empty = tmp_path / "empty"
    (empty / "Notes").mkdir(parents=True)
    (empty / "Notes/Shopping.md").write_text("milk\n", encoding="utf-8")
    result = export(empty, folder, code=1)
    assert result.stdout == ""
    assert result.stderr.endswith(
        f"vaultkit: the vault has no contacts, so {folder} is left as it is: an export of none would "
        "remove every card vaultkit wrote there\n"
    )
    assert "no contacts found" in result.stderr  # and why there are none
    assert snapshot(folder) == before
    missing = folder.parent / "new"
    export(empty, missing, code=1)
    assert not missing.exists()


def test_removing_most_of_vaultkits_cards_waits_for_remove_gone(vault, folder):
    root = vault(SIX)
    export(root, folder)
    for n in range(1, 5):
        (root / f"People/Person {n}.md").unlink()
    before = snapshot(folder)
    result = export(root, folder)
    assert counts(result) == ((0, 2, 0, 0), ", 4 not removed")
    assert result.stderr == (
        f"{folder}: 4 of the 6 cards vaultkit wrote there are of contacts not in the vault, so none "
        "of them is removed: so many at once looks more like the wrong vault or contacts folder than "
        "like contacts deleted. If they are gone, export again with --remove-gone\n"
    )
    assert snapshot(folder) == before
    result = run(root, "--format", "vdir", str(folder), "--remove-gone")
    assert (result.exit_code, result.stderr) == (0, "")
    assert counts(result) == ((0, 2, 4, 0), "")
    assert cards(folder) == ["person-5.vcf", "person-6.vcf"]


def test_the_wrong_vault_adds_its_cards_and_removes_none(vault, folder, tmp_path):
    export(vault(SIX), folder)
    other = tmp_path / "other"
    (other / "People").mkdir(parents=True)
    for n in range(7):  # more than DIR holds: the cards it adds do not make the six look few
        (other / f"People/Other {n}.md").write_text(f"---\nuid: other-{n}\n---\n", encoding="utf-8")
    result = export(other, folder)
    assert counts(result) == ((7, 0, 0, 0), ", 6 not removed")
    assert result.stderr.startswith(f"{folder}: 6 of the 6 cards vaultkit wrote there are of contacts")
    assert len(cards(folder)) == 13


def test_a_few_contacts_gone_are_removed_as_ever(vault, folder):
    root = vault(SIX)
    export(root, folder)
    for n in range(1, 4):
        (root / f"People/Person {n}.md").unlink()  # half, but only 3
    result = export(root, folder)
    assert (counts(result), result.stderr) == (((0, 3, 3, 0), ""), "")
    assert cards(folder) == ["person-4.vcf", "person-5.vcf", "person-6.vcf"]


def test_remove_gone_goes_with_vdir_only(root):
    result = run(root, "--format", "csv", "--remove-gone")
    assert (result.exit_code, result.stderr) == (
        2,
        "vaultkit: --remove-gone is for --format vdir, which removes cards from DIR\n",
    )


# What vaultkit wrote, it remembers; a card with other bytes is the phone's, whatever its PRODID.


def test_dir_lists_the_bytes_of_each_card_vaultkit_wrote(root, folder):
    export(root, folder)
    document = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert document["cards"] == {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in (ANNA_FILE, BEN_FILE)
    }
    listed_at = os.stat(folder / MANIFEST).st_mtime_ns
    export(root, folder)
    assert os.stat(folder / MANIFEST).st_mtime_ns == listed_at  # nothing changed: not rewritten


def test_a_phone_edit_that_keeps_vaultkits_prodid_is_not_overwritten_or_removed(root, folder):
    export(root, folder)
    edited = anna_on_the_phone(
        folder, "EMAIL:anna@example.org", "EMAIL:anna@work.example", "TEL:+49 431 1", prodid=PRODID
    )
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert result.stderr == left_alone_for_the_work_email(folder)
    assert (folder / ANNA_FILE).read_bytes() == edited
    (root / "People/Anna Berg.md").unlink()
    assert counts(export(root, folder)) == ((0, 1, 0, 0), ", 1 card not from the vault")
    assert (folder / ANNA_FILE).read_bytes() == edited


def test_a_card_vaultkit_wrote_but_does_not_know_of_is_never_removed(root, folder):
    export(root, folder)
    (folder / MANIFEST).unlink()  # a DIR from before the list, or the list lost
    (root / "People/Ben Kurz.md").unlink()
    assert counts(export(root, folder)) == ((0, 1, 0, 0), ", 1 card not from the vault")
    assert cards(folder) == [BEN_FILE, ANNA_FILE]
    # A card with the bytes vaultkit writes is vaultkit's from now on.
    assert list(json.loads((folder / MANIFEST).read_text())["cards"]) == [ANNA_FILE]


def test_a_list_that_cannot_be_read_is_no_error_and_is_replaced(root, folder):
    export(root, folder)
    (folder / MANIFEST).write_text("{not json", encoding="utf-8")
    (root / "People/Ben Kurz.md").unlink()
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 0), ", 1 card not from the vault")
    assert result.stderr == (
        f"{folder}/{MANIFEST} cannot be read (it is not the JSON vaultkit writes), so no card in "
        f"{folder} is known as vaultkit's: none is removed, and one that differs from the vault's is "
        "overwritten only when that loses nothing of it\n"
    )
    assert list(json.loads((folder / MANIFEST).read_text())["cards"]) == [ANNA_FILE]


def test_a_list_that_cannot_be_written_is_an_error_before_any_card_is_written(root, folder):
    export(root, folder)
    (folder / MANIFEST).chmod(0o444)
    (root / "People/Anna Berg.md").write_text(ANNA.replace("+49 431 1", "+49 431 2"), encoding="utf-8")
    before = snapshot(folder)
    result = export(root, folder, code=1)
    assert result.stderr == (
        f"vaultkit: cannot write {folder}/{MANIFEST} (the file is read-only): vaultkit keeps there "
        f"which cards in {folder} it wrote, and without it cannot tell them from the phone's\n"
    )
    assert snapshot(folder) == before


def test_a_run_stopped_before_the_list_is_written_leaves_nothing_unsafe(root, folder, monkeypatch):
    export(root, folder)
    listed = (folder / MANIFEST).read_bytes()
    (root / "People/Anna Berg.md").write_text(ANNA.replace("+49 431 1", "+49 431 2"), encoding="utf-8")
    real = vdir.replace

    def stopped(path, data, expected=None):
        if path.name == MANIFEST:
            raise KeyboardInterrupt
        return real(path, data, expected=expected)

    monkeypatch.setattr(vdir, "replace", stopped)
    assert run(root, "--format", "vdir", str(folder)).exit_code == 130  # as by Ctrl-C
    monkeypatch.undo()
    assert b"TEL:+49 431 2\r\n" in (folder / ANNA_FILE).read_bytes()
    assert (folder / MANIFEST).read_bytes() == listed
    # The card written is not known as vaultkit's yet: its contact gone, it is not removed.
    (root / "People/Anna Berg.md").unlink()
    assert counts(export(root, folder)) == ((0, 1, 0, 0), ", 1 card not from the vault")
    assert cards(folder) == [BEN_FILE, ANNA_FILE]


# A card that cannot be read blocks its name: no second card of the same contact.


def unreadable(monkeypatch, *names):
    real = Path.read_bytes

    def read_bytes(self):
        if self.name in names:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_a_card_that_cannot_be_read_is_left_alone_and_not_written_twice(root, folder, monkeypatch):
    export(root, folder)
    old = (folder / ANNA_FILE).read_bytes()
    (root / "People/Anna Berg.md").write_text(ANNA.replace("+49 431 1", "+49 431 2"), encoding="utf-8")
    unreadable(monkeypatch, ANNA_FILE)
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), ", 1 not written")
    assert result.stderr == (
        f"{folder}/{ANNA_FILE} cannot be read (Permission denied); left alone, and Anna Berg's card "
        f"not written, since it may be that card: remove or repair {folder}/{ANNA_FILE}, then export "
        "again\n"
    )
    assert cards(folder) == [BEN_FILE, ANNA_FILE]
    with open(folder / ANNA_FILE, "rb") as card:
        assert card.read() == old
    (root / "People/Anna Berg.md").unlink()
    assert counts(export(root, folder)) == ((0, 1, 0, 1), "")  # nor is it removed
    assert cards(folder) == [BEN_FILE, ANNA_FILE]


def test_while_a_card_cannot_be_read_no_new_card_is_written_that_it_may_be(root, folder, monkeypatch):
    export(root, folder)
    (folder / "5c19b47f.vcf").write_bytes(phone_card("carla", "Carla Jensen"))
    (root / "People/Carla Jensen.md").write_text(
        "---\nname: Carla Jensen\nuid: carla\n---\n", encoding="utf-8"
    )
    unreadable(monkeypatch, "5c19b47f.vcf")
    result = export(root, folder)
    assert counts(result) == ((0, 2, 0, 1), ", 1 not written")
    assert result.stderr == (
        f"{folder}/5c19b47f.vcf cannot be read (Permission denied); left alone, and Carla Jensen's card "
        f"not written, since it may be that card: remove or repair {folder}/5c19b47f.vcf, then export "
        "again\n"
    )
    assert cards(folder) == ["5c19b47f.vcf", BEN_FILE, ANNA_FILE]
    monkeypatch.undo()
    assert counts(export(root, folder)) == ((1, 2, 0, 0), "")  # readable again: it is Carla's


# What a phone's card holds that the vault lacks, named as the import would bring it.


def test_a_phone_card_with_more_items_and_notes_names_them(root, folder):
    export(root, folder)
    changed = anna_on_the_phone(
        folder,
        "EMAIL:anna@example.org",
        "TEL:+49 431 1",
        "TEL;TYPE=cell:+49 170 1",
        "NOTE:Met at the harbour festival",
    )
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert result.stderr == (
        f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} has the phone '+49 170 1', which the "
        "note lacks, and 1 more thing vaultkit's card would lose (the line 'Met at the harbour "
        f"festival' in its notes), so it is left alone: run vaultkit import {folder} to bring them "
        "into the note, or export with --replace-changed-cards to write the vault's card over it\n"
    )
    assert (folder / ANNA_FILE).read_bytes() == changed
    # Once the import has brought them into the note, nothing of the card is lost.
    assert CliRunner().invoke(cli, ["--vault", str(root), "import", str(folder)]).exit_code == 0
    result = export(root, folder)
    assert (counts(result), result.stderr) == (((1, 1, 0, 0), ""), "")
    written = (folder / ANNA_FILE).read_bytes()
    assert b"TEL:+49 170 1\r\n" in written and b"NOTE:Met at the harbour festival\r\n" in written


def test_a_phone_card_with_a_value_the_note_lacks_names_its_field(root, folder):
    export(root, folder)
    anna_on_the_phone(folder, "EMAIL:anna@example.org", "TEL:+49 431 1", "ORG:Kiel Port")
    assert f"{ANNA_FILE} has org 'Kiel Port', which the note lacks, so it is left alone: run" in (
        export(root, folder).stderr
    )


# A card's UID is read as `vaultkit import` reads it.


def test_a_uid_with_a_backslash_finds_its_card(vault, folder):
    root = vault({"People/Anna Berg.md": "---\nname: Anna Berg\nuid: 'x\\y'\nemail: anna@example.org\n---\n"})
    folder.mkdir()
    (folder / "phone.vcf").write_bytes(phone_card("x\\y", "Anna Berg", "EMAIL:anna@example.org"))
    result = export(root, folder)
    assert (counts(result), result.stderr) == (((1, 0, 0, 0), ""), "")
    assert cards(folder) == ["phone.vcf"]
    assert counts(export(root, folder)) == ((0, 1, 0, 0), "")


# A card the phone wrote or changed is overwritten only when vaultkit's card loses nothing of it.

PHOTO = "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo="
KEEP_OR_REPLACE = "or export with --replace-changed-cards to write the vault's card over it\n"


def import_dir(root, folder):
    result = CliRunner().invoke(cli, ["--vault", str(root), "import", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def set_field(root, name, key, value):
    result = CliRunner().invoke(cli, ["--vault", str(root), "set", name, key, value], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_a_phone_card_with_a_photo_keeps_it_after_the_import(root, folder):
    export(root, folder)
    phone = anna_on_the_phone(
        folder,
        "EMAIL:anna@example.org",
        "TEL:+49 431 1",
        "TEL;TYPE=CELL:+49 170 1",
        "GEO:geo:54.32,10.13",
        PHOTO,
    )
    import_dir(root, folder)  # the new number reaches the note, the GEO its notes; the photo cannot
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert result.stderr == (
        f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} has a photo, which vaultkit does not "
        "keep, and 1 more thing vaultkit's card would lose (GEO 'geo:54.32,10.13'), so it is left "
        "alone: remove the photo and GEO on the phone, " + KEEP_OR_REPLACE
    )
    assert (folder / ANNA_FILE).read_bytes() == phone


@pytest.mark.parametrize(
    "line, noun",
    [
        (PHOTO, "a photo"),
        ("LOGO;VALUE=uri:https://example.org/logo.png", "a logo"),
        ("SOUND;VALUE=uri:https://example.org/anna.ogg", "a sound"),
        ("KEY;VALUE=uri:https://example.org/anna.asc", "a key"),
    ],
)
def test_a_card_with_what_vaultkit_does_not_keep_is_left_alone(root, folder, line, noun):
    export(root, folder)
    kind = noun.split()[1]
    phone = anna_on_the_phone(folder, "EMAIL:anna@example.org", "TEL:+49 431 1", line)
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert result.stderr == (
        f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} has {noun}, which vaultkit does not "
        f"keep, so it is left alone: remove the {kind} on the phone, " + KEEP_OR_REPLACE
    )
    assert (folder / ANNA_FILE).read_bytes() == phone


@pytest.mark.parametrize(
    "line, said",
    [
        ("GEO:geo:54.32,10.13", "GEO 'geo:54.32,10.13'"),
        ("IMPP;X-SERVICE-TYPE=Skype:skype:anna.berg", "Messenger (Skype) 'skype:anna.berg'"),
        (
            "X-SOCIALPROFILE;TYPE=twitter:https://x.com/annaberg",
            "Social profile (twitter) 'https://x.com/annaberg'",
        ),
    ],
)
def test_a_card_with_what_vaultkit_writes_only_as_a_note_line_is_left_alone(root, folder, line, said):
    export(root, folder)
    phone = anna_on_the_phone(folder, "EMAIL:anna@example.org", "TEL:+49 431 1", line)
    import_dir(root, folder)  # the note gets it as a line of its notes: the phone would lose the property
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert result.stderr.startswith(
        f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} has {said}, which a card vaultkit "
        "writes can hold only as a line of its notes, so it is left alone: remove "
    )
    assert result.stderr.endswith(" on the phone, " + KEEP_OR_REPLACE)
    assert (folder / ANNA_FILE).read_bytes() == phone


def test_a_card_with_what_vaultkit_cannot_read_is_left_alone(root, folder):
    export(root, folder)
    phone = anna_on_the_phone(
        folder, "EMAIL:anna@example.org", "TEL:+49 431 1", "BDAY:1984-02-31", "this line is no property"
    )
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert result.stderr.startswith(
        f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} has a line vaultkit cannot read "
        f"({folder}/{ANNA_FILE}:"
    )
    assert "'this line is no property' is no vCard property" in result.stderr
    assert "1 more thing vaultkit's card would lose (a birthday vaultkit cannot read)" in result.stderr
    assert result.stderr.endswith("correct the broken line and the birthday on the phone, " + KEEP_OR_REPLACE)
    assert (folder / ANNA_FILE).read_bytes() == phone


@pytest.mark.parametrize(
    "card_line, said",
    [
        ("EMAIL:Anna@Example.org", "the email 'Anna@Example.org', the note 'anna@example.org'"),
        ("EMAIL:anna@exämple.org", "the email 'anna@exämple.org', the note 'anna@example.org'"),
    ],
)
def test_a_value_the_phone_writes_another_way_counts_as_its_own(root, folder, card_line, said):
    export(root, folder)
    phone = anna_on_the_phone(folder, card_line, "TEL:+49 431 1")
    for _ in range(2):  # and the import, which folds case and accents, cannot settle it
        result = export(root, folder)
        assert counts(result) == ((0, 1, 0, 1), "")
        assert result.stderr == (
            f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} has {said}, so it is left alone: "
            "write the email the same way on the phone and in the note, " + KEEP_OR_REPLACE
        )
        assert (folder / ANNA_FILE).read_bytes() == phone
        import_dir(root, folder)


def test_an_accent_the_phone_fixed_is_not_undone(vault, folder):
    root = vault({"People/Jurgen Hoffmann.md": "---\nname: Jurgen Hoffmann\nuid: juergen\n---\n"})
    export(root, folder)
    phone = phone_card("juergen", "Jürgen Hoffmann")
    (folder / "juergen.vcf").write_bytes(phone)
    import_dir(root, folder)
    result = export(root, folder)
    assert counts(result) == ((0, 0, 0, 1), "")
    assert result.stderr == (
        f"People/Jurgen Hoffmann.md: the card in {folder}/juergen.vcf says the name 'Jürgen Hoffmann', "
        "the note 'Jurgen Hoffmann', so it is left alone: set the name you want in the note (vaultkit "
        "set), " + KEEP_OR_REPLACE
    )
    assert (folder / "juergen.vcf").read_bytes() == phone
    set_field(root, "Jurgen Hoffmann", "name", "Jürgen Hoffmann")  # the first way out
    result = export(root, folder)
    assert (counts(result), result.stderr) == (((1, 0, 0, 0), ""), "")
    assert b"FN:J\xc3\xbcrgen Hoffmann\r\n" in (folder / "juergen.vcf").read_bytes()


def test_a_card_changed_on_both_sides_names_both_values_and_does_not_send_to_import(vault, folder):
    root = vault({"People/Mark Ellis.md": "---\nname: Mark Ellis\nuid: mark\nrole: Tonmeister\n---\n"})
    export(root, folder)
    phone = phone_card("mark", "Mark Ellis", "TITLE:Tontechniker")
    (folder / "mark.vcf").write_bytes(phone)
    said = (
        f"People/Mark Ellis.md: the card in {folder}/mark.vcf says role 'Tontechniker', the note "
        "'Tonmeister', so it is left alone: set the role you want in the note (vaultkit set), "
        + KEEP_OR_REPLACE
    )
    assert export(root, folder).stderr == said
    assert "conflict" in import_dir(root, folder).stdout  # the import leaves the note as it is
    assert export(root, folder).stderr == said
    assert (folder / "mark.vcf").read_bytes() == phone
    set_field(root, "Mark Ellis", "role", "Tontechniker")
    result = export(root, folder)
    assert (counts(result), result.stderr) == (((1, 0, 0, 0), ""), "")
    assert b"TITLE:Tontechniker\r\n" in (folder / "mark.vcf").read_bytes()


def test_what_vaultkit_adds_and_type_labels_do_not_hold_a_card_back(root, folder):
    export(root, folder)
    ours = (folder / ANNA_FILE).read_bytes()
    # The phone has less than the note (no number), and labels as the phone does.
    anna_on_the_phone(folder, "EMAIL;TYPE=INTERNET,HOME:anna@example.org")
    result = export(root, folder)
    assert (counts(result), result.stderr) == (((1, 1, 0, 0), ""), "")
    assert (folder / ANNA_FILE).read_bytes() == ours
    (folder / ANNA_FILE).write_bytes(
        phone_card("urn:uuid:0000-anna", "Anna Berg", "EMAIL:anna@example.org", "TEL;TYPE=CELL:+49 431 1")
    )
    result = export(root, folder)
    assert (counts(result), result.stderr) == (((1, 1, 0, 0), ""), "")
    assert b"TYPE" not in (folder / ANNA_FILE).read_bytes()


def test_replace_changed_cards_writes_the_vaults_card_and_says_what_the_phone_loses(root, folder):
    export(root, folder)
    ours = (folder / ANNA_FILE).read_bytes()
    anna_on_the_phone(folder, "EMAIL:anna@example.org", "TEL:+49 431 1", "ORG:Kiel Port", PHOTO)
    stranger = phone_card("4F2A-phone", "Carla Jensen", PHOTO)
    (folder / "4F2A-phone.vcf").write_bytes(stranger)
    (root / "People/Ben Kurz.md").unlink()
    (folder / BEN_FILE).write_bytes(phone_card("ben-kurz", "Ben Kurz"))  # changed by the phone, then gone
    result = run(root, "--format", "vdir", str(folder), "--replace-changed-cards")
    assert result.exit_code == 0, result.output
    assert counts(result) == ((1, 0, 0, 0), ", 2 cards not from the vault")
    assert result.stderr == (
        f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} is replaced by the vault's, as "
        "--replace-changed-cards asks, and the phone loses a photo and org 'Kiel Port'\n"
    )
    assert (folder / ANNA_FILE).read_bytes() == ours
    # It writes over cards of the vault's contacts only: the others stay, as ever.
    assert (folder / "4F2A-phone.vcf").read_bytes() == stranger
    assert (folder / BEN_FILE).exists()
    assert counts(export(root, folder)) == ((0, 1, 0, 0), ", 2 cards not from the vault")


def test_replace_changed_cards_goes_with_vdir_only(root):
    result = run(root, "--format", "vcard", "--replace-changed-cards")
    assert (result.exit_code, result.stderr) == (
        2,
        "vaultkit: --replace-changed-cards is for --format vdir, which writes cards into DIR\n",
    )


def test_the_help_says_what_is_overwritten_and_what_is_removed(root):
    shown = " ".join(CliRunner().invoke(cli, ["export", "--help"]).stdout.split())
    assert "A card vaultkit writes carries no TYPE labels" in shown
    assert "--replace-changed-cards With --format vdir: write the vault's card over cards changed" in shown
    assert "none is when more than three of them, and more than half of those vaultkit wrote in DIR" in shown
    assert "even when they are more than three and more than half of the cards vaultkit wrote in DIR" in shown
    assert "most of" not in shown
    assert "when the vault already holds all it says" not in shown


def test_three_cards_of_gone_contacts_are_removed_even_when_they_are_most(vault, folder):
    root = vault(dict(list(SIX.items())[:4]))
    export(root, folder)
    for n in range(1, 4):
        (root / f"People/Person {n}.md").unlink()  # 3 of 4: more than half, but not more than three
    result = export(root, folder)
    assert (counts(result), result.stderr) == (((0, 1, 3, 0), ""), "")
    assert cards(folder) == ["person-4.vcf"]


# A file in DIR that cannot be read: said once, with what to do.

CARLA = "---\nname: Carla Jensen\nuid: carla\n---\n"


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "broken.vcf is empty"),
        (b"hello\n", "broken.vcf holds no card (no BEGIN:VCARD)"),
        (
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carla Jensen\r\n",
            "broken.vcf:1: card never ends (no END:VCARD)",
        ),
        (b"\xff\xfeA", "broken.vcf:1: not valid UTF-16"),
    ],
)
def test_a_file_that_cannot_be_read_is_named_once_with_what_to_do(root, folder, data, problem):
    export(root, folder)
    (root / "People/Carla Jensen.md").write_text(CARLA, encoding="utf-8")
    (folder / "broken.vcf").write_bytes(data)
    result = export(root, folder)
    assert counts(result) == ((0, 2, 0, 1), ", 1 not written")
    assert result.stderr.startswith(f"{folder}/{problem}")
    assert result.stderr.endswith(
        f"; left alone, and Carla Jensen's card not written, since it may be that card: remove or "
        f"repair {folder}/broken.vcf, then export again\n"
    )
    assert result.stderr.count("\n") == 1
    assert (folder / "broken.vcf").read_bytes() == data
    (folder / "broken.vcf").unlink()  # as the message says
    assert counts(export(root, folder)) == ((1, 2, 0, 0), "")


def test_many_contacts_waiting_for_one_file_are_counted_on_its_one_line(vault, folder):
    root = vault(SIX)
    folder.mkdir()
    (folder / "broken.vcf").write_bytes(b"")
    result = export(root, folder)
    assert counts(result) == ((0, 0, 0, 1), ", 6 not written")
    assert result.stderr == (
        f"{folder}/broken.vcf is empty; left alone, and the cards of 6 contacts not written, since it "
        f"may be one of theirs: remove or repair {folder}/broken.vcf, then export again\n"
    )


def test_several_files_that_cannot_be_read_are_each_named_once(vault, folder):
    root = vault(SIX)
    folder.mkdir()
    (folder / "a.vcf").write_bytes(b"")
    (folder / "person-1.vcf").write_bytes(b"hello\n")
    result = export(root, folder)
    assert counts(result) == ((0, 0, 0, 2), ", 6 not written")
    assert result.stderr == (
        f"{folder}/a.vcf is empty; left alone: remove or repair {folder}/a.vcf, then export again\n"
        f"{folder}/person-1.vcf holds no card (no BEGIN:VCARD); left alone, and Person 1's card not "
        f"written, since it may be that card: remove or repair {folder}/person-1.vcf, then export again\n"
        f"{folder}: the cards of 5 contacts not written, since {folder}/a.vcf and {folder}/person-1.vcf "
        "cannot be read and may be theirs: remove or repair those files, then export again\n"
    )


def test_a_decoding_error_is_a_file_that_cannot_be_read_not_an_internal_error(root, folder, monkeypatch):
    folder.mkdir()
    (folder / "odd.vcf").write_bytes(b"BEGIN:VCARD\r\n")

    def decode(data, name):
        raise UnicodeDecodeError("utf-16-le", data, 0, 1, "truncated data")

    monkeypatch.setattr(vdir, "decode", decode)
    result = export(root, folder)
    assert counts(result) == ((0, 0, 0, 1), ", 2 not written")
    assert result.stderr == (
        f"{folder}/odd.vcf cannot be read: it is no text; left alone, and the cards of Ben Kurz and "
        f"Anna Berg not written, since it may be one of theirs: remove or repair {folder}/odd.vcf, then "
        "export again\n"
    )


def test_a_relation_to_someone_still_there_holds_the_card_back_and_one_to_nobody_does_not(root, folder):
    (root / "People/Carla Jensen.md").write_text(
        "---\nname: Carla Jensen\nuid: urn:uuid:0000-carla\n---\n", encoding="utf-8"
    )
    export(root, folder)
    # Carla is in the vault: Anna's note does not know her yet, so the card would lose her.
    phone = anna_on_the_phone(
        folder, "EMAIL:anna@example.org", "TEL:+49 431 1", "RELATED;VALUE=uri:urn:uuid:0000-carla"
    )
    result = export(root, folder)
    assert result.stderr == (
        f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} names 'urn:uuid:0000-carla' as related, "
        f"which vaultkit's card does not, so it is left alone: run vaultkit import {folder} to bring it "
        "into the note, " + KEEP_OR_REPLACE
    )
    import_dir(root, folder)
    result = export(root, folder)
    assert (counts(result), result.stderr) == (((1, 2, 0, 0), ""), "")
    assert b"RELATED;VALUE=uri:urn:uuid:0000-carla\r\n" in (folder / ANNA_FILE).read_bytes()
    # A UID that no contact and no card in DIR has names someone gone from both: nothing to lose.
    (folder / ANNA_FILE).write_bytes(phone.replace(b"0000-carla", b"long-gone"))
    result = export(root, folder)
    assert (counts(result), result.stderr) == (((1, 2, 0, 0), ""), "")


def test_a_card_deleted_on_the_phone_is_not_written_again_unless_asked(root, folder):
    export(root, folder)
    (folder / ANNA_FILE).unlink()  # the phone deleted Anna; the sync deleted her card here
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 0), ", 1 deleted there")
    assert result.stderr == (
        f"{folder}: the card of Anna Berg vaultkit wrote there was deleted since (on the phone, most "
        "likely), so it is not written again; to have it back, export with --restore-deleted\n"
    )
    assert cards(folder) == [BEN_FILE]
    assert counts(export(root, folder))[1] == ", 1 deleted there"  # it stays deleted
    restored = run(root, "--format", "vdir", str(folder), "--restore-deleted")
    assert counts(restored) == ((1, 1, 0, 0), "")
    assert cards(folder) == sorted([ANNA_FILE, BEN_FILE])


def test_a_deleted_card_of_a_contact_gone_from_the_vault_is_forgotten(root, folder):
    export(root, folder)
    (folder / ANNA_FILE).unlink()
    (root / "People" / "Anna Berg.md").unlink()
    assert counts(export(root, folder)) == ((0, 1, 0, 0), "")
    assert ANNA_FILE not in json.loads((folder / MANIFEST).read_text())["cards"]
