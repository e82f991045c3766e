"""`newstui cat FILE...`: print articles exactly as the reader lays them out, for pipes, diffs and quick looks.

The same pipeline as the reader (read_article -> parse_document -> render_document), so what `cat` prints is what
the reader shows. Problems found in an article are warnings on stderr; the text still prints.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newstui.cli import cli, fail
from newstui.safetext import clean

if TYPE_CHECKING:  # the heavy layers are imported inside the command, so other commands start fast
    from newstui.document.model import Document
    from newstui.library import Site

DEFAULT_WIDTH = 80


def want_color(flag: bool | None, stream_is_tty: bool) -> bool:
    """--color/--no-color win; otherwise colour only on a terminal, never with NO_COLOR set or TERM=dumb.

    Without colour, a terminal still gets bold, italic and underline (NO_COLOR forbids only colour); a pipe or
    file gets plain text.
    """
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR", "") != "" or os.environ.get("TERM") == "dumb":
        return False
    return stream_is_tty


def default_width(stream_is_tty: bool) -> int:
    """COLUMNS when set, else the terminal's width, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if stream_is_tty:
        try:
            return os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):
            pass
    return DEFAULT_WIDTH


@cli.command("cat")
@click.argument("files", nargs=-1, required=True)
@click.option("--width", "-w", type=click.IntRange(min=20), help="Columns to lay out in (default: the terminal's).")
@click.option("--color/--no-color", "color", default=None, help="Force colour on or off (default: on a terminal).")
def cat_command(files: tuple[str, ...], width: int | None, color: bool | None) -> None:
    """Print rendered articles (several one after another, with a separator)."""
    from newstui.render import default_theme, render_document, to_ansi, to_plain
    from newstui.render.output import terminal_color_system

    paths = [Path(name) for name in files]
    for name, path in zip(files, paths, strict=True):
        if not path.exists():
            fail(f"no such file or folder: {name}")
        if not path.is_file():
            fail(f"not a file: {name}")
    tty = sys.stdout.isatty()
    use_color = want_color(color, tty)
    columns = width or default_width(tty)
    # on a terminal without colour, bold, italic and underline still mark the text (not on a dumb one)
    styled = use_color or (tty and os.environ.get("TERM") != "dumb")
    theme = default_theme(color=use_color)
    system = terminal_color_system()
    sites: dict[Path, Site] = {}
    for number, (name, path) in enumerate(zip(files, paths, strict=True)):
        doc, site_root = _document(path, name, sites)
        rendered = render_document(doc, columns, theme=theme, site_root=site_root)
        if number:
            rule = "─" * rendered.width
            click.echo(f"\n\x1b[2m{rule}\x1b[0m\n" if styled else f"\n{rule}\n", color=styled)
        text = to_ansi(rendered, color_system=system) if styled else to_plain(rendered)
        click.echo(text, nl=False, color=styled)


def _document(path: Path, name: str, sites: dict[Path, Site]) -> tuple[Document, Path]:
    """Read and parse one article, printing its problems as warnings; returns (Document, site root)."""
    from newstui.document import parse_document
    from newstui.library import load_site, read_article, site_root_of

    path = path.resolve()
    root = site_root_of(path)
    site = sites.get(root)
    if site is None:
        site = sites[root] = load_site(path)
    article, body = read_article(path, site)
    doc = parse_document(body, source=path, site=site, article=article)
    seen: set[str] = set()
    for problem in doc.problems or article.problems:
        message = clean(str(getattr(problem, "message", problem)))
        if message not in seen:
            seen.add(message)
            click.echo(f"newstui: warning: {clean(name)}: {message}", err=True)
    return doc, site.root
