"""Writes stay inside the vault: `link_out_of_vault` finds any link on the way that leads out."""

from __future__ import annotations

import os

from vaultkit.boundary import link_out_of_vault


def test_a_plain_path_inside_the_vault_leads_nowhere_else(tmp_path):
    (tmp_path / "People").mkdir()
    assert link_out_of_vault(tmp_path, tmp_path / "People" / "Anna.md") is None


def test_a_note_that_links_out_of_the_vault_is_named(tmp_path):
    root, outside = tmp_path / "vault", tmp_path / "outside.md"
    (root / "People").mkdir(parents=True)
    outside.write_text("not a note\n")
    os.symlink(outside, root / "People" / "Anna.md")
    assert link_out_of_vault(root, root / "People" / "Anna.md") == "People/Anna.md"


def test_a_folder_that_links_out_is_named_unless_the_owner_linked_it_on_purpose(tmp_path):
    root, elsewhere = tmp_path / "vault", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, root / "People")
    assert link_out_of_vault(root, root / "People" / "Anna.md") == "People"
    assert link_out_of_vault(root, root / "People" / "Anna.md", ("People",)) is None


def test_links_within_the_vault_are_fine_and_so_is_a_chain_that_ends_inside(tmp_path):
    (tmp_path / "People").mkdir()
    (tmp_path / "People" / "Anna.md").write_text("x\n")
    os.symlink(tmp_path / "People" / "Anna.md", tmp_path / "Anna.md")
    os.symlink(tmp_path / "Anna.md", tmp_path / "People" / "Ann.md")
    assert link_out_of_vault(tmp_path, tmp_path / "People" / "Ann.md") is None


def test_a_link_inside_that_points_to_a_link_outside_is_named(tmp_path):
    root = tmp_path / "vault"
    root.mkdir()
    os.symlink(tmp_path / "target.md", tmp_path / "hop.md")
    os.symlink(tmp_path / "hop.md", root / "Anna.md")
    assert link_out_of_vault(root, root / "Anna.md") == "Anna.md"


def test_a_path_that_climbs_out_of_the_vault_is_itself_outside(tmp_path):
    root = tmp_path / "vault"
    root.mkdir()
    assert link_out_of_vault(root, root / ".." / "x.md") is not None
