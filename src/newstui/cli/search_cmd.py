"""`newstui search QUERY [PATH] [--json]`: the reader's full-text search, from the shell.

It refreshes the site's index first (only new and changed articles are read, so a warm index costs one pass over
the metadata), then prints ranked hits: date, title, site-relative path and a one-line snippet, or JSON objects.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from newstui.cli import cli, fail
from newstui.safetext import clean


def default_path() -> Path:
    """The guide's default PATH: ./content when present, else the current folder."""
    return Path("content") if Path("content").is_dir() else Path(".")


def scope_of(target: Path, root: Path) -> str:
    """Site-relative folder prefix ("_news/") the command looks under; "" for a whole site or a file."""
    target = Path(os.path.abspath(target))
    if not target.is_dir() or target == root:
        return ""
    try:
        return target.relative_to(root).as_posix().rstrip("/") + "/"
    except ValueError:
        return ""


@cli.command("search")
@click.argument("query")
@click.argument("path", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of hits.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="At most this many.")
def search_command(query: str, path: str | None, as_json: bool, limit: int) -> None:
    """Search the full text of every article under PATH (ranked; every word must match; "quoted phrases")."""
    from newstui.library import load_site, read_article
    from newstui.store import SearchIndex

    target = Path(path) if path else default_path()
    if not target.exists():
        fail(f"no such file or folder: {target}")
    try:
        site = load_site(target)
    except OSError as exc:
        fail(f"cannot read {target}: {exc.strerror or exc}")
    under = scope_of(target, site.root)
    with SearchIndex.open(site.root) as index:
        index.refresh(site.articles, lambda p: read_article(p, site)[1], under=under)
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
