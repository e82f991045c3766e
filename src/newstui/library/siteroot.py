"""Find a site's root folder: the nearest folder at or above a path that holds a static-site config file."""

from __future__ import annotations

from pathlib import Path

SITE_MARKERS = (
    "_config.yml",
    "_config.yaml",
    "_config.toml",
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "zola.toml",
)


def find_site_root(path: Path) -> Path | None:
    """The nearest folder at or above `path` (a file or folder) holding one of SITE_MARKERS, else None."""
    start = path if path.is_dir() else path.parent
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / marker).is_file() for marker in SITE_MARKERS):
            return folder
    return None
