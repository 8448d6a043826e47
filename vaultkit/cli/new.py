"""`vaultkit new`: create a contact note from the template."""

from __future__ import annotations

import click

from vaultkit.cli import writing
from vaultkit.cli.session import Session, UserError
from vaultkit.cli.writing import EXIT_BAD_VALUE, dry_run_option, finish, refusals
from vaultkit.edit import field_value, load_contact_template, new_contact


@click.command("new")
@click.argument("name")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeatable).")
@click.option("--circle", help="The circle, one of those in the config.")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="KEY=VALUE",
    help="Set another single-value field (repeatable), e.g. --field role=Malerin.",
)
@dry_run_option
@click.pass_obj
def command(
    session: Session,
    name: str,
    tags: tuple[str, ...],
    circle: str | None,
    fields: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Create a contact called NAME in the contacts folder.

    The note comes from .vaultkit/templates/contact.md in the vault, else from the template
    vaultkit ships. Refuses if NAME is already a contact's file name, name or alias (ignoring
    case and accents). The file name is NAME without characters Obsidian or Windows reject.
    """
    pairs = [("circle", circle)] if circle is not None else []
    pairs += [_split_field(field) for field in fields]
    with refusals():
        today = writing.today()
        values = [
            (key, field_value(key, value, session.config, session.property_types.of(key), today))
            for key, value in pairs
        ]
        template = load_contact_template(session.root)
        edit = new_contact(
            session.index,
            session.config,
            name,
            tags=list(tags),
            fields=values,
            today=today,
            template=template,
        )
    summary = f"created {edit.path}"
    if edit.path.rsplit("/", 1)[-1] != f"{name.strip()}.md":
        summary += f" (name: {name.strip()})"
    finish(session, edit, summary, dry_run)


def _split_field(text: str) -> tuple[str, str]:
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise UserError(f"--field takes KEY=VALUE, got {text!r}", EXIT_BAD_VALUE)
    if key.strip() == "name":
        raise UserError("--field name=… is not needed: NAME is the name", EXIT_BAD_VALUE)
    return key.strip(), value
