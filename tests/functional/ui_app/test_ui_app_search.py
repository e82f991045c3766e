"""`S`: full-text search from the list, over the real site, and read marks that survive a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from newstui.ui.app import NewsApp
from newstui.ui.screens import reading
from newstui.ui.screens.search import SearchScreen
from newstui.ui.widgets.article_view import ArticleView
from tests.conftest import SMARTTOGETHER, need
from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, wait_for


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)


async def open_search(pilot: Pilot[None], app: NewsApp) -> SearchScreen:
    """Press S and wait until the index is up to date."""
    await pilot.press("S")
    search = app.screen
    assert isinstance(search, SearchScreen)
    await wait_for(pilot, lambda: search.keeper.finished, timeout=30)
    return search


async def test_search_finds_body_text_and_opens_the_hit() -> None:
    app = app_for(need(SMARTTOGETHER))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        search = await open_search(pilot, app)
        # Words of the reference article's body, not of its title.
        await pilot.press(*"geothermal Burgas")
        await wait_for(pilot, lambda: bool(search.hits))
        assert search.hits[0].title == "Workshop Outcomes from Sofia, Bulgaria"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.current is not None and screen.current.title == "Workshop Outcomes from Sofia, Bulgaria"
        assert isinstance(app.focused, ArticleView)
        assert screen.article_list.selected == screen.current
        # Both matched words are highlighted in the reader, each where it stands.
        reader = screen.reader
        marked = {reader.rendered.plain[m.line][m.start : m.end].casefold() for m in reader.matches}
        assert marked == {"geothermal", "burgas"}
        assert reader.current_match is not None


async def test_search_with_nothing_found_and_esc(tmp_path: Path) -> None:
    app = app_for(make_site(tmp_path / "site"))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        before = screen.current
        await pilot.press("S")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*"basin")  # in the festival article's body only
        await wait_for(pilot, lambda: search.keeper.finished and len(search.hits) == 1)
        await pilot.press("backspace", *"xx")
        await wait_for(pilot, lambda: not search.hits)
        await pilot.press("escape")
        assert app.screen is screen and screen.current == before


async def test_read_and_starred_survive_a_restart(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    app = NewsApp(site)  # the real state store, in the test's data folder
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        first, second = screen.article_list.rows[:2]
        await pilot.press("m", "j", "asterisk")
        await pilot.press("q")
    app = NewsApp(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        assert screen.marks.is_read(first) and not screen.marks.is_starred(first)
        assert screen.marks.is_starred(second) and not screen.marks.is_read(second)
        assert "3 unread" in screen.sub_title


async def test_a_file_changed_while_the_app_runs_is_found_by_the_next_search(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        search = await open_search(pilot, app)
        await pilot.press(*"zebraword")
        await pilot.pause(0.3)
        assert search.hits == []
        await pilot.press("escape")
        festival = next(site.rglob("*festival*.md"))
        festival.write_text(festival.read_text(encoding="utf-8") + "\nA zebraword appeared.\n", encoding="utf-8")
        await pilot.press("S")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*"zebraword")
        await wait_for(pilot, lambda: search.keeper.finished and len(search.hits) == 1)
        assert search.hits[0].path == festival


async def test_a_cut_result_list_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newstui.ui.screens import search as search_screen
    from tests.functional.ui_app.ui_app_support import screen_text

    monkeypatch.setattr(search_screen, "SHOWN_HITS", 2)
    posts = {
        f"2020-01-0{n}-p{n}.md": f"---\ntitle: Post {n}\n---\nThe ferry timetable, part {n}.\n" for n in range(1, 5)
    }
    app = app_for(make_site(tmp_path / "site", posts))
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        search = await open_search(pilot, app)
        await pilot.press(*"timetable")
        await wait_for(pilot, lambda: len(search.hits) == 2)
        await pilot.pause(0.1)
        assert "the best 2 results" in screen_text(app)
        await pilot.press(*["backspace"] * len("timetable"))
        await pilot.press(*"ferry timetable part 3")
        await wait_for(pilot, lambda: len(search.hits) == 1)
        await pilot.pause(0.1)
        assert "1 result" in screen_text(app) and "the best" not in screen_text(app)
