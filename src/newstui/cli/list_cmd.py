"""`newstui list [PATH] [--json] [--sort date|title] [--tag T]`: a site's articles, one line each, or JSON.

Plain output is for people: date, title and site-relative path in aligned columns. `--json` is for scripts: a
list of objects with every metadata field. Every string from an article passes through `safetext.clean`, so a
title holding escape sequences cannot drive the terminal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newstui.cli import cli, fail
from newstui.cli.paths import path_or_default
from newstui.safetext import clean

if TYPE_CHECKING:  # the library is imported inside the command, so other commands start fast
    from newstui.library import Article

TITLE_WIDTH = 60  # titles longer than this are not cut, they only push their path further right


@cli.command("list")
@click.argument("path", required=False, type=click.Path(path_type=Path, readable=False))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of objects instead of lines.")
@click.option(
    "--sort",
    type=click.Choice(["date", "title"]),
    default="date",
    show_default=True,
    help="Newest first, or by title.",
)
@click.option("--tag", "tags", multiple=True, metavar="T", help="Only articles with this tag or category (repeatable).")
def list_command(path: Path | None, as_json: bool, sort: str, tags: tuple[str, ...]) -> None:
    """List a site's articles: date, title and path.

    PATH: a folder or a file; by default the config's default_path, else ./content or the current folder.
    """
    from newstui.library import load_site

    target = path_or_default(path)
    try:
        site = load_site(target)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        fail(f"no such file or folder: {target}")
        return
    except OSError as exc:
        fail(f"cannot read {target}: {exc.strerror or exc}")
        return
    articles = list(site.articles)
    if tags:
        wanted = {tag.casefold() for tag in tags}
        articles = [a for a in articles if wanted & {t.casefold() for t in (*a.tags, *a.categories)}]
    if sort == "title":
        articles.sort(key=lambda a: (a.title.casefold(), a.rel_path))
    if as_json:
        click.echo(json.dumps([_as_json(a) for a in articles], ensure_ascii=False, indent=2))
        return
    for line in _lines(articles):
        click.echo(line)
    if not articles:
        click.echo(f"newstui: no articles in {clean(str(target))}", err=True)


def _lines(articles: list[Article]) -> list[str]:
    """Aligned columns; widths in terminal cells so CJK and emoji titles line up too."""
    from rich.cells import cell_len

    titles = [clean(a.title) + (" (draft)" if a.draft else "") for a in articles]
    width = min(TITLE_WIDTH, max((cell_len(t) for t in titles), default=0))
    lines = []
    for article, title in zip(articles, titles, strict=True):
        date = article.date.strftime("%Y-%m-%d") if article.date else "-" * 10
        pad = " " * max(0, width - cell_len(title))
        lines.append(f"{date}  {title}{pad}  {clean(article.rel_path)}")
    return lines


def _as_json(article: Article) -> dict[str, Any]:
    """One article for scripts: `path` is site-relative like the plain output, `file` absolute."""
    return {
        "path": clean(article.rel_path),
        "file": clean(str(article.path)),
        "title": clean(article.title),
        "date": article.date.isoformat() if article.date else None,
        "tags": [clean(t) for t in article.tags],
        "categories": [clean(c) for c in article.categories],
        "authors": [clean(a) for a in article.authors],
        "draft": article.draft,
        "image": clean(article.image) if article.image else None,
        "image_path": clean(str(article.image_path)) if article.image_path else None,
        "image_url": clean(article.image_url) if article.image_url else None,
        "excerpt": clean(article.excerpt),
        "language": clean(article.language) if article.language else None,
        "permalink": clean(article.permalink) if article.permalink else None,
        "problems": [{"kind": p.kind, "message": clean(p.message), "line": p.line} for p in article.problems],
    }
