"""`vaultkit new`: create a contact note from the template."""

from __future__ import annotations

from datetime import date, datetime

import click

from vaultkit.cli.output import today_option
from vaultkit.cli.session import Session
from vaultkit.cli.writing import dry_run_option, finish
from vaultkit.edit import field_value, load_contact_template, new_contact
from vaultkit.errors import VaultkitError
from vaultkit.language import N_, _


@click.command(
    "new",
    help=N_(
        "Create a contact called NAME in the contacts folder.\n\n"
        "The note comes from the vault's contact template, Templates/Contact.md (or Contact.md in "
        "the templates folder Obsidian's settings name), else from the one vaultkit ships; {{title}}, "
        "{{date}} and {{time}} are filled in as Obsidian does. Refuses if NAME is already a contact's "
        "file name, name or alias (ignoring case and accents). The file name is NAME without "
        "characters Obsidian or Windows reject."
    ),
)
@click.argument("name")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help=N_("A tag (repeatable)."))
@click.option("--circle", help=N_("The circle, one of those in the config."))
@click.option(
    "--met",
    metavar="DATE",
    help=N_(
        "The day you met (YYYY-MM-DD); without it the note says none, since vaultkit does not invent one."
    ),
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="KEY=VALUE",
    help=N_("Set another single-value field (repeatable), e.g. --field role=Malerin."),
)
@dry_run_option
@today_option
@click.pass_obj
def command(
    session: Session,
    name: str,
    tags: tuple[str, ...],
    circle: str | None,
    met: str | None,
    fields: tuple[str, ...],
    dry_run: bool,
    today: date,
) -> None:
    pairs = [("circle", circle)] if circle is not None else []
    pairs += [("met", met)] if met is not None else []
    pairs += [_split_field(field) for field in fields]
    values = [
        (key, field_value(key, value, session.config, session.property_types.of(key), today))
        for key, value in pairs
    ]
    template = load_contact_template(session.root, session.config)
    edit = new_contact(
        session.index,
        session.config,
        name,
        tags=list(tags),
        fields=values,
        today=today,
        template=template,
        time_of_day=datetime.now().time().replace(second=0, microsecond=0),
    )
    if edit.path.rsplit("/", 1)[-1] != f"{name.strip()}.md":
        summary = _("created {path} (name: {name})").format(path=edit.path, name=name.strip())
    else:
        summary = _("created {path}").format(path=edit.path)
    finish(session, edit, summary, dry_run)


def _split_field(text: str) -> tuple[str, str]:
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise VaultkitError(_("--field takes KEY=VALUE, got {text!r}").format(text=text))
    if key.strip() == "name":
        raise VaultkitError(_("--field name=… is not needed: NAME is the name"))
    return key.strip(), value
