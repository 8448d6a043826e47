"""`vaultkit export --format vdir DIR`: one card per contact in DIR, kept in step with the vault,
and never at the cost of a card the phone wrote."""

from __future__ import annotations

import os
import re
import stat

import pytest
import vobject
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, EXAMPLE_WARNING
from vaultkit import atomic
from vaultkit.cli import cli
from vaultkit.exchange.vdir import safe_name

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
    changed = phone_card(
        "urn:uuid:0000-anna",
        "Anna Berg",
        "EMAIL:anna@example.org",
        "EMAIL:anna@work.example",
        "TEL:+49 431 1",
    )
    (folder / ANNA_FILE).write_bytes(changed)
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    # What it lacks is said where the import's plan names the fields.
    assert re.fullmatch(
        re.escape(f"People/Anna Berg.md: the card in {folder}/{ANNA_FILE} has what the vault lacks")
        + r"( \([a-z, ]+\))?"
        + re.escape(f"; run vaultkit import {folder} first\n"),
        result.stderr,
    )
    assert (folder / ANNA_FILE).read_bytes() == changed
    (root / "People/Anna Berg.md").unlink()  # gone from the vault, but the card is not vaultkit's
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 0), ", 1 card not from the vault")
    assert (folder / ANNA_FILE).read_bytes() == changed


def test_a_card_the_phone_renamed_is_left_alone(root, folder):
    export(root, folder)
    renamed = phone_card("urn:uuid:0000-anna", "Anna Berg-Kurz", "EMAIL:anna@example.org", "TEL:+49 431 1")
    (folder / ANNA_FILE).write_bytes(renamed)
    result = export(root, folder)
    assert counts(result) == ((0, 1, 0, 1), "")
    assert "has what the vault lacks (the name 'Anna Berg-Kurz')" in result.stderr
    assert (folder / ANNA_FILE).read_bytes() == renamed


def test_a_card_the_phone_rewrote_without_news_is_brought_back_in_step(root, folder):
    export(root, folder)
    ours = (folder / ANNA_FILE).read_bytes()
    rewritten = phone_card("urn:uuid:0000-anna", "Anna Berg", "TEL:+49 431 1", "EMAIL:anna@example.org")
    (folder / ANNA_FILE).write_bytes(rewritten)
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
    assert sorted(os.listdir(folder)) == [f".{BEN_FILE}", "color", "notes.txt", "sub.vcf", ANNA_FILE]
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
    assert not [name for name in os.listdir(folder) if name.startswith(".")]


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
    assert result.stdout == f"{folder}: 27 written, 0 unchanged, 0 removed, 0 left alone, 1 not written\n"
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


def test_a_broken_card_of_a_contact_is_left_alone_and_named(root, folder):
    folder.mkdir()
    broken = b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ben-kurz\r\nFN:Ben Kurz\r\n"  # never ends
    (folder / "phone.vcf").write_bytes(broken)
    result = export(root, folder)
    assert counts(result) == ((1, 0, 0, 1), "")
    assert result.stderr.startswith(f"People/Ben Kurz.md: {folder}/phone.vcf:1: card never ends")
    assert result.stderr.endswith("; left alone\n")
    assert (folder / "phone.vcf").read_bytes() == broken
    assert cards(folder) == ["phone.vcf", ANNA_FILE]


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
