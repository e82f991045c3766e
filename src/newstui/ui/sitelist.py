"""Loading a site's article list off the UI thread, so the screen is up (and `open FILE` shows FILE) at once.

Runs in a thread worker and hands what it has to a callback (the screen posts it to the UI thread): first the
site's name and root and, for `open FILE`, that one article (cheap: one file); then the site's articles in the
batches `load_site` reports as it goes (cached ones first), so a big site fills the list while it loads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newstui.library import load_site, read_article, site_for
from newstui.library.records import Article, Site
from newstui.library.site import Glimpse

Batch = Callable[[Site, list[Article], int, int | None], None]  # site, new articles, done so far, total or None


class SiteLoader:
    """Loads `path` (a folder, or a file whose whole site is listed); `first` is read before the rest. With
    `announce=False` neither the site nor `first` is delivered before the articles: the app has them already,
    from the first frame (see `early_batch`)."""

    def __init__(self, path: Path, first: Path | None = None, *, announce: bool = True) -> None:
        self.path = path
        self.first = first
        self.announce = announce

    def run(self, deliver: Batch) -> None:
        """Deliver the site at once, then its articles. Raises FileNotFoundError/PermissionError only when
        `path` itself cannot be read."""
        try:
            bare = site_for(self.path)
        except Exception:  # the full load below reports what is wrong
            bare = None
        if bare is not None and self.announce:
            early: list[Article] = []
            if self.first is not None and self.first.is_file():
                early = [read_article(self.first, bare)[0]]
            deliver(bare, early, 0, None)

        def progress(batch: list[Article], done: int, total: int) -> None:
            if bare is not None and done < total:  # the last batch comes with the whole, sorted site below
                deliver(bare, list(batch), done, total)

        site = load_site(self.path, progress=progress)
        articles = list(site.articles)
        deliver(site, articles, len(articles), len(articles))


def early_batch(glimpse: Glimpse) -> tuple[Site, list[Article], int, int | None]:
    """A glimpse of a site (its first rows, painted before the app started) as the app's first batch of it:
    never the last batch, even when it holds every article, since the site's permalinks come with the whole."""
    done, total = len(glimpse.articles), glimpse.total
    return glimpse.site, glimpse.articles, done, total if total is not None and total > done else None
