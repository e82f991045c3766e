"""Records the library layer hands upward: frozen, so widgets and caches can share them safely.

Problems in input are data, not exceptions: every record carries what went wrong reading it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """Something wrong with an input file, shown by the UI, printed by `cat`, reported by `check`."""

    kind: str  # short machine name: "front-matter", "encoding", "binary", "date", "missing-image", "read", ...
    message: str  # one human sentence, already safe to print (no control characters)
    line: int | None = None  # 1-based line in the source file, when known


@dataclass(frozen=True)
class Article:
    """One article's metadata: everything the list needs, without the rendered body."""

    path: Path  # absolute path of the source file
    rel_path: str  # path relative to the site root, with forward slashes
    title: str
    date: datetime | None  # always timezone-aware (naive dates are taken as UTC) so all compare
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    draft: bool = False
    image: str | None = None  # hero image as written in the front matter
    image_path: Path | None = None  # hero image resolved to a local file (may not exist), or None for URLs
    image_url: str | None = None  # hero image when it is a remote URL
    excerpt: str = ""
    language: str | None = None
    permalink: str | None = None
    problems: tuple[Problem, ...] = ()
    size: int = 0
    mtime_ns: int = 0
    aliases: tuple[str, ...] = ()  # other URL paths of this article (Zola/Hugo `aliases`, Jekyll `redirect_from`)
    body_line: int = 1  # 1-based line of the source file where the body (after front matter) starts


@dataclass(frozen=True)
class Site:
    """A site: its root folder, its config, and its articles newest first."""

    root: Path
    title: str
    articles: tuple[Article, ...] = ()
    base_url: str | None = None
    baseurl_path: str = ""  # Jekyll's `baseurl` (a path prefix such as "/blog"), "" when absent
    permalink: str | None = None
    problems: tuple[Problem, ...] = field(default=())  # unreadable files, bad config, ...

    def permalink_index(self) -> dict[str, Path]:
        """Site URL path -> source file, for links written as URLs (`/2017/07/27/slug.html`, `/news/x/`).

        Keys are normalised (leading slash, no trailing slash, no `.html`, no `/index`; see
        `library.permalinks.normalise`); aliases and `redirect_from` are included; the newest article wins a clash.
        """
        from newstui.library.permalinks import normalise  # here: permalinks imports this module

        index: dict[str, Path] = {}
        for article in self.articles:
            for url in (article.permalink, *article.aliases):
                if url:
                    index.setdefault(normalise(url), article.path)
        return index
