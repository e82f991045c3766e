"""The app's first screen, painted by newstui itself before Textual is imported.

Importing and starting Textual takes most of a second on a modest machine, more than a reader should wait to
see the article they asked for. So `newstui open FILE` (and `newstui FILE`) first draws the article's first
screen with the same document and render layers the reader uses, at the place and width the reader will show
it (see `geometry`), then starts the app, whose first frame paints over it with colours, list and footer.
`newstui FOLDER` (and `newstui` on the default folder) likewise draws the list's first rows, when the metadata
cache knows the site (`library.glimpse_site`), and the newest article beside them; the app starts with those
same rows (`FirstFrame.glimpse`), so they stay on screen while it reads the rest of the site.

Keys typed in between are not lost: echo and line editing are turned off at once, so they wait in the terminal
untouched and reach the app when it starts; `restore` puts the terminal's own settings back when the app ends.
Only on a real terminal, and never for anything a failure here could spoil: every error just skips the frame.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from newstui.ui.geometry import (
    NARROW,
    PROBLEMS_MAX_ROWS,
    Box,
    browsing_reader_pane,
    list_pane,
    reader_pane,
    reader_text,
)
from newstui.ui.list_rows import RowMarks, row_parts

if TYPE_CHECKING:
    from rich.segment import Segment

    from newstui.library.records import Article, Site
    from newstui.library.site import Glimpse
    from newstui.render.output import ColorName

ENTER = "\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[H\x1b[2J"  # alternate screen, cursor hidden, no autowrap, cleared
LEAVE = "\x1b[?7h\x1b[?1049l\x1b[?25h"
BORDER = "\x1b[2m▕\x1b[0m"
HKEY = "▁"  # the narrow list pane's bottom border
HEADER_ICON, HEADER_CLOCK, HEADER_ICON_TEXT = 8, 10, "≡"  # Textual's Header: its icon and clock spaces, in cells


class FirstFrame:
    """A painted first frame and the terminal settings to give back when the app is done.

    Until the app runs, a SIGTERM ends the process through `SystemExit`, so the frame is left and the settings
    restored on the way out (the app installs its own handler once it is up).
    """

    def __init__(self, out: TextIO, fd: int | None, saved: list[Any] | None, glimpse: Glimpse | None = None) -> None:
        self.glimpse = glimpse  # the site's first rows, as the frame showed them, for the app to start with
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
_early_path: Path | None = None  # what it was painted for, or tried to be (the cache may not know the site)


def paint_early(path: Path) -> None:
    """Paint the first frame of `path` (an article, or a site's folder) now, for `run_app` to take over (see
    `frame_for`); colours per the config."""
    from newstui.config import load_config

    global _early, _early_path
    _early, _early_path = paint_any(path, dark=is_dark(load_config().theme)), path


def is_dark(theme: str | None) -> bool:
    """Whether the configured theme draws on a dark background (Textual's light themes say so in their names)."""
    return "light" not in (theme or "")


def frame_for(path: Path, *, dark: bool) -> FirstFrame | None:
    """The first frame of `path`, now the app's to restore: the one `paint_early` made when it was asked for
    this path (painted or not: a cold cache is not looked at twice), else one painted now."""
    if _early_path is not None and _early_path == path:
        return _take_early()
    return paint_any(path, dark=dark)


def paint_any(path: Path, *, dark: bool) -> FirstFrame | None:
    """`paint_site` for a folder, `paint` for an article."""
    return paint_site(path, dark=dark) if path.is_dir() else paint(path, dark=dark)


def _take_early() -> FirstFrame | None:
    global _early, _early_path
    frame, _early, _early_path = _early, None, None
    return frame


def forget_early() -> None:
    """The command ended without starting the app (an error, say): leave the frame and give the terminal back."""
    frame = _take_early()
    if frame is not None:
        frame.restore(app_failed=True)


def paint(path: Path, *, dark: bool = True, out: TextIO | None = None) -> FirstFrame | None:
    """Draw article `path`'s first screen on the terminal; None (and nothing drawn) when that is not possible.
    The app then starts with the site and the article as the frame read them (its title at once, not "newstui")."""

    def draw(columns: int, rows: int, color: ColorName | None) -> tuple[Iterator[str], Glimpse]:
        from newstui.library import read_article, site_for
        from newstui.library.site import Glimpse

        site = site_for(path)
        article, body = read_article(path, site)
        return _article_frame(site, article, body, columns, rows, dark, color), Glimpse(site, [article], None)

    return _paint(draw, out)


def paint_site(folder: Path, *, dark: bool = True, out: TextIO | None = None) -> FirstFrame | None:
    """Draw the first rows of the site at `folder` beside its newest article; None (and nothing drawn) when the
    metadata cache cannot tell them at once, or there is no terminal."""

    def draw(columns: int, rows: int, color: ColorName | None) -> tuple[Iterator[str], Glimpse | None] | None:
        from newstui.library.site import glimpse_site

        glimpse = glimpse_site(folder)
        if glimpse is None or not glimpse.articles:
            return None
        return _site_frame(glimpse, columns, rows, dark, color), glimpse

    return _paint(draw, out)


# The frame's escape sequences in parts, each written as soon as it is made (the list before the article),
# with the site's first rows when they are shown; None when there is nothing to show.
Draw = Callable[[int, int, "ColorName | None"], "tuple[Iterator[str], Glimpse | None] | None"]


def _paint(draw: Draw, out: TextIO | None) -> FirstFrame | None:
    """Quiet the keyboard, draw what `draw(columns, rows, colours)` makes, and return the frame to restore later.

    From the moment the keyboard is quiet, anything that ends the drawing gives the terminal back: an error
    (the app shows the problem properly a moment later), nothing to show, or Ctrl+C and SIGTERM on the way out.
    """
    stream = out if out is not None else sys.__stderr__  # where Textual draws
    if stream is None or not _is_terminal(stream) or os.environ.get("TERM") == "dumb":
        return None
    try:
        columns, rows = shutil.get_terminal_size()  # as Textual measures it (COLUMNS/LINES, stdout, else 80x24)
    except Exception:
        return None
    frame = FirstFrame(stream, *_quiet_input())  # keys typed while the frame is made neither show nor wait
    written = False
    try:
        drawn = draw(columns, rows, None)  # colours probed when the article is drawn: the list needs no render layer
        if drawn is None:
            frame.restore()
            return None
        parts, frame.glimpse = drawn
        for part in parts:
            stream.write(part)
            stream.flush()
            written = True
    except Exception:  # the rest is the app's to paint, or none of it when nothing was drawn
        if not written:
            frame.restore()
            return None
    except BaseException:  # Ctrl+C, or SIGTERM (see FirstFrame): leave with the terminal as it was
        frame.restore(app_failed=written)
        raise
    return frame


def compose(path: Path, columns: int, rows: int, *, dark: bool = True, color: ColorName = "256") -> str:
    """The escape sequences of article `path`'s first frame at this terminal size: the site's title on the top
    row, then the problems bar and the article's first lines where the reader will show them."""
    from newstui.library import read_article, site_for

    site = site_for(path)
    article, body = read_article(path, site)
    return "".join(_article_frame(site, article, body, columns, rows, dark, color))


def compose_site(glimpse: Glimpse, columns: int, rows: int, *, dark: bool = True, color: ColorName = "256") -> str:
    """The escape sequences of a site's first frame: the title and counts on the top row, the list's first rows
    with the cursor on the newest article, and that article beside (or, narrow, below) them."""
    return "".join(_site_frame(glimpse, columns, rows, dark, color))


def _article_frame(
    site: Site, article: Article, body: str, columns: int, rows: int, dark: bool, color: ColorName | None
) -> Iterator[str]:
    pane = reader_pane(columns, rows)
    out = [ENTER, _header(_site_title(site), columns)]
    if pane.left:  # the list pane's right border, where the list will be
        out += [_at(row, pane.left - 1) + BORDER for row in range(pane.top, pane.top + pane.height)]
    out += _reader(site, article, body, pane, columns, dark, color)
    yield "".join(out)


def _site_frame(glimpse: Glimpse, columns: int, rows: int, dark: bool, color: ColorName | None) -> Iterator[str]:
    from newstui.ui.listing import Facet, counts_line, loading_text, sort_articles
    from newstui.ui.sitelist import early_batch

    site, articles, done, total = early_batch(glimpse)
    marks = _row_marks(articles)
    shown = sort_articles(articles, "newest")
    unread = sum(marks[str(article.path)].unread for article in articles)
    counts = counts_line(len(articles), unread, len(shown), Facet(), "newest", loading_text(done, total))
    yield "".join([ENTER, _header(f"{_site_title(site)} — {counts}", columns), *_list(shown, marks, columns, rows)])
    from newstui.library import read_article

    article, body = read_article(shown[0].path, site)
    yield "".join(_reader(site, article, body, browsing_reader_pane(columns, rows), columns, dark, color))


def _row_marks(articles: list[Article]) -> dict[str, RowMarks]:
    """The mark column of each article (by path), from the state file as it is now."""
    from newstui.store.state import ArticleState, peek_marks

    peeked, unmarked = peek_marks(articles), ArticleState()
    states = {str(article.path): peeked.get(str(article.path), unmarked) for article in articles}
    return {key: RowMarks(unread=not state.read, starred=state.starred) for key, state in states.items()}


def _list(shown: list[Article], marks: dict[str, RowMarks], columns: int, rows: int) -> list[str]:
    """The list pane: its first rows, the first under the cursor, and its border (right, or below when narrow)."""
    pane = list_pane(columns, rows)
    wide = columns >= NARROW
    height = pane.height if wide else max(0, pane.height - 1)  # narrow: the border is the pane's last row
    width = max(0, pane.width - wide - (len(shown) > height))  # less the border and the scrollbar
    out = []
    for row, article in enumerate(shown[:height]):
        parts = row_parts(article, marks[str(article.path)], width)
        styled = (f"{_PART_STYLE['cursor' if row == 0 else part]}{text}\x1b[0m" for text, part in parts)
        out.append(_at(pane.top + row, 0) + "".join(styled))
    if wide:
        out += [_at(row, pane.width - 1) + BORDER for row in range(pane.top, pane.top + pane.height)]
    elif pane.height:
        out.append(_at(pane.top + height, 0) + f"\x1b[2m{HKEY * columns}\x1b[0m")
    return out


_PART_STYLE = {  # the list's parts as the app colours them, near enough for the moment before it starts
    "cursor": "\x1b[1;7m",
    "unread": "\x1b[1m",
    "starred": "\x1b[33m",
    "problem": "\x1b[1;31m",
    "date": "\x1b[2m",
    "tags": "\x1b[2m",
    "title": "",
}


def _reader(
    site: Site, article: Article, body: str, pane: Box, columns: int, dark: bool, color: ColorName | None
) -> list[str]:
    """The problems bar and the first lines of `article` (its `body` as read), placed in the reader's `pane`, in
    `color` (None: the colours Textual will use on this terminal)."""
    from newstui.document import first_screen
    from newstui.render import default_theme, render_document
    from newstui.render.output import line_to_ansi, terminal_color_system
    from newstui.ui.problems import problems_text

    colors = color or terminal_color_system()
    document = first_screen(body, source=article.path, site=site, article=article)
    problems = _problem_lines(problems_text(document.problems), pane.width - 2)[: pane.height]
    box = reader_text(pane, columns, len(problems))
    rendered = render_document(
        document, box.width, theme=default_theme(dark=dark), site_root=site.root, max_lines=box.height
    )
    out = []
    for row, text in enumerate(problems):
        out += [_at(pane.top + row, pane.left + 1), text]
    room = max(0, columns - box.left)  # a tiny terminal is narrower than the narrowest layout
    for row, line in enumerate(rendered.lines[: box.height]):
        out += [_at(box.top + row, box.left), line_to_ansi(_cut(line, room), colors)]
    return out


def _site_title(site: Site) -> str:
    from newstui.safetext import clean

    return clean(site.title) or site.root.name


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


def _header(text: str, columns: int) -> str:
    """The header row as Textual's Header lays it out: the icon, then `text` centred between the icon's 8 cells
    and the clock's 10, cut with an ellipsis when it does not fit."""
    from rich.cells import cell_len, set_cell_size

    room = max(0, columns - HEADER_ICON - HEADER_CLOCK)
    if cell_len(text) > room:
        text = set_cell_size(text, max(0, room - 1)) + "…" if room else ""
    left = HEADER_ICON + (room - cell_len(text)) // 2
    icon = _at(0, 1) + HEADER_ICON_TEXT if columns > 1 else ""
    return f"{icon}{_at(0, left)}\x1b[1m{text}\x1b[0m"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _quiet_input() -> tuple[int | None, list[Any] | None]:
    """Turn off echo and line editing, so keys typed before the app starts neither show nor wait for Enter, and
    reach the app as typed."""
    try:
        import termios

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
        quiet = termios.tcgetattr(fd)
        quiet[3] &= ~(termios.ECHO | termios.ICANON)
        quiet[0] &= ~termios.ICRNL  # Enter stays "\r", as Textual reads it; turned into "\n" it would be ctrl+j
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
        return fd, saved
    except Exception:  # no termios (not POSIX) or not a terminal after all: keys just echo
        return None, None


__all__ = ["Box", "FirstFrame", "compose", "compose_site", "paint", "paint_site"]
