"""Tab / Shift+Tab / Enter / click on targets in the article view, as a reader would use them."""

from __future__ import annotations

from textual.strip import Strip

from newstui.ui.widgets.article_view import ArticleView
from tests.functional.ui_reader.reader_app import ReaderApp, sample_document

SIZE = (120, 36)


def visible(view: ArticleView, line: int) -> bool:
    top = round(view.scroll_y)
    return top <= line < top + view.scrollable_content_region.height


def strip_at(view: ArticleView, line: int) -> Strip:
    """What render_line draws for a document line (which must be in view)."""
    return view.render_line(line - round(view.scroll_y))


def reversed_cells(view: ArticleView, line: int) -> set[int]:
    cells: set[int] = set()
    column = 0
    for segment in strip_at(view, line):
        width = segment.cell_length
        if segment.style is not None and segment.style.reverse:
            cells.update(range(column, column + width))
        column += width
    return cells


async def test_tab_starts_at_hero_and_highlights_every_cell_of_it() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.pause()
        assert view.highlighted is None
        await pilot.press("tab")
        assert view.highlighted is not None and view.highlighted.index == 0
        hero_spans = [span for span in view.rendered.target_spans if span.target == 0]
        assert hero_spans, "the hero image is drawn"
        for span in hero_spans:
            assert reversed_cells(view, span.line) == set(range(span.start, span.end))
        # Nothing else is reversed: the first link is not highlighted yet.
        link = next(span for span in view.rendered.target_spans if span.target == 1)
        assert reversed_cells(view, link.line) == set()


async def test_tab_follows_document_order_and_scrolls_each_target_into_view() -> None:
    app = ReaderApp(sample_document(filler=8))
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.pause()
        seen = []
        for _ in range(6):
            await pilot.press("tab")
            await pilot.pause()
            target = view.highlighted
            assert target is not None
            seen.append(target.index)
            lines = [span.line for span in view.rendered.target_spans if span.target == target.index]
            assert all(visible(view, line) for line in lines), f"target {target.index} scrolled into view"
        assert seen == [0, 1, 2, 3, 4, 5]
        assert view.scroll_y > 0, "the later targets are below the first screen"
        await pilot.press("tab")
        assert view.highlighted is not None and view.highlighted.index == 0, "Tab wraps to the hero"
        assert visible(view, 0)


async def test_shift_tab_goes_backwards_and_wraps_from_the_hero_to_the_last_target() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("tab", "tab")
        assert view.highlighted is not None and view.highlighted.index == 1
        await pilot.press("shift+tab")
        assert view.highlighted is not None and view.highlighted.index == 0
        await pilot.press("shift+tab")
        assert view.highlighted is not None and view.highlighted.index == 5
        last_line = next(span.line for span in view.rendered.target_spans if span.target == 5)
        assert visible(view, last_line)


async def test_enter_opens_the_hero_then_the_first_link() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "enter")
        await pilot.pause()
        opened = app.of_type(ArticleView.OpenTarget)
        assert [message.target for message in opened] == [app.document.targets[0]]  # type: ignore[union-attr, attr-defined]
        await pilot.press("tab", "o")
        await pilot.pause()
        opened = app.of_type(ArticleView.OpenTarget)
        assert opened[-1].target.dest == "https://first.example/"  # type: ignore[attr-defined]


async def test_enter_without_highlight_opens_nothing() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.posted == []


async def test_anchor_link_jumps_inside_and_internal_link_asks_the_app() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("tab", "tab", "tab")  # hero, first link, the #part-two link
        assert view.highlighted is not None and view.highlighted.kind == "anchor"
        before = round(view.scroll_y)
        await pilot.press("enter")
        await pilot.pause()
        heading = view.rendered.anchors["part-two"]
        assert round(view.scroll_y) == min(heading, view.max_scroll_y)
        jumps = app.of_type(ArticleView.AnchorJumped)
        assert [(m.from_line, m.to_line) for m in jumps] == [(before, heading)]  # type: ignore[attr-defined]
        # The #part-two link is now above the view: Tab starts from what is on screen, the link to another article.
        await pilot.press("tab", "enter")
        await pilot.pause()
        follow = app.of_type(ArticleView.FollowLink)
        assert [m.target.index for m in follow] == [4]  # type: ignore[attr-defined]
        assert app.of_type(ArticleView.OpenTarget) == []


async def test_clicking_a_link_highlights_and_opens_it() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.pause()
        span = next(span for span in view.rendered.target_spans if span.target == 1)
        assert await pilot.click(ArticleView, offset=(span.start + 2, span.line - round(view.scroll_y)))
        await pilot.pause()
        assert view.highlighted is not None and view.highlighted.index == 1
        assert [m.target.index for m in app.of_type(ArticleView.OpenTarget)] == [1]  # type: ignore[attr-defined]
        # A click on plain text opens nothing.
        assert await pilot.click(ArticleView, offset=(span.end + 3, span.line - round(view.scroll_y)))
        await pilot.pause()
        assert len(app.of_type(ArticleView.OpenTarget)) == 1


async def test_copy_puts_the_address_on_the_clipboard() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "tab", "y")
        await pilot.pause()
        assert app.clipboard == "https://first.example/"
