"""`u` (every link and image) and `t` (outline) screens over the article view."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import OptionList

from newstui.document.model import Span
from newstui.ui.screens.outline import OutlineScreen
from newstui.ui.screens.targets import TargetsScreen
from newstui.ui.widgets.article_view import ArticleView
from tests.functional.ui_reader.reader_app import ReaderApp, sample_document

SIZE = (120, 36)


async def test_u_lists_every_target_with_its_destination() -> None:
    document = sample_document()
    app = ReaderApp(document)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, TargetsScreen)
        options = app.screen.query_one(OptionList)
        rows = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert len(rows) == len(document.targets)
        for row, target in zip(rows, document.targets, strict=True):
            assert target.text in row
            assert (target.raw.lstrip("/") if target.local_path else target.dest) in row
        assert "(missing)" in rows[3] and "(missing)" not in rows[0]


async def test_choosing_a_link_in_u_opens_it_and_escape_opens_nothing() -> None:
    app = ReaderApp(sample_document())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, TargetsScreen)
        assert app.posted == []
        await pilot.press("u", "down", "enter")  # the second row: the first link
        await pilot.pause()
        assert not isinstance(app.screen, TargetsScreen)
        assert [m.target.index for m in app.of_type(ArticleView.OpenTarget)] == [1]  # type: ignore[attr-defined]
        assert app.view.highlighted is not None and app.view.highlighted.index == 1


async def test_choosing_the_far_link_in_u_scrolls_to_it() -> None:
    app = ReaderApp(sample_document(filler=8))
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("u", "end", "enter")
        await pilot.pause()
        line = next(span.line for span in view.rendered.target_spans if span.target == 5)
        top = round(view.scroll_y)
        assert top <= line < top + view.scrollable_content_region.height
        assert [m.target.index for m in app.of_type(ArticleView.OpenTarget)] == [5]  # type: ignore[attr-defined]


async def test_t_jumps_to_a_heading_line() -> None:
    app = ReaderApp(sample_document(filler=8))
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        options = app.screen.query_one(OptionList)
        assert [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)] == [
            "Part one",
            "Part two",
        ]
        await pilot.press("down", "enter")
        await pilot.pause()
        heading = view.rendered.anchors["part-two"]
        assert heading > 36, "the heading starts below the first screen"
        assert round(view.scroll_y) == heading
        assert view.rendered.plain[round(view.scroll_y)] == "Part two"
        assert [(m.from_line, m.to_line) for m in app.of_type(ArticleView.AnchorJumped)] == [(0, heading)]  # type: ignore[attr-defined]


async def test_anchor_given_to_show_opens_there() -> None:
    app = ReaderApp(sample_document(filler=8), anchor="part-two")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.view.rendered.plain[round(app.view.scroll_y)] == "Part two"


async def test_u_and_t_make_control_characters_in_the_article_harmless() -> None:
    evil = "\x1b]52;c;ZXZpbA==\x07clip\x1b[2J"
    base = sample_document()
    targets = (replace(base.targets[0], text="hero " + evil, dest="/x/" + evil), *base.targets[1:])
    blocks = tuple(
        replace(block, spans=(Span("Part one " + evil),)) if block.anchor == "part-one" else block
        for block in base.blocks
    )
    app = ReaderApp(replace(base, targets=targets, blocks=blocks))
    async with app.run_test(size=SIZE) as pilot:
        for key in ("u", "t"):
            await pilot.press(key)
            await pilot.pause()
            options = app.screen.query_one(OptionList)
            text = "".join(str(options.get_option_at_index(n).prompt) for n in range(options.option_count))
            assert "clip" in text
            assert not any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in text)
            await pilot.press("escape")
