"""The reference article (Smarter Together, Sofia) in the article view: Tab/Enter order and a snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

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
