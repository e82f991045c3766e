"""Find a site's article files: a recursive walk that skips build output, dependencies and templates.

Skipped folders: `_site`, `public`, `node_modules`, `.git`, `vendor`, hidden ones, Jekyll's `_layouts`,
`_includes`, `_data`, `_sass`, and whatever the Jekyll config `exclude`s. Symlinked folders are followed once
(a folder already visited, by device and inode, is not entered again), so a symlink loop ends the walk instead of
hanging it. A folder that cannot be listed is reported as a problem and the walk goes on.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from newstui.library.records import Problem
from newstui.safetext import clean

ARTICLE_SUFFIXES = frozenset((".md", ".markdown", ".mdown", ".mkd"))
_SUFFIX_TUPLE = tuple(ARTICLE_SUFFIXES)
SKIPPED = frozenset(("_site", "public", "node_modules", "vendor", "_layouts", "_includes", "_data", "_sass"))


class Found(NamedTuple):
    """One article file: its absolute path as text (under the walk's start, symlinks kept), size and mtime.

    Text, not `Path`, and a named tuple, not a dataclass: a warm start makes 10,000 of these to compare with the
    cache, and the records it builds make their own `Path`s.
    """

    path: str
    size: int
    mtime_ns: int


def is_article_name(name: str) -> bool:
    """True for a Markdown file name newstui lists (`.md`, `.markdown`, `.mdown`, `.mkd`, any case)."""
    return name.lower().endswith(_SUFFIX_TUPLE) and not name.startswith(".")


def discover(
    start: Path, root: Path, exclude: tuple[str, ...] = (), stop: Callable[[Found], bool] | None = None
) -> tuple[list[Found], list[Problem]]:
    """Every article file under `start` (inside the site at `root`), and the problems met on the way; with
    `stop`, the walk ends as soon as `stop(found)` is true for a file (the files so far are returned)."""
    found: list[Found] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()
    stack = [str(start)]
    root_text = str(root)
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            key = (info.st_dev, info.st_ino)
            if key in seen:
                continue
            seen.add(key)
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as exc:
            problems.append(Problem("read", f"cannot read folder {_shown(folder, root_text)}: {_reason(exc)}"))
            continue
        for entry in listed:
            name = entry.name
            try:
                if entry.is_dir():
                    if not _skip_folder(name, entry.path, root_text, exclude):
                        stack.append(entry.path)
                elif not is_article_name(name) or (exclude and _excluded(entry.path, root_text, exclude)):
                    continue
                elif entry.is_file():
                    stat = entry.stat()
                    found.append(Found(entry.path, stat.st_size, stat.st_mtime_ns))
                    if stop is not None and stop(found[-1]):
                        return found, problems
                elif entry.is_symlink():
                    problems.append(Problem("read", f"{_shown(entry.path, root_text)} is a broken symbolic link"))
            except OSError as exc:  # removed mid-walk, no permission, a symlink loop
                if is_article_name(name):
                    problems.append(Problem("read", f"cannot read {_shown(entry.path, root_text)}: {_reason(exc)}"))
    return found, problems


def _skip_folder(name: str, path: str, root: str, exclude: tuple[str, ...]) -> bool:
    return name.startswith(".") or name in SKIPPED or _excluded(path, root, exclude)


def _excluded(path: str, root: str, exclude: tuple[str, ...]) -> bool:
    """Jekyll's `exclude`: entries are paths relative to the site root, or glob patterns."""
    if not exclude:
        return False
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    for pattern in exclude:
        pattern = pattern.strip("/")
        if rel == pattern or rel.startswith(pattern + "/") or fnmatch.fnmatch(rel, pattern):
            return True
    return False


def _shown(path: str, root: str) -> str:
    rel = os.path.relpath(path, root)
    return clean(path if rel.startswith("..") else rel.replace(os.sep, "/"))


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
