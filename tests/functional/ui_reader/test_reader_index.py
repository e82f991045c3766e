"""ArticleIndex: find in cell columns (wide characters), Tab order from what is on screen, reading position."""

from __future__ import annotations

from rich.segment import Segment

from newstui.render.model import RenderedArticle, TargetSpan
from newstui.ui.widgets.article_index import ArticleIndex


def article(plain: list[str], spans: tuple[TargetSpan, ...] = ()) -> RenderedArticle:
    return RenderedArticle(
        width=40, lines=tuple((Segment(text),) for text in plain), plain=tuple(plain), target_spans=spans
    )


def test_find_reports_cell_columns_for_wide_and_combining_text() -> None:
    index = ArticleIndex(article(["日本語 Needle", "cafe\u0301 needle", "plain NEEDLE needle"]))
    found = [(m.line, m.start, m.end) for m in index.find("needle")]
    assert found == [(0, 7, 13), (1, 5, 11), (2, 6, 12), (2, 13, 19)]
    assert index.find("") == [] and index.find("absent") == []


def test_find_stops_at_the_limit() -> None:
    index = ArticleIndex(article(["a a a a"] * 10))
    assert len(index.find("a", limit=7)) == 7


def test_step_starts_from_the_screen_and_wraps() -> None:
    spans = (TargetSpan(2, 1, 0, 4), TargetSpan(0, 0, 0, 3), TargetSpan(1, 30, 2, 6), TargetSpan(1, 31, 0, 3))
    index = ArticleIndex(article(["x"] * 40, spans))
    assert index.order == [0, 2, 1]
    assert index.step(None, True, 0, 10) == 0
    assert index.step(None, True, 20, 35) == 1, "first target in view, not the first of the article"
    assert index.step(None, False, 0, 10) == 2, "Shift+Tab: last target in view"
    assert index.step(1, True, 20, 35) == 0, "wraps from the last to the first"
    assert index.step(0, False, 0, 10) == 1, "and backwards from the first to the last"
    assert index.step(0, True, 20, 35) == 1, "a highlight scrolled away restarts from the screen"
    assert index.lines_of(1) == (30, 32)
    assert index.target_at(31, 2) == 1 and index.target_at(31, 3) is None


def test_reading_position_maps_between_widths() -> None:
    wide = ArticleIndex(article(["one two three", "four five six", "seven eight"]))
    narrow = ArticleIndex(article(["one two", "three four", "five six", "seven", "eight"]))
    assert narrow.line_at(wide.position_of(2)) == 3  # "seven ..." starts the same place
    assert wide.line_at(narrow.position_of(3)) == 2
    assert ArticleIndex(article([])).line_at(5) == 0


def test_reading_position_keeps_the_top_above_a_frame() -> None:
    """A frame at the top (no letters on its first lines) must not push the top down on a relayout."""
    framed = ArticleIndex(article(["┌────┐", "│ a  │", "└────┘", "", "text here"]))
    assert framed.line_at(framed.position_of(0)) == 0
    assert framed.line_at(framed.position_of(4)) == 4  # and a paragraph's first line stays its first line
