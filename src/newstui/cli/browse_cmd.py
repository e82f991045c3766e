"""`newstui browse`: placeholder until the library layer lands."""

import click

from newstui.cli import cli


@cli.command("browse")
@click.argument("path", required=False)
def browse_command(path: str | None) -> None:
    """List a site's articles."""
    raise NotImplementedError
