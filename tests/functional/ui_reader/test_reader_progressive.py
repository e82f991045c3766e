"""Big articles appear screen-first: the first screen is drawn before the full layout (or full parse) is done,
and keys pressed meanwhile (G, Tab) act on the whole article once it is there."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from newstui.document.model import Document
from newstui.render import render_document
from newstui.render.model import RenderedArticle
from newstui.ui.widgets.article_view import ArticleView
from tests.functional.ui_reader.reader_app import ReaderApp, big_document, sample_document

SIZE = (120, 36)


class GatedRenderer:
    """The real renderer, except that full layouts wait until the test opens the gate."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.full_layouts = 0

    def __call__(self, document: Document, width: int, *, max_lines: int | None = None) -> RenderedArticle:
        if max_lines is None:
            assert self.gate.wait(10), "the test never opened the gate"
            self.full_layouts += 1
        return render_document(document, width, max_lines=max_lines)


async def test_first_screen_is_drawn_before_the_full_layout_and_G_waits_for_it() -> None:
    renderer = GatedRenderer()
    app = ReaderApp(big_document(), renderer=renderer)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.pause()
        assert renderer.full_layouts == 0 and not view.laid_out
        screen = "\n".join(view.render_line(y).text for y in range(36))
        assert "Big article" in screen and "Paragraph 0 " in screen
        assert len(view.rendered.lines) < 1000, "only the first screen is laid out so far"
        await pilot.press("G")  # remembered until the whole article is laid out
        assert app.of_type(ArticleView.ScrolledToEnd) == [], "the end of a first screen is not the end"
        renderer.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.laid_out and renderer.full_layouts == 1
        assert view.scroll_y == view.max_scroll_y > 10_000
        assert "THE LAST PARAGRAPH" in "\n".join(view.render_line(y).text for y in range(36))
        assert len(app.of_type(ArticleView.ScrolledToEnd)) == 1


async def test_the_rest_of_a_first_screen_document_keeps_place_and_highlight() -> None:
    full = replace(sample_document(filler=10), source=Path("/site/_posts/a.md"))
    top = replace(full, blocks=full.blocks[:6], targets=full.targets, complete=False)
    app = ReaderApp(top)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("tab", "tab", "j", "j", "j")
        assert view.highlighted is not None and view.highlighted.index == 1
        shown = view.rendered.plain[round(view.scroll_y)]
        await pilot.press("G")
        assert app.of_type(ArticleView.ScrolledToEnd) == []
        view.show(full)
        await pilot.pause()
        assert view.highlighted is not None and view.highlighted.index == 1, "highlight kept"
        assert view.scroll_y == view.max_scroll_y, "the G pressed earlier reaches the real end"
        assert len(app.of_type(ArticleView.ScrolledToEnd)) == 1
        # A different article starts from the top with nothing highlighted.
        view.show(replace(full, source=Path("/site/_posts/b.md")))
        await pilot.pause()
        assert view.scroll_y == 0 and view.highlighted is None
        assert shown  # the first screen had text


async def test_keys_can_be_remapped_by_binding_id() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap({"reader.next_target": "ctrl+n", "reader.open_target": "ctrl+o"})
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+o")
        await pilot.pause()
        assert [m.target.index for m in app.of_type(ArticleView.OpenTarget)] == [1]  # type: ignore[attr-defined]


async def test_a_line_asked_for_before_the_full_layout_is_reached_after_it() -> None:
    """History back into a big article: show() then scroll_to_line(far) must land there, not on the first screen."""
    renderer = GatedRenderer()
    app = ReaderApp(None, renderer=renderer)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        view.show(big_document())
        view.scroll_to_line(9_000)
        await pilot.pause()
        assert len(view.rendered.lines) < 9_000
        renderer.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.scroll_y == 9_000
        # A small line inside the first screen is taken at once.
        renderer.gate.clear()
        view.show(big_document(200_000))
        view.scroll_to_line(5)
        assert view.scroll_y == 5
        renderer.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.scroll_y == 5
