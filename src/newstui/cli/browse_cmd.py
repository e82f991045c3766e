"""`newstui [PATH]` (the default command, `browse`): the reader app on a folder or on a file's site."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from newstui.cli import cli, fail

if TYPE_CHECKING:  # config (platformdirs, tomllib) is imported when a command needs it
    from newstui.config import Config


def browse_path(path: str | None, configured: str | None) -> Path:
    """PATH as given; else the config's `default_path`; else ./content when present, else the current folder."""
    from newstui.config import default_path

    chosen = Path(path).expanduser() if path is not None else default_path(configured)
    if not chosen.exists():
        fail(f"no such file or folder: {chosen}")
    if not (chosen.is_dir() or chosen.is_file()):
        fail(f"not a file or folder: {chosen}")
    return chosen.resolve()


def run_app(path: Path, open_file: Path | None = None, config: Config | None = None) -> None:
    """Start the Textual app (imported here so `newstui list` and friends never load textual).

    The first screen (`open_file`'s, or the site's first rows) is painted before Textual is even imported (see
    `ui.first_frame`), unless `newstui.__main__` painted it already.
    """
    from newstui.config import load_config
    from newstui.ui.first_frame import frame_for, is_dark

    config = config or load_config()
    frame = frame_for(open_file if open_file is not None else path, dark=is_dark(config.theme))
    app_failed = True  # until the app has run, and so taken the screen over from the frame
    try:
        from newstui.ui.app import NewsApp

        app = NewsApp(path, open_file=open_file, config=config, glimpse=frame.glimpse if frame is not None else None)
        if frame is not None:
            frame.give_back_input()  # keys typed from here on wait in the terminal's own line editing
        app.run()
        app_failed = False
    finally:
        if frame is not None:
            frame.restore(app_failed=app_failed)


@cli.command("browse")
@click.argument("path", required=False)
def browse_command(path: str | None) -> None:
    """Browse PATH (a site folder or one article): the article list beside the reader.

    Without PATH: the config's default_path, else ./content if present, else the current folder.
    """
    from newstui.config import load_config

    config = load_config()
    chosen = browse_path(path, config.default_path)
    run_app(chosen, open_file=chosen if chosen.is_file() else None, config=config)
