"""Config in the app: `[keys]` remaps through the keymap; a broken config starts with defaults and says where."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newstui.config import load_config
from newstui.ui.screens import reading
from newstui.ui.screens.help import HelpScreen
from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, screen_text


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)


def write_config(text: str) -> Path:
    path = Path(os.environ["NEWSTUI_CONFIG"])
    path.write_text(text, encoding="utf-8")
    return path


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


async def test_remapped_keys(tmp_path: Path) -> None:
    write_config('[keys]\n"list.down" = "n"\n"list.star" = "x,ctrl+s"\n')
    app = app_for(make_site(tmp_path / "site"), config=load_config())
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j")  # j no longer moves down
        assert screen.article_list.cursor == 0
        await pilot.press("n")
        assert screen.article_list.cursor == 1
        await pilot.press("x")
        assert screen.marks.is_starred(screen.article_list.rows[1])
        await pilot.press("ctrl+s")
        assert not screen.marks.is_starred(screen.article_list.rows[1])
        await pilot.press("k")  # what was not remapped still works
        assert screen.article_list.cursor == 0
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = screen_text(app).splitlines()
        assert any("n " in line and "Down" in line for line in lines)
        assert any("x" in line and "^s" in line and "Star" in line for line in lines)
        assert not messages(app)  # a valid config gives no notice


async def test_broken_config_starts_with_defaults_and_names_file_and_line(tmp_path: Path) -> None:
    path = write_config('theme = "nord"\n[keys]\n"list.down" = "n"\nopener = [unclosed\n')
    app = app_for(make_site(tmp_path / "site"), config=load_config())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        notes = messages(app)
        assert any(str(path) in n and ":4" in n for n in notes), notes  # file and line of the mistake
        await pilot.press("j")  # default keys
        assert screen.article_list.cursor == 1
        assert app.theme != "nord"  # nothing from the broken file was applied


async def test_wrong_values_and_unknown_actions_are_named(tmp_path: Path) -> None:
    path = write_config('theme = "no-such-theme"\ndefault_path = 3\n[keys]\n"list.dwon" = "n"\n"list.up" = "p"\n')
    app = app_for(make_site(tmp_path / "site"), config=load_config())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.pause(0.1)
        notes = messages(app)
        assert any("no-such-theme" in n and str(path) in n for n in notes), notes
        assert any("default_path" in n and f"{path}:2" in n for n in notes), notes
        assert any("list.dwon" in n and "no such action" in n for n in notes), notes
        await pilot.press("j", "p")  # the good entry still applies
        assert screen.article_list.cursor == 0


async def test_theme_from_config_and_remembered_when_changed(tmp_path: Path) -> None:
    write_config('theme = "nord"\n')
    site = make_site(tmp_path / "site")
    app = app_for(site, config=load_config())
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"  # what the palette's theme picker does
        await pilot.pause()
    assert load_config().theme == "gruvbox"
    app = app_for(site, config=load_config())
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        assert app.theme == "gruvbox"
