"""Read and starred marks as the app sees them: the state store, with an in-memory copy for drawing.

The list asks for the marks of every visible row on every redraw, and the header counts unread articles over
the whole site; one SQL query per question would cost ~10,000 queries on a big site. So the marks of all
articles are fetched in one query when the site arrives and kept here; every change is written straight
through to the store (which commits at once, so killing the app loses nothing).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from newstui.library.records import Article
from newstui.store import StateStore


class Marks(Protocol):
    """What the list and the reader need from the state store."""

    def is_read(self, article: Article) -> bool: ...
    def is_starred(self, article: Article) -> bool: ...
    def set_read(self, article: Article, read: bool) -> None: ...
    def set_starred(self, article: Article, starred: bool) -> None: ...
    def mark_all_read(self, articles: Iterable[Article]) -> None: ...


def _key(path: Path) -> str:
    # Library paths are already absolute and normal (what the store keys by); abspath only for the odd one.
    text = str(path)
    return text if path.is_absolute() and "/." not in text and "//" not in text else os.path.abspath(path)


class MemoryMarks:
    """Marks kept for this session only (tests, or when no store is given)."""

    def __init__(self) -> None:
        self._read: set[str] = set()
        self._starred: set[str] = set()

    def is_read(self, article: Article) -> bool:
        return _key(article.path) in self._read

    def is_starred(self, article: Article) -> bool:
        return _key(article.path) in self._starred

    def set_read(self, article: Article, read: bool) -> None:
        (self._read.add if read else self._read.discard)(_key(article.path))

    def set_starred(self, article: Article, starred: bool) -> None:
        (self._starred.add if starred else self._starred.discard)(_key(article.path))

    def mark_all_read(self, articles: Iterable[Article]) -> None:
        self._read.update(_key(a.path) for a in articles)


class StateNotSaved(Exception):
    """A mark was kept for this session only: the state file could not be written."""


class CachedMarks(MemoryMarks):
    """The store's marks, read in bulk with `preload` and written through on every change."""

    def __init__(self, store: StateStore) -> None:
        super().__init__()
        self.store = store
        self._known: set[str] = set()
        self._seen = len(getattr(store, "notices", ()))  # notices from opening are shown by the app

    def preload(self, articles: Iterable[Article]) -> None:
        """Fetch the marks of many articles in one query (called as the site's articles arrive)."""
        wanted = [a for a in articles if _key(a.path) not in self._known]
        for key, state in self.store.states(wanted).items():
            self._known.add(key)
            (self._read.add if getattr(state, "read", False) else self._read.discard)(key)
            (self._starred.add if getattr(state, "starred", False) else self._starred.discard)(key)

    def _ensure(self, article: Article) -> None:
        if _key(article.path) not in self._known:
            self.preload([article])

    def is_read(self, article: Article) -> bool:
        self._ensure(article)
        return super().is_read(article)

    def is_starred(self, article: Article) -> bool:
        self._ensure(article)
        return super().is_starred(article)

    def set_read(self, article: Article, read: bool) -> None:
        self.store.set_read(article, read)
        self._known.add(_key(article.path))
        super().set_read(article, read)
        self._check_saved()

    def set_starred(self, article: Article, starred: bool) -> None:
        self.store.set_starred(article, starred)
        self._known.add(_key(article.path))
        super().set_starred(article, starred)
        self._check_saved()

    def mark_all_read(self, articles: Iterable[Article]) -> None:
        articles = list(articles)
        self.store.mark_all_read(articles)
        self._known.update(_key(a.path) for a in articles)
        super().mark_all_read(articles)
        self._check_saved()

    def _check_saved(self) -> None:
        """The store keeps a mark in memory when the disk refuses it (full, read-only) and only says so in its
        `notices`; raise those (the mark is already kept) so the caller's "not saved" notice tells the user."""
        notices = list(getattr(self.store, "notices", ()))
        fresh, self._seen = notices[self._seen :], len(notices)
        if fresh:
            raise StateNotSaved(" ".join(fresh))


def open_marks() -> tuple[CachedMarks | MemoryMarks, list[str]]:
    """The persistent marks and the store's notices (a moved-aside corrupt file, a read-only folder)."""
    from newstui.store import open_state

    try:
        store = open_state()
    except Exception as error:  # the store promises not to raise; if it does, the reader must still start
        return MemoryMarks(), [f"Read marks are kept for this session only: {error}"]
    return CachedMarks(store), list(store.notices)
