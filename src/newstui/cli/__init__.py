"""The `newstui` command line: `newstui [PATH]` browses; subcommands open, cat, list, search, check.

Errors the user can fix (a missing path, a bad option) print one line, `newstui: error: ...`, and exit 2;
`--debug` shows the traceback instead.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from newstui import __version__
from newstui.safetext import clean


class DefaultGroup(click.Group):
    """A group whose first argument, when it is not a command name, is a PATH for the default `browse`."""

    default_command = "browse"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if self._belongs_to_default(args):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def _belongs_to_default(self, args: list[str]) -> bool:
        """No arguments, a PATH, or an option that is not the group's own: all go to `browse`."""
        if not args:
            return True
        first = args[0]
        if first.startswith("-"):
            return first not in ("--help", "-h", "--version", "--debug")
        return first not in self.commands


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="newstui")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """A terminal reader for news sites kept as Markdown sources (Jekyll, Hugo, Zola, any .md folder).

    Run `newstui [PATH]` to browse a site; without PATH, every command uses the config's default_path,
    else ./content if present, else the current folder.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def fail(message: str) -> None:
    """Raise the one-line, exit-2 error every command uses for bad input."""
    raise click.UsageError(message)


def _register() -> None:
    """Import the command modules; each adds itself to `cli`."""
    from newstui.cli import commands  # noqa: F401


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: one clean line and exit 2 on usage errors, tracebacks only with --debug."""
    _register()
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        return cli.main(args=args, prog_name="newstui", standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        if debug:
            raise
        click.echo(f"newstui: error: {clean(exc.format_message())}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
