"""What a selection change repaints is what a whole repaint would show, and the next article is read ahead.

The list, the reader and their scrollbars repaint only what changed and reuse lines drawn before, the reader's
first screen of the next article even drawn ahead (see widgets/painted_lines.py and widgets/gutter_scrollbar.py):
a line kept when it should have been drawn again would leave a stale cursor, mark, line or thumb on screen. These
tests walk the real corpus with the keys a reader uses and compare each widget's lines with the same widget drawn
from scratch.
"""

from __future__ import annotations

import random

from textual.geometry import Region
from textual.widget import Widget

from newstui.ui.widgets.article_list import ArticleList
from newstui.ui.widgets.article_view import ArticleView
from newstui.ui.widgets.gutter_scrollbar import LineScrollBar
from tests.conftest import SMARTTOGETHER, need
from tests.functional.ui_app.ui_app_support import app_for, loaded, wait_for


def _lines(widget: Widget) -> list[list[object]]:
    return [list(strip) for strip in widget.render_lines(Region(0, 0, widget.region.width, widget.region.height))]


def _from_scratch(widget: Widget) -> list[list[object]]:
    """The widget's lines with everything kept from earlier frames dropped."""
    if isinstance(widget, ArticleList | ArticleView):
        widget._painted.clear()
    if isinstance(widget, LineScrollBar):
        widget._lines = None
        widget._strips.clear()
    widget._styles_cache.clear()
    widget.refresh()
    return _lines(widget)


async def test_repainted_lines_match_a_whole_repaint() -> None:
    app = app_for(need(SMARTTOGETHER))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        articles, reader = screen.article_list, screen.reader
        keys = ["j"] * 6 + ["k", "G", "g", "pagedown", "m", "asterisk", "s", "enter", "space", "G", "escape"]
        for key in random.Random(4).choices(keys, k=60):
            await pilot.press(key)
            await pilot.pause()
            for widget in (articles, articles.vertical_scrollbar, reader, reader.vertical_scrollbar):
                shown = _lines(widget)
                assert shown == _from_scratch(widget), (key, type(widget).__name__)


async def test_the_next_article_is_read_ahead_after_a_step() -> None:
    app = app_for(need(SMARTTOGETHER))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        rows = screen.article_list.rows
        await wait_for(pilot, lambda: screen.documents.cached(rows[1].path) is not None)  # read ahead at start
        assert screen.documents.cached(rows[2].path) is None
        await pilot.press("j")
        await wait_for(pilot, lambda: screen.documents.cached(rows[2].path) is not None)
        # From the last row up: the one above is read ahead, not one below.
        last = len(rows) - 1
        await pilot.press("G")
        await wait_for(pilot, lambda: screen.current is not None and screen.current.path == rows[last].path)
        assert screen.documents.cached(rows[last - 2].path) is None
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.current is not None and screen.current.path == rows[last - 1].path)
        await wait_for(pilot, lambda: screen.documents.cached(rows[last - 2].path) is not None)
