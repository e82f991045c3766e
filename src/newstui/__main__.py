"""The `newstui` command: `newstui open FILE` shows FILE's first screen before click and Textual are imported.

Those imports take most of a second on a modest machine. For the commands that open one article in the reader
(`newstui open FILE`, `newstui FILE`, `newstui browse FILE`) the first frame is painted here, from the arguments
alone; anything unusual (an option, a missing file) skips it and the command line deals with it as always.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

COMMANDS = frozenset({"browse", "open", "cat", "list", "search", "check"})


def file_to_open(args: list[str]) -> Path | None:
    """The article these arguments open in the reader, when that is all they do; else None."""
    if len(args) == 2 and args[0] in ("open", "browse"):
        name = args[1]
    elif len(args) == 1 and args[0] not in COMMANDS:
        name = args[0]
    else:
        return None
    if name.startswith("-"):
        return None
    path = Path(name).expanduser()
    try:
        return path.resolve() if path.is_file() else None
    except OSError:
        return None


def main(argv: list[str] | None = None) -> Any:
    args = sys.argv[1:] if argv is None else argv
    file = file_to_open(args)
    if file is not None:
        from newstui.ui import first_frame

        first_frame.paint_early(file)
    try:
        from newstui.cli import main as run

        return run(args)
    finally:
        if file is not None:
            first_frame.forget_early()


if __name__ == "__main__":
    main()
