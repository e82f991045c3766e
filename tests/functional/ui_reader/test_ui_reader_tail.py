"""`G` on a long article before its full layout is done: the end shows at once (only the last blocks are laid
out), and the full layout, when it comes, keeps the reader exactly where they are."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

import newstui.render
from newstui.document.model import Document
from newstui.render.model import RenderedArticle
from newstui.ui.widgets.article_view import ArticleView
from tests.functional.ui_reader.reader_app import ReaderApp, big_document

SIZE = (120, 36)


class Gate:
    """Holds back the reader's full layouts (not its first screen) until the test opens it."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.real = newstui.render.render_document

    def __call__(self, document: Document, width: int, **options: object) -> RenderedArticle:
        if options.get("max_lines") is None:
            assert self.open.wait(10), "the test never opened the gate"
        return self.real(document, width, **options)  # type: ignore[arg-type]


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate()
    monkeypatch.setattr(newstui.render, "render_document", held)
    yield held
    held.open.set()  # never leave a layout thread waiting


def _screen(view: ArticleView) -> list[str]:
    return [view.render_line(y).text.rstrip() for y in range(SIZE[1])]


async def test_G_shows_the_end_before_the_full_layout_and_the_full_layout_keeps_the_place(gate: Gate) -> None:
    app = ReaderApp(big_document())
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.pause()
        assert not view.laid_out
        await pilot.press("G")
        await pilot.pause()
        assert not view.laid_out, "the full layout is still held back"
        assert "THE LAST PARAGRAPH" in "\n".join(_screen(view)), "the end is on screen at once"
        assert app.of_type(ArticleView.ScrolledToEnd) == [], "read only once the whole article is there"
        await pilot.press("k", "k")
        before = _screen(view)
        gate.open.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.laid_out and view.max_scroll_y > 10_000
        assert _screen(view) == before, "the same lines stay on screen when the whole layout replaces the tail"
        assert view.scroll_y == view.max_scroll_y - 2
        await pilot.press("G")
        await pilot.pause()
        assert len(app.of_type(ArticleView.ScrolledToEnd)) == 1


async def test_g_after_G_goes_back_to_the_top_before_the_full_layout(gate: Gate) -> None:
    app = ReaderApp(big_document())
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.pause()
        top = _screen(view)
        await pilot.press("G")
        await pilot.pause()
        assert "THE LAST PARAGRAPH" in "\n".join(_screen(view))
        await pilot.press("g")
        await pilot.pause()
        assert _screen(view) == top and "Big article" in top[0]
        gate.open.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.laid_out and view.scroll_y == 0 and _screen(view) == top
