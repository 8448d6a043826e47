"""The `vaultkit` command: a thin click layer over the library.

This package is the only place that prints, exits or reads the clock. Every failure outside the
notes ends here as one clear message; a traceback shows only with `--debug`.
"""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from ..config import ConfigError
from ..index import VaultError
from .session import Session, UserError

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70


class VaultkitGroup(click.Group):
    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ConfigError as exc:
            for problem in exc.diagnostics:
                click.echo(problem.format(), err=True)
            click.echo("vaultkit: fix the config above; nothing was run", err=True)
            ctx.exit(EXIT_USAGE)
        except (UserError, VaultError) as exc:
            click.echo(f"vaultkit: {exc}", err=True)
            ctx.exit(getattr(exc, "exit_code", EXIT_USAGE))
        except BrokenPipeError:
            # The reader went away (`vaultkit agenda | head`): not an error worth a word.
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            ctx.exit(130)
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"vaultkit: internal error: {type(exc).__name__}: {exc}", err=True)
            click.echo("Run again with --debug to see the traceback.", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=VaultkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--vault", metavar="PATH", help="The vault folder (default: $VAULTKIT_VAULT, "
              "else the nearest folder upward with .vaultkit.toml or .obsidian, else here).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option("--no-cache", is_flag=True, envvar="VAULTKIT_NO_CACHE",
              help="Read every note afresh; neither use nor update the cache in "
              ".vaultkit/cache/ (also: VAULTKIT_NO_CACHE=1).")
@click.version_option(__version__, prog_name="vaultkit")
@click.pass_context
def cli(ctx: click.Context, vault: str | None, debug: bool, no_cache: bool) -> None:
    """vaultkit: your network, kept in plain-text notes.

    One Markdown note per person, with YAML front matter, in an Obsidian vault or any folder.
    """
    ctx.obj = Session(explicit_vault=vault, env_vault=os.environ.get("VAULTKIT_VAULT"),
                      use_cache=not no_cache)


def _register() -> None:
    from . import (
        agenda,
        balance,
        check,
        event,
        exchange,
        init,
        intros,
        layers,
        log,
        new,
        path,
        report,
        set_field,
        show,
        snooze,
        stale,
        tags,
    )

    for module in (agenda, show, stale, tags, balance, layers, intros, path, event, check, init,
                   new, log, snooze, set_field):  # fmt: skip
        cli.add_command(module.command)
    cli.add_command(report.report_command)
    cli.add_command(report.watch_command)
    cli.add_command(exchange.import_command)
    cli.add_command(exchange.export_command)


_register()


def main() -> None:
    cli.main(prog_name="vaultkit")
