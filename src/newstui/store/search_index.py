"""Full-text search over a site's articles: one SQLite FTS5 index per site root, in the cache folder.

The index is a cache: it is rebuilt rather than repaired when damaged, and kept in memory when the cache folder
cannot be written. It is refreshed incrementally: an article whose size and mtime match what was indexed is not
read again, new and changed ones are re-read, and ones no longer in the site are dropped. So a warm index costs
one pass over the article records, and the UI can run `refresh` in a thread with a progress callback.

Ranking is FTS5's bm25 with titles weighted above body text; snippets mark matched words so the UI and the CLI can
highlight them. Input is case- and accent-insensitive (unicode61 remove_diacritics 2) and never an FTS5 syntax
error (see `query.py`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple, Protocol

from newstui.config import cache_dir
from newstui.store.index_db import connect, connect_memory, is_corrupt, remove
from newstui.store.plaintext import folded_words, plain_text
from newstui.store.query import Query, parse_query

_OPEN, _CLOSE = "\x02", "\x03"  # snippet markers: plain_text strips control characters, so these are unambiguous
_MAX_EXPANSIONS = 40  # a prefix standing for more indexed words than this stays an FTS5 prefix query
_RANK = "bm25(fts, 10.0, 1.0, 1.0)"  # title, body, folded: a word in the title counts ten times
_BATCH = 64  # articles per transaction: progress shows, and a search waits at most one short batch


class FileStamp(Protocol):
    """What the index needs to decide whether to re-read a file (newstui.library.records.Article has it all;
    its `title` and `date`, when present, are indexed too)."""

    @property
    def path(self) -> Path | str: ...
    @property
    def rel_path(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def mtime_ns(self) -> int: ...


class Stamp(NamedTuple):
    """A bare file stamp, for refreshing from a directory walk without loading the site's metadata (a tuple:
    ten thousand of them are made on every `newstui search`)."""

    path: Path | str
    rel_path: str
    size: int
    mtime_ns: int


ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class RefreshStats:
    """What a refresh did, for logs, tests and the benchmark."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Hit:
    """One search result. Offsets in `highlights` index into `snippet`, in `title_highlights` into `title`."""

    path: Path
    rel_path: str
    title: str
    date: str  # ISO 8601, "" when the article has no date
    score: float  # higher is better (negated bm25)
    snippet: str  # one line of body text around the best match
    highlights: tuple[tuple[int, int], ...]
    title_highlights: tuple[tuple[int, int], ...]
    matched: tuple[str, ...]  # the words as they appear where they matched, e.g. ("Sofia", "workshops")
    terms: tuple[str, ...]  # the query's terms, folded: ("sofia", "work*"), for the reader's highlighting


def index_path(site_root: Path, folder: Path | None = None) -> Path:
    """Where the index of `site_root` lives: a file named by a hash of the root's absolute path."""
    key = hashlib.sha256(str(Path(site_root).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return (folder if folder is not None else cache_dir()) / "search" / f"{key}.sqlite"


def _mark_spans(marked: str) -> tuple[str, tuple[tuple[int, int], ...], list[str]]:
    """Parse `\\x02word\\x03` markers out of an FTS5 snippet or highlight."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    words: list[str] = []
    pos = 0
    length = 0
    while True:
        open_at = marked.find(_OPEN, pos)
        if open_at < 0:
            text.append(marked[pos:].replace(_CLOSE, ""))
            break
        text.append(marked[pos:open_at].replace(_CLOSE, ""))
        length += len(text[-1])
        close_at = marked.find(_CLOSE, open_at + 1)
        close_at = len(marked) if close_at < 0 else close_at
        word = marked[open_at + 1 : close_at].replace(_OPEN, "")
        text.append(word)
        spans.append((length, length + len(word)))
        words.append(word)
        length += len(word)
        pos = close_at + 1
    return "".join(text), tuple(spans), words


class SearchIndex:
    """The full-text index of one site. Thread-safe: the UI refreshes it in a worker and queries it anywhere."""

    def __init__(self, conn: sqlite3.Connection, site_root: Path, path: Path | None, notices: list[str]) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.site_root = Path(site_root)
        self.path = path  # None when the index lives in memory
        self.notices = notices
        self._damaged = False  # set when SQLite reports corruption in use: the next refresh rebuilds

    @classmethod
    def open(cls, site_root: Path, folder: Path | None = None) -> SearchIndex:
        """Open (creating or rebuilding as needed) the index for `site_root`; never raises for a bad cache."""
        notices: list[str] = []
        path = index_path(site_root, folder)
        try:
            try:
                conn = connect(path)
            except sqlite3.DatabaseError as exc:
                if not is_corrupt(exc):
                    raise
                remove(path)  # a cache is disposable: start again, silently
                conn = connect(path)
        except (sqlite3.Error, OSError) as exc:
            notices.append(f"Search index kept in memory: cannot write {path.parent} ({exc})")
            return cls(connect_memory(), site_root, None, notices)
        return cls(conn, site_root, path, notices)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM docs").fetchone()[0])

    def refresh(
        self,
        articles: Iterable[FileStamp],
        read_body: Callable[[Path], str | tuple[FileStamp, str]],
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        under: str = "",
    ) -> RefreshStats:
        """Bring the index in line with `articles` (every article of the site, or of the folder `under`, a
        site-relative prefix such as "_news/"): re-read only what changed, drop what is gone from that scope.

        `read_body(path)` returns an article's decoded body (front matter removed), e.g. the body from
        `newstui.library.read_article`, or the whole `(article, body)` pair, whose title and date then win
        (so `articles` may be bare file stamps: anything with path, rel_path, size and mtime_ns); an exception
        from it skips that article. `progress(done, total)` is called as articles are checked; `cancelled()`
        returning True stops early (what was done stays committed). Never raises for the index's own trouble.
        """
        items = list(articles)
        total = len(items)
        if self._damaged:
            self._rebuild()
        try:
            known = self._known()
        except sqlite3.Error as exc:
            if not is_corrupt(exc):
                self._failed_write(exc)
                return RefreshStats()
            self._rebuild()
            known = {}
        # The warm case (nothing changed) is one comparison per article, with no per-article Python work beyond
        # it: `newstui search` pays this on every run, for every article of the site.
        seen = {article.rel_path for article in items}
        pending = [
            (done, article)
            for done, article in enumerate(items, start=1)
            if known.get(article.rel_path) != (article.size, article.mtime_ns)
        ]
        unchanged = total - len(pending)
        added = updated = failed = 0
        batch: list[tuple[str, int, int, str, str, str]] = []
        for done, article in pending:
            if cancelled is not None and cancelled():
                break
            rel = article.rel_path
            size, mtime_ns = article.size, article.mtime_ns
            if not size and not mtime_ns:
                try:
                    info = os.stat(article.path)
                    size, mtime_ns = info.st_size, info.st_mtime_ns
                except OSError:
                    pass
                if known.get(rel) == (size, mtime_ns):
                    unchanged += 1
                    continue
            try:
                read = read_body(Path(article.path))
                source, body = (article, read) if isinstance(read, str) else read
                text = plain_text(body)
                title = str(getattr(source, "title", "") or "")
                when = getattr(source, "date", None)
                date = when.isoformat() if isinstance(when, datetime) else ""
            except Exception:  # one unreadable article must not stop the index
                failed += 1
                continue
            batch.append((rel, size, mtime_ns, title, date, text))
            if rel in known:
                updated += 1
            else:
                added += 1
            if len(batch) >= _BATCH:
                self._write(batch)
                batch = []
            if progress is not None:
                progress(done, total)
        self._write(batch)
        removed = 0
        if cancelled is None or not cancelled():
            gone = [rel for rel in known if rel.startswith(under) and rel not in seen]
            removed = self._delete(gone)
            if added + updated + removed >= _BATCH:
                self._optimize()
        if progress is not None:
            progress(total, total)
        return RefreshStats(added, updated, removed, unchanged, failed)

    def _known(self) -> dict[str, tuple[int, int]]:
        with self._lock:
            rows = self._conn.execute("SELECT rel_path, size, mtime_ns FROM docs").fetchall()
        return {rel: (size, mtime_ns) for rel, size, mtime_ns in rows}

    def _write(self, batch: list[tuple[str, int, int, str, str, str]]) -> None:
        if not batch:
            return
        try:
            with self._lock, self._conn:
                for rel, size, mtime_ns, title, date, body in batch:
                    self._forget(rel)
                    cur = self._conn.execute(
                        "INSERT INTO docs(rel_path, size, mtime_ns, title, date) VALUES (?, ?, ?, ?, ?)",
                        (rel, size, mtime_ns, title, date),
                    )
                    self._conn.execute(
                        "INSERT INTO fts(rowid, title, body, folded) VALUES (?, ?, ?, ?)",
                        (cur.lastrowid, title, body, folded_words(f"{title} {body}")),
                    )
        except sqlite3.Error as exc:  # a full disk or a locked file: search what is there, say why it is stale
            self._failed_write(exc)

    def _forget(self, rel: str) -> None:
        self._conn.execute("DELETE FROM fts WHERE rowid IN (SELECT id FROM docs WHERE rel_path = ?)", (rel,))
        self._conn.execute("DELETE FROM docs WHERE rel_path = ?", (rel,))

    def _rebuild(self) -> None:
        """Replace a damaged index file with an empty one (the caller's refresh then fills it)."""
        with self._lock:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            try:
                if self.path is None:
                    raise sqlite3.DatabaseError("in memory")
                remove(self.path)
                self._conn = connect(self.path)
            except (sqlite3.Error, OSError):
                self._conn = connect_memory()
                self.path = None
            self._damaged = False

    def _failed_write(self, exc: sqlite3.Error) -> None:
        self._damaged = self._damaged or is_corrupt(exc)
        notice = f"Search index could not be updated ({exc}); results may be out of date."
        if notice not in self.notices:
            self.notices.append(notice)

    def _optimize(self) -> None:
        """Merge the index into one segment after many writes (a cold build, a big update): queries then read one
        b-tree per word instead of a dozen and no leftovers of deleted rows, about a third faster. Costs about half
        a second for 10,000 articles, so a refresh of a few edited articles leaves it to FTS5's own merging."""
        try:
            with self._lock, self._conn:
                self._conn.execute("INSERT INTO fts(fts) VALUES('optimize')")
        except sqlite3.Error as exc:
            self._failed_write(exc)

    def _delete(self, rel_paths: list[str]) -> int:
        if not rel_paths:
            return 0
        try:
            with self._lock, self._conn:
                for rel in rel_paths:
                    self._forget(rel)
        except sqlite3.Error as exc:
            self._failed_write(exc)
            return 0
        return len(rel_paths)

    def _expansions(self, query: Query) -> dict[str, list[str]]:
        """Indexed words for the prefix term, when there are few enough to list (else FTS5's own prefix query)."""
        words = [term.words[-1] for term in query.terms if term.prefix]
        found: dict[str, list[str]] = {}
        try:
            with self._lock:
                self._conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING fts5vocab(main, fts, row)")
                for word in words:
                    rows = self._conn.execute(
                        "SELECT term FROM temp.fts_vocab WHERE term >= ? AND term < ? LIMIT ?",
                        (word, _prefix_end(word), _MAX_EXPANSIONS + 1),
                    ).fetchall()
                    if 0 < len(rows) <= _MAX_EXPANSIONS:
                        found[word] = [row[0] for row in rows]
        except sqlite3.Error:
            return {}
        return found

    def search(self, text: str | Query, limit: int = 50, under: str = "") -> list[Hit]:
        """Ranked hits for what the user typed (only under the site-relative folder `under` when given); an
        empty or unsearchable query gives no hits, never an error."""
        query = parse_query(text) if isinstance(text, str) else text
        if query.empty:
            return []
        # Rank first, then build snippets for the page of hits only: snippet() on every match of a common word
        # would cost more than the ranking itself.
        expression = query.match_expression(self._expansions(query))
        if under:
            rank_sql = (
                f"SELECT fts.rowid, {_RANK} AS score FROM fts JOIN docs d ON d.id = fts.rowid"
                " WHERE fts MATCH ? AND substr(d.rel_path, 1, length(?)) = ? ORDER BY score LIMIT ?"
            )
            rank_params: tuple[object, ...] = (expression, under, under, max(1, limit))
        else:
            rank_sql = f"SELECT rowid, {_RANK} AS score FROM fts WHERE fts MATCH ? ORDER BY score LIMIT ?"
            rank_params = (expression, max(1, limit))
        try:
            with self._lock:
                ranked = self._conn.execute(rank_sql, rank_params).fetchall()
                ids = [rowid for rowid, _ in ranked]
                marks = self._conn.execute(
                    f"SELECT rowid, snippet(fts, 1, '{_OPEN}', '{_CLOSE}', '…', 24),"
                    f" highlight(fts, 0, '{_OPEN}', '{_CLOSE}') FROM fts"
                    f" WHERE fts MATCH ? AND rowid IN ({','.join('?' * len(ids))})",
                    (expression, *ids),
                ).fetchall()
                docs = self._conn.execute(
                    f"SELECT id, rel_path, date FROM docs WHERE id IN ({','.join('?' * len(ids))})", ids
                ).fetchall()
        except sqlite3.Error as exc:
            self._damaged = self._damaged or is_corrupt(exc)
            later = "; the index is rebuilt at the next refresh" if self._damaged else ""
            self.notices.append(f"Search failed ({exc}){later}.")
            return []
        marked = {rowid: (snippet, title) for rowid, snippet, title in marks}
        where = {rowid: (rel, date) for rowid, rel, date in docs}
        rows = [(*where[i], score, *marked[i]) for i, score in ranked if i in marked and i in where]
        terms = query.display_terms()
        hits = []
        for rel, date, rank, snippet, title_marked in rows:
            snippet_text, spans, words = _mark_spans(" ".join(snippet.split()))
            title_text, title_spans, title_words = _mark_spans(title_marked)
            matched = tuple(dict.fromkeys(title_words + words))
            hits.append(
                Hit(
                    path=self.site_root / rel,
                    rel_path=rel,
                    title=title_text,
                    date=date,
                    score=-float(rank),
                    snippet=snippet_text,
                    highlights=spans,
                    title_highlights=title_spans,
                    matched=matched,
                    terms=terms,
                )
            )
        return hits


def _prefix_end(word: str) -> str:
    """The first string after every string starting with `word`, for a range scan."""
    return word[:-1] + chr(ord(word[-1]) + 1) if ord(word[-1]) < 0x10FFFF else word + "\U0010ffff"
