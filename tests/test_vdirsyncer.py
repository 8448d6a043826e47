"""The real vdirsyncer syncs the vdir that `vaultkit export --format vdir` writes: every card
arrives on the other side as vaultkit wrote it, a card changed there comes back and is left
alone (whatever its PRODID) until nothing of it is lost, vaultkit's list of its cards stays
where it is, and a contact removed from the vault is removed there too. A photo on the phone
survives the round, and a card changed on both sides is named with both values and settled by
the note or by --replace-changed-cards, never by advice to import that cannot settle it.

The config is tests/vdirsyncer.conf.example, the one the README tells people to copy, with a
second folder in place of the CardDAV server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner

from tests.conftest import EXAMPLE_VAULT, REPO
from vaultkit.cli import cli
from vaultkit.exchange.vdir import MANIFEST

VDIRSYNCER = Path(sys.executable).parent / "vdirsyncer"
EXAMPLE_CONFIG = REPO / "tests" / "vdirsyncer.conf.example"
pytestmark = pytest.mark.skipif(
    not VDIRSYNCER.exists(),
    reason=f"vdirsyncer is not installed next to {sys.executable} (pip install -e '.[test]' installs it)",
)


def config_for(tmp_path: Path, vdir: Path, phone: Path) -> Path:
    """The example config with its paths in tmp_path, and a folder for the phone's CardDAV."""
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    text = text.replace('"~/.local/share/vdirsyncer/status/"', json.dumps(f"{tmp_path / 'status'}/"))
    text = text.replace('"~/.local/share/vaultkit/contacts/"', json.dumps(f"{vdir}/"))
    head, _, _ = text.partition("[storage phone]")
    text = (
        head + f'[storage phone]\ntype = "filesystem"\npath = {json.dumps(f"{phone}/")}\nfileext = ".vcf"\n'
    )
    config = tmp_path / "config"
    config.write_text(text, encoding="utf-8")
    return config


def vdirsyncer(config: Path, *args: str) -> str:
    result = subprocess.run(
        [str(VDIRSYNCER), "--verbosity", "INFO", *args],
        env={**os.environ, "VDIRSYNCER_CONFIG": str(config)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def vaultkit(root: Path, *args: str):
    result = CliRunner().invoke(cli, ["--vault", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def export(root: Path, vdir: Path, *options: str):
    return vaultkit(root, "export", "--format", "vdir", str(vdir), *options)


def by_uid(folder: Path) -> dict[str, tuple[str, bytes]]:
    """UID -> (file name, bytes) of every card in `folder`."""
    found = {}
    for path in sorted(folder.glob("*.vcf")):
        data = path.read_bytes()
        found[vobject.readOne(data.decode("utf-8")).uid.value] = (path.name, data)
    return found


def test_the_example_config_is_one_vdirsyncer_reads():
    shown = json.loads(vdirsyncer(EXAMPLE_CONFIG, "showconfig"))
    assert {storage["instance_name"]: storage["type"] for storage in shown["storages"]} == {
        "vaultkit": "filesystem",
        "phone": "carddav",
    }
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    assert "conflict_resolution" in text
    # What it says of a card changed on both sides is what vaultkit does: it names the two ways out.
    comment = " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))
    assert (
        "set the one you want in the note (`vaultkit set`), or export with --replace-changed-cards" in comment
    )
    assert "says to run `vaultkit import` first" not in comment


def test_vdirsyncer_carries_the_cards_there_and_back_and_vaultkit_keeps_the_phones_changes(tmp_path):
    root = tmp_path / "vault"
    shutil.copytree(EXAMPLE_VAULT, root)
    vdir, phone = tmp_path / "vaultkit", tmp_path / "phone"
    phone.mkdir()
    config = config_for(tmp_path, vdir, phone)

    # The vault's cards reach the phone as vaultkit wrote them, byte for byte.
    export(root, vdir)
    vdirsyncer(config, "discover")
    vdirsyncer(config, "sync")
    ours = by_uid(vdir)
    assert len(ours) == 29
    assert {uid: data for uid, (_, data) in by_uid(phone).items()} == {
        uid: data for uid, (_, data) in ours.items()
    }
    assert "0 written, 29 unchanged, 0 removed, 0 left alone" in export(root, vdir).stdout
    # vaultkit's list of the cards it wrote stays in the vdir: vdirsyncer syncs only .vcf files.
    assert (vdir / MANIFEST).is_file()
    assert sorted(os.listdir(phone)) == sorted(name for name, _ in by_uid(phone).values())

    # On the phone, Marie gets a second number; the phone writes the card its own way.
    marie_uid = next(uid for uid, (_, data) in ours.items() if b"FN:Marie Lef" in data)
    phone_name = by_uid(phone)[marie_uid][0]
    text = (phone / phone_name).read_text(encoding="utf-8")
    text = text.replace("PRODID:-//vaultkit//vaultkit//EN", "PRODID:-//Apple Inc.//iPhone OS 17.0//EN")
    text = text.replace("TEL:+49 431 5550303", "TEL:+49 431 5550303\nTEL;TYPE=cell:+49 170 5550303")
    (phone / phone_name).write_text(text, encoding="utf-8")
    # Stefan gets one too, from a client that keeps vaultkit's PRODID (nothing obliges it not to).
    stefan_uid = next(uid for uid, (_, data) in ours.items() if b"FN:Stefan Kr" in data)
    stefan_name = by_uid(phone)[stefan_uid][0]
    text = (phone / stefan_name).read_text(encoding="utf-8")
    (phone / stefan_name).write_text(
        text.replace("TEL:", "TEL;TYPE=cell:+49 170 5550808\r\nTEL:"), encoding="utf-8"
    )
    vdirsyncer(config, "sync")
    marie_file, came_back = by_uid(vdir)[marie_uid]
    assert b"+49 170 5550303" in came_back
    stefan_file, stefan_came_back = by_uid(vdir)[stefan_uid]
    assert b"+49 170 5550808" in stefan_came_back and b"PRODID:-//vaultkit//vaultkit//EN" in stefan_came_back

    # vaultkit leaves the phone's cards alone until their news is in the vault.
    result = export(root, vdir)
    assert "0 written, 27 unchanged, 0 removed, 2 left alone" in result.stdout
    for note, file, number in (
        ("Marie Lefèvre", marie_file, "+49 170 5550303"),
        ("Stefan Krüger", stefan_file, "+49 170 5550808"),
    ):
        assert (
            f"People/{note}.md: the card in {vdir}/{file} has the phone '{number}', which the note "
            f"lacks, so it is left alone: run vaultkit import {vdir} to bring it into the note, or "
            "export with --replace-changed-cards to write the vault's card over it\n"
        ) in result.stderr
    assert (vdir / marie_file).read_bytes() == came_back
    assert (vdir / stefan_file).read_bytes() == stefan_came_back
    vdirsyncer(config, "sync")
    assert by_uid(phone)[marie_uid][1] == came_back
    assert by_uid(phone)[stefan_uid][1] == stefan_came_back

    # A contact gone from the vault: vaultkit removes its card, vdirsyncer the phone's.
    paul_uid = next(uid for uid, (_, data) in ours.items() if b"FN:Paul Weber" in data)
    (root / "People" / "Paul Weber.md").unlink()
    assert "0 written, 26 unchanged, 1 removed, 2 left alone" in export(root, vdir).stdout
    assert paul_uid not in by_uid(vdir)
    vdirsyncer(config, "sync")
    assert paul_uid not in by_uid(phone)
    assert sorted(by_uid(phone)) == sorted(by_uid(vdir))
    assert len(by_uid(phone)) == 28

    # The import brings the numbers into the notes, as the export said; then it writes the cards.
    vaultkit(root, "import", str(vdir))
    assert "2 written, 26 unchanged, 0 removed, 0 left alone" in export(root, vdir).stdout
    vdirsyncer(config, "sync")
    assert b"TEL:+49 170 5550303\r\n" in by_uid(phone)[marie_uid][1]

    # On the phone, Carla gets a photo and a mobile number; the phone's card keeps its photo.
    carla_uid = next(uid for uid, (_, data) in ours.items() if b"FN:Carla Jensen" in data)
    carla_name = by_uid(phone)[carla_uid][0]
    text = (phone / carla_name).read_text(encoding="utf-8")
    photo = "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo=\r\n"
    (phone / carla_name).write_text(
        text.replace("EMAIL:", f"{photo}TEL;TYPE=CELL:+49 170 5550404\r\nEMAIL:"), encoding="utf-8"
    )
    # Mark's role is changed on both sides: the phone's version wins the sync.
    mark_uid = next(uid for uid, (_, data) in ours.items() if b"FN:Mark Ellis" in data)
    mark_name = by_uid(phone)[mark_uid][0]
    text = (phone / mark_name).read_text(encoding="utf-8")
    (phone / mark_name).write_text(
        text.replace("TITLE:Consultant", "TITLE:Senior Consultant"), encoding="utf-8"
    )
    mark_note = root / "People" / "Mark Ellis.md"
    mark_note.write_text(
        mark_note.read_text(encoding="utf-8").replace("role: Consultant", "role: Principal"), encoding="utf-8"
    )
    export(root, vdir)
    assert "Doing conflict resolution for item" in vdirsyncer(config, "sync")
    carla_file, carla_card = by_uid(vdir)[carla_uid]
    mark_file, mark_card = by_uid(vdir)[mark_uid]
    assert photo.encode() in carla_card and b"TITLE:Senior Consultant" in mark_card

    vaultkit(root, "import", str(vdir))  # the number reaches Carla's note; Mark's role is a conflict
    result = export(root, vdir)
    assert "0 written, 26 unchanged, 0 removed, 2 left alone" in result.stdout
    assert (
        f"People/Carla Jensen.md: the card in {vdir}/{carla_file} has a photo, which vaultkit does not "
        "keep, so it is left alone: remove the photo on the phone, or export with "
        "--replace-changed-cards to write the vault's card over it\n"
    ) in result.stderr
    assert (
        f"People/Mark Ellis.md: the card in {vdir}/{mark_file} says role 'Senior Consultant', the note "
        "'Principal', so it is left alone: set the role you want in the note (vaultkit set), or export "
        "with --replace-changed-cards to write the vault's card over it\n"
    ) in result.stderr
    vdirsyncer(config, "sync")
    assert by_uid(phone)[carla_uid][1] == carla_card  # the photo is still on the phone
    assert by_uid(phone)[mark_uid][1] == mark_card

    # The vault's cards, asked for: Carla's (with the number the import brought) reaches the
    # phone, and her photo goes, as said.
    result = export(root, vdir, "--replace-changed-cards")
    assert "2 written, 26 unchanged, 0 removed, 0 left alone" in result.stdout
    assert (
        f"People/Carla Jensen.md: the card in {vdir}/{carla_file} is replaced by the vault's, as "
        "--replace-changed-cards asks, and the phone loses a photo\n"
    ) in result.stderr
    assert (
        f"People/Mark Ellis.md: the card in {vdir}/{mark_file} is replaced by the vault's, as "
        "--replace-changed-cards asks, and the phone loses role 'Senior Consultant'\n"
    ) in result.stderr
    vdirsyncer(config, "sync")
    assert b"PHOTO" not in by_uid(phone)[carla_uid][1]
    assert b"TEL:+49 170 5550404" in by_uid(phone)[carla_uid][1]
    # Mark's is the very card vaultkit had written before the conflict: vdirsyncer 0.21 kept that
    # card's hash for the vdir when it copied the phone's over it, so it sees no change and the
    # phone keeps its version (pimutils/vdirsyncer#1155), as the example config warns. The
    # note's next change reaches the phone: here it takes the phone's role after all.
    assert b"TITLE:Senior Consultant" in by_uid(phone)[mark_uid][1]
    vaultkit(root, "set", "Mark Ellis", "role", "Senior Consultant")
    assert "1 written, 27 unchanged, 0 removed, 0 left alone" in export(root, vdir).stdout
    vdirsyncer(config, "sync")
    assert by_uid(phone)[mark_uid][1] == by_uid(vdir)[mark_uid][1]
    assert b"PRODID:-//vaultkit//vaultkit//EN" in by_uid(phone)[mark_uid][1]
    assert "0 written, 28 unchanged, 0 removed, 0 left alone" in export(root, vdir).stdout
