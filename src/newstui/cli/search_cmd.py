"""`newstui search QUERY [PATH] [--json]`: the reader's full-text search, from the shell.

It refreshes the site's index first (a directory walk; only new and changed articles are read), then prints
ranked hits: date, title, site-relative path and a one-line snippet, or JSON objects.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newstui.cli import cli, fail
from newstui.cli.paths import path_or_default
from newstui.safetext import clean

if TYPE_CHECKING:
    from newstui.store import SearchIndex


def scope_of(target: Path, root: Path) -> str:
    """Site-relative folder prefix ("_news/") the command looks under; "" for a whole site or a file."""
    target = Path(os.path.abspath(target))
    if not target.is_dir() or target == root:
        return ""
    try:
        return target.relative_to(root).as_posix().rstrip("/") + "/"
    except ValueError:
        return ""


def _relative(path: Path | str, root: Path) -> str:
    """Site-relative path with forward slashes, as the library writes `Article.rel_path`."""
    text, prefix = str(path), str(root).rstrip(os.sep) + os.sep
    # String slicing, not Path.relative_to: this runs for every file of the site on every search.
    rel = text[len(prefix) :] if text.startswith(prefix) else os.path.relpath(text, root)
    return rel.replace(os.sep, "/")


def refreshed_index(target: Path, progress: Callable[[int, int], None] | None = None) -> tuple[SearchIndex, str]:
    """The index of `target`'s site, brought up to date, and the folder prefix to search under.

    A directory walk (names, sizes, mtimes) is all a warm index needs: an article's metadata and body are read
    only when its file changed, so a large site answers in a fraction of the time loading it would take.
    Raises OSError when `target` cannot be listed.
    """
    from newstui.library import read_article, site_for, site_root_of
    from newstui.library.discovery import discover
    from newstui.library.siteconfig import read_config
    from newstui.store import SearchIndex, Stamp

    target = target.expanduser().resolve()
    root = site_root_of(target)
    site = site_for(root)
    files, _problems = discover(target if target.is_dir() else root, root, read_config(root).exclude)
    prefix = str(root).rstrip(os.sep) + os.sep
    cut = len(prefix)
    if os.sep == "/":  # the common case inline: this runs for every file of the site on every search
        stamps = [
            Stamp(f.path, f.path[cut:] if f.path.startswith(prefix) else _relative(f.path, root), f.size, f.mtime_ns)
            for f in files
        ]
    else:
        stamps = [Stamp(f.path, _relative(f.path, root), f.size, f.mtime_ns) for f in files]
    under = scope_of(target, root)
    index = SearchIndex.open(root)
    index.refresh(stamps, lambda p: read_article(p, site), progress, under=under)
    return index, under


class TerminalProgress:
    """`indexing 1200/10000` on stderr during a long pass, only on a terminal and only once it takes a while."""

    def __init__(self, verb: str = "indexing") -> None:
        self.verb = verb
        self.started = self.last = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.started < 0.5 or now - self.last < 0.1 or not sys.stderr.isatty():
            return
        self.shown, self.last = True, now
        click.echo(f"\rnewstui: {self.verb} {done}/{total} articles", nl=False, err=True)

    def finish(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", nl=False, err=True)


@cli.command("search")
@click.argument("query")
@click.argument("path", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of hits.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="At most this many.")
def search_command(query: str, path: str | None, as_json: bool, limit: int) -> None:
    """Search the full text of every article under PATH (ranked; every word must match; "quoted phrases")."""
    target = path_or_default(path)
    if not target.exists():
        fail(f"no such file or folder: {target}")
    progress = TerminalProgress()
    try:
        index, under = refreshed_index(target, progress)
    except OSError as exc:
        fail(f"cannot read {target}: {exc.strerror or exc}")
    finally:
        progress.finish()
    with index:
        hits = index.search(query, limit=limit, under=under)
        notices = list(index.notices)
    for notice in notices:
        click.echo(f"newstui: {clean(notice)}", err=True)
    if as_json:
        rows = [
            {
                "path": clean(hit.rel_path),
                "title": clean(hit.title),
                "date": clean(hit.date),
                "score": round(hit.score, 6),
                "snippet": clean(hit.snippet),
                "matched": [clean(word) for word in hit.matched],
            }
            for hit in hits
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for hit in hits:
        date = hit.date[:10] if hit.date else "----------"
        click.echo(f"{date}  {clean(hit.title)}  {clean(hit.rel_path)}")
        click.echo(f"            {clean(hit.snippet)}")
