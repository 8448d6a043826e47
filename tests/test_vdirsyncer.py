"""The real vdirsyncer syncs the vdir that `vaultkit export --format vdir` writes: every card
arrives on the other side as vaultkit wrote it, a card changed there comes back and is left
alone (whatever its PRODID), vaultkit's list of its cards stays where it is, and a contact
removed from the vault is removed there too.

The config is tests/vdirsyncer.conf.example, the one the README tells people to copy, with a
second folder in place of the CardDAV server.
"""

from __future__ import annotations

import json
import os
import re
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


def export(root: Path, vdir: Path):
    result = CliRunner().invoke(
        cli, ["--vault", str(root), "export", "--format", "vdir", str(vdir)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result


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
    assert "conflict_resolution" in EXAMPLE_CONFIG.read_text(encoding="utf-8")


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
    assert len(ours) == 27
    assert {uid: data for uid, (_, data) in by_uid(phone).items()} == {
        uid: data for uid, (_, data) in ours.items()
    }
    assert "0 written, 27 unchanged, 0 removed, 0 left alone" in export(root, vdir).stdout
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
    assert "0 written, 25 unchanged, 0 removed, 2 left alone" in result.stdout
    for note, file in (("Marie Lefèvre", marie_file), ("Stefan Krüger", stefan_file)):
        assert re.search(
            rf"People/{note}.md: the card in {re.escape(str(vdir))}/{re.escape(file)} has what the "
            r"vault lacks \(phone\); run vaultkit import",
            result.stderr,
        )
    assert (vdir / marie_file).read_bytes() == came_back
    assert (vdir / stefan_file).read_bytes() == stefan_came_back
    vdirsyncer(config, "sync")
    assert by_uid(phone)[marie_uid][1] == came_back
    assert by_uid(phone)[stefan_uid][1] == stefan_came_back

    # A contact gone from the vault: vaultkit removes its card, vdirsyncer the phone's.
    paul_uid = next(uid for uid, (_, data) in ours.items() if b"FN:Paul Weber" in data)
    (root / "People" / "Paul Weber.md").unlink()
    assert "0 written, 24 unchanged, 1 removed, 2 left alone" in export(root, vdir).stdout
    assert paul_uid not in by_uid(vdir)
    vdirsyncer(config, "sync")
    assert paul_uid not in by_uid(phone)
    assert sorted(by_uid(phone)) == sorted(by_uid(vdir))
    assert len(by_uid(phone)) == 26
