"""`/` filters the list as you type: title, tags, authors; every word; case and accents ignored; esc clears."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.ui.listing import fold
from newstui.ui.screens import reading
from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, screen_text


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)


def shown(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(a.title for a in screen.article_list.rows)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sofia", ["Visitors from Sofía"]),  # accent in the title, none typed
        ("SOFÍA", ["Visitors from Sofía"]),  # case and accent typed
        ("munchen", ["Harbour Festival in München"]),
        ("harbour tram", ["The Tram Reaches the Harbour"]),  # every word, any order
        ("tram culture", []),  # no article has both
        ("culture", ["Harbour Festival in München", "Visitors from Sofía"]),  # a tag
        ("petrova", ["The Tram Reaches the Harbour", "Visitors from Sofía"]),  # an author
        ("dimitrov sofia", ["Visitors from Sofía"]),  # author and title words together
    ],
)
async def test_filter_as_you_type(tmp_path: Path, typed: str, expected: list[str]) -> None:
    app = app_for(make_site(tmp_path / "site"))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *typed)
        assert shown(screen) == expected
        if not expected:
            assert "No articles match." in screen_text(app)


async def test_esc_clears_and_enter_keeps(tmp_path: Path) -> None:
    app = app_for(make_site(tmp_path / "site"))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"quiet")  # letters that are keys elsewhere (q quits) are just typed
        assert app.is_running
        assert screen.query_one("#filter").value == "quiet"  # type: ignore[attr-defined]
        assert shown(screen) == []
        await pilot.press("escape")
        assert len(screen.article_list.rows) == 4
        assert app.focused is screen.article_list
        assert not screen.query_one("#filter").display
        await pilot.press("slash", *"festival", "enter")
        assert app.focused is screen.article_list  # back to the list, filter kept
        assert shown(screen) == ["Harbour Festival in München"]
        assert "1 shown" in screen.sub_title
        assert screen.current is not None and screen.current.title == "Harbour Festival in München"  # previewed
        await pilot.press("escape")  # esc in the list clears it too
        assert len(screen.article_list.rows) == 4
        assert screen.article_list.selected is not None
        assert screen.article_list.selected.title == "Harbour Festival in München"  # selection kept


async def test_filter_on_the_real_site(tmp_path: Path) -> None:
    from tests.conftest import SMARTTOGETHER, need

    app = app_for(need(SMARTTOGETHER))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.article_list.rows) > 60
        await pilot.press("slash", *"Sofia")
        titles = shown(screen)
        assert "Workshop Outcomes from Sofia, Bulgaria" in titles
        for row in screen.article_list.rows:
            assert "sofia" in fold(" ".join((row.title, *row.tags, *row.categories, *row.authors)))
