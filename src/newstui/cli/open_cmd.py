"""`newstui open FILE`: the reader on FILE, with the rest of its site in the list beside it."""

from __future__ import annotations

from pathlib import Path

import click

from newstui.cli import cli, fail
from newstui.cli.browse_cmd import run_app


@cli.command("open")
@click.argument("file")
def open_command(file: str) -> None:
    """Open FILE in the reader, with its site's articles in the list."""
    path = Path(file).expanduser()
    if not path.exists():
        fail(f"no such file or folder: {path}")
    if not path.is_file():
        fail(f"not a file: {path} (use `newstui {path}` to browse a folder)")
    path = path.resolve()
    run_app(path, open_file=path)
