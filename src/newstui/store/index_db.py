"""The search index's SQLite file: schema, connection settings, and what counts as damage.

Kept apart from `search_index.py` so that module holds only what the index does, not how the file is opened.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

SCHEMA = "3"  # bump when the tables or plain_text change: an index of another version is rebuilt
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY, rel_path TEXT UNIQUE NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    title TEXT NOT NULL, date TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body, folded, tokenize='unicode61 remove_diacritics 2');
INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '{SCHEMA}');
"""


def is_corrupt(exc: sqlite3.Error) -> bool:
    """A damaged or foreign file, as opposed to a locked or unwritable one (which must not be deleted)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _CORRUPT


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating) the index file: WAL, a busy timeout, the current schema; raises sqlite3.Error/OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=10.0, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() if _has_meta(conn) else None
        if row is not None and row[0] != SCHEMA:
            conn.close()
            remove(path)
            return connect(path)
        conn.executescript(_SCHEMA_SQL)
        # `with conn:` now wraps writes in BEGIN IMMEDIATE: a second instance waits (busy_timeout) for the write
        # lock up front instead of failing when a read transaction cannot be upgraded.
        conn.isolation_level = "IMMEDIATE"
    except BaseException:
        conn.close()
        raise
    return conn


def _has_meta(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is not None


def connect_memory() -> sqlite3.Connection:
    """An index that lives in this process only, for a cache folder that cannot be written."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.executescript(_SCHEMA_SQL)
    return conn


def remove(path: Path) -> None:
    """Delete the index file and its WAL companions, ignoring what is already gone."""
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")
