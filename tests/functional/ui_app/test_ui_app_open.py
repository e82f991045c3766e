"""`newstui open FILE` and `newstui [PATH]`: what starts where, and the one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.cli import main
from newstui.cli.browse_cmd import browse_path
from newstui.ui.screens import reading
from newstui.ui.widgets.article_view import ArticleView
from tests.conftest import REFERENCE, SMARTTOGETHER, need
from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, wait_for


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
    log = tmp_path / "opened.log"
    opener = tmp_path / "record-opener"
    opener.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a" >> "{log}"; done\n')
    opener.chmod(0o755)
    monkeypatch.setenv("NEWSTUI_OPENER", str(opener))
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
