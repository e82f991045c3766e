"""The metadata cache: one SQLite file so a large site lists fast the second time.

Rows are keyed by absolute path and checked against the file's size and mtime_ns and a `context` (schema
version + site root + config signature), so editing an article or its site's config refreshes it. The file lives
in `NEWSTUI_CACHE_DIR`, else `platformdirs.user_cache_path("newstui")`. WAL mode lets a reader and a writer
share it. A corrupt file is moved aside and rebuilt without a word; a locked or read-only one just goes unused.
Rows are JSON, never pickle: a cache file is not trusted to run code.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from newstui.library.metadata import missing_image
from newstui.library.records import Article, Problem

SCHEMA = 1
FILE_NAME = "metadata.sqlite"


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

    def lookup(self, root: Path) -> dict[str, tuple[int, int, str, str]]:
        """Rows under `root`: path -> (size, mtime_ns, context, data). Empty when the cache is unusable."""
        low = str(root).rstrip(os.sep) + os.sep
        high = low[:-1] + chr(ord(os.sep) + 1)
        query = "SELECT path, size, mtime_ns, context, data FROM articles WHERE path >= ? AND path < ?"
        rows = self._run(lambda db: db.execute(query, (low, high)).fetchall())
        return {path: (size, mtime, context, data) for path, size, mtime, context, data in rows or ()}

    def update(self, context: str, articles: Iterable[tuple[Article, str | None]], removed: Iterable[str] = ()) -> None:
        """Store fresh rows (an article and its `dumps` text when already made) and drop rows of files gone."""
        rows = [(str(a.path), a.size, a.mtime_ns, context, text or dumps(a)) for a, text in articles]
        gone = [(path,) for path in removed]
        if not rows and not gone:
            return

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)", rows)
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
                if version != SCHEMA:
                    with db:
                        db.execute("DROP TABLE IF EXISTS articles")
                        db.execute(
                            "CREATE TABLE articles (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER,"
                            " context TEXT, data TEXT) WITHOUT ROWID"
                        )
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


def dumps(article: Article) -> str:
    """An article as a JSON row (its path is the row's key)."""
    return json.dumps(
        [
            article.rel_path,
            article.title,
            article.date.isoformat() if article.date else None,
            article.tags,
            article.categories,
            article.authors,
            article.draft,
            article.image,
            str(article.image_path) if article.image_path else None,
            article.image_url,
            article.excerpt,
            article.language,
            article.permalink,
            [[p.kind, p.message, p.line] for p in article.problems],
            article.size,
            article.mtime_ns,
            article.aliases,
            article.body_line,
        ],
        ensure_ascii=False,
    )


def loads(path: Path, data: str, *, recheck: bool = True) -> Article:
    """The article stored by `dumps`; raises ValueError, IndexError or TypeError on a damaged row.

    A stored "missing hero image" problem is checked against the disk again (the image may have been added
    since, or a present one deleted): the cache is keyed by the article file, not by its image. `recheck=False`
    skips that for a row made a moment ago.
    """
    row = json.loads(data)
    problems = tuple(Problem(kind, message, line) for kind, message, line in row[13])
    if recheck and row[8] is not None:
        missing = not os.path.exists(row[8])
        if missing != any(p.kind == "missing-image" for p in problems):
            problems = tuple(p for p in problems if p.kind != "missing-image")
            if missing:
                problems += (missing_image(row[7]),)
    return Article(
        path=path,
        rel_path=row[0],
        title=row[1],
        date=datetime.fromisoformat(row[2]) if row[2] else None,
        tags=tuple(row[3]),
        categories=tuple(row[4]),
        authors=tuple(row[5]),
        draft=bool(row[6]),
        image=row[7],
        image_path=Path(row[8]) if row[8] else None,
        image_url=row[9],
        excerpt=row[10],
        language=row[11],
        permalink=row[12],
        problems=problems,
        size=row[14],
        mtime_ns=row[15],
        aliases=tuple(row[16]),
        body_line=row[17],
    )
