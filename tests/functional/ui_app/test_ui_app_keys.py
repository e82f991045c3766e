"""Every key of the guide's table, pressed through Pilot, with the state change a user would notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.ui.keys import gather
from newstui.ui.screens import reading
from newstui.ui.screens.help import HelpScreen
from newstui.ui.screens.pickers import FacetPicker
from newstui.ui.widgets.article_view import ArticleView
from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, screen_text, wait_for


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


@pytest.fixture(autouse=True)
def _slow_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a busy machine two seconds can pass during a test: only the timer test uses the real delay."""
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)


def titles(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.title for a in screen.article_list.rows]


async def test_list_moves_and_previews(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        rows = screen.article_list.rows
        assert len(rows) == 4
        assert screen.current == rows[0]  # the newest is previewed at once
        await pilot.press("j")
        assert screen.article_list.cursor == 1
        await wait_for(pilot, lambda: screen.current == rows[1])
        assert screen.reader.document is not None and screen.reader.document.title == rows[1].title
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: screen.current == rows[3])
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.current == rows[2])
        await pilot.press("up")
        await wait_for(pilot, lambda: screen.current == rows[1])
        await pilot.press("G")
        await wait_for(pilot, lambda: screen.current == rows[-1])
        await pilot.press("g")
        await wait_for(pilot, lambda: screen.current == rows[0])
        await pilot.press("pagedown")
        assert screen.article_list.cursor == 3  # a page is longer than four rows: the last one
        await pilot.press("pageup")
        assert screen.article_list.cursor == 0


async def test_read_and_back_to_list(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        for read_key, back_key in (("enter", "escape"), ("l", "h"), ("right", "left")):
            await pilot.press(read_key)
            assert isinstance(app.focused, ArticleView), read_key
            await pilot.press(back_key)
            assert app.focused is screen.article_list, back_key


async def test_next_and_previous_article_while_reading(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        rows = screen.article_list.rows
        await pilot.press("enter", "right_square_bracket")
        await wait_for(pilot, lambda: screen.current == rows[1])
        assert isinstance(app.focused, ArticleView)  # still reading
        assert screen.reader.document is not None and screen.reader.document.title == rows[1].title
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: screen.current == rows[0])
        await pilot.press("left_square_bracket")  # nothing before the first: stays
        await pilot.pause()
        assert screen.current == rows[0]


async def test_history_back_and_forward(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        rows = screen.article_list.rows
        await pilot.press("j", "j", "enter")
        await wait_for(pilot, lambda: screen.current == rows[2])
        await pilot.press("backspace")
        await wait_for(pilot, lambda: screen.current == rows[1])
        assert screen.article_list.selected == rows[1]  # the list follows
        await pilot.press("alt+left")
        await wait_for(pilot, lambda: screen.current == rows[0])
        await pilot.press("alt+right")
        await wait_for(pilot, lambda: screen.current == rows[1])


async def test_internal_link_and_anchor_are_history(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        sofia = next(a for a in screen.article_list.rows if "Sofía" in a.title)
        screen.article_list.select_article(sofia)
        await wait_for(pilot, lambda: screen.current == sofia)
        await pilot.press("enter", "tab", "enter")  # the only link: to the tram article
        await wait_for(pilot, lambda: screen.current is not None and "Tram" in screen.current.title)
        assert screen.article_list.selected is not None and "Tram" in screen.article_list.selected.title
        await pilot.press("backspace")
        await wait_for(pilot, lambda: screen.current == sofia)


async def test_mark_read_toggle_all_and_star(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        first = screen.article_list.rows[0]
        assert not screen.marks.is_read(first)
        assert "4 unread" in screen.sub_title
        await pilot.press("m")
        assert screen.marks.is_read(first)
        assert "3 unread" in screen.sub_title
        await pilot.press("m")
        assert not screen.marks.is_read(first)
        await pilot.press("asterisk")
        assert screen.marks.is_starred(first)
        assert "★" in screen_text(app)
        await pilot.press("asterisk")
        assert not screen.marks.is_starred(first)
        await pilot.press("M")
        assert all(screen.marks.is_read(a) for a in screen.article_list.rows)
        assert "0 unread" in screen.sub_title


async def test_sort_cycles_newest_oldest_title(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        dates = [a.date for a in screen.article_list.rows]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("s")
        assert [a.date for a in screen.article_list.rows] == sorted(dates)
        await pilot.press("s")
        shown = titles(screen)
        assert shown == sorted(shown, key=str.casefold)
        assert "sorted by title" in screen.sub_title
        await pilot.press("s")
        assert [a.date for a in screen.article_list.rows] == sorted(dates, reverse=True)


async def test_show_only_tag_year_unread_starred(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)

        async def pick(label: str) -> None:
            await pilot.press("f")
            assert isinstance(app.screen, FacetPicker)
            picker = app.screen
            index = next(i for i, (text, _) in enumerate(picker._options) if text.startswith(label))
            picker.query_one("OptionList").highlighted = index  # type: ignore[attr-defined]
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen is screen)

        await pick("#culture")
        assert sorted(titles(screen)) == ["Harbour Festival in München", "Visitors from Sofía"]
        assert "tag: culture" in screen.sub_title
        await pick("Year 2019")
        assert titles(screen) == ["The Tram Reaches the Harbour"]
        await pick("All articles")
        assert len(screen.article_list.rows) == 4
        starred = screen.article_list.selected  # the tram article stays selected across facets
        assert starred is not None and starred.title == "The Tram Reaches the Harbour"
        await pilot.press("asterisk")
        await pick("Starred")
        assert screen.article_list.rows == [starred]
        await pick("Unread")
        assert len(screen.article_list.rows) == 4
        await pilot.press("m")  # mark the selected read: it stays until the list is recomputed
        await pick("Unread")
        assert len(screen.article_list.rows) == 3


# The guide's key table: (pane, key as the help shows it, action description).
GUIDE_KEYS = [
    ("anywhere", "q", "Quit"), ("anywhere", "^c", "Quit"), ("anywhere", "?", "Help"), ("anywhere", "^p", "Commands"),
    ("list", "j", "Down"), ("list", "k", "Up"), ("list", "↓", "Down"), ("list", "↑", "Up"),
    ("list", "g", "First"), ("list", "G", "Last"), ("list", "pgup", "Page up"), ("list", "pgdn", "Page down"),
    ("list", "⏎", "Read"), ("list", "l", "Read"), ("list", "→", "Read"),
    ("list", "/", "Filter"), ("list", "esc", "Clear filter"), ("list", "S", "Search"), ("list", "s", "Sort"),
    ("list", "f", "Show only"), ("list", "m", "Read/unread"), ("list", "M", "All read"), ("list", "*", "Star"),
    ("reader", "j", "Down"), ("reader", "k", "Up"), ("reader", "space", "Page down"), ("reader", "b", "Page up"),
    ("reader", "g", "Top"), ("reader", "G", "End"), ("reader", "tab", "Next link"),
    ("reader", "shift+tab", "Previous link"), ("reader", "⏎", "Open"), ("reader", "o", "Open"),
    ("reader", "u", "Links"), ("reader", "t", "Outline"), ("reader", "/", "Find"), ("reader", "n", "Next match"),
    ("reader", "N", "Previous match"), ("reader", "]", "Next article"), ("reader", "[", "Previous article"),
    ("reader", "esc", "List"), ("reader", "h", "List"), ("reader", "←", "List"), ("reader", "⌫", "Back"),
    ("reader", "alt+←", "Back"), ("reader", "alt+→", "Forward"), ("reader", "e", "Edit"),
    ("reader", "y", "Copy address"),
]  # fmt: skip


async def test_help_lists_every_key_of_the_guide_and_closes(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await loaded(pilot)
        shown = {(entry.where, key, entry.description) for entry in gather(app, screen) for key in entry.keys}
        missing = [row for row in GUIDE_KEYS if not any(r[:2] == row[:2] and r[2].startswith(row[2]) for r in shown)]
        assert missing == []
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = [" ".join(line.strip("│ ").split()) for line in screen_text(app).splitlines()]
        # Each key on one row with what it does, as a reader of the help sees it.
        for row in (
            "q Quit",
            "? Help",
            "/ Filter",
            "S Search",
            "m Read/unread",
            "M All read",
            "* Star",
            "] Next article",
        ):
            assert any(row in line for line in rows), row
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_offers_the_actions(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.id == "--command-palette")
        await pilot.press(*"star")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: screen.marks.is_starred(screen.article_list.rows[0]))


async def test_quit(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_edit_runs_editor_and_reloads(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i "s/^title: The Tram Reaches the Harbour/title: Edited Tram/" "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("G", "enter", "e")
        await wait_for(pilot, lambda: screen.current is not None and screen.current.title == "Edited Tram")
        assert screen.reader.document is not None and screen.reader.document.title == "Edited Tram"
        assert "Edited Tram" in titles(screen)


async def test_article_becomes_read_after_two_seconds(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 2.0)
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j")
        article = screen.article_list.rows[1]
        await wait_for(pilot, lambda: screen.current == article)
        await pilot.pause(1.0)
        assert not screen.marks.is_read(article)
        await wait_for(pilot, lambda: screen.marks.is_read(article), timeout=5)
        assert not screen.marks.is_read(screen.article_list.rows[2])


async def test_article_becomes_read_when_scrolled_to_end(tmp_path: Path) -> None:
    long_body = "\n\n".join(f"Paragraph {n} of a long article about the harbour." for n in range(200))
    site = make_site(
        tmp_path / "long",
        {
            "2020-01-01-long.md": f"---\ntitle: Long\n---\n{long_body}\n",
            "2019-01-01-other.md": "---\ntitle: Other\n---\nShort.\n",
        },
    )
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        long = screen.article_list.rows[0]
        assert long.title == "Long"
        screen._read_timer.stop()  # type: ignore[union-attr]  # only the scroll may mark it read here
        await pilot.press("enter")
        assert not screen.marks.is_read(long)
        await pilot.press("G")
        await wait_for(pilot, lambda: screen.marks.is_read(long))


async def test_broken_article_shows_its_problems(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        broken = next(a for a in screen.article_list.rows if a.problems)
        screen.article_list.select_article(broken)
        await wait_for(pilot, lambda: screen.current == broken)
        await pilot.pause()
        bar = screen.query_one("#problems")
        assert bar.display
        text = screen_text(app)
        assert "problem" in text
        assert "The body still shows" in text
        assert "!" in text  # the list's problem mark
        await pilot.press("j")  # and the rest keeps working
        await wait_for(pilot, lambda: screen.current != broken)
