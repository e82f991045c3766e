"""Where the main screen puts the list and the reader, in cells, for the first frame painted before Textual starts.

The numbers are those of newstui.tcss (the list pane is 40% of the width, 34 to 72 cells, with a one-cell border
on its right; under NARROW columns it is 40% of the height, at least 4 rows, above the reader, with its border
below, and folds away while reading); tests/functional compare these boxes with what the running app shows, so
the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from typing import NamedTuple

NARROW = 100  # below this many columns the list goes above the reader, and folds away while reading
LIST_SHARE, LIST_MIN, LIST_MAX = 0.40, 34, 72
LIST_MIN_ROWS = 4  # the narrow list pane's least height, its border included
HEADER_ROWS = FOOTER_ROWS = 1
READER_PADDING = 1  # cells left and right of the text, beside the list; none when the reader is alone
SCROLLBAR = 1
PROBLEMS_MAX_ROWS = 6
MIN_TEXT_WIDTH = 10  # the reader (ArticleView) never lays out narrower than this


class Box(NamedTuple):
    """A rectangle of the screen: its first column and row, and its size in cells."""

    left: int
    top: int
    width: int
    height: int


def reader_pane(columns: int, rows: int) -> Box:
    """The reader's pane (problems bar and text) while an article is read at this terminal size."""
    left = 0 if columns < NARROW else min(LIST_MAX, max(LIST_MIN, int(columns * LIST_SHARE)))
    return Box(left, HEADER_ROWS, columns - left, max(0, rows - HEADER_ROWS - FOOTER_ROWS))


def list_pane(columns: int, rows: int) -> Box:
    """The list's pane while the list is browsed, its one-cell border (right, or below when narrow) included."""
    panes = max(0, rows - HEADER_ROWS - FOOTER_ROWS)
    if columns >= NARROW:
        return Box(0, HEADER_ROWS, reader_pane(columns, rows).left, panes)
    return Box(0, HEADER_ROWS, columns, min(panes, max(LIST_MIN_ROWS, int(panes * LIST_SHARE))))


def browsing_reader_pane(columns: int, rows: int) -> Box:
    """The reader's pane while the list is browsed: beside the list, or below it when narrow."""
    if columns >= NARROW:
        return reader_pane(columns, rows)
    below = list_pane(columns, rows)
    top = below.top + below.height
    return Box(0, top, columns, max(0, rows - FOOTER_ROWS - top))


def reader_text(pane: Box, columns: int, problem_rows: int = 0) -> Box:
    """The box the article's lines are laid out in, below `problem_rows` of problems bar."""
    padding = 0 if columns < NARROW else READER_PADDING
    width = max(MIN_TEXT_WIDTH, pane.width - 2 * padding - SCROLLBAR)
    return Box(pane.left + padding, pane.top + problem_rows, width, max(0, pane.height - problem_rows))
