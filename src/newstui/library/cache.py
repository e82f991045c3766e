"""The metadata cache: one SQLite file so a large site lists fast the second time.

Rows are keyed by absolute path and checked against the file's size and mtime_ns and a `context` (schema
version + site root + config signature), so editing an article or its site's config refreshes it. The file lives
in `NEWSTUI_CACHE_DIR`, else `platformdirs.user_cache_path("newstui")`. WAL mode lets a reader and a writer
share it. A corrupt file is moved aside and rebuilt without a word; a locked or read-only one just goes unused;
a file of an older schema is emptied and refilled.

A row is the article's fields as plain SQL values, so SQLite hands them back ready to use; only the five list
fields (tags, categories, authors, aliases, problems) go in one JSON `data` column, left empty when all are empty,
as they mostly are. Never pickle: a cache file is not trusted to run code. The same row tuples carry freshly
read articles from worker processes to this one (`reader`), so both paths build records the same cheap way.
"""

from __future__ import annotations

import heapq
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

import platformdirs

from newstui.library.metadata import missing_image
from newstui.library.records import Article, Problem
from newstui.library.resolve import path_of
from newstui.library.textfold import fold

SCHEMA = 2
FILE_NAME = "metadata.sqlite"
_FIELDS = (
    "path",
    "size",
    "mtime_ns",
    "rel_path",
    "title",
    "date",
    "draft",
    "image",
    "image_path",
    "image_url",
    "excerpt",
    "language",
    "permalink",
    "body_line",
    "data",
)
Row = tuple[Any, ...]  # the values of _FIELDS, in order (as SQLite and the workers give them)
_SELECT = f"SELECT {', '.join(_FIELDS)}, context FROM articles WHERE path >= ? AND path < ?"
_INSERT = (
    f"INSERT OR REPLACE INTO articles ({', '.join(_FIELDS)}, context) VALUES ({', '.join('?' * (len(_FIELDS) + 1))})"
)
_CREATE = (
    "CREATE TABLE articles (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, rel_path TEXT, title TEXT,"
    " date TEXT, draft INTEGER, image TEXT, image_path TEXT, image_url TEXT, excerpt TEXT, language TEXT,"
    " permalink TEXT, body_line INTEGER, data TEXT, context TEXT) WITHOUT ROWID"
)
_key = itemgetter(0)
LIST_MIN = 8  # a folder holding at least this many hero images is listed once instead of checked per image


def cache_dir() -> Path:
    """Where newstui keeps caches: `NEWSTUI_CACHE_DIR`, else the platform's user cache folder."""
    env = os.environ.get("NEWSTUI_CACHE_DIR")
    return Path(env).expanduser() if env else platformdirs.user_cache_path("newstui")


class MetadataCache:
    """Cached `Article` records for files, valid while size, mtime and context match."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else cache_dir() / FILE_NAME
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> MetadataCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def lookup(self, root: Path) -> dict[str, Row]:
        """Rows under `root`: path -> row (the values of `_FIELDS`, then the context). Empty when unusable."""
        low = str(root).rstrip(os.sep) + os.sep
        high = low[:-1] + chr(ord(os.sep) + 1)
        rows = self._run(lambda db: db.execute(_SELECT, (low, high)).fetchall())
        return {row[0]: row for row in rows or ()}

    def update(self, context: str, rows: Iterable[Row], removed: Iterable[str] = ()) -> None:
        """Store fresh rows (made by `to_row`) for `context` and drop rows of files gone."""
        stored = sorted(((*row, context) for row in rows), key=_key)  # in key order, SQLite appends to its pages
        gone = [(path,) for path in removed]
        if not stored and not gone:
            return

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.executemany(_INSERT, stored)
                db.executemany("DELETE FROM articles WHERE path = ?", gone)

        self._run(write)

    def _run(self, action: Any) -> Any:
        """Run `action(db)`; a corrupt file is moved aside and the action retried once on a fresh one."""
        for attempt in range(2):
            try:
                return action(self._connect())
            except (sqlite3.OperationalError, OSError):  # locked, read-only, disk full, no folder: no cache
                self.close()
                return None
            except sqlite3.DatabaseError:
                self.close()
                if attempt == 0:
                    self._move_aside()
        return None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=2.0)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA:  # a new file, or one an older newstui wrote: start it afresh
                    with db:
                        db.execute("DROP TABLE IF EXISTS articles")
                        db.execute(_CREATE)
                        db.execute(f"PRAGMA user_version={SCHEMA}")
            except sqlite3.Error:
                db.close()
                raise
            self._db = db
        return self._db

    def _move_aside(self) -> None:
        for suffix in ("-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        try:
            self.path.replace(self.path.with_name(self.path.name + ".corrupt"))
        except OSError:
            self.path.unlink(missing_ok=True)


def to_row(article: Article) -> Row:
    """An article as a cache row (see `_FIELDS`)."""
    lists = (
        article.tags,
        article.categories,
        article.authors,
        article.aliases,
        [[p.kind, p.message, p.line] for p in article.problems],
    )
    return (
        str(article.path),
        article.size,
        article.mtime_ns,
        article.rel_path,
        article.title,
        article.date.isoformat() if article.date is not None else None,
        int(article.draft),
        article.image,
        str(article.image_path) if article.image_path is not None else None,
        article.image_url,
        article.excerpt,
        article.language,
        article.permalink,
        article.body_line,
        json.dumps(lists, ensure_ascii=False) if any(lists) else "",
    )


class Records:
    """Articles from rows, cheaply: Paths made as children of their folder's, and the frozen record
    filled in one step instead of one `object.__setattr__` per field (a third of the cost of a warm start).

    With `recheck`, a stored "missing hero image" problem is dropped or added to follow the disk: the cache is
    keyed by the article file, not by its image, which may have been added or deleted since. Rows made a moment
    ago (by the workers) need no recheck.
    """

    def __init__(self, *, recheck: bool = False) -> None:
        self._images = ImageCheck() if recheck else None

    def article(self, row: Row) -> Article:
        """The article stored by `to_row`; raises ValueError, IndexError or TypeError on a damaged row."""
        key, size, mtime_ns, rel_path, title, date, draft, image, image_path, image_url, excerpt, language = row[:12]
        if type(title) is not str or type(rel_path) is not str or not isinstance(image_path, str | None):
            raise TypeError("damaged cache row")
        data = row[14]
        if data:
            tags, categories, authors, aliases, listed = json.loads(data)
            tags, categories, authors, aliases = tuple(tags), tuple(categories), tuple(authors), tuple(aliases)
            problems = tuple(Problem(kind, message, line) for kind, message, line in listed)
        else:
            tags = categories = authors = aliases = problems = ()
        if self._images is not None and image_path:
            missing = not self._images.exists(image_path)
            if missing != any(p.kind == "missing-image" for p in problems):
                problems = tuple(p for p in problems if p.kind != "missing-image")
                if missing:
                    problems += (missing_image(image),)
        record = _new(Article)
        record.__dict__.update(
            path=self.path(key),
            rel_path=rel_path,
            title=title,
            date=_from_iso(date) if date else None,
            tags=tags,
            categories=categories,
            authors=authors,
            draft=bool(draft),
            image=image,
            image_path=self.path(image_path) if image_path else None,
            image_url=image_url,
            excerpt=excerpt,
            language=language,
            permalink=row[12],
            problems=problems,
            size=size,
            mtime_ns=mtime_ns,
            aliases=aliases,
            body_line=row[13],
        )
        return record

    def path(self, text: str) -> Path:
        """`Path(text)` for an absolute, normalised path (see `resolve.path_of`)."""
        return path_of(text)


_new = object.__new__
_from_iso = datetime.fromisoformat


def newest_rows(rows: Sequence[Row], count: int) -> list[Row]:
    """The rows of at least the `count` articles the list shows first, newest first, in no order: those dated no
    earlier than the `count`-th newest date (so every row tied with it too); when fewer than `count` are dated,
    all of those and the undated ones that come first by title (again with any tied with the last).

    Whatever order the list gives articles of equal date, its first `count` rows are among these, so a big
    site's first screen can be shown from them before the other records are built. A row whose date or title
    cannot be read is always included: building its record is what finds it damaged.
    """
    dated: list[tuple[datetime, Row]] = []
    undated: list[tuple[str, Row]] = []
    damaged: list[Row] = []
    for row in rows:
        try:
            stamp = _from_iso(row[5]) if row[5] else None
        except (TypeError, ValueError):
            damaged.append(row)
            continue
        if stamp is None and isinstance(row[4], str):
            undated.append((fold(row[4]), row))
        elif stamp is not None and stamp.tzinfo is not None:  # records always store aware dates
            dated.append((stamp, row))
        else:
            damaged.append(row)
    if len(dated) > count:
        edge = heapq.nlargest(count, (stamp for stamp, _ in dated))[-1]
        return [row for stamp, row in dated if stamp >= edge] + damaged
    room = count - len(dated)
    if len(undated) > room:
        last = heapq.nsmallest(room, (title for title, _ in undated))[-1] if room else ""
        undated = [(title, row) for title, row in undated if room and title <= last]
    return [row for _, row in dated] + [row for _, row in undated] + damaged


class ImageCheck:
    """Whether files exist now, exactly as `os.path.exists` says, with few system calls: a folder asked about
    `LIST_MIN` times is listed once, and from then on a name it plainly holds needs no call of its own (a
    name it does not hold is still checked alone: a case-insensitive disk may know it under another case)."""

    def __init__(self) -> None:
        self._asked: dict[str, int] = {}
        self._listed: dict[str, frozenset[str]] = {}

    def exists(self, path: str) -> bool:
        folder, _, name = path.rpartition(os.sep)
        names = self._listed.get(folder)
        if names is None:
            asked = self._asked[folder] = self._asked.get(folder, 0) + 1
            if asked >= LIST_MIN:
                names = self._listed[folder] = _listing(folder)
        return (names is not None and name in names) or os.path.exists(path)


def _listing(folder: str) -> frozenset[str]:
    """Names surely present in `folder`: its entries that are not symbolic links (whose target may be gone).
    Empty when the folder cannot be listed, or can be listed but not searched (its files cannot be opened)."""
    try:
        with os.scandir(folder) as entries:
            names = frozenset(entry.name for entry in entries if not entry.is_symlink())
    except OSError:
        return frozenset()
    sample = next(iter(names), None)
    return names if sample is not None and os.path.exists(os.path.join(folder, sample)) else frozenset()
