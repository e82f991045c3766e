"""What the article list shows: the site's articles narrowed by the `/` text, the `f` facet, and ordered by `s`.

Pure functions over `Article` records (no Textual), so the filter rules can be tested on their own and the list
widget only draws the result. Matching folds case and accents (`sofia` finds `Sofía`, `munchen` finds `München`)
and needs every word of the query somewhere in the title, tags, categories or authors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from newstui.library.records import Article
from newstui.library.textfold import fold
from newstui.safetext import clean

SortOrder = Literal["newest", "oldest", "title"]
SORT_ORDERS: tuple[SortOrder, ...] = ("newest", "oldest", "title")
FacetKind = Literal["all", "tag", "year", "unread", "starred"]
_OLDEST = datetime.min.replace(tzinfo=UTC)


def haystack(article: Article) -> str:
    """Everything `/` searches in one folded string."""
    parts = [article.title, *article.tags, *article.categories, *article.authors]
    return fold(" ".join(parts))


def query_words(text: str) -> tuple[str, ...]:
    """The folded words of a filter query; empty when the query is blank."""
    return tuple(fold(text).split())


def next_sort(order: SortOrder) -> SortOrder:
    """The sort `s` switches to after `order`: newest, oldest, title, then newest again."""
    return SORT_ORDERS[(SORT_ORDERS.index(order) + 1) % len(SORT_ORDERS)]


@dataclass(frozen=True)
class Facet:
    """The `f` filter: all articles, one tag, one year, only unread or only starred."""

    kind: FacetKind = "all"
    value: str = ""

    @property
    def label(self) -> str:
        """How the header names the facet; "" for all articles."""
        if self.kind in ("tag", "year"):
            return f"{self.kind}: {self.value}"
        return "" if self.kind == "all" else self.kind


def _facet_test(
    facet: Facet, is_read: Callable[[Article], bool], is_starred: Callable[[Article], bool]
) -> Callable[[Article], bool]:
    if facet.kind == "tag":
        wanted = fold(facet.value)
        return lambda a: any(fold(t) == wanted for t in (*a.tags, *a.categories))
    if facet.kind == "year":
        return lambda a: a.date is not None and str(a.date.year) == facet.value
    if facet.kind == "unread":
        return lambda a: not is_read(a)
    if facet.kind == "starred":
        return is_starred
    return lambda a: True


def counts_line(total: int, unread: int, shown: int, facet: Facet, order: SortOrder, progress: str = "") -> str:
    """The header's line of counts: articles, unread, how many are shown, the facet and sort, loading progress."""
    parts = [f"{total:,} article{'' if total == 1 else 's'}", f"{unread:,} unread"]
    if shown != total:
        parts.append(f"{shown:,} shown")
    if facet.label:
        parts.append(clean(facet.label))
    if order != "newest":
        parts.append(f"sorted by {order}")
    if progress:
        parts.append(progress)
    return " · ".join(parts)


def loading_text(done: int, total: int | None) -> str:
    """How far a site's loading has got, for the header ("" once every article is listed)."""
    if total is not None and done >= total:
        return ""
    return f"loading {done:,} of {total:,}" if total else "loading…"


class Listing:
    """Filters and sorts one site's articles; keeps the folded search text per article (made on the first
    query, so a big site is listed without paying for it) so typing stays fast."""

    def __init__(self, articles: Sequence[Article] = ()) -> None:
        self._articles: list[Article] = []
        self._haystacks: list[str | None] = []  # folded search text, made on the first `/` query
        self._where: dict[str, int] = {}
        self.extend(articles)

    @property
    def articles(self) -> list[Article]:
        """Every article, in the order they were added (the library's newest first)."""
        return self._articles

    def extend(self, articles: Iterable[Article]) -> list[Article]:
        """Add articles (a large site arrives in batches while it loads); one already here is replaced.
        Returns the ones that were new, so counts can be kept up to date batch by batch."""
        added = []
        where, shown, haystacks = self._where, self._articles, self._haystacks
        for article in articles:  # replace() inlined: the last batch of a big site is every article again
            key = str(article.path)
            index = where.get(key)
            if index is None:
                where[key] = len(shown)
                shown.append(article)
                haystacks.append(None)
                added.append(article)
            else:
                shown[index] = article
                haystacks[index] = None
        return added

    def replace(self, article: Article) -> bool:
        """Add `article`, or swap it in for the one at the same path (after `e` edited it); True when added."""
        key = str(article.path)
        index = self._where.get(key)
        if index is None:
            self._where[key] = len(self._articles)
            self._articles.append(article)
            self._haystacks.append(None)
            return True
        self._articles[index] = article
        self._haystacks[index] = None
        return False

    def find(self, path: Path) -> Article | None:
        """The article whose source is `path`, if listed."""
        index = self._where.get(str(path))
        return self._articles[index] if index is not None else None

    def select(
        self,
        text: str = "",
        facet: Facet | None = None,
        order: SortOrder = "newest",
        is_read: Callable[[Article], bool] = lambda a: False,
        is_starred: Callable[[Article], bool] = lambda a: False,
    ) -> list[Article]:
        """The articles that match `text` (every word) and `facet`, in `order`."""
        words = query_words(text)
        test = _facet_test(facet or Facet(), is_read, is_starred)
        if not words:
            shown = [article for article in self._articles if test(article)]
        else:
            shown = [
                article
                for index, article in enumerate(self._articles)
                if all(word in self._haystack(index) for word in words) and test(article)
            ]
        return sort_articles(shown, order)

    def _haystack(self, index: int) -> str:
        hay = self._haystacks[index]
        if hay is None:
            hay = self._haystacks[index] = haystack(self._articles[index])
        return hay

    def years(self) -> list[str]:
        """Years that have articles, newest first (for the `f` picker)."""
        return sorted({str(a.date.year) for a in self._articles if a.date is not None}, reverse=True)

    def tags(self) -> list[tuple[str, int]]:
        """Tags and categories with their article counts, most used first (for the `f` picker)."""
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for article in self._articles:
            for tag in {fold(t): t for t in (*article.tags, *article.categories)}.items():
                counts[tag[0]] = counts.get(tag[0], 0) + 1
                names.setdefault(tag[0], tag[1])
        return sorted(((names[k], n) for k, n in counts.items()), key=lambda item: (-item[1], fold(item[0])))


def sort_articles(articles: list[Article], order: SortOrder) -> list[Article]:
    """Newest first (undated last), oldest first (undated last), or by folded title."""
    if order == "title":
        return sorted(articles, key=lambda a: (fold(a.title), a.rel_path))
    dated = [a for a in articles if a.date is not None]
    undated = [a for a in articles if a.date is None]
    dated.sort(key=lambda a: (a.date or _OLDEST, a.rel_path), reverse=order == "newest")
    undated.sort(key=lambda a: fold(a.title))
    return dated + undated
