"""The only module that writes notes: surgical, verified, atomic.

An edit changes the note's text line by line (see `notetext`), never by re-serialising YAML:
the value on a key's own line is replaced, or a `key: value` line is inserted before the
closing `---`, or a log entry is inserted into the log. Where that is not safe (the key is set
twice, its value spans lines or is a list, the note cannot be read completely) the edit is
refused. Before anything is written, the new text is parsed again and must hold the old front
matter plus exactly the intended change, the old body plus exactly the new log entry.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from vaultkit import atomic
from vaultkit.boundary import link_out_of_vault
from vaultkit.config import Config
from vaultkit.edit import yamltext
from vaultkit.edit.contact_template import ContactTemplate, ContactTemplateError
from vaultkit.edit.fieldinput import NewLogEntry, checked_tag, file_stem, log_line, one_line
from vaultkit.edit.logplace import log_insertion
from vaultkit.edit.notesplace import escaped_text, notes_insertion
from vaultkit.edit.notetext import NoteText, ValueLine
from vaultkit.edit.yamltext import Scalar
from vaultkit.errors import EXIT_FAILED, LocatedError
from vaultkit.fields import field_for
from vaultkit.language import N_, _
from vaultkit.model import Index
from vaultkit.parse.frontmatter import FrontMatterError
from vaultkit.parse.note import has_any_tag, kind_meaning, parse_note
from vaultkit.parse.tags import tags_of
from vaultkit.values import GERMAN_DATE, fold, link_target, same_name, shared_file_name


class EditRefused(LocatedError):
    """The note cannot be changed safely; nothing was written."""

    exit_code = EXIT_FAILED
    consequence = N_("nothing was written")

    @property
    def path(self) -> str:
        return self.where


@dataclass(frozen=True)
class Change:
    key: str
    # As the front matter shows them; None: not set, or set to nothing.
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Edit:
    """A planned write: the note's bytes before (None: a new note) and after."""

    path: str  # vault-relative, POSIX
    before: bytes | None
    after: bytes
    changes: tuple[Change, ...] = ()
    log_entry: str | None = None

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff of the text, as `git diff` shows it."""
        before = [] if self.before is None else _display_lines(self.before)
        lines = difflib.unified_diff(
            before,
            _display_lines(self.after),
            "/dev/null" if self.before is None else f"a/{self.path}",
            f"b/{self.path}",
            lineterm="",
        )
        return "".join(line + "\n" for line in lines)


def read(root: Path, path: str) -> bytes:
    try:
        return (root / path).read_bytes()
    except OSError as exc:
        raise EditRefused(
            path, None, _("cannot read the note: {reason}").format(reason=exc.strerror)
        ) from None


def write(root: Path, edit: Edit, linked_folders: tuple[str, ...] = ()) -> None:
    """Write atomically; refuses (see `check_target`) a note behind a link out of the vault (but
    in the `linked_folders`) or a read-only one, a note that changed on disk since `edit.before`
    was read, even while being written, and a write the file system refuses."""
    check_target(root, edit, linked_folders)
    try:
        if edit.before is None:
            _create(root, edit)
        else:
            atomic.replace(root / edit.path, edit.after, expected=edit.before)
    except atomic.FileChanged as exc:
        raise EditRefused(edit.path, None, _changed_meanwhile(edit.path, exc.kept)) from None
    except atomic.ReadOnly:
        raise EditRefused(edit.path, None, _(_READ_ONLY)) from None
    except OSError as exc:
        raise EditRefused(
            edit.path, None, _("cannot write the note: {reason}").format(reason=exc.strerror or exc)
        ) from None


def check_target(root: Path, edit: Edit, linked_folders: tuple[str, ...] = ()) -> None:
    """Refuse (EditRefused) a write that would go through a link out of the vault, or into a
    read-only note; a dry run asks too, so that it says what the write would say."""
    link = link_out_of_vault(root, root / edit.path, linked_folders)
    if link == edit.path:
        raise EditRefused(
            edit.path,
            None,
            _(
                "is a link to a file outside the vault; vaultkit does not write through it (name the "
                "folder in [contacts] linked_folders if you linked it on purpose)"
            ),
        )
    if link is not None:
        raise EditRefused(
            edit.path,
            None,
            _(
                "is in {link}, a link to a folder outside the vault; vaultkit does not write through "
                "it (name the folder in [contacts] linked_folders if you linked it on purpose)"
            ).format(link=link),
        )
    if edit.before is not None and atomic.is_read_only(root / edit.path):
        raise EditRefused(edit.path, None, _(_READ_ONLY))


_READ_ONLY = N_(
    "the note is read-only, so vaultkit leaves it as it is (make it writable to let vaultkit change it)"
)


def _changed_meanwhile(path: str, kept: Path | None) -> str:
    if kept is None:
        return _(
            "the note changed on disk after vaultkit read it (saved in an editor?); run the command again"
        )
    folder = path.rpartition("/")[0]
    return _(
        "the note changed on disk twice while vaultkit wrote it (saved in an editor?); it holds the "
        "first save, and the second is kept in {file}: compare them, then run the command again"
    ).format(file=f"{folder + '/' if folder else ''}{kept.name}")


def _create(root: Path, edit: Edit) -> None:
    target = root / edit.path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        folder = target.parent.relative_to(root).as_posix()
        raise EditRefused(
            edit.path,
            None,
            _("cannot create the folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            ),
        ) from None
    try:
        atomic.write_new(target, edit.after)
    except FileExistsError:
        raise EditRefused(edit.path, None, _("a file with this name already exists")) from None


def set_field(path: str, data: bytes, key: str, value: Scalar, config: Config) -> Edit:
    """Set one scalar front-matter key (`value` from `field_value`)."""
    editor = _Editor(path, data, config)
    return editor.finish(changes=(editor.set(key, value),))


def merge_fields(
    path: str,
    data: bytes,
    config: Config,
    *,
    fill: dict[str, Scalar | list[str]],
    add: dict[str, list[str]],
    notes: Sequence[str] = (),
) -> Edit:
    """What an import brings to a known contact: the fields its note lacks (`fill`; a field
    that has a value is refused), the items its lists lack (`add`: a second email, an alias),
    and `notes` lines at the end of its `## Notes` section."""
    editor = _Editor(path, data, config)
    changes = []
    for key, value in fill.items():
        if editor.current(key) not in (None, "", []):
            raise editor.refuse(
                None, _("{key} already has a value; vaultkit fills only empty fields").format(key=key)
            )
        changes.append(editor.set(key, value))
    changes += [editor.add_to_list(key, items) for key, items in add.items() if items]
    if notes:
        editor.add_notes(notes)
    return editor.finish(changes=tuple(change for change in changes if change.old != change.new))


def snooze(path: str, data: bytes, until: date, config: Config) -> Edit:
    editor = _Editor(path, data, config)
    change = editor.set("snooze_until", _date_like(editor.current("snooze_until"), until))
    return editor.finish(changes=(change,))


def add_log_entry(
    path: str, data: bytes, entry: NewLogEntry, config: Config, vault_newest_first: bool = False
) -> Edit:
    """Insert the entry into the log and move `last_contact` to its date if that is later than
    the note's last_contact and every entry of its log; an entry the log already holds changes
    nothing. A log too short to show its order
    takes the vault's (`logplace.newest_first`)."""
    line = log_line(entry, config)
    editor = _Editor(path, data, config)
    before = parse_note(path, data, config).contact
    if before is None:
        raise EditRefused(path, None, _("is not a contact note"))
    key = editor.spelling("last_contact")
    current = editor.current("last_contact")
    if before.last_contact is None and current not in (None, ""):
        raise EditRefused(
            path,
            editor.text.key_lines.get(key),
            _("{key} is not a date ({value!r}); fix it, then log again").format(key=key, value=current),
        )
    new = _as_read(line, entry, config)
    if (new[0], kind_meaning(new[1]), *new[2:]) in {
        (e.date, kind_meaning(e.kind), e.text, e.gave, e.got) for e in before.log
    }:
        return Edit(path, data, data, (Change("log", line, line),), log_entry=line)  # already logged
    index, marker, heading = log_insertion(editor.text, config.log_heading, entry.date, vault_newest_first)
    editor.insert_body(index, [*heading, f"{marker} {line}"])
    # "Never backwards" against all the note knows: an empty last_contact next to a log with
    # later entries stays empty rather than getting an older date.
    known = [day for day in (before.last_contact, *(e.date for e in before.log)) if day]
    if not known or entry.date > max(known):
        change = editor.set(key, _date_like(current, entry.date))
    else:
        change = Change(key, _display(current), _display(current))
    edit = editor.finish(changes=(change,), log_entry=line)
    _verify_log(edit, before.log, entry, line, config)
    return edit


def new_contact(
    index: Index,
    config: Config,
    name: str,
    *,
    tags: list[str],
    fields: Sequence[tuple[str, Scalar | list[str]]],
    today: date,
    template: ContactTemplate,
    time_of_day: time | None = None,
    notes: Sequence[str] = (),
) -> Edit:
    """A new note in the contacts folder, filled in from the template, with the name, the
    template's tags and `tags`, `fields` (from `field_value`) in place of what the template
    says of them, and `notes` lines under a `## Notes` heading; the template's `{{time}}` is
    `time_of_day` (midnight when not given). Refuses if the name, an alias or the file name is
    taken."""
    name = one_line(name, _("the name"))
    stem = file_stem(name)
    for text in dict.fromkeys((name, stem)):
        if taken := same_name(index, text):
            paths = ", ".join(index.contacts[contact_id].path for contact_id in taken)
            clashes = "".join(
                _("; {clash}: rename one of them").format(clash=clash)
                for contact_id in taken
                if (clash := shared_file_name(index, contact_id))
            )
            raise EditRefused(
                paths,
                None,
                _("{name!r} is already this contact's file name, name or alias{clashes}").format(
                    name=text, clashes=clashes
                ),
            )
    if not config.contact_folders:
        raise EditRefused(".vaultkit.toml", None, _("no contacts folder is configured ([contacts] folders)"))
    path = f"{_folder_for_new_contacts(index, config)}/{stem}.md"
    if (Path(index.root) / path).exists():
        raise EditRefused(path, None, _("a file with this name already exists"))
    tags = [checked_tag(tag) for tag in tags]
    rendered = template.render(stem, datetime.combine(today, time_of_day or time()))
    editor = _Editor(path, rendered.encode("utf-8"), config)
    try:
        changes = [editor.set("name", name)] if (editor.current("name") or stem) != name else []
        changes += [editor.set_default(key, value) for key, value in fields]
        changes += [editor.add_to_list("tags", tags)] if tags else []
        if notes:
            editor.add_notes(notes)
        edit = editor.finish(changes=tuple(c for c in changes if c.old != c.new), new=True)
    except EditRefused as exc:
        # The new note's lines are the template's until the closing `---`, so the line is its line.
        raise ContactTemplateError(template.origin, exc.line, exc.message) from None
    if parse_note(path, edit.after, config).contact is None:
        raise ContactTemplateError(template.origin, None, _("the note it makes is not read as a contact"))
    return edit


def _folder_for_new_contacts(index: Index, config: Config) -> str:
    """The configured contacts folder; where it does not exist, the folder the vault keeps its
    contacts in (`Contacts/` in a vault a vCard plugin writes), so a new note joins them."""
    first = config.contact_folders[0]
    if (Path(index.root) / first).is_dir():
        return first
    folders = Counter(
        contact.found_by.removeprefix("folder ")
        for contact in index.contacts.values()
        if contact.found_by.startswith("folder ")
    )
    return folders.most_common(1)[0][0] if folders else first


class _Editor:
    """One note's text being edited, with the front matter it must end up holding."""

    def __init__(self, path: str, data: bytes, config: Config):
        self.path = path
        self.config = config
        self.before = data
        try:
            self.text = NoteText.parse(data)
        except FrontMatterError as exc:
            raise self.refuse(
                exc.line,
                _(
                    "{problem}; vaultkit edits only notes it can read completely (vaultkit check says why)"
                ).format(problem=exc.message),
            ) from None
        self.expected: dict[Any, Any] = dict(self.text.data)
        self.body = self.text.body

    def refuse(self, line: int | None, message: str) -> EditRefused:
        return EditRefused(self.path, line, message)

    def spelling(self, field: str) -> str:
        """The key the note uses for a vaultkit field (`last contact`…), else the field's name."""
        keys = self._keys(field)
        return keys[0] if keys else field

    def current(self, field: str) -> Any:
        keys = self._keys(field)
        return self.text.data[keys[-1]] if keys else None

    def _keys(self, field: str) -> list[str]:
        aliases = self.config.field_aliases
        field = field_for(field, aliases) or field
        return [
            key
            for key in self.text.data
            if isinstance(key, str) and (field_for(key, aliases) or key) == field
        ]

    def set(self, key: str, value: Scalar | list[str]) -> Change:
        """Set `key` (or the note's own spelling of its field) to `value`.

        A list is written only where the key is missing or empty: vaultkit never rewrites a
        list a person keeps.
        """
        if isinstance(value, list):
            return self._fill_list(key, value)
        keys = self._keys(key)
        if len(keys) > 1:
            lines = [self.text.key_lines.get(k) for k in keys]
            raise self.refuse(
                lines[1],
                _(
                    "{key!r} (line {line}) and {other!r} (line {other_line}) set the same field; keep one, then try again"
                ).format(key=keys[0], line=lines[0], other=keys[1], other_line=lines[1]),
            )
        if not keys:
            return Change(key, None, None) if value is None else self._insert(key, value)
        return self._replace(keys[0], value)

    def set_default(self, key: str, value: Scalar | list[str]) -> Change:
        """Set `key` on a note made from a template, whose values are defaults: an empty list
        there takes a single value as its one item."""
        keys = self._keys(key)
        if keys and self.text.data[keys[0]] == [] and not isinstance(value, list) and value is not None:
            return self._fill_list(key, [str(value)])
        return self.set(key, value)

    def add_to_list(self, key: str, items: list[str]) -> Change:
        """Add the `items` a list lacks (ignoring case) to its end, in the list's own style: on
        its line (`[a, b]`) or as `- item` lines below the key; text (`tags: a, b`) becomes a list."""
        keys = self._keys(key)
        current = self.text.data[keys[0]] if keys else None
        if current in (None, "", []):
            return self._fill_list(key, items)
        key, line = keys[0], self.text.key_lines.get(keys[0])
        if isinstance(current, list):
            known = current
        elif isinstance(current, str) and field_for(key, self.config.field_aliases) == "tags":
            known = list(tags_of(current))
        else:  # `email: a@example.org` and a second one: the value becomes the list's first item
            known = [current]
        if line is None or isinstance(current, dict):
            raise self.refuse(
                line, _("{key} holds neither a list nor text; vaultkit adds only to a list").format(key=key)
            )
        if any(isinstance(item, (list, dict)) for item in known):
            raise self.refuse(
                line,
                _(
                    "{key} holds a list inside its list ([[Anna]] without quotes is one, to YAML); "
                    'put each item in quotes ("[[Anna]]"), then try again'
                ).format(key=key),
            )
        added = [item for item in items if fold(item) not in {fold(str(k)) for k in known}]
        if not added and known == [current]:
            same = yamltext.flow_list([str(current)])
            return Change(key, same, same)  # nothing to add: a single value stays as it is
        parts = ValueLine.parse(self.text.content(line - 1))
        if parts is not None and parts.token and not self._continues(line - 1):
            # Rewritten on its line, every item is text: flow_list quotes what YAML would read
            # as a number or a date (a phone written as 4915112345678).
            rewritten = [*map(str, known), *added]
            self.text.replace(line - 1, parts.with_value(yamltext.flow_list(rewritten)))
            self.expected[key] = rewritten
        elif added:
            self._append_items(line, added)
            self.expected[key] = [*known, *added]
        before = [str(item) for item in known]
        return Change(key, yamltext.flow_list(before), yamltext.flow_list([*before, *added]))

    def _append_items(self, line: int, items: list[str]) -> None:
        """Insert `- item` lines after the block list below the key on `line`."""
        assert self.text.closing is not None
        below = []
        for index in range(line, self.text.closing):  # the lines after the key's
            content = self.text.content(index)
            if content.strip() and not content.lstrip().startswith("#"):
                if content[0] not in " \t-":
                    break
                below.append(index)
        first = re.match(r"[ \t]*-[ \t]+", self.text.content(below[0])) if below else None
        if first is None:
            raise self.refuse(
                line, _("vaultkit adds to a list only on its line ([a, b]) or as `- item` lines")
            )
        self.text.insert(below[-1] + 1, [first.group() + yamltext.scalar(item) for item in items])

    def _fill_list(self, key: str, items: list[str]) -> Change:
        keys = self._keys(key)
        if not keys:
            if self.text.closing is None:
                self.text.add_front_matter()
            assert self.text.closing is not None
            key = self._new_key(key)
            self.text.insert(self.text.closing, [f"{key}: {yamltext.flow_list(items)}"])
        else:
            line = self.text.key_lines.get(keys[0])
            parts = ValueLine.parse(self.text.content(line - 1)) if line else None
            filled = self.text.data[keys[0]] not in (None, "", [])
            if filled or line is None or parts is None or self._continues(line - 1):
                raise self.refuse(
                    line, _("{key} already has a value; vaultkit fills only empty fields").format(key=keys[0])
                )
            self.text.replace(line - 1, parts.with_value(yamltext.flow_list(items)))
            key = keys[0]
        self.expected[key] = list(items)
        return Change(key, None, yamltext.flow_list(items))

    def _new_key(self, key: str) -> str:
        """`key` as this note writes its keys: `How Met` in a note of Title Case keys (`Last
        Contact`, `Email`), as written everywhere else."""
        keys = [k for k in self.text.data if isinstance(k, str)]
        title_case = len(keys) >= 2 and all(
            k[:1].isupper() and not k.isupper() and "_" not in k and "-" not in k for k in keys
        )
        return key.replace("_", " ").title() if title_case and field_for(key, {}) == key else key

    def _insert(self, key: str, value: Scalar) -> Change:
        if self.text.closing is None:
            self.text.add_front_matter()
        assert self.text.closing is not None
        key = self._new_key(key)
        self.text.insert(self.text.closing, [f"{key}: {yamltext.scalar(value)}"])
        self.expected[key] = value
        return Change(key, None, _display(value))

    def _replace(self, key: str, value: Scalar) -> Change:
        line = self.text.key_lines.get(key)
        for duplicate, first, again in self.text.duplicates:
            if duplicate == key:
                raise self.refuse(
                    again,
                    _("{key} is set twice (lines {first} and {again}); keep one, then try again").format(
                        key=key, first=first, again=again
                    ),
                )
        if line is None:
            raise self.refuse(None, _("cannot find the line that sets {key}").format(key=key))
        old = self.text.data[key]
        if isinstance(old, (list, dict)):
            if isinstance(old, list):
                message = _("{key} holds a list; vaultkit changes only single values")
            else:
                message = _("{key} holds nested keys; vaultkit changes only single values")
            raise self.refuse(line, message.format(key=key))
        if type(old) is type(value) and old == value:
            return Change(key, _display(old), _display(old))
        parts = ValueLine.parse(self.text.content(line - 1))
        if parts is None or self._continues(line - 1):
            raise self.refuse(
                line,
                _("the value of {key} spans several lines; vaultkit changes only one-line values").format(
                    key=key
                ),
            )
        if parts.token[:1] in ("&", "*", "!", "|", ">"):
            raise self.refuse(
                line,
                _(
                    "the value of {key} uses a YAML anchor, alias, tag or block (& * ! | >); vaultkit leaves it to you"
                ).format(key=key),
            )
        if not _reads_as(parts.token, old):
            raise self.refuse(line, _("the value of {key} is not a plain one-line value").format(key=key))
        self.text.replace(line - 1, parts.with_value(yamltext.scalar(value, parts.style)))
        self.expected[key] = value
        return Change(key, _display(old), _display(value))

    def _continues(self, index: int) -> bool:
        """True if the value on front-matter line `index` goes on over the next lines."""
        assert self.text.closing is not None
        for following in range(index + 1, self.text.closing):
            line = self.text.content(following)
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            return line[0] in " \t" or line.startswith("- ") or line.rstrip() == "-"
        return False

    def add_notes(self, lines: Sequence[str]) -> None:
        index, before, after = notes_insertion(self.text, self.config.log_heading)
        self.insert_body(index, [*before, *escaped_text(list(lines), self.config.log_heading), *after])

    def insert_body(self, index: int, contents: list[str]) -> None:
        self.text.insert(index, contents)
        self.body = self.text.body

    def finish(
        self, changes: tuple[Change, ...] = (), log_entry: str | None = None, new: bool = False
    ) -> Edit:
        """Check the new text reads back as intended, and return the edit."""
        after = self.text.to_bytes()
        try:
            reread = NoteText.parse(after)
        except FrontMatterError as exc:
            raise self.refuse(
                exc.line,
                _("the edit would leave the note unreadable ({problem}); please report this").format(
                    problem=exc.message
                ),
            ) from None
        if repr(list(reread.data.items())) != repr(list(self.expected.items())):
            raise self.refuse(
                None, _("the edit would change more of the front matter than intended; please report this")
            )
        if reread.body != self.body or reread.bom != self.text.bom:
            raise self.refuse(
                None, _("the edit would change the note's text beyond the intended lines; please report this")
            )
        return Edit(self.path, None if new else self.before, after, changes, log_entry)


def _reads_as(token: str, value: Any) -> bool:
    try:
        alone = yamltext.read_value(token)
    except ValueError:
        return False
    return type(alone) is type(value) and alone == value


def _verify_log(edit: Edit, old_log: tuple, entry: NewLogEntry, line: str, config: Config) -> None:
    contact = parse_note(edit.path, edit.after, config).contact
    expected = _as_read(line, entry, config)
    found = [(e.date, e.kind, e.text, e.gave, e.got) for e in (contact.log if contact else ())]
    wanted = [(e.date, e.kind, e.text, e.gave, e.got) for e in old_log] + [expected]
    if sorted(found, key=repr) != sorted(wanted, key=repr):
        raise EditRefused(
            edit.path, None, _("the new log entry would not read back as written; please report this")
        )


def _as_read(line: str, entry: NewLogEntry, config: Config) -> tuple:
    text = line.split(" ", 1)[1]
    if entry.kind:
        text = text[len(entry.kind) + 2 :]
    return (
        entry.date,
        entry.kind,
        text,
        has_any_tag(text, config.gave_tags),
        has_any_tag(text, config.got_tags),
    )


def _date_like(current: Any, new: date) -> str:
    """`new` written the way the note writes this date: `[[2026-11-21]]`, `21.11.2026` or ISO."""
    if isinstance(current, str) and link_target(current) is not None:
        return f"[[{new.isoformat()}]]"
    if isinstance(current, str) and GERMAN_DATE.fullmatch(current.strip()):
        return f"{new.day:02d}.{new.month:02d}.{new.year}"
    return new.isoformat()


def _display(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return yamltext.scalar(value) or None
    return str(value)


def _display_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]
