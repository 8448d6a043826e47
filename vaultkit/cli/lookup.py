"""Finding the one contact a typed NAME means, for every command that takes one."""

from __future__ import annotations

from vaultkit import words
from vaultkit.cli.session import Session
from vaultkit.errors import EXIT_FAILED, VaultkitError
from vaultkit.language import _
from vaultkit.model import Contact, Index
from vaultkit.values import lookup, shared_file_name, word_start_matches


def find_contact(index: Index, name: str, *, by_word_start: bool = False) -> Contact:
    """The contact NAME means, by `vaultkit.values.lookup`: its file name, name or alias
    (ignoring case and accents), the same words in another order (`Groß, Jürgen`), or words
    of one contact's name alone (`Paul`).

    With `by_word_start` (for reading commands), NAME's words may also start a name's words:
    `hoff` finds Jürgen Hoffmann. Commands that write never guess that far. Unknown and
    ambiguous names are a VaultkitError that lists what NAME might mean.
    """
    ids = lookup(index, name, by_word_start=by_word_start)
    if not ids:
        close = word_start_matches(index, name)[:5]
        if close:
            message = _("no contact named {name!r}; did you mean {names}?").format(
                name=name, names=words.listed(close, "or")
            )
        else:
            message = _("no contact named {name!r}").format(name=name)
        raise VaultkitError(message, EXIT_FAILED)
    if len(ids) > 1:
        listed = "\n".join(f"  {index.contacts[i].name} ({index.contacts[i].path})" for i in ids)
        raise VaultkitError(
            _("{name!r} is ambiguous; it may mean:").format(name=name) + f"\n{listed}", EXIT_FAILED
        )
    return index.contacts[ids[0]]


def contact_to_read(session: Session, name: str) -> Contact:
    """The contact NAME means, for a command that reads: NAME's words may also start a name's
    words. Warns when another contact note has the same file name, which NAME may mean too, and
    for each error in the contact's note, since what could not be read is missing from the output."""
    index = session.index
    contact = find_contact(index, name, by_word_start=True)
    if clash := shared_file_name(index, contact.id):
        for path in index.left_out[contact.id]:
            session.named_note(path)
        session.warn(_("{name!r} is ambiguous: {clash}; rename one of them").format(name=name, clash=clash))
    for problem in index.diagnostics:
        if problem.path == contact.path and problem.severity == "error":
            session.named_note(problem.path)
            session.warn(
                _(
                    "{place}: {problem}; the note could not be read completely, so what is shown of "
                    "it may be incomplete (vaultkit check says why)"
                ).format(place=f"{problem.path}:{problem.line}", problem=problem.message)
            )
    return contact


def contact_to_edit(index: Index, name: str) -> Contact:
    """The contact NAME means, for a command that writes: never one whose file name another
    contact note has too, since a link or NAME may mean either."""
    contact = find_contact(index, name)
    if clash := shared_file_name(index, contact.id):
        raise VaultkitError(
            _("{name!r} is ambiguous: {clash}; rename one of them, then try again").format(
                name=name, clash=clash
            ),
            EXIT_FAILED,
        )
    return contact
