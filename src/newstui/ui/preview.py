"""Article file -> Document for the reader, with a small cache so going back and forth costs nothing.

Moving the list cursor previews each article at once; re-reading and re-parsing the same file every time the
cursor passes over it would waste the 50 ms budget. Entries are keyed by path, size and mtime, so an article
edited on disk (or with `e`) is read again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from newstui.document import FIRST_SCREEN_CHARS, first_screen, parse_document, tail_of
from newstui.document.model import Document
from newstui.library import read_article
from newstui.library.records import Article, Site


class MakeTail(Protocol):
    """Parses only the end of the article (`tail_of`), once, for `G` while the whole text is parsed."""

    @property
    def made(self) -> Document | None:
        """The end's Document once parsed (by any thread), else None: never waits."""

    def __call__(self) -> Document: ...


# gets an article's first screen while the rest is parsed, and a way to parse its end alone
ShowFirst = Callable[[Article, Document, MakeTail], None]

# Above this many bytes an article is parsed in a thread worker so the list never stalls.
BIG_ARTICLE = 96 * 1024
# From this many characters on, the end is parsed alone right after the first screen (tens of milliseconds, a few
# percent of the whole parse), so `G` shows it at once instead of competing with the whole parse for the
# interpreter; shorter articles parse it only when `G` asks (their whole parse is soon done anyway).
EAGER_TAIL_FROM = 256 * 1024


class _Tail:
    """The article's end parsed alone (`tail_of`), once, by whichever thread asks first; safe to share."""

    def __init__(self, body: str, path: Path, site: Site, article: Article) -> None:
        self.body, self.path = body, path
        self._args = (body, path, site, article)
        self._document: Document | None = None
        self._lock = threading.Lock()

    @property
    def made(self) -> Document | None:
        return self._document

    def __call__(self) -> Document:
        with self._lock:
            if self._document is None:
                body, path, site, article = self._args
                self._document = tail_of(body, source=path, site=site, article=article)
            return self._document


def _key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_size, stat.st_mtime_ns)


class DocumentCache:
    """The last few parsed articles, most recently used kept; safe to use from a worker thread."""

    def __init__(self, size: int = 48) -> None:
        self._entries: OrderedDict[tuple[str, int, int], tuple[Article, Document]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()
        # The last long article's end: `newstui open` parses FILE again once the site is loaded (for its
        # permalinks), and an interim end need not be parsed again for that.
        self._last_tail: _Tail | None = None

    def cached(self, path: Path) -> tuple[Article, Document] | None:
        """The article and document when this version of the file was already parsed."""
        key = _key(path)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def load(self, path: Path, site: Site, first: ShowFirst | None = None) -> tuple[Article, Document]:
        """Read and parse `path` (or take it from the cache). Never raises for bad content: problems are data.

        With `first`, a long article's first screen is handed to it before the whole text is parsed, so a reader
        opening a 130 KB article starts reading while the rest is parsed (in the worker that called this), with a
        function that parses the article's end alone, for a reader pressing `G` meanwhile.
        """
        entry = self.cached(path)
        if entry is not None:
            return entry
        key = _key(path)
        article, body = read_article(path, site)
        if first is not None and len(body) > 2 * FIRST_SCREEN_CHARS:
            head = first_screen(body, source=path, site=site, article=article)
            with self._lock:
                tail = self._last_tail
                if tail is None or tail.path != path or tail.body != body:
                    tail = self._last_tail = _Tail(body, path, site, article)
            first(article, head, tail)
            if len(body) >= EAGER_TAIL_FROM:
                tail()
        document = parse_document(body, source=path, site=site, article=article)
        with self._lock:
            self._entries[key] = (article, document)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return article, document

    def forget(self, path: Path) -> None:
        """Drop every cached version of `path` (after it was edited)."""
        with self._lock:
            for key in [k for k in self._entries if k[0] == str(path)]:
                del self._entries[key]


def is_big(article: Article) -> bool:
    """Whether parsing `article` might take long enough to be done off the UI thread."""
    return article.size > BIG_ARTICLE
