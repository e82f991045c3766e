"""The reference article (Smarter Together, Sofia) in the article view: Tab/Enter order and a snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from newstui.document import parse_document
from newstui.library import read_article
from newstui.ui.widgets.article_view import ArticleView
from tests.conftest import SMARTTOGETHER
from tests.functional.ui_reader.reader_app import ReaderApp

pytestmark = pytest.mark.corpus


def reference_app(reference: Path) -> ReaderApp:
    article, body = read_article(reference)
    return ReaderApp(parse_document(body, article=article), site_root=SMARTTOGETHER)


async def test_tab_enter_opens_the_hero_image_then_the_first_link(reference: Path) -> None:
    app = reference_app(reference)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("tab", "enter")
        await pilot.pause()
        (hero,) = [m.target for m in app.of_type(ArticleView.OpenTarget)]  # type: ignore[attr-defined]
        assert hero.kind == "image" and hero.exists
        assert hero.local_path == SMARTTOGETHER / "images/news/Studierende HS Muenchen im Stadtteillabor_web.jpg"
        await pilot.press("tab", "enter")
        await pilot.pause()
        link = app.of_type(ArticleView.OpenTarget)[-1].target  # type: ignore[attr-defined]
        assert link.dest.startswith("http://www.sofia-da.eu/en/strategic-documents/")


async def test_tab_visits_the_five_photos_in_order(reference: Path) -> None:
    app = reference_app(reference)
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.view
        captions = []
        for _ in range(len(view.document.targets)):  # type: ignore[union-attr]
            await pilot.press("tab")
            target = view.highlighted
            assert target is not None
            if target.kind == "image" and target.index != 0:
                captions.append(target.text)
                line = next(span.line for span in view.rendered.target_spans if span.target == target.index)
                assert round(view.scroll_y) <= line < round(view.scroll_y) + 36
        assert len(captions) == 5 and captions[0].startswith("Sofia group photo")


def test_reference_article_snapshot(reference: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(reference_app(reference), terminal_size=(100, 40))


def test_reference_article_snapshot_after_tab(reference: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The first link highlighted (reverse) after Tab, Tab."""
    assert snap_compare(reference_app(reference), terminal_size=(100, 40), press=["tab", "tab"])


async def test_u_lists_all_fourteen_targets_with_site_relative_image_paths(reference: Path) -> None:
    app = reference_app(reference)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        rows = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert len(rows) == 14
        assert "images/news/DSC_5591_edit.jpg" in rows[7] and str(SMARTTOGETHER) not in rows[7]
        assert "http://www.energy-cities.eu/Smarter-Together-project-Bringing-together-Bulgarian-cities" in rows[13]
        await pilot.press("end", "enter")
        await pilot.pause()
        assert app.of_type(ArticleView.OpenTarget)[-1].target.text == "click here."  # type: ignore[attr-defined]
