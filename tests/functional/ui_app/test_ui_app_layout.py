"""Layout and mouse: the list beside or above the reader, folding away while reading on narrow terminals;
clicks select; opening targets reports refusals and failures instead of failing silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.ui.screens import reading
from newstui.ui.widgets.article_view import ArticleView
from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, screen_text, wait_for


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)


@pytest.mark.parametrize(("width", "height"), [(60, 20), (80, 24), (120, 36), (250, 70)])
async def test_every_size_shows_list_reader_and_footer(tmp_path: Path, width: int, height: int) -> None:
    app = app_for(make_site(tmp_path / "site"))
    async with app.run_test(size=(width, height)) as pilot:
        screen = await loaded(pilot)
        text = screen_text(app)
        lines = text.splitlines()
        assert len(lines) == height and all(len(line) <= width for line in lines)
        assert "4 articles" in lines[0]
        assert "Harbour" in text  # list titles
        assert "Read" in lines[-1]  # the list's keys in the footer
        list_region, reader_region = screen.query_one("#list-pane").region, screen.query_one("#reader-pane").region
        if width < 100:  # stacked: the list above the reader
            assert list_region.bottom <= reader_region.y and list_region.width == width
        else:  # side by side
            assert list_region.right <= reader_region.x and list_region.height == reader_region.height
        # The reader's part of the screen shows the selected article's text, not just the list's titles.
        reader_text = "\n".join(
            line[reader_region.x : reader_region.right] for line in lines[reader_region.y : reader_region.bottom]
        )
        words = [word for line in screen.reader.rendered.plain[:8] for word in line.split() if word.isalpha()]
        assert screen.current is not None and words and words[0] in reader_text


async def test_narrow_terminal_folds_the_list_while_reading(tmp_path: Path) -> None:
    app = app_for(make_site(tmp_path / "site"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        pane = screen.query_one("#list-pane")
        assert pane.display and pane.region.height > 0
        await pilot.press("enter")
        await pilot.pause()
        assert pane.region.height == 0  # folded away: the article gets the whole height
        # The reader's pane (the article, under its problems bar when it has one) gets the whole height.
        assert screen.query_one("#reader-pane").region.height == 24 - 2  # all but the header and the footer
        await pilot.press("escape")
        await pilot.pause()
        assert pane.region.height > 0


async def test_quit_and_help_stay_in_a_footer_too_narrow_for_every_key(tmp_path: Path) -> None:
    """The footer cuts what does not fit: quit and help then come first (the list's keys at 60 columns, the
    reader's even at 120); when every key fits, the focused pane's own keys come first."""

    def footer() -> str:
        return screen_text(app).splitlines()[-1].strip()

    app = app_for(make_site(tmp_path / "site"))
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: footer().startswith("q Quit  ? Help  ⏎ Read"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: footer().startswith("q Quit  ? Help  tab Next link"))
        await pilot.resize_terminal(120, 36)
        await wait_for(pilot, lambda: footer().startswith("q Quit  ? Help  tab Next link") and "Outline" in footer())
        await pilot.press("escape")
        await wait_for(pilot, lambda: footer().startswith("⏎ Read  / Filter") and "q Quit  ? Help" in footer())


async def test_click_selects_and_double_click_reads(tmp_path: Path) -> None:
    app = app_for(make_site(tmp_path / "site"))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        rows = screen.article_list.rows
        await pilot.click("#list", offset=(10, 2))
        await wait_for(pilot, lambda: screen.current == rows[2])
        assert app.focused is screen.article_list
        await pilot.click("#list", offset=(10, 2), times=2)
        await wait_for(pilot, lambda: isinstance(app.focused, ArticleView))


async def test_ctrl_c_quits_even_from_the_filter(tmp_path: Path) -> None:
    app = app_for(make_site(tmp_path / "site"))
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", "x", "ctrl+c")
        await pilot.pause()
    assert app.return_code == 0


async def test_refused_and_missing_targets_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "opened.log"
    opener = tmp_path / "record-opener"
    opener.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{log}"\n')
    opener.chmod(0o755)
    monkeypatch.setenv("NEWSTUI_OPENER", str(opener))
    body = "[bad](gopher://example.org/1) and ![gone](/images/not-there.png) and [ok](https://example.org/)\n"
    site = make_site(tmp_path / "site", {"2020-01-01-links.md": f"---\ntitle: Links\n---\n{body}"})
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "tab", "enter")
        await wait_for(pilot, lambda: any("not opened" in n.message for n in app._notifications))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: any("missing" in n.message for n in app._notifications))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: log.exists() and log.read_text().strip() == "https://example.org/")
    assert log.read_text().splitlines() == ["https://example.org/"]  # nothing else was ever opened


async def test_failing_opener_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTUI_OPENER", "false")
    site = make_site(tmp_path / "site", {"2020-01-01-link.md": "---\ntitle: Link\n---\n[ok](https://example.org/)\n"})
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "tab", "enter")
        await wait_for(pilot, lambda: any(n.severity == "error" for n in app._notifications))


async def test_a_site_that_vanished_is_reported_not_fatal(tmp_path: Path) -> None:
    app = app_for(tmp_path / "gone")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: any(n.title == "Cannot load" for n in app._notifications))
        assert "Could not load this site." in screen_text(app)
        await pilot.press("question_mark")  # the app still answers
        await pilot.press("escape", "q")
    assert app.return_code == 0
