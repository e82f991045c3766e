"""Scrolling keys, re-layout on resize, empty and narrow articles, and a 1.3 MB article."""

from __future__ import annotations

from newstui.document.model import Document
from newstui.ui.widgets.article_view import ArticleView
from tests.functional.ui_reader.reader_app import ReaderApp, big_document, sample_document

SIZE = (120, 36)


async def test_scroll_keys_move_the_view() -> None:
    app = ReaderApp(sample_document(filler=8))
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("j", "j", "down")
        assert view.scroll_y == 3
        await pilot.press("k")
        assert view.scroll_y == 2
        await pilot.press("space")
        assert view.scroll_y == 2 + 35
        await pilot.press("b")
        assert view.scroll_y == 2
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        assert view.rendered.plain[-1] in "".join(view.render_line(y).text for y in range(36))
        await pilot.press("g")
        assert view.scroll_y == 0


async def test_scrolled_to_end_is_posted_once_when_the_end_comes_into_view() -> None:
    app = ReaderApp(sample_document(filler=8))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.of_type(ArticleView.ScrolledToEnd) == []
        await pilot.press("G", "g", "G")
        await pilot.pause()
        assert len(app.of_type(ArticleView.ScrolledToEnd)) == 1


async def test_a_short_article_counts_as_read_at_once() -> None:
    app = ReaderApp(sample_document(filler=0))
    async with app.run_test(size=(120, 80)) as pilot:
        await pilot.pause()
        assert len(app.of_type(ArticleView.ScrolledToEnd)) == 1


async def test_resize_relayouts_and_keeps_the_reading_position() -> None:
    app = ReaderApp(sample_document(filler=12))
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.pause()
        line = next(n for n, text in enumerate(view.rendered.plain) if text.startswith("Filler 6:"))
        view.scroll_to_line(line)
        await pilot.pause()
        lines_before = len(view.rendered.lines)
        await pilot.resize_terminal(60, 36)
        await pilot.pause(0.3)
        assert view.rendered.width == view.scrollable_content_region.width == 59
        assert max(len(text) for text in view.rendered.plain) <= 59
        assert len(view.rendered.lines) > lines_before, "narrower means more lines"
        assert view.rendered.plain[round(view.scroll_y)].startswith("Filler 6:")
        await pilot.resize_terminal(120, 36)
        await pilot.pause(0.3)
        assert view.rendered.plain[round(view.scroll_y)].startswith("Filler 6:")


async def test_resize_keeps_the_highlighted_target() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab")
        await pilot.resize_terminal(70, 30)
        await pilot.pause(0.3)
        assert app.view.highlighted is not None and app.view.highlighted.index == 1
        await pilot.press("enter")
        await pilot.pause()
        assert [m.target.index for m in app.of_type(ArticleView.OpenTarget)] == [1]  # type: ignore[attr-defined]


async def test_empty_document_and_no_document_take_every_key() -> None:
    empty = Document(title="", blocks=(), targets=())
    for document in (empty, None):
        app = ReaderApp(document)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("tab", "shift+tab", "enter", "o", "j", "k", "space", "b", "G", "g", "y", "n", "N")
            await pilot.press("u", "t", "slash", "x", "enter", "n", "escape")
            await pilot.pause()
            assert app.posted == [] or all(isinstance(m, ArticleView.ScrolledToEnd) for m in app.posted)
            assert app.view.scroll_y == 0
            assert app.view.render_line(0).cell_length == app.view.scrollable_content_region.width


async def test_ten_columns_wide() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=(10, 12)) as pilot:
        await pilot.press("tab", "tab", "G", "g", "slash", *"needle", "enter", "n")
        await pilot.pause()
        view = app.view
        assert view.rendered.lines
        for y in range(12):
            assert view.render_line(y).cell_length == view.scrollable_content_region.width
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.of_type(ArticleView.OpenTarget) or app.of_type(ArticleView.FollowLink)


async def test_big_article_shows_its_first_screen_and_G_reaches_the_end() -> None:
    document = big_document()
    assert sum(len(span.text) for block in document.blocks for span in block.spans) >= 1_300_000
    app = ReaderApp(document)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.pause()
        # The first screen is drawn from the first blocks (the rest may still be laid out in a thread).
        screen_text = "\n".join(view.render_line(y).text for y in range(36))
        assert "Big article" in screen_text and "Paragraph 0 " in screen_text
        await pilot.press("G")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.laid_out
        assert view.max_scroll_y > 10_000
        assert view.scroll_y == view.max_scroll_y
        bottom = "\n".join(view.render_line(y).text for y in range(36))
        assert "THE LAST PARAGRAPH" in bottom
        # Tab from the end picks a link on screen, not the first one of the article.
        await pilot.press("shift+tab")
        assert view.highlighted is not None and view.highlighted.index == len(document.targets) - 1


async def test_switching_to_a_light_theme_restyles_the_text_in_place() -> None:
    app = ReaderApp(sample_document(filler=8))
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.pause()
        view.scroll_to_line(40)
        before = view.rendered
        app.theme = "textual-light"
        await pilot.pause()
        assert view.rendered is not before and view.rendered.plain == before.plain
        assert view.rendered.lines != before.lines, "colours follow the light theme"
        assert view.scroll_y == 40
