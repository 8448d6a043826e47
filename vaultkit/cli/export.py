"""`vaultkit export`: every contact as vCard, CSV, Excel's CSV, JSON, or a vdir to sync."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click

from vaultkit.cli.output import output_option, today_option, write_output
from vaultkit.cli.session import Session
from vaultkit.errors import VaultkitError
from vaultkit.language import N_, _
from vaultkit.words import escaped, printed_json

FORMATS = ("vcard", "csv", "excel", "json", "vdir")


@click.command(
    "export",
    help=N_(
        "Export every contact as vCard, CSV or JSON, or keep a vdir folder in step.\n\n"
        "--format excel is the CSV as German Excel opens it. Cards carry each note's `uid` (or one "
        "derived from the note's name) and no timestamps: the same vault exports the same bytes, so "
        "an address book updates its cards instead of adding them twice.\n\n"
        "With --format vdir, DIR holds one card per contact, for vdirsyncer to sync with a phone's "
        "address book; a card is written atomically and only when it changes, and "
        "DIR/.vaultkit-cards.json lists the cards vaultkit wrote there. A card that is not one of "
        "those as vaultkit wrote it (the phone's, or one the phone changed, whatever its PRODID) is "
        "never removed, and is overwritten only when vaultkit's card loses nothing of it: no photo, "
        "logo, sound or key, nothing vaultkit cannot read, and every value of it, exactly as written "
        "(case and accents count), also in vaultkit's card. A card vaultkit writes carries no TYPE "
        "labels (TYPE=CELL, TYPE=WORK), so those are not counted. Else the card is left alone and "
        "named with what vaultkit's card would lose and what to do: change the note or the phone "
        "(`vaultkit import` brings in what the note lacks), or export with --replace-changed-cards to "
        "write the vault's card over it all the same.\n\n"
        "A card vaultkit wrote is removed when its contact is gone from the vault, but none is when "
        "more than three of them, and more than half of those vaultkit wrote in DIR, would go at "
        "once (the wrong vault looks like that; --remove-gone removes them all the same), and a vault "
        "with no contacts changes nothing in DIR. A card vaultkit wrote that was deleted from DIR "
        "since (on the phone) is not written again, unless --restore-deleted. A .vcf file that "
        "cannot be read is left alone, and no new card is written while it may be that one. DIR is "
        "created if missing; other files in it are left as they are."
    ),
)
@click.argument("folder", metavar="[DIR]", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    required=True,
    help=N_(
        "vcard: vCard 4.0, one card per contact; "
        "csv: one row per contact (RFC 4180, UTF-8, comma-separated); "
        "excel: the same columns in German Excel's own CSV dialect (';' between cells, UTF-8 with "
        "BOM, CRLF), which it opens as columns with umlauts intact; "
        "json: the whole index (vaultkit.export/1); "
        "vdir: one .vcf file per contact in DIR, the folder vdirsyncer syncs with a CardDAV address book."
    ),
)
@click.option(
    "--remove-gone",
    is_flag=True,
    help=N_(
        "With --format vdir: remove the cards of contacts that are gone even when they are more "
        "than three and more than half of the cards vaultkit wrote in DIR."
    ),
)
@click.option(
    "--replace-changed-cards",
    "replace_changed",
    is_flag=True,
    help=N_(
        "With --format vdir: write the vault's card over cards changed since vaultkit wrote them, "
        "or not written by vaultkit, even when that loses what they hold (a photo, a value the note "
        "says otherwise); each such card is named with what it lost."
    ),
)
@click.option(
    "--restore-deleted",
    is_flag=True,
    help=N_(
        "With --format vdir: write again the cards vaultkit wrote that were deleted from DIR since "
        "(on the phone); without it they stay deleted."
    ),
)
@output_option
@today_option
@click.pass_obj
def export_command(
    session: Session,
    folder: str | None,
    fmt: str,
    output: Path | None,
    today: date,
    remove_gone: bool,
    replace_changed: bool,
    restore_deleted: bool,
) -> None:
    if fmt == "vdir":
        if folder is None:
            raise VaultkitError(_("--format vdir writes into a folder: give it as DIR"))
        if output is not None:
            raise VaultkitError(_("--format vdir writes into DIR, so --output does not go with it"))
        _export_vdir(session, folder, remove_gone, replace_changed, restore_deleted)
        return
    if remove_gone:
        raise VaultkitError(_("--remove-gone is for --format vdir, which removes cards from DIR"))
    if replace_changed:
        raise VaultkitError(_("--replace-changed-cards is for --format vdir, which writes cards into DIR"))
    if restore_deleted:
        raise VaultkitError(_("--restore-deleted is for --format vdir, which writes cards into DIR"))
    if folder is not None:
        raise VaultkitError(
            _(
                "DIR is for --format vdir; --format {format} writes to standard output or --output FILE"
            ).format(format=fmt)
        )
    from vaultkit.exchange.export import to_csv, to_excel_csv, to_json
    from vaultkit.exchange.vcard_out import to_vcard

    index = session.index
    text: str | Iterator[bytes]
    if fmt == "vcard":
        text = to_vcard(index)
    elif fmt == "csv":
        text = to_csv(index, session.activity(today))
    elif fmt == "excel":
        text = to_excel_csv(index, session.activity(today))
    else:
        text = printed_json(to_json(index, session.activity(today)))
    session.tell_reading_problems()
    write_output(text, output)


def _export_vdir(
    session: Session, folder: str, remove_gone: bool, replace_changed: bool, restore_deleted: bool
) -> None:
    from vaultkit.exchange.vdir import export_vdir

    shown = escaped(folder.rstrip("/") or folder)
    if not session.index.contacts:
        session.tell_reading_problems()  # why there are none; export_vdir refuses
    result = export_vdir(
        session.index,
        Path(folder),
        shown,
        remove_gone=remove_gone,
        replace_changed=replace_changed,
        restore_deleted=restore_deleted,
    )
    session.tell_reading_problems()
    for message in result.messages:
        click.echo(message, err=True)
    click.echo(result.summary(shown))
