"""`newstui open FILE` and `newstui [PATH]`: what starts where, and the one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from newstui.cli import main
from newstui.cli.browse_cmd import browse_path
from newstui.ui.screens import reading
from newstui.ui.widgets.article_view import ArticleView
from tests.conftest import REFERENCE, SMARTTOGETHER, need
from tests.functional.ui_app.ui_app_support import (
    app_for,
    hold_site_loading,
    loaded,
    make_site,
    recording_opener,
    wait_for,
)


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(args)
    return int(exited.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize("args", [["/no/such/place"], ["browse", "/no/such/place"], ["open", "/no/such/file.md"]])
def test_missing_path_is_one_line_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_cli(args, capsys)
    assert code == 2
    assert err == "newstui: error: no such file or folder: /no/such/place\n" or err.endswith(
        "no such file or folder: /no/such/file.md\n"
    )
    assert "Traceback" not in err


def test_open_needs_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_cli(["open", str(tmp_path)], capsys)
    assert code == 2
    assert err.startswith("newstui: error: not a file:")


def test_default_path_is_content_then_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert browse_path(None, None) == tmp_path
    (tmp_path / "content").mkdir()
    assert browse_path(None, None) == tmp_path / "content"
    (tmp_path / "elsewhere").mkdir()
    assert browse_path(None, "elsewhere") == tmp_path / "elsewhere"  # the config's default_path wins


async def test_open_selects_the_file_and_focuses_the_reader(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    file = site / "_posts" / "2020-07-14-festival.md"
    app = app_for(file, open_file=file)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.article_list.rows) == 4  # the whole site is listed
        assert screen.current is not None and screen.current.path == file
        assert screen.article_list.selected is not None and screen.article_list.selected.path == file
        assert isinstance(app.focused, ArticleView)
        await pilot.press("escape")
        assert app.focused is screen.article_list


async def test_open_reference_tab_enter_opens_hero_image(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = need(REFERENCE)
    log = recording_opener(tmp_path, monkeypatch)
    app = app_for(reference, open_file=reference)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        assert screen.current is not None and screen.current.title == "Workshop Outcomes from Sofia, Bulgaria"
        assert isinstance(app.focused, ArticleView)
        assert screen.site is not None and screen.site.root == need(SMARTTOGETHER)
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: log.exists() and log.read_text().strip() != "")
    opened = Path(log.read_text().strip())
    assert opened.is_absolute() and opened.is_file()
    assert opened.parent == SMARTTOGETHER / "images" / "news"


async def test_tab_pressed_while_the_site_loads_survives_and_the_row_is_in_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader who presses Tab and Enter before the site has loaded opens the hero and keeps that highlight once
    the site is there; the list then shows FILE's row."""
    reference = need(REFERENCE)
    log = recording_opener(tmp_path, monkeypatch)
    release = hold_site_loading(monkeypatch)
    app = app_for(reference, open_file=reference)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "document", None) is not None)
        screen = app.screen
        await pilot.press("tab")
        hero = screen.reader.highlighted  # type: ignore[attr-defined]
        assert hero is not None and hero.index == 0
        await pilot.press("enter")  # the site's root is known before its list is: the hero is inside it
        await wait_for(pilot, lambda: log.exists() and log.read_text().strip() != "")
        log.unlink()
        release.set()
        await wait_for(pilot, lambda: screen.loaded)  # type: ignore[attr-defined]
        await pilot.pause()
        assert screen.reader.highlighted == hero  # type: ignore[attr-defined]
        listing = screen.article_list  # type: ignore[attr-defined]
        assert len(listing.rows) > 40 and listing.selected.path == reference
        top = round(listing.scroll_y)
        assert top <= listing.cursor < top + listing.size.height  # FILE's row is on screen
        await pilot.press("enter")
        await wait_for(pilot, lambda: log.exists() and log.read_text().strip() != "")
    assert Path(log.read_text().strip()) == hero.local_path


async def test_keys_typed_ahead_reach_the_pane_they_were_typed_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter, Tab and Enter arriving together (typed while the app starts, or pasted): Enter moves the focus to
    the reader before Tab is handled, so Tab picks the hero image and Enter opens it, instead of Tab moving the
    focus and Enter finding no link."""
    site = need(SMARTTOGETHER)
    log = recording_opener(tmp_path, monkeypatch)
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: screen.reader.laid_out)
        for key, character in (("enter", "\r"), ("tab", "\t"), ("enter", "\r")):
            app.post_message(events.Key(key, character))  # all three queued before any is handled
        await wait_for(pilot, lambda: log.exists() and log.read_text().strip() != "")
    opened = Path(log.read_text().strip())
    assert opened.is_absolute() and opened.is_file() and opened.parent.parent == site / "images"
