"""The reader's first screen, painted by newstui itself before Textual is imported.

Importing and starting Textual takes most of a second on a modest machine, more than a reader should wait to
see the article they asked for. So `newstui open FILE` (and `newstui FILE`) first draws the article's first
screen with the same document and render layers the reader uses, at the place and width the reader will show
it (see `geometry`), then starts the app, whose first frame paints over it with colours, list and footer.

Keys typed in between are not lost: echo and line editing are turned off at once, so they wait in the terminal
untouched and reach the app when it starts; `restore` puts the terminal's own settings back when the app ends.
Only on a real terminal, and never for anything a failure here could spoil: every error just skips the frame.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from newstui.ui.geometry import PROBLEMS_MAX_ROWS, Box, reader_pane, reader_text

if TYPE_CHECKING:
    from rich.segment import Segment

    from newstui.render.output import ColorName

ENTER = "\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[H\x1b[2J"  # alternate screen, cursor hidden, no autowrap, cleared
LEAVE = "\x1b[?7h\x1b[?1049l\x1b[?25h"
BORDER = "\x1b[2m▕\x1b[0m"


class FirstFrame:
    """A painted first frame and the terminal settings to give back when the app is done.

    Until the app runs, a SIGTERM ends the process through `SystemExit`, so the frame is left and the settings
    restored on the way out (the app installs its own handler once it is up).
    """

    def __init__(self, out: TextIO, fd: int | None, saved: list[Any] | None) -> None:
        self._out = out
        self._fd = fd
        self._saved = saved
        self._previous_sigterm = _exit_on_sigterm()

    def give_back_input(self) -> None:
        """Echo and line editing as the user had them: called just before Textual starts, so that Textual saves
        (and hands to a program it suspends for, such as `$EDITOR`) the user's settings, not the quiet ones."""
        if self._fd is not None and self._saved is not None:
            import termios

            with suppress(termios.error, OSError):
                termios.tcsetattr(self._fd, termios.TCSANOW, self._saved)

    def restore(self, *, app_failed: bool = False) -> None:
        """Give back the terminal's own settings; when the app never took the screen, leave the frame too."""
        if app_failed:
            with suppress(OSError, ValueError):
                self._out.write(LEAVE)
                self._out.flush()
        self.give_back_input()
        if self._previous_sigterm is not None:
            with suppress(ValueError, OSError):
                signal.signal(signal.SIGTERM, self._previous_sigterm)
            self._previous_sigterm = None


def _exit_on_sigterm() -> signal.Handlers | Callable[[int, FrameType | None], object] | int | None:
    """Make SIGTERM raise SystemExit (unwinding through `restore`); the handler it replaced, or None."""

    def terminated(signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    try:
        return signal.signal(signal.SIGTERM, terminated)
    except (ValueError, OSError):  # not the main thread: keep the default
        return None


_early: FirstFrame | None = None  # painted by `newstui.__main__` before the command line was even parsed


def paint_early(path: Path) -> None:
    """Paint `path`'s first frame now, for `run_app` to take over (see `take_early`); colours per the config."""
    from newstui.config import load_config

    global _early
    _early = paint(path, dark=is_dark(load_config().theme))


def is_dark(theme: str | None) -> bool:
    """Whether the configured theme draws on a dark background (Textual's light themes say so in their names)."""
    return "light" not in (theme or "")


def take_early() -> FirstFrame | None:
    """The frame painted early, now the app's to restore; None when there is none."""
    global _early
    frame, _early = _early, None
    return frame


def forget_early() -> None:
    """The command ended without starting the app (an error, say): leave the frame and give the terminal back."""
    frame = take_early()
    if frame is not None:
        frame.restore(app_failed=True)


def paint(path: Path, *, dark: bool = True, out: TextIO | None = None) -> FirstFrame | None:
    """Draw `path`'s first screen on the terminal; None (and nothing drawn) when that is not possible."""
    stream = out if out is not None else sys.__stderr__  # where Textual draws
    if stream is None or not _is_terminal(stream) or os.environ.get("TERM") == "dumb":
        return None
    try:
        columns, rows = shutil.get_terminal_size()  # as Textual measures it (COLUMNS/LINES, stdout, else 80x24)
        from newstui.render.output import terminal_color_system  # the colours Textual will use too

        frame_text = compose(path, columns, rows, dark=dark, color=terminal_color_system())
    except Exception:  # the app shows any problem properly a moment later
        return None
    fd, saved = _quiet_input()
    stream.write(frame_text)
    stream.flush()
    return FirstFrame(stream, fd, saved)


def compose(path: Path, columns: int, rows: int, *, dark: bool = True, color: ColorName = "256") -> str:
    """The escape sequences of the first frame at this terminal size: the site's title on the top row, then the
    problems bar and the article's first lines where the reader will show them."""
    from newstui.document import first_screen
    from newstui.library import read_article, site_for
    from newstui.render import default_theme, render_document
    from newstui.render.output import line_to_ansi
    from newstui.safetext import clean
    from newstui.ui.problems import problems_text

    site = site_for(path)
    article, body = read_article(path, site)
    document = first_screen(body, source=path, site=site, article=article)
    pane = reader_pane(columns, rows)
    problems = _problem_lines(problems_text(document.problems), pane.width - 2)
    box = reader_text(pane, columns, len(problems))
    rendered = render_document(
        document, box.width, theme=default_theme(dark=dark), site_root=site.root, max_lines=box.height
    )
    out = [ENTER, _at(0, 0), _centred(clean(site.title) or site.root.name, columns)]
    if pane.left:  # the list pane's right border, where the list will be
        out += [_at(row, pane.left - 1) + BORDER for row in range(pane.top, pane.top + pane.height)]
    for row, text in enumerate(problems):
        out += [_at(pane.top + row, pane.left + 1), text]
    room = max(0, columns - box.left)  # a tiny terminal is narrower than the narrowest layout
    for row, line in enumerate(rendered.lines[: box.height]):
        out += [_at(box.top + row, box.left), line_to_ansi(_cut(line, room), color)]
    return "".join(out)


def _cut(line: Sequence[Segment], cells: int) -> list[Segment]:
    """The first `cells` cells of a rendered line."""
    from rich.segment import Segment

    return next(iter(Segment.divide(line, [cells])), [])


def _problem_lines(text: str, width: int) -> list[str]:
    """The problems bar's rows: its lines wrapped at the bar's width, at most as many as the bar shows."""
    from rich.style import Style

    from newstui.render.lines import wrap_runs

    rows: list[str] = []
    for line in text.splitlines():
        wrapped = wrap_runs([(line, Style(), None)], max(1, width), keep_spaces=True)
        rows += [piece.text for piece in wrapped] or [""]
    return rows[:PROBLEMS_MAX_ROWS]


def _at(row: int, column: int) -> str:
    return f"\x1b[{row + 1};{column + 1}H"


def _centred(title: str, columns: int) -> str:
    return f"\x1b[1m{title[:columns].center(columns).rstrip()}\x1b[0m"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _quiet_input() -> tuple[int | None, list[Any] | None]:
    """Turn off echo and line editing, so keys typed before the app starts neither show nor wait for Enter."""
    try:
        import termios

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
        quiet = termios.tcgetattr(fd)
        quiet[3] &= ~(termios.ECHO | termios.ICANON)
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
        return fd, saved
    except Exception:  # no termios (not POSIX) or not a terminal after all: keys just echo
        return None, None


__all__ = ["Box", "FirstFrame", "compose", "paint"]
