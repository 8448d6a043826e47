"""The single entry point from a vault folder to an Index."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vaultkit.cache.notes import (
    LOAD_CHUNK,
    CacheBusy,
    CacheError,
    CacheOutsideVault,
    CacheUnwritable,
    Entry,
    NoteCache,
    cached_notes,
    dump,
    load,
    settled,
    stamp_bytes,
    with_entries,
)
from vaultkit.config import Config, load_config
from vaultkit.language import N_
from vaultkit.model import Contact, Diagnostic, Index, Message, Note, reason
from vaultkit.parse import forget_recurring
from vaultkit.parse.note import contact_reason, note_id, parse_note
from vaultkit.values import (
    email_key,
    fold,
    name_key,
    one_edit_apart,
    phone_key,
    same_objects,
    spelled_alike_possible,
)
from vaultkit.vault import Files, Stamp, scan, without_cycle_collection
from vaultkit.words import escaped

# Below this many notes to parse, starting worker processes costs more than it saves.
PARALLEL_FROM = 2000
MAX_WORKERS = 8
# This process's share of the parsing, against one worker's (measured best on 2 cores), and the
# size of the chunks the workers take.
OWN_SHARE = 2.0
CHUNK = 1000
_NO_CACHE_HINT = N_("(VAULTKIT_NO_CACHE=1 turns the cache and this line off)")


def load_index(
    root: Path, config: Config | None = None, *, use_cache: bool = False, files: Files | None = None
) -> Index:
    """Read every note below `root`. Raises ConfigError for a bad config, never for a bad note.

    With `use_cache`, notes unchanged since the last run come from the cache in
    `.vaultkit/cache/`; the result is the same either way. `files` is the vault's `scan()`
    when the caller has walked it already.
    """
    config = config or load_config(root)
    with without_cycle_collection():
        return _load(root, config, use_cache, scan(root, config) if files is None else files)


def _load(root: Path, config: Config, use_cache: bool, files: Files) -> Index:
    notes, notice = _notes(root, config, use_cache, files)
    # Said at once, by the run that read the notes.
    return build_index(str(root), notes, (str(notice),) if notice else ())


def read_notes(root: Path, config: Config, use_cache: bool = True) -> tuple[list[Note], Message | None]:
    """Every note below `root` as `load_index` reads them, through the note cache unless not
    `use_cache`, before they make an index (`watch` keeps them, to read again only what
    changes); and what the user should hear of the cache, if anything."""
    with without_cycle_collection():
        return _notes(root, config, use_cache, scan(root, config))


def _notes(root: Path, config: Config, use_cache: bool, files: Files) -> tuple[list[Note], Message | None]:
    if not use_cache:
        return _parse_all(root, config, files), None
    cache = NoteCache(root, config)
    try:
        return _load_with_cache(root, config, files, cache)
    finally:
        cache.close()


def _parse_all(root: Path, config: Config, files: Files) -> list[Note]:
    return [note for note, _, _ in _parse_many(root, config, [path for path, _ in files])]


def _load_with_cache(
    root: Path, config: Config, files: Files, cache: NoteCache
) -> tuple[list[Note], Message | None]:
    """The notes, and what the user should hear of the cache: nothing while it works."""
    where = cache.path.relative_to(root).as_posix()
    damage = None
    try:
        loaded = _load_through_cache(root, config, files, cache)
    except CacheOutsideVault as exc:
        return _parse_all(root, config, files), Message.of(
            N_("{problem}; reading every note afresh {hint}"),
            problem=reason(exc),
            hint=Message(_NO_CACHE_HINT),
        )
    except CacheUnwritable as exc:
        return _parse_all(root, config, files), _without_cache(where, exc, from_cache=False)
    except CacheBusy:
        return _parse_all(root, config, files), None  # another vaultkit is writing it: for a moment
    except CacheError as exc:
        damage = exc
        cache.discard()
        loaded = _load_through_cache(root, config, files, cache, trusted=False)
    if loaded.unsaved is not None:
        return loaded.notes, _without_cache(where, loaded.unsaved, from_cache=loaded.from_cache > 0)
    if damage is not None:
        return loaded.notes, Message.of(
            N_("the note cache {where} was unusable ({problem}); it is rebuilt"),
            where=where,
            problem=reason(damage),
        )
    return loaded.notes, None


def _without_cache(where: str, problem: CacheError, from_cache: bool) -> Message:
    """One line for each run that cannot keep what it read, so that the next run reads it again."""
    return Message.of(
        N_(
            "cannot write the note cache {where} ({problem}); notes changed since it was written are read afresh {hint}"
        )
        if from_cache
        else N_("cannot write the note cache {where} ({problem}); reading every note afresh {hint}"),
        where=where,
        problem=reason(problem),
        hint=Message(_NO_CACHE_HINT),
    )


@dataclass
class _Loaded:
    notes: list[Note]
    from_cache: int  # how many notes came from the cache
    unsaved: CacheError | None  # why what was read could not be kept in the cache, if it could not


def _load_through_cache(
    root: Path, config: Config, files: Files, cache: NoteCache, trusted: bool = True
) -> _Loaded:
    """Raises CacheError when the cache cannot be read, or when `trusted` and it is damaged so
    that it cannot be written; one that cannot be written where it is (CacheUnwritable) is
    only reported in the result."""
    notes: list[Note | None] = [None] * len(files)
    stale: list[int] = []
    # Entries of notes gone or changed: forgotten below unless replaced.
    outdated: list[str] = []
    # Loaded a chunk at a time, read from the cache as they are loaded: few entries are held
    # at once, and never all of them beside all the notes.
    unchanged: list[tuple[int, str, Entry]] = []
    paired = with_entries(files, cache.entries() if trusted else (), outdated)
    for position, (path, stamp, entry) in enumerate(paired):
        if entry is not None and stamp is not None and entry[0] == stamp_bytes(stamp):
            unchanged.append((position, path, entry))
            if len(unchanged) == LOAD_CHUNK:
                _fill_from_cache(notes, unchanged)
        else:
            stale.append(position)
            if entry is not None:
                outdated.append(path)
    _fill_from_cache(notes, unchanged)
    fresh: list[tuple[str, Stamp, Note, bytes | None]] = []
    parsed = _parse_many(root, config, [files[position][0] for position in stale])
    for position, (note, cacheable, blob) in zip(stale, parsed):
        notes[position] = note
        path, stamp = files[position]
        if cacheable and stamp is not None and settled(stamp):
            fresh.append((path, stamp, note, blob))
    del parsed
    replaced = {path for path, _, _, _ in fresh}
    # Pickled while they are written, so that a first run never holds every note twice.
    changed = ((path, stamp, blob or dump(note)) for path, stamp, note, blob in fresh)
    unsaved = None
    try:
        cache.save(changed, [path for path in outdated if path not in replaced])
    except CacheError as exc:
        if trusted and not isinstance(exc, CacheUnwritable):
            raise
        unsaved = exc
    # Every None was filled above.
    return _Loaded(notes, len(files) - len(stale), unsaved)  # type: ignore[arg-type]


def _fill_from_cache(notes: list[Note | None], unchanged: list[tuple[int, str, Entry]]) -> None:
    """Put the note of each (position, path, entry) in its place, and empty `unchanged`."""
    loaded = cached_notes([(path, entry) for _, path, entry in unchanged])
    for (position, _, _), note in zip(unchanged, loaded):
        notes[position] = note
    unchanged.clear()


Parsed = tuple[Note, bool, "bytes | None"]


def _parse_many(root: Path, config: Config, paths: list[str]) -> list[Parsed]:
    """Parse notes, spreading a large batch over the CPU cores (`_parse_spread`); what reading
    them remembered goes with them."""
    try:
        return _parse_spread(root, config, paths)
    finally:
        forget_recurring()


def _parse_spread(root: Path, config: Config, paths: list[str]) -> list[Parsed]:
    """This process parses the first share itself; worker processes parse the rest in chunks and
    send them back pickled the way the cache stores them, so their notes need no second
    pickling. A worker also pays for pickling, and this process for unpickling, so this
    process takes the larger share, then unpickles the chunks already done while the workers
    finish the others.
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if workers < 2 or len(paths) < max(PARALLEL_FROM, 2):
        return _parse_here(root, config, paths)
    # Imported here, not above: about 20 ms that `--help`, small vaults and runs from the cache skip.
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if "fork" not in mp.get_all_start_methods():
        return _parse_here(root, config, paths)
    own = round(len(paths) * OWN_SHARE / (OWN_SHARE + workers - 1))
    chunks = [paths[start : start + CHUNK] for start in range(own, len(paths), CHUNK)]
    try:
        with ProcessPoolExecutor(workers - 1, mp_context=mp.get_context("fork")) as pool:
            futures = [pool.submit(_parse_share, root, config, chunk) for chunk in chunks]
            parsed = _parse_here(root, config, paths[:own])
            for future in futures:
                parsed.extend((load(blob), cacheable, blob) for blob, cacheable in future.result())
    except (OSError, BrokenProcessPool):
        return _parse_here(root, config, paths)
    return parsed


def _parse_here(root: Path, config: Config, paths: list[str]) -> list[Parsed]:
    return [(*_read(root, path, config), None) for path in paths]


def _parse_share(root: Path, config: Config, paths: list[str]) -> list[tuple[bytes, bool]]:
    """In a worker process: the notes as the cache pickles them."""
    with without_cycle_collection():
        return [(dump(note), cacheable) for note, cacheable in (_read(root, path, config) for path in paths)]


def read_note(root: Path, path: str, config: Config) -> Note:
    """One note read and parsed; a file that cannot be read is a note with a diagnostic."""
    return _read(root, path, config)[0]


def _read(root: Path, path: str, config: Config) -> tuple[Note, bool]:
    """The parsed note, and whether the result may be cached (not for a failed read)."""
    try:
        data = _file_bytes(os.path.join(root, path))  # a str: cheaper than a Path per note
    except OSError as exc:
        return _unreadable(path, exc, config), False
    try:
        return parse_note(path, data, config), True
    except Exception as exc:  # a bug in vaultkit costs this note, never the rest of the vault
        return _unparsed(path, exc, config), False


def _file_bytes(path: str) -> bytes:
    """A file's bytes by system calls alone: `open()` also makes the file and buffer objects
    Python reads through, which costs a tenth of the time of parsing a note."""
    handle = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(handle, _READ_SIZE):
            chunks.append(chunk)
    finally:
        os.close(handle)
    return b"".join(chunks)


_READ_SIZE = 64 * 1024  # more than nearly every note holds: one read and the one that says it ended


def build_index(root: str, notes: list[Note], notices: tuple[str, ...] = ()) -> Index:
    diagnostics: list[Diagnostic] = [d for note in notes for d in note.diagnostics]
    kept = _kept_contacts(notes)
    contacts: dict[str, Contact] = {}
    left_out: dict[str, list[str]] = {}
    indexed: list[Note] = []
    owner = None
    for note in notes:
        contact = note.contact
        if contact is not None and (first := kept[fold(contact.id)]) is not contact:
            diagnostics.append(
                Diagnostic.error(
                    note.path,
                    1,
                    "duplicate-id",
                    N_(
                        "contact id {id} is already used by {path}; this note is left out until one is renamed"
                    ),
                    id=repr(contact.id),
                    path=escaped(first.path),
                )
            )
            left_out.setdefault(first.id, []).append(note.path)
            continue
        if contact is not None:
            contacts[contact.id] = contact
        owner = owner or note.owner
        indexed.append(note)
    names, ambiguities = _names_of(contacts)
    diagnostics.extend(ambiguities)
    return Index(
        root,
        tuple(indexed),
        contacts,
        names,
        tuple(diagnostics),
        len(notes),
        notices,
        {contact_id: tuple(paths) for contact_id, paths in left_out.items()},
        owner,
    )


def incomplete_contacts(index: Index) -> frozenset[str]:
    """The ids of contacts whose notes could not be read completely: reports mark them."""
    return frozenset(contact.id for contact in index.contacts.values() if contact.incomplete)


def _kept_contacts(notes: list[Note]) -> dict[str, Contact]:
    """Per folded id, the contact read when several notes have that file name: the one in the
    fewest folders (People/Anna.md before People/Old/anna.md), then the first path."""
    kept: dict[str, Contact] = {}
    for note in notes:
        contact = note.contact
        if contact is None:
            continue
        key = fold(contact.id)
        if key not in kept or _precedence(contact) < _precedence(kept[key]):
            kept[key] = contact
    return kept


def _precedence(contact: Contact) -> tuple[int, str]:
    return contact.path.count("/"), contact.path


# The names of the last index built, with its contacts: a watcher builds the index again after
# every change, and most changes leave every contact as it was.
_last_names: tuple[tuple[Contact, ...], tuple[dict[str, tuple[str, ...]], list[Diagnostic]]] | None = None


def _names_of(contacts: dict[str, Contact]) -> tuple[dict[str, tuple[str, ...]], list[Diagnostic]]:
    """`_names`, kept for the next index of the very same contacts, in the same order."""
    global _last_names
    now = tuple(contacts.values())
    if _last_names is not None and same_objects(_last_names[0], now):
        return _last_names[1]
    found = _names(contacts)
    _last_names = (now, found)
    return found


def _names(contacts: dict[str, Contact]) -> tuple[dict[str, tuple[str, ...]], list[Diagnostic]]:
    """Map every folded id, name and alias to the contacts it names.

    An id always means its own contact: a name or alias equal to another contact's id does not
    make that id ambiguous.
    """
    by_id = {fold(c.id): c.id for c in contacts.values()}
    names: dict[str, list[str]] = {}
    problems = []
    for contact in contacts.values():
        for field, values in (("name", (contact.name,)), ("aliases", contact.aliases)):
            for value in values:
                key = fold(value)
                owner = by_id.get(key)
                if owner is not None and owner != contact.id:
                    problems.append(_ambiguous(contact, field, value, [owner]))
                    continue
                ids = names.setdefault(key, [])
                if contact.id not in ids:
                    ids.append(contact.id)
    for key, ids in names.items():
        if len(ids) > 1 and key not in by_id:
            for contact_id in ids[1:]:
                contact = contacts[contact_id]
                field = "aliases" if key != fold(contact.name) else "name"
                problems.append(_ambiguous(contact, field, key, ids[:1]))
    result = {key: tuple(ids) for key, ids in names.items()}
    result.update({key: (contact_id,) for key, contact_id in by_id.items()})
    return result, problems


def _ambiguous(contact: Contact, field: str, value: str, others: list[str]) -> Diagnostic:
    return Diagnostic.warning(
        contact.path,
        contact.lines.get(field, 1),
        "ambiguous-name",
        N_("{field} {value} also names {others}; links and lookups by it are ambiguous"),
        field=field,
        value=repr(value),
        others=", ".join(map(escaped, others)),
    )


# Why two contacts may be one person, and what to do: by what they share, or how their names differ.
_SHARE_EMAIL = N_("{first} and {second} ({path}) share the email {value}; the same person? Merge the notes")
_SHARE_PHONE = N_(
    "{first} and {second} ({path}) share the phone number {value}; the same person? Merge the notes"
)
_OTHER_ORDER = N_(
    "{first} and {second} ({path}) are the same words in another order; the same person? Merge the "
    "notes, keeping the other spelling as an alias"
)
_ONE_LETTER = N_(
    "{first} and {second} ({path}) differ by one letter; the same person? Merge the notes, keeping the "
    "other spelling as an alias"
)


def likely_duplicates(index: Index) -> list[Diagnostic]:
    """Pairs of contacts that may be one person with two notes: they share an email or a phone
    number, or their names are the same words in another order or one letter apart (ignoring
    case and accents). One warning per pair, on the note whose path comes first, at the line
    of the field they share. Two contacts with the same name are `ambiguous-name` already.

    Names are compared through the deletion neighbourhood of each (the name with each of its
    letters left out in turn): names one letter apart share one, so only they are compared,
    never every pair.
    """
    contacts = sorted(index.contacts.values(), key=lambda contact: contact.path)
    found: dict[frozenset[str], Diagnostic] = {}

    def warn(first: Contact, second: Contact, field: str, why: str, value: str = "") -> None:
        first, second = sorted((first, second), key=lambda contact: contact.path)
        pair = frozenset((first.id, second.id))
        if pair not in found:
            line = first.lines.get(field, 1)
            found[pair] = Diagnostic.warning(
                first.path,
                line,
                "likely-duplicate",
                why,
                first=escaped(first.name),
                second=escaped(second.name),
                path=escaped(second.path),
                **({"value": value} if value else {}),
            )

    for field, shared, key_of in (("email", _SHARE_EMAIL, email_key), ("phone", _SHARE_PHONE, phone_key)):
        owners: dict[str, tuple[Contact, str]] = {}
        for contact in contacts:
            for value in getattr(contact, field + "s"):
                key = key_of(value)
                if key is not None:
                    owner, written = owners.setdefault(key, (contact, value))
                    if owner is not contact:
                        warn(owner, contact, field, shared, escaped(written))
    by_words: dict[str, Contact] = {}
    by_name: dict[str, Contact] = {}
    for contact in contacts:
        first = by_words.setdefault(name_key(contact.name), contact)
        if fold(first.name) != fold(contact.name):
            warn(first, contact, "name", _OTHER_ORDER)
        by_name.setdefault(fold(contact.name), contact)
    for one, other in _one_letter_apart(list(by_name)):
        warn(by_name[one], by_name[other], "name", _ONE_LETTER)
    return list(found.values())


def _one_letter_apart(names: list[str]) -> list[tuple[str, str]]:
    """The pairs of `names` one letter apart, but for short names and those with a digit (a
    number in a name tells two people apart on purpose: `Anna 1`, `Anna 2`)."""
    neighbourhood: dict[str, list[str]] = {}
    for name in names:
        if not spelled_alike_possible(name):
            continue
        for variant in {name, *(name[:at] + name[at + 1 :] for at in range(len(name)))}:
            neighbourhood.setdefault(variant, []).append(name)
    pairs: dict[tuple[str, str], None] = {}
    for alike in neighbourhood.values():
        for at, one in enumerate(alike):
            for other in alike[at + 1 :]:
                if one_edit_apart(one, other):
                    pairs[(one, other)] = None
    return list(pairs)


def _unreadable(path: str, exc: OSError, config: Config) -> Note:
    """A note that cannot be read; in a contacts folder, still a contact (marked incomplete), so
    that it is named in reports and found by commands rather than silently missing."""
    problem = Diagnostic.error(
        path, 1, "unreadable", N_("cannot read the file: {problem}"), problem=exc.strerror
    )
    return _unread(path, problem, config)


def _unparsed(path: str, exc: Exception, config: Config) -> Note:
    """A note that parse_note failed on: a bug, said as such, for this note alone."""
    error = f"{type(exc).__name__}: {exc}"
    error = error if len(error) <= 200 else error[:199] + "…"
    problem = Diagnostic.error(
        path,
        1,
        "parse-failed",
        N_("vaultkit failed to read this note ({error}); please report this bug"),
        error=error,
    )
    return _unread(path, problem, config)


def _unread(path: str, problem: Diagnostic, config: Config) -> Note:
    stem = note_id(path)
    found_by = contact_reason(path, {}, (), config)
    contact = Contact(stem, path, stem, found_by=found_by, incomplete=True) if found_by else None
    return Note(path, stem, None, contact, {}, (), (problem,))
