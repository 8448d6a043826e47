import sys

import pytest

from vaultkit.memory import _malloc_trim, give_back_free_memory


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


@pytest.mark.skipif(_malloc_trim() is None, reason="a C library without malloc_trim")
def test_memory_freed_below_what_is_still_used_is_given_back():
    # Blocks larger than Python's own allocator takes come from the C library's heap; one still
    # used above them keeps the freed ones from being returned on their own.
    blocks = [bytes(2000) for _ in range(40_000)]
    still_used = bytes(2000)
    del blocks
    before = resident_bytes()
    give_back_free_memory()
    assert before - resident_bytes() > 40 * 2**20
    assert len(still_used) == 2000


def test_nothing_is_given_back_where_the_system_cannot(monkeypatch):
    _malloc_trim.cache_clear()
    monkeypatch.setattr(sys, "platform", "darwin")
    try:
        assert _malloc_trim() is None
        give_back_free_memory()  # and nothing fails
    finally:
        _malloc_trim.cache_clear()


def test_a_run_gives_back_what_reading_the_vault_left_free_once_the_index_is_read(example, monkeypatch):
    import vaultkit.cli.session
    from vaultkit.cli.session import Session

    given_back = []
    session = Session(explicit_vault=str(example), env_vault=None, use_cache=False)
    monkeypatch.setattr(
        vaultkit.cli.session, "give_back_free_memory", lambda: given_back.append(session._index is not None)
    )
    index = session.index
    assert session.index is index and given_back == [True]


def test_what_reading_remembers_of_recurring_lines_goes_once_the_notes_are_read(example):
    from vaultkit import values
    from vaultkit.index import load_index
    from vaultkit.parse import frontmatter, mentions, simpleyaml

    remembered = (
        simpleyaml._key_line,
        simpleyaml._block_item,
        frontmatter._typed_tag,
        mentions._property_mention,
        values._date_in,
    )
    index = load_index(example, use_cache=False)
    assert all(each.cache_info().currsize == 0 for each in remembered)
    again = load_index(example, use_cache=False)
    assert [note.path for note in again.notes] == [note.path for note in index.notes]
    assert again.contacts == index.contacts
