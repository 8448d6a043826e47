"""The review in the terminal: one person at a time, the brief, a choice, the write at once.

Every write goes through the safe editor as `set`, `snooze` and `log` do, the moment it is
decided: a review left half-way (q, Ctrl-C, the end of the input) keeps what was decided. A
write the editor refuses is said, and the review goes on with the next person.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

import click

from vaultkit.cli.output import text_style
from vaultkit.cli.session import Session
from vaultkit.cli.writing import change_line, nothing_to_change
from vaultkit.edit import (
    Edit,
    NewLogEntry,
    add_log_entry,
    check_target,
    field_value,
    new_log_entry,
    newest_first,
    read,
    set_field,
    snooze,
    snooze_date,
    write,
)
from vaultkit.errors import EXIT_INTERRUPTED, VaultkitError
from vaultkit.index import incomplete_contacts
from vaultkit.language import N_, _, date_text, n_
from vaultkit.parse.note import KIND_WORD
from vaultkit.render import text_pieces
from vaultkit.render.speech import review as speech
from vaultkit.reports.brief import brief
from vaultkit.reports.review import Candidate, Review
from vaultkit.words import listed

T = TypeVar("T")
Choice = Literal["keep", "snooze", "reserve", "archive", "log", "skip", "quit"]

# Each choice as the prompt shows it, its key in brackets: the key is the letter the language
# puts there (`[b]ehalten`), so a translation chooses its own keys.
LABELS: dict[Choice, str] = {
    "keep": N_("[k]eep"),
    "snooze": N_("[s]nooze"),
    "reserve": N_("on [r]eserve"),
    "archive": N_("[a]rchive"),
    "log": N_("[l]og a contact"),
    "skip": N_("[n]ext"),
    "quit": N_("[q]uit"),
}
# A key in brackets, as LABELS write it.
_KEY = re.compile(r"\[(.)\]")
# Typed as the log's first word with a colon: the kind of contact (`call: …`), as the log reads it.
_KIND_FIRST = re.compile(rf"({KIND_WORD.pattern}):\s+(.+)")

# What the summary lists, in this order; `refused`: a write the editor refused.
Outcome = Literal["keep", "snooze", "reserve", "archive", "log", "skip", "refused"]
_SUMMARY: dict[Outcome, str] = {
    "keep": N_("Kept ({count}): {names}"),
    "snooze": N_("Snoozed ({count}): {names}"),
    "reserve": N_("On reserve ({count}): {names}"),
    "archive": N_("Archived ({count}): {names}"),
    "log": N_("Contact logged ({count}): {names}"),
    "skip": N_("Skipped ({count}): {names}"),
    "refused": N_("Not written ({count}): {names}"),
}


class EndOfInput(Exception):
    """The input ended: the review stops as if quit."""


@dataclass
class Decisions:
    """What the review decided so far, in order, and the changes written (or, in a dry run,
    that would have been)."""

    dry_run: bool
    outcomes: dict[Outcome, list[str]] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    seen: int = 0

    def add(self, outcome: Outcome, name: str) -> None:
        self.outcomes.setdefault(outcome, []).append(name)


def keys() -> dict[str, Choice]:
    """The keys of the language spoken; the English ones too where they mean nothing else."""
    own = {_key(_(label)): choice for choice, label in LABELS.items()}
    english = {_key(label): choice for choice, label in LABELS.items()}
    return {**{key: choice for key, choice in english.items() if key not in own}, **own}


def _key(label: str) -> str:
    found = _KEY.search(label)
    return found[1].lower() if found else label[:1].lower()


def run_review(session: Session, found: Review, today: date, dry_run: bool) -> None:
    """Go through `found`, one person at a time, and say at the end what was decided."""
    decisions = Decisions(dry_run)
    if not found.candidates:
        click.echo(_("Nobody is up for review on {day}.").format(day=date_text(today)))
        return
    session.tell_reading_problems()
    total = len(found.candidates)
    interrupted = False
    try:
        for number, candidate in enumerate(found.candidates, 1):
            if _one_person(session, candidate, number, total, today, decisions) == "quit":
                break
            decisions.seen = number
    except EndOfInput:
        click.echo()
    except KeyboardInterrupt:
        click.echo()
        interrupted = True
    _summary(session, decisions, found, today)
    if interrupted:
        click.get_current_context().exit(EXIT_INTERRUPTED)


def _one_person(
    session: Session, candidate: Candidate, number: int, total: int, today: date, decisions: Decisions
) -> Choice:
    heading = _("── {number} of {total}: {name} ──").format(number=number, total=total, name=candidate.name)
    click.echo(_bold(session, heading))
    click.echo(speech.reasons(candidate))
    click.echo()
    click.echo(_brief_text(session, candidate, today), nl=False)
    click.echo()
    while True:
        choice = _ask_choice()
        if choice == "quit":
            return choice
        if choice == "skip":
            decisions.add("skip", candidate.name)
        elif not _decide(session, candidate, choice, today, decisions):
            continue
        click.echo()
        return choice


def _brief_text(session: Session, candidate: Candidate, today: date) -> str:
    """What `vaultkit show` prints of the person."""
    colour, width = text_style(session.terminal)
    shown = brief(session.index, session.activity(today), session.config, candidate.contact)
    incomplete = incomplete_contacts(session.index)
    return "".join(text_pieces(shown, "brief", "text", session.root, colour, today, width, incomplete))


def _ask_choice() -> Choice:
    options = ", ".join(_(label) for label in LABELS.values())
    known = keys()
    while True:
        answer = _ask(_("{options}: ").format(options=options)).strip().lower()
        if answer in known:
            return known[answer]
        said = listed([_key(_(label)) for label in LABELS.values()], "or")
        click.echo(_("Type one of the letters in brackets: {keys}.").format(keys=said))


def _ask(prompt: str) -> str:
    """One line typed after `prompt`; EndOfInput when there is none. Piped in, the answer is
    shown after the prompt, so that what was typed reads in the transcript."""
    click.echo(prompt, nl=False)
    stdin = sys.stdin  # one stream for the whole review: a wrapper made per line would read ahead
    line = stdin.readline()
    if not line:
        raise EndOfInput
    if not stdin.isatty():
        click.echo(line.rstrip("\n"))
    return line.rstrip("\r\n")


def _decide(
    session: Session, candidate: Candidate, choice: Choice, today: date, decisions: Decisions
) -> bool:
    """Plan and write the edit `choice` asks for; False to ask again (nothing typed where a
    date or text was asked for)."""
    name = candidate.name
    try:
        if choice == "snooze":
            until = _asked(
                _("Snooze until when? A duration or a date (2w, 3 Wochen, 21.12.2026): "),
                lambda text: snooze_date(text, today),
            )
            if until is None:
                return False
            _write(
                session,
                candidate,
                lambda data: snooze(candidate.path, data, until, session.config),
                decisions,
            )
            decisions.add("snooze", _("{name} until {day}").format(name=name, day=date_text(until)))
        elif choice == "log":
            entry = _asked(_("What happened? (call: talked about …): "), lambda text: _log_entry(text, today))
            if entry is None:
                return False
            vault_order = newest_first(c.log for c in session.index.contacts.values())
            _write(
                session,
                candidate,
                lambda data: add_log_entry(candidate.path, data, entry, session.config, vault_order),
                decisions,
            )
            decisions.add("log", name)
        else:
            key, value = {
                "keep": ("reviewed", today.isoformat()),
                "reserve": ("status", "reserve"),
                "archive": ("status", "archived"),
            }[choice]
            checked = field_value(key, value, session.config, session.property_types.of(key), today)
            _write(
                session,
                candidate,
                lambda data: set_field(candidate.path, data, key, checked, session.config),
                decisions,
            )
            decisions.add(choice, name)  # type: ignore[arg-type]
    except VaultkitError as exc:
        for line in exc.messages(_):
            click.echo(line, err=True)
        click.echo(_("Nothing was written for {name}; on to the next.").format(name=name))
        decisions.add("refused", name)
    return True


def _asked(prompt: str, check: Callable[[str], T]) -> T | None:
    """What `check` makes of the line typed after `prompt`, asked again while it refuses it;
    None when nothing is typed."""
    while True:
        text = _ask(prompt).strip()
        if not text:
            return None
        try:
            return check(text)
        except VaultkitError as exc:
            click.echo(str(exc))


def _log_entry(text: str, today: date) -> NewLogEntry:
    """The log entry typed: `call: talked about …` has the kind `call`."""
    typed = _KIND_FIRST.fullmatch(text)
    if typed:
        return new_log_entry(None, today, typed[2], typed[1])
    return new_log_entry(None, today, text)


def _write(
    session: Session, candidate: Candidate, plan: Callable[[bytes], Edit], decisions: Decisions
) -> None:
    """Plan the edit on the note as it is now and write it (in a dry run, only check it could
    be); say what changed."""
    edit = plan(read(session.root, candidate.path))
    linked = session.config.linked_folders
    if not edit.changed:
        click.echo(nothing_to_change(edit))
        return
    said = _said(edit)
    if decisions.dry_run:
        check_target(session.root, edit, linked)
        click.echo(_("dry run, not written: {change}").format(change=said))
    else:
        write(session.root, edit, linked)
        click.echo(said)
    decisions.changes.append(said)


def _said(edit: Edit) -> str:
    if edit.log_entry is not None:
        return _("logged {entry} in {path}").format(entry=edit.log_entry, path=edit.path)
    return change_line(edit)


def _bold(session: Session, text: str) -> str:
    colour, _width = text_style(session.terminal)
    return click.style(text, bold=True) if colour else text


def _summary(session: Session, decisions: Decisions, found: Review, today: date) -> None:
    total = len(found.candidates)
    heading = n_(
        "Review on {day}: {seen} of {total} person gone through.",
        "Review on {day}: {seen} of {total} people gone through.",
        total,
    ).format(day=date_text(today), seen=decisions.seen, total=total)
    click.echo(_bold(session, heading))
    for outcome, line in _SUMMARY.items():
        names = decisions.outcomes.get(outcome)
        if names:
            click.echo("  " + _(line).format(count=len(names), names=", ".join(names)))
    left = [c.name for c in found.candidates[decisions.seen :]]
    if left:
        click.echo(
            "  " + _("Still to review ({count}): {names}").format(count=len(left), names=", ".join(left))
        )
    if found.total > total:
        more = found.total - total
        click.echo(
            "  "
            + n_("{count} more is up for review.", "{count} more are up for review.", more).format(count=more)
        )
    if decisions.dry_run:
        if decisions.changes:
            click.echo(_("Dry run: nothing was written. The review would have written:"))
            for change in decisions.changes:
                click.echo("  " + change)
        else:
            click.echo(_("Dry run: nothing was written, and nothing would have been."))
