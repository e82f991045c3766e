"""PATH for every command: as given, else the config's `default_path`, else ./content when present, else `.`.

One rule for `newstui`, `list`, `search` and `check`, so a user who sets `default_path` gets it everywhere.
"""

from __future__ import annotations

from pathlib import Path


def path_or_default(path: str | Path | None) -> Path:
    """PATH as given (with `~` expanded); else the default, reading the config only when it is needed."""
    if path is not None and str(path) != "":
        return Path(path).expanduser()
    from newstui.config import default_path, load_config

    return default_path(load_config().default_path)
