"""The calendar feed's events kept in the cache for the next start of a watch."""

import sqlite3
import tracemalloc

from vaultkit.cache.events import keep_events, kept_events
from vaultkit.cache.notes import CACHE_FILE, CACHE_FOLDER
from vaultkit.cache.outputs import KEEP, keep


def event(name: str) -> bytes:
    return f"BEGIN:VEVENT\r\nSUMMARY:{name} hat Geburtstag\r\nEND:VEVENT\r\n".encode()


def test_the_events_kept_are_those_of_the_last_feed(tmp_path):
    assert kept_events(tmp_path) == {}  # no cache yet: none, and none made
    assert not (tmp_path / CACHE_FOLDER).exists()
    keep_events(tmp_path, {"a": event("Anna"), "b": event("Bo")})
    assert kept_events(tmp_path) == {"a": event("Anna"), "b": event("Bo")}
    keep_events(tmp_path, {"b": event("Bo"), "c": event("Cem")})
    assert kept_events(tmp_path) == {"b": event("Bo"), "c": event("Cem")}
    keep_events(tmp_path, {})
    assert kept_events(tmp_path) == {}


def test_events_kept_by_another_cache_format_are_not_used_and_are_replaced(tmp_path):
    keep_events(tmp_path, {"a": event("Anna")})
    db = sqlite3.connect(tmp_path / CACHE_FOLDER / CACHE_FILE)
    with db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'events format'")
    db.close()
    assert kept_events(tmp_path) == {}
    keep_events(tmp_path, {"b": event("Bo")})
    assert kept_events(tmp_path) == {"b": event("Bo")}


def test_the_reports_one_shot_runs_keep_do_not_push_the_events_out(tmp_path):
    keep_events(tmp_path, {"a": event("Anna")})
    for run in range(KEEP + 2):
        keep(tmp_path, f"agenda {run}", f"the agenda of run {run}\n")
    assert kept_events(tmp_path) == {"a": event("Anna")}


def test_a_damaged_cache_keeps_no_events_and_takes_none(tmp_path):
    (tmp_path / CACHE_FOLDER).mkdir(parents=True)
    (tmp_path / CACHE_FOLDER / CACHE_FILE).write_bytes(b"not a database, " * 100)
    keep_events(tmp_path, {"a": event("Anna")})  # says nothing: only an optimisation
    assert kept_events(tmp_path) == {}


def test_an_event_changed_behind_vaultkits_back_leaves_none_used(tmp_path):
    keep_events(tmp_path, {"a": event("Anna"), "b": event("Bo")})
    db = sqlite3.connect(tmp_path / CACHE_FOLDER / CACHE_FILE)
    with db:
        db.execute("UPDATE events SET event = ? WHERE digest = 'b'", (b"\xff not UTF-8",))
        db.execute(
            "UPDATE events SET event = ? WHERE digest = 'a'", (event("Anna").decode(),)
        )  # text, not bytes
    db.close()
    assert kept_events(tmp_path) == {}
    keep_events(tmp_path, {"a": event("Anna"), "b": event("Bo")})  # the same feed: both written again
    assert kept_events(tmp_path) == {"a": event("Anna"), "b": event("Bo")}


def test_a_large_feed_is_kept_and_read_again_without_a_copy_of_it_all(tmp_path):
    events = {f"{n:040x}": event(f"Anna Weiß {n}") for n in range(100_000)}
    size = sum(map(len, events.values()))  # 5 MB
    tracemalloc.start()
    try:
        keep_events(tmp_path, events)
        _, written = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        kept = kept_events(tmp_path)
        _, read = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kept == events
    # As one JSON text, it was one copy and more on the way in, two on the way out.
    assert written < size // 2
    assert read < 2 * size + 100_000 * 200  # what it reads: the events and their digests
