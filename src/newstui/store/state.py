"""Read/unread and starred marks per article, in SQLite in the data folder.

What a user expects of it, and how:
- Nothing is lost when the process is killed: every change is committed at once (WAL, one short transaction).
- Two instances at once: WAL plus a busy timeout; each change updates only the column it changes, so one
  instance starring an article never undoes another marking it read.
- A renamed or moved file keeps its marks: rows are keyed by absolute path and remember a hash of the file's
  bytes; an article whose path is unknown is hashed and matched against rows whose file has gone (only then, so
  a large site costs no file reads when nothing moved).
- A corrupt or non-SQLite state file is moved aside (`state.db.corrupt-<timestamp>`) and a fresh one started;
  a folder that cannot be written (read-only, full disk) keeps the marks in memory. Both leave a line in
  `notices` for the UI to show; neither raises.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newstui.config import data_dir

STATE_FILE = "state.db"
_KEYS_PER_QUERY = 500  # well under SQLite's limit of bound parameters
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS articles(
    path TEXT PRIMARY KEY, hash TEXT NOT NULL DEFAULT '', read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0, changed REAL NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(hash);
"""


class HasPath(Protocol):
    """Anything with the source file's absolute path: newstui.library.records.Article, a search Hit, ..."""

    @property
    def path(self) -> Path: ...


ArticleRef = HasPath | Path


@dataclass(frozen=True)
class ArticleState:
    read: bool = False
    starred: bool = False


def content_hash(path: Path) -> str:
    """`<size>:<sha256 prefix>` of the file's bytes ("" when unreadable): the identity that survives a rename or
    a move. The size in front lets a lookup rule out most files with a stat instead of a read."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return ""
    return f"{size}:{digest.hexdigest()[:32]}"


def _key(article: ArticleRef) -> str:
    path = article if isinstance(article, Path) else article.path
    return os.path.abspath(path)


def _is_corrupt(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _CORRUPT


class StateStore:
    """Read and starred marks. Open one per process with `StateStore.open()`; the UI shows `notices`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, persistent: bool, notices: list[str]) -> None:
        self._conn = conn
        self._lock = threading.RLock()  # the UI may mark from a worker thread; one connection, one at a time
        self.path = path
        self.persistent = persistent  # False: marks live in memory only (see notices)
        self.notices = notices
        self._orphans: dict[str, str] = {}  # hash -> path of rows whose file is gone
        self._orphan_sizes: set[str] = set()
        self._unclaimed: set[str] = set()  # paths already found to match no orphan
        self.rescan()

    @classmethod
    def open(cls, path: Path | None = None) -> StateStore:
        """Open the state file (default: `state.db` in the data folder); always returns a usable store."""
        path = Path(path) if path is not None else data_dir() / STATE_FILE
        notices: list[str] = []
        try:
            return cls(_connect(path), path, True, notices)
        except sqlite3.Error as exc:
            if not _is_corrupt(exc):
                return cls._in_memory(path, notices, exc)
        except OSError as exc:
            return cls._in_memory(path, notices, exc)
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
        for number in range(1, 100):  # never overwrite an earlier damaged copy from the same second
            if not aside.exists():
                break
            aside = aside.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}-{number}")
        try:
            os.replace(path, aside)
            for suffix in ("-wal", "-shm"):  # a stale journal must not be replayed into the fresh file
                if os.path.exists(f"{path}{suffix}"):
                    os.replace(f"{path}{suffix}", f"{aside}{suffix}")
        except OSError as exc:
            notices.append(f"The state file {path} is damaged and cannot be moved aside ({exc}).")
            return cls._in_memory(path, notices, exc)
        notices.append(f"The state file {path} was damaged: moved to {aside.name}, read marks start afresh.")
        try:
            return cls(_connect(path), path, True, notices)
        except (sqlite3.Error, OSError) as exc:
            return cls._in_memory(path, notices, exc)

    @classmethod
    def _in_memory(cls, path: Path, notices: list[str], exc: BaseException) -> StateStore:
        notices.append(f"Read marks cannot be saved to {path} ({exc}); they are kept until you quit.")
        return cls(_memory_copy(path), path, False, notices)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rescan(self) -> None:
        """Note which remembered files are gone, so articles at new paths can claim their marks (call after a
        site reload; `open` calls it)."""
        try:
            with self._lock:
                rows = self._conn.execute("SELECT path, hash FROM articles WHERE hash != ''").fetchall()
        except sqlite3.Error:
            rows = []
        self._orphans = {digest: path for path, digest in rows if not os.path.exists(path)}
        self._orphan_sizes = {digest.partition(":")[0] for digest in self._orphans}
        self._unclaimed = set()

    # Reading

    def state(self, article: ArticleRef) -> ArticleState:
        key = _key(article)
        row = self._select(key)
        if row is None and self._orphans:
            row = self._claim(key)
        return ArticleState(bool(row[0]), bool(row[1])) if row else ArticleState()

    def states(self, articles: Iterable[ArticleRef]) -> dict[str, ArticleState]:
        """Marks of many articles at once (one query), keyed by absolute path: for counts and list drawing."""
        keys = [_key(a) for a in articles]
        try:
            with self._lock:
                rows = _rows_of(self._conn, keys)
        except sqlite3.Error:
            rows = {}
        result = {}
        for key in keys:
            row = rows.get(key)
            if row is None and self._orphans:
                row = self._claim(key)
            result[key] = ArticleState(bool(row[0]), bool(row[1])) if row else ArticleState()
        return result

    def is_read(self, article: ArticleRef) -> bool:
        return self.state(article).read

    def is_starred(self, article: ArticleRef) -> bool:
        return self.state(article).starred

    # Changing

    def set_read(self, article: ArticleRef, read: bool = True) -> None:
        self._set("read", [(_key(article), read)])

    def toggle_read(self, article: ArticleRef) -> bool:
        value = not self.is_read(article)
        self.set_read(article, value)
        return value

    def mark_all_read(self, articles: Iterable[ArticleRef]) -> None:
        """Mark every article read, in one transaction."""
        self._set("read", [(_key(a), True) for a in articles])

    def set_starred(self, article: ArticleRef, starred: bool = True) -> None:
        self._set("starred", [(_key(article), starred)])

    def toggle_star(self, article: ArticleRef) -> bool:
        """Star or unstar; returns the new value."""
        value = not self.is_starred(article)
        self.set_starred(article, value)
        return value

    # Internals

    def _select(self, key: str) -> tuple[int, int] | None:
        try:
            with self._lock:
                row = self._conn.execute("SELECT read, starred FROM articles WHERE path = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return (int(row[0]), int(row[1])) if row else None

    def _claim(self, key: str) -> tuple[int, int] | None:
        """If the file at `key` has the content of a file that is gone, move that file's row to `key`."""
        if key in self._unclaimed:
            return None
        try:
            size = str(os.stat(key).st_size)
        except OSError:
            size = ""
        digest = content_hash(Path(key)) if size in self._orphan_sizes else ""
        old = self._orphans.get(digest) if digest else None
        if old is None:
            self._unclaimed.add(key)
            return None
        del self._orphans[digest]
        self._write([("UPDATE OR REPLACE articles SET path = ? WHERE path = ?", (key, old))])
        return self._select(key)

    def _set(self, column: str, changes: list[tuple[str, bool]]) -> None:
        statements: list[tuple[str, tuple[object, ...]]] = []
        now = time.time()
        for key, value in changes:
            if self._orphans and self._select(key) is None:
                self._claim(key)
            sql = (
                f"INSERT INTO articles(path, hash, {column}, changed) VALUES (?, ?, ?, ?)"
                f" ON CONFLICT(path) DO UPDATE SET {column} = excluded.{column}, changed = excluded.changed,"
                " hash = CASE WHEN excluded.hash != '' THEN excluded.hash ELSE articles.hash END"
            )
            statements.append((sql, (key, content_hash(Path(key)), int(value), now)))
        self._write(statements)

    def _write(self, statements: list[tuple[str, tuple[object, ...]]]) -> None:
        """Commit at once; if the disk refuses (read-only, full), carry on in memory with a notice."""
        with self._lock:
            self._write_locked(statements)

    def _write_locked(self, statements: list[tuple[str, tuple[object, ...]]]) -> None:
        try:
            with self._conn:
                for sql, params in statements:
                    self._conn.execute(sql, params)
            return
        except sqlite3.Error as exc:
            if not self.persistent:
                raise
            self.notices.append(f"Read marks cannot be saved to {self.path} ({exc}); they are kept until you quit.")
        memory = _memory_copy(self.path, self._conn)
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        self._conn = memory
        self.persistent = False
        with self._conn:
            for sql, params in statements:
                self._conn.execute(sql, params)


def _connect(path: Path) -> sqlite3.Connection:
    """Open the state file for writing, WAL, schema ready; raises sqlite3.Error or OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA journal_mode = WAL")
        check = conn.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            error = sqlite3.DatabaseError(f"quick_check: {check[0] if check else 'no answer'}")
            error.sqlite_errorcode = 11
            raise error
        conn.executescript(_SCHEMA_SQL)
        conn.execute("BEGIN IMMEDIATE")  # fail now, not on the first mark, when the file cannot be written
        conn.execute("ROLLBACK")
        conn.isolation_level = "IMMEDIATE"  # `with conn:` takes the write lock first, waiting for another instance
    except BaseException:
        conn.close()
        raise
    return conn


def _memory_copy(path: Path, source: sqlite3.Connection | None = None) -> sqlite3.Connection:
    """An in-memory store holding whatever marks can still be read from `source` or the file at `path`."""
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    memory.executescript(_SCHEMA_SQL)
    rows: list[tuple[object, ...]] = []
    try:
        if source is None:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        rows = source.execute("SELECT path, hash, read, starred, changed FROM articles").fetchall()
    except sqlite3.Error:
        rows = []
    with memory:
        memory.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)", rows)
    return memory


def _rows_of(conn: sqlite3.Connection, keys: list[str]) -> dict[str, tuple[int, int]]:
    """(read, starred) rows of `keys`: looked up by key for a batch of a loading site, so listing a big site
    in batches does not read the whole table once per batch; the whole table when most keys are asked."""
    select = "SELECT path, read, starred FROM articles"
    if len(keys) > _KEYS_PER_QUERY * 4:
        return {path: (read, starred) for path, read, starred in conn.execute(select)}
    rows: dict[str, tuple[int, int]] = {}
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        chunk = keys[start : start + _KEYS_PER_QUERY]
        query = f"{select} WHERE path IN ({','.join('?' * len(chunk))})"
        rows.update((path, (read, starred)) for path, read, starred in conn.execute(query, chunk))
    return rows


def peek_marks(articles: Iterable[ArticleRef], path: Path | None = None) -> dict[str, ArticleState]:
    """Marks of `articles` read from the state file, which is opened read-only: no state file is created, no
    row claimed for a moved file, no damaged file moved aside (SQLite may add the `-wal` and `-shm` files the
    store keeps beside it anyway). For the first frame, painted before the app opens the store. Articles the
    file does not know are left out; on any problem the result is empty, and the app shows the marks a moment
    later."""
    file = Path(path) if path is not None else data_dir() / STATE_FILE
    if not file.is_file():
        return {}
    try:
        conn = sqlite3.connect(f"{file.absolute().as_uri()}?mode=ro", uri=True)
        try:
            rows = _rows_of(conn, [_key(article) for article in articles])
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return {}
    return {key: ArticleState(bool(read), bool(starred)) for key, (read, starred) in rows.items()}


def open_state(path: Path | None = None) -> StateStore:
    """`StateStore.open` as a function (the name the UI imports)."""
    return StateStore.open(path)
