"""The `newstui` command: what the reader app will show is painted before click and Textual are imported.

Those imports take most of a second on a modest machine. For the commands that start the app (`newstui open
FILE`, `newstui FILE`, `newstui FOLDER`, `newstui` alone, and `newstui browse` with or without a PATH) the first
frame is painted here, from the arguments alone; anything unusual (an option, a missing file) skips it and the
command line deals with it as always.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

COMMANDS = frozenset({"browse", "open", "cat", "list", "search", "check"})


def app_path(args: list[str]) -> Path | None:
    """The article or folder these arguments show in the app, when that is all they do; else None.

    `open` takes an article only; `browse` and no command take either, and without PATH the default folder."""
    if args[:1] == ["open"] and len(args) == 2:
        name: str | None = args[1]
    elif args[:1] == ["browse"] and len(args) <= 2:
        name = args[1] if len(args) == 2 else None
    elif len(args) == 1 and args[0] not in COMMANDS:
        name = args[0]
    elif not args:
        name = None
    else:
        return None
    if name is not None and (name.startswith("-") or name == ""):
        return None
    try:
        if name is None:
            from newstui.config import default_path, load_config

            path = default_path(load_config().default_path)
        else:
            path = Path(name).expanduser()
        if path.is_file():
            return path.resolve()
        return path.resolve() if path.is_dir() and args[:1] != ["open"] else None
    except OSError:
        return None


def main(argv: list[str] | None = None) -> Any:
    args = sys.argv[1:] if argv is None else argv
    shown = app_path(args)
    forget: Callable[[], None] | None = None  # leaves the first frame when the app never takes it over
    try:
        if shown is not None:
            from newstui.ui import first_frame

            forget = first_frame.forget_early
            first_frame.paint_early(shown)
        from newstui.cli import main as run

        return run(args)
    finally:
        if forget is not None:
            forget()


if __name__ == "__main__":
    main()
