"""One file to an `Article` and its body, and many files at once, in worker processes when that pays.

Reading is CPU work in Python (YAML, dates, excerpt, image resolution), about half a millisecond per article,
so a 10,000-article site read on one core misses its 3 s target. Above `PARALLEL_MIN` files the work is spread
over a pool of forked processes, but only when forking is safe: on Linux, in a single-threaded process (the
CLI). Any failure of the pool falls back to reading in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from newstui.library.cache import Records, Row, to_row
from newstui.library.decoding import decode
from newstui.library.frontmatter import split_front_matter
from newstui.library.metadata import build_article, readable_name
from newstui.library.records import Article, Problem
from newstui.library.resolve import Resolved, path_of
from newstui.library.siteconfig import SiteConfig, read_config
from newstui.safetext import clean

PARALLEL_MIN = 800  # below this many files, starting workers costs more than it saves
MAX_WORKERS = 4
Job = tuple[str, str, int, int]  # absolute path, site-relative path, size, mtime_ns


def read_file(
    path: Path,
    rel: str,
    config: SiteConfig,
    size: int,
    mtime_ns: int,
    memo: dict[tuple[str, str], Resolved] | None = None,
) -> tuple[Article, str]:
    """Metadata and body of one file; an unreadable file gives a "read" problem and an empty body."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = Problem("read", f"cannot read {clean(rel)}: {exc.strerror or type(exc).__name__}")
        return Article(path, rel, readable_name(path), None, problems=(problem,), size=size, mtime_ns=mtime_ns), ""
    decoded = decode(data)
    parsed = split_front_matter(decoded.text)
    try:
        article = build_article(
            path,
            rel,
            parsed.meta,
            parsed.body,
            config,
            problems=(*decoded.problems, *parsed.problems),
            size=size,
            mtime_ns=mtime_ns,
            body_line=parsed.body_line,
            front=decoded.text[: len(decoded.text) - len(parsed.body)] if parsed.format else "",
            memo=memo,
        )
    except Exception as exc:  # a value shape nobody foresaw: one article degrades, the listing survives
        problem = Problem("front-matter", f"metadata could not be read ({type(exc).__name__}: {clean(str(exc))})")
        article = Article(path, rel, readable_name(path), None, problems=(problem,), size=size, mtime_ns=mtime_ns)
    return article, parsed.body


def read_many(jobs: list[Job], config: SiteConfig, workers: int | None = None) -> Iterator[tuple[Article, Row]]:
    """(article, its cache row) for `jobs`, in order, yielded as they are read (so a caller can show the first
    ones while the rest are read); in forked worker processes when there are many, CPUs to spare, and forking is
    safe. Workers send cache rows (tuples of plain values, cheaper to move than records), which this process
    turns into articles the way a warm start does."""
    count = workers if workers is not None else min(MAX_WORKERS, os.cpu_count() or 1)
    done = 0
    if count > 1 and len(jobs) >= PARALLEL_MIN and _can_fork():
        try:
            records = Records()
            for row in _read_parallel(jobs, config.root, count):
                yield records.article(row), row
                done += 1
            return
        except Exception:  # a broken pool must never cost the user the listing: read the rest here
            pass
    for article in _read_each(jobs[done:], config):
        yield article, to_row(article)


def _read_each(jobs: list[Job], config: SiteConfig) -> Iterator[Article]:
    """The articles of `jobs`, one at a time, sharing what is resolved (hero image folders) between them."""
    memo: dict[tuple[str, str], Resolved] = {}
    for path, rel, size, mtime in jobs:
        yield read_file(path_of(path), rel, config, size, mtime, memo)[0]


def _read_rows(root: str, jobs: list[Job]) -> list[Row]:
    """In a worker: the cache rows of `jobs`. Nothing it makes is garbage until it returns, so the cyclic
    garbage collector, which would walk every record made so far again and again, is kept off."""
    gc.disable()
    return [to_row(article) for article in _read_each(jobs, read_config(Path(root)))]


def _read_parallel(jobs: list[Job], root: Path, workers: int) -> Iterator[Row]:
    size = max(50, min(250, len(jobs) // (workers * 4)))  # small chunks: no worker idles long at the end
    chunks = [jobs[start : start + size] for start in range(0, len(jobs), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for part in pool.map(_read_rows, [str(root)] * len(chunks), chunks):
            yield from part


def _can_fork() -> bool:
    """Fork only a single-threaded process on Linux (the CLI). A threaded one (the TUI reads in a worker
    thread) could fork a held lock; spawn and forkserver re-import the main module and can print tracebacks
    over the screen. There, reading stays in this process and the cache makes the next start fast."""
    return sys.platform == "linux" and threading.active_count() == 1
