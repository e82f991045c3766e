"""Find in the article: `/` query, Enter, `n` / `N` with wrap-around, `esc`."""

from __future__ import annotations

from newstui.ui.widgets.article_view import ArticleView
from newstui.ui.widgets.find_bar import FindBar
from tests.functional.ui_reader.reader_app import ReaderApp, sample_document

SIZE = (120, 36)


def needle_lines(view: ArticleView) -> list[int]:
    return [n for n, text in enumerate(view.rendered.plain) if "needle" in text.lower()]


def current_line(view: ArticleView) -> int:
    assert view.current_match is not None
    return view.matches[view.current_match].line


def in_view(view: ArticleView, line: int) -> bool:
    top = round(view.scroll_y)
    return top <= line < top + view.scrollable_content_region.height - 1  # the bar covers the last row


async def test_find_moves_to_matches_and_n_N_cycle_with_wrap() -> None:
    app = ReaderApp(sample_document(filler=8))
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        lines = needle_lines(view)
        assert len(lines) >= 5 and lines[0] > 36
        await pilot.press("slash", *"NeEdLe", "enter")  # case-insensitive
        await pilot.pause()
        assert len(view.matches) == len(lines)
        assert current_line(view) == lines[0]
        assert view.scroll_y > 0 and in_view(view, lines[0])
        assert str(app.screen.query_one(FindBar).query_one(".find-status").render()) == f"1/{len(lines)}"
        assert view.has_focus, "Enter hands the keys back to the article"
        await pilot.press("n", "n")
        assert current_line(view) == lines[2] and in_view(view, lines[2])
        await pilot.press("N")
        assert current_line(view) == lines[1]
        await pilot.press("N", "N")  # back past the first match: wraps to the last
        assert current_line(view) == lines[-1] and in_view(view, lines[-1])
        assert round(view.scroll_y) > 0
        await pilot.press("n")  # and forward again wraps to the first
        assert current_line(view) == lines[0] and in_view(view, lines[0])


async def test_matches_are_drawn_and_escape_closes_the_bar() -> None:
    app = ReaderApp(sample_document(filler=8))
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("slash", *"needle", "enter")
        await pilot.pause()
        match = view.matches[view.current_match or 0]
        strip = view.render_line(match.line - round(view.scroll_y))
        cells = strip.crop(match.start, match.end)
        assert cells.text.lower() == "needle"
        assert all(segment.style is not None and segment.style.bgcolor is not None for segment in cells)
        await pilot.press("escape")
        await pilot.pause()
        bar = app.screen.query_one(FindBar)
        assert not bar.display and view.matches == [] and view.has_focus
        # n after esc finds the last query again.
        await pilot.press("n")
        assert view.matches and bar.display


async def test_typing_shows_no_matches_and_moves_nothing() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("slash", *"zzzq")
        await pilot.pause()
        assert view.matches == [] and round(view.scroll_y) == 0
        assert str(app.screen.query_one(FindBar).query_one(".find-status").render()) == "no matches"


async def test_find_text_from_the_app_opens_the_bar_and_n_continues() -> None:
    """The app finds a search hit's word for the reader; n then goes to the next occurrence."""
    app = ReaderApp(sample_document(filler=8))
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        lines = needle_lines(view)
        view.find_text("needle")
        await pilot.pause()
        bar = app.screen.query_one(FindBar)
        assert bar.display and bar.query_text == "needle" and view.has_focus
        assert current_line(view) == lines[0] and in_view(view, lines[0])
        await pilot.press("n")
        assert current_line(view) == lines[1]
