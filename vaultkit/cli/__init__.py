"""The `vaultkit` command: a thin click layer over the library.

This package is the only place that prints, exits or reads the clock. Every failure outside the
notes ends here as one clear message; a traceback shows only with `--debug`. A command's module
is imported only when that command runs, so `vaultkit --help` stays quick.
"""

from __future__ import annotations

import difflib
import importlib
import itertools
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from vaultkit import __version__, language
from vaultkit.config import configured_language
from vaultkit.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, VaultkitError
from vaultkit.language import N_, _, n_
from vaultkit.place import VaultError, find_vault
from vaultkit.words import listed

# name: (module in this package, attribute, the first line of its help; a test keeps them equal)
# fmt: off
COMMANDS = {
    "agenda": ("agenda", "command", N_("Whom to contact now and why: overdue and due contacts, follow-ups, birthdays, meetings.")),
    "show": ("show", "command", N_("A one-page brief on NAME: who they are, standing, last interactions, follow-ups.")),
    "stale": ("stale", "command", N_("Who has drifted: past their maximum, grouped by circle, longest silence first.")),
    "tags": ("tags", "command", N_("Per tag: contacts, how many are overdue, the latest interaction; untagged contacts; typos.")),
    "intros": ("intros", "command", N_("Suggested introductions: one contact's needs match another's offers.")),
    "path": ("path", "command", N_("Who can introduce you to TARGET: the shortest chains, warmest first link first.")),
    "hubs": ("hubs", "command", N_("Hubs and bridges: who brings your groups of contacts together, and who alone links one.")),
    "event": ("event", "command", N_("Triage an event's attendee list FILE before you go.")),
    "reconnect": ("reconnect", "command", N_("Before writing to NAME after a long silence: the gap, your news, their side, promises, what to give, openers.")),
    "balance": ("balance", "command", N_("Give and take per contact: given, received, last given.")),
    "review": ("review", "command", N_("The periodic review, one person at a time: who stays, who goes on reserve, who you let go.")),
    "goals": ("goals", "command", N_("Your goals, worked backwards: who can help with each, who could introduce you.")),
    "give": ("give", "command", N_("What you could do for people now, best first: needs you or a contact of yours can meet.")),
    "layers": ("layers", "command", N_("Circle sizes against Dunbar's layers (about 5, 15, 50, 150).")),
    "meetup": ("meetup", "command", N_("Meet-ups: small groups of due contacts to see together instead of one by one.")),
    "dashboard": ("dashboard", "command", N_("Write the dashboard: one HTML file to open in a browser, which needs no network.")),
    "new": ("new", "command", N_("Create a contact called NAME in the contacts folder.")),
    "log": ("log", "command", N_("Add `- DATE kind: TEXT` to NAME's log.")),
    "snooze": ("snooze", "command", N_("Set NAME's snooze_until to a date, or to today plus a duration (10d, 2w, 1m, 1y).")),
    "set": ("set_field", "command", N_("Set KEY to VALUE in NAME's front matter; an empty VALUE clears it.")),
    "report": ("report", "report_command", N_("Render every configured report into the report folder (default _vaultkit/).")),
    "watch": ("report", "watch_command", N_("Render the reports and keep them current; answer report commands meanwhile. Ctrl-C stops.")),
    "import": ("importing", "import_command", N_("Import contacts from LinkedIn's Connections.csv, a Google Contacts or Outlook CSV, or vCards.")),
    "export": ("export", "export_command", N_("Export every contact as vCard, CSV or JSON, or keep a vdir folder in step.")),
    "check": ("check", "command", N_("Validate every note and the config.")),
    "init": ("init", "command", N_("Write .vaultkit.toml, the People/ folder, a contact template and Contacts.base into PATH.")),
}
# fmt: on


# Words Click says through gettext without marking them for a catalog: here, so that the
# catalog has them (`[required]` after an option's help).
CLICK_UNMARKED = (N_("required"),)

# `--07-14` (a birthday without a year, as vCard and ISO write it) or `-3`: no option is named so,
# so such an argument is a value, as the person typing it meant.
DASHED_VALUE = re.compile(r"--?\d")


@dataclass
class Arguments:
    """A command's arguments sorted by what click makes of them, each kept in its order."""

    global_options: list[str] = field(default_factory=list)  # the group's, given after the command
    options: list[str] = field(default_factory=list)  # the command's own, with their values
    values: list[str] = field(default_factory=list)

    def for_the_command(self) -> list[str]:
        # After `--` nothing is an option: a value that looks like one stays a value.
        guard = ["--"] if any(value.startswith("-") and value != "-" for value in self.values) else []
        return [*self.options, *guard, *self.values]


class VaultkitGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._arranged(ctx, args))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            starting = [command for command in COMMANDS if command.startswith(name)]
            close = [repr(match) for match in starting or difflib.get_close_matches(name, COMMANDS)]
            message = _("No such command {name!r}.").format(name=name)
            if close:
                message += " " + _("Did you mean {names}?").format(names=listed(close, "or"))
            raise click.UsageError(message, ctx)
        return super().resolve_command(ctx, args)

    def _arranged(self, ctx: click.Context, args: list[str]) -> list[str]:
        """`args` as click should read them: the group's options given after the command moved
        before it, where they mean the same (`vaultkit agenda --vault PATH`), and values that
        look like options (`set NAME birthday --07-14`) placed after `--`."""
        before, rest = _split_at_command(args, _arities(self.get_params(ctx)))
        command = self.get_command(ctx, rest[0]) if rest else None
        if command is None:
            return args
        own = _arities(command.get_params(ctx))
        # --help and --version act at once on what they follow: they stay where they are.
        movable = _arities([param for param in self.params if not param.is_eager])
        hoisted = {name: arity for name, arity in movable.items() if name not in own}
        arguments = _sorted_arguments(ctx, rest[1:], own, hoisted)
        return [*before, *arguments.global_options, rest[0], *arguments.for_the_command()]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _summary = COMMANDS[name]
        command: click.Command = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        return speaking_now(command)

    def main(self, args: Any = None, *more: Any, obj: Any = None, **options: Any) -> Any:
        """Run the command in the language asked for (see `speak_as_asked`): a running watch
        answers each query in the language its client asked for, and speaks its own after."""
        from vaultkit.cli.session import Session

        argv = list(sys.argv[1:] if args is None else args)
        session = obj if isinstance(obj, Session) else None
        environment = session.terminal.environment if session is not None else os.environ
        spoken = language.speaking()
        speak_as_asked(argv, environment, session.root if session is not None else None)
        speaking_now(self)
        try:
            return super().main(argv, *more, obj=obj, **options)
        finally:
            language.use(spoken)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section(_("Commands")):
            formatter.write_dl(
                [(name, _(summary)) for name, (_module, _attribute, summary) in COMMANDS.items()]
            )

    def invoke(self, ctx: click.Context) -> Any:
        """The one exit point: every failure ends here as a message and an exit code."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except VaultkitError as exc:
            for line in exc.messages(_):
                click.echo(line, err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            # The reader went away (`vaultkit agenda | head`): not an error worth a word.
            sys.stderr.close()
            ctx.exit(EXIT_OK)
        except KeyboardInterrupt:
            ctx.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            message = _("internal error: {kind}: {error}").format(kind=type(exc).__name__, error=exc)
            click.echo(f"vaultkit: {message}", err=True)
            click.echo(_("Run again with --debug to see the traceback."), err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(
    cls=VaultkitGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_(
        "vaultkit: your network, kept in plain-text notes.\n\n"
        "One Markdown note per person, with YAML front matter, in an Obsidian vault or any folder. "
        "--vault, --debug and --no-cache may also follow the command."
    ),
)
@click.option(
    "--vault",
    metavar="PATH",
    help=N_(
        "The vault folder (default: $VAULTKIT_VAULT, "
        "else the nearest folder upward with .vaultkit.toml or .obsidian, else here)."
    ),
)
@click.option("--debug", is_flag=True, help=N_("Show tracebacks of internal errors."))
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="VAULTKIT_NO_CACHE",
    help=N_(
        "Read every note afresh; neither use nor update the cache in "
        ".vaultkit/cache/ (also: VAULTKIT_NO_CACHE=1)."
    ),
)
@click.option(
    "--lang",
    metavar="LANG",
    help=N_("Speak LANG: en or de (default: [ui] language, else $VAULTKIT_LANG, else the locale)."),
)
@click.version_option(__version__, prog_name="vaultkit")
@click.pass_context
def cli(ctx: click.Context, vault: str | None, debug: bool, no_cache: bool, lang: str | None) -> None:
    from vaultkit.cli.session import Session

    if lang is not None and language.language_of(lang) not in language.SUPPORTED:
        message = _("--lang {setting!r} is not a language vaultkit speaks (en, de); it speaks English")
        click.echo(f"vaultkit: {message.format(setting=lang)}", err=True)
    if not isinstance(ctx.obj, Session):  # a running watch brings its own (vaultkit.cli.served)
        ctx.obj = Session(
            explicit_vault=vault, env_vault=os.environ.get("VAULTKIT_VAULT"), use_cache=not no_cache
        )


def main() -> None:
    cli.main(prog_name="vaultkit")


def speak_as_asked(args: list[str], environment: Mapping[str, str], root: Path | None = None) -> None:
    """Speak the language `vaultkit ARGS` asks for (`vaultkit.language.chosen`), before click
    reads the arguments: its help and its errors are in it. The vault's `[ui] language` counts
    when no --lang is given; `root` is the vault when it is known already."""
    explicit = _value_of("--lang", args)
    configured = None
    if explicit is None:
        try:
            where = root or find_vault(
                Path.cwd(), _value_of("--vault", args), environment.get("VAULTKIT_VAULT")
            )
        except (VaultError, OSError):
            where = None  # said when the command looks for it
        configured = configured_language(where) if where is not None else None
    language.use(language.chosen(explicit, configured, environment))


def _value_of(option: str, args: list[str]) -> str | None:
    """The value of the group's `option` in `args` before `--`: the last one given, as click
    takes it."""
    value = None
    for at, argument in enumerate(args):
        if argument == "--":
            break
        if argument == option and at + 1 < len(args):
            value = args[at + 1]
        elif argument.startswith(option + "="):
            value = argument.split("=", 1)[1]
    return value


def speaking_now(command: click.Command) -> click.Command:
    """`command` with its help in the language spoken now. Help is written in English, marked
    for the catalog (`N_`), and said when it is shown: a watch answers in several languages."""
    english = command.__dict__.setdefault(
        "_english_help",
        (
            command.help,
            command.short_help,
            [(param, getattr(param, "help", None)) for param in command.params],
        ),
    )
    help_text, short_help, params = english
    command.help = _(help_text) if help_text else help_text
    command.short_help = _(short_help) if short_help else short_help
    for param, text in params:
        if text:
            param.help = _(text)
        if isinstance(param.type, click.Path):
            param.type.name = _path_kind(param.type)
    command.options_metavar = _("[OPTIONS]")
    if isinstance(command, click.Group):
        command.subcommand_metavar = _("COMMAND [ARGS]...")
    # Click makes --help once, in the language spoken then.
    if command._help_option is not None:
        command._help_option.help = _("Show this message and exit.")
    return command


def _path_kind(path: click.Path) -> str:
    """What a path argument names, as Click says it (its metavar in --help): file, directory or path."""
    if path.file_okay and not path.dir_okay:
        return _("file")
    if path.dir_okay and not path.file_okay:
        return _("directory")
    return _("path")


def _arities(params: list[click.Parameter]) -> dict[str, int]:
    """How many values each option name takes: 0 for a flag."""
    arities: dict[str, int] = {}
    for param in params:
        if isinstance(param, click.Option):
            arity = 0 if param.is_flag or param.count else param.nargs
            arities |= dict.fromkeys([*param.opts, *param.secondary_opts], arity)
    return arities


def _split_at_command(args: list[str], arities: dict[str, int]) -> tuple[list[str], list[str]]:
    """The group's own options, and the command name with what follows it."""
    position = 0
    while position < len(args) and args[position].startswith("-") and args[position] != "--":
        position += 1 + arities.get(args[position], 0)  # `--vault=PATH` is one argument
    return args[:position], args[position:]


def _sorted_arguments(
    ctx: click.Context, args: list[str], own: dict[str, int], hoisted: dict[str, int]
) -> Arguments:
    """What follows the command name, sorted: the options in `hoisted` (the group's), the
    command's `own` options, each with the values it takes, and the values."""
    arguments = Arguments()
    remaining: Iterator[str] = iter(args)
    for argument in remaining:
        if argument == "--":
            arguments.values += remaining
            break
        name = argument.split("=", 1)[0] if argument.startswith("--") else argument
        if DASHED_VALUE.match(argument) or not argument.startswith("-") or argument == "-":
            arguments.values.append(argument)
            continue
        into = arguments.global_options if name in hoisted else arguments.options
        into.append(argument)
        if name != argument:  # --option=value
            continue
        wanted = hoisted.get(name, own.get(name, 0))
        taken = list(itertools.islice(remaining, wanted))
        if len(taken) < wanted and name in hoisted:
            message = n_(
                "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", wanted
            )
            raise click.BadOptionUsage(name, message.format(name=name, nargs=wanted), ctx)
        into += taken
    return arguments
