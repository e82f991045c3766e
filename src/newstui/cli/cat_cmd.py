"""`newstui cat`: placeholder until the library layer lands."""

import click

from newstui.cli import cli


@cli.command("cat")
@click.argument("path", required=False)
def cat_command(path: str | None) -> None:
    """List a site's articles."""
    raise NotImplementedError
