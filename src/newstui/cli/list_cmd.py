"""`newstui list`: placeholder until the library layer lands."""

import click

from newstui.cli import cli


@cli.command("list")
@click.argument("path", required=False)
def list_command(path: str | None) -> None:
    """List a site's articles."""
    raise NotImplementedError
