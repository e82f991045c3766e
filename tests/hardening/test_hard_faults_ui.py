"""Faults while the app runs: files vanishing or changing under it, unreadable files, a full disk or damaged
state file, an opener that is missing or hangs, a terminal of 10x5. Each ends in a notice, never a crash, and
nothing the user did is lost.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from newstui.store import StateStore
from newstui.ui.app import NewsApp
from newstui.ui.screens import reading
from newstui.ui.state import CachedMarks
from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, screen_text, wait_for


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)  # only the keys under test change read marks


def notices(app: NewsApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_file_deleted_after_listing_is_a_notice_and_the_rest_still_reads(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        second = screen.article_list.rows[1]
        second.path.unlink()  # gone between the listing and the moment the cursor reaches it
        await pilot.press("j")
        await wait_for(pilot, lambda: "cannot read" in screen_text(app))  # the problems bar says so
        assert "No such file" in screen_text(app)
        await pilot.press("j")  # the next one still opens
        await wait_for(pilot, lambda: screen.current is not None and screen.current == screen.article_list.rows[2])
        await wait_for(pilot, lambda: "Harbour" in screen_text(app) or "Tram" in screen_text(app))
        assert app.is_running


async def test_a_file_changed_after_listing_shows_its_new_text(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        second = screen.article_list.rows[1]
        time.sleep(0.01)  # a different mtime
        second.path.write_text("---\ntitle: Rewritten meanwhile\n---\nFreshly written words.\n", encoding="utf-8")
        await pilot.press("j")
        await wait_for(pilot, lambda: "Freshly written words." in screen_text(app))


async def test_an_unreadable_file_is_a_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests run as root, for whom chmod 000 still reads: the refusal is simulated at Path.read_bytes and open.
    site = make_site(tmp_path / "site")
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        # Two rows down: the row below the cursor may already be read ahead (and kept) while the app is idle.
        victim = screen.article_list.rows[2].path
        real_read_bytes, real_open = Path.read_bytes, open

        def read_bytes(self: Path) -> bytes:
            if self == victim:
                raise PermissionError(13, "Permission denied", str(self))
            return real_read_bytes(self)

        def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
            if str(file) == str(victim):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        monkeypatch.setattr("builtins.open", guarded_open)
        await pilot.press("j", "j")
        await wait_for(pilot, lambda: "ermission denied" in screen_text(app) or "cannot read" in screen_text(app))
        assert app.is_running


class _FullDisk:
    """A sqlite3 connection whose writes fail as on a full disk (sqlite3.Connection's methods are read-only,
    so the store's connection is wrapped instead of patched)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def __enter__(self) -> Any:
        return self._conn.__enter__()

    def __exit__(self, *exc: Any) -> Any:
        return self._conn.__exit__(*exc)


async def test_a_full_disk_when_marking_read_is_a_notice_and_the_mark_stays(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    store = StateStore.open(tmp_path / "data" / "state.db")
    app = app_for(site, marks=CachedMarks(store))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        first = screen.article_list.rows[0]
        store._conn = _FullDisk(store._conn)
        await pilot.press("m")
        await pilot.pause()
        assert screen.marks.is_read(first)  # kept for the session
        await wait_for(pilot, lambda: any("saved" in n for n in notices(app)), timeout=3)


async def test_a_corrupt_state_file_is_moved_aside_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "state.db").write_bytes(b"this is not a database, it is a damaged file" * 100)
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(data))
    site = make_site(tmp_path / "site")
    app = NewsApp(site)  # the real store from NEWSTUI_DATA_DIR
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: any("damaged" in n for n in notices(app)))
        await pilot.press("m")
        first = screen.article_list.rows[0]
        await pilot.pause()
        assert screen.marks.is_read(first)
    assert any(p.name.startswith("state.db.corrupt-") for p in data.iterdir())  # the damaged copy is kept
    with StateStore.open(data / "state.db") as reopened:
        assert reopened.is_read(first)  # the fresh file holds the new mark


async def test_an_unwritable_data_folder_is_a_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be\n")
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(blocker / "data"))  # root can write anywhere; not under a file
    site = make_site(tmp_path / "site")
    app = NewsApp(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: any("cannot be saved" in n or "session" in n for n in notices(app)))
        await pilot.press("m")
        await pilot.pause()
        assert screen.marks.is_read(screen.article_list.rows[0])


@pytest.mark.parametrize(
    ("opener", "expected"),
    [("/no/such/opener-program", "not"), ("{hang}", "")],
    ids=["missing", "hanging"],
)
async def test_a_missing_or_hanging_opener_leaves_the_app_responsive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opener: str, expected: str
) -> None:
    hang = tmp_path / "hang-opener"
    hang.write_text(f'#!/bin/sh\necho "$@" > "{tmp_path}/started"\nexec sleep 30\n')
    hang.chmod(0o755)
    monkeypatch.setenv("NEWSTUI_OPENER", opener.format(hang=hang))
    body = "[ok](https://example.org/)\n\nSecond paragraph.\n"
    site = make_site(tmp_path / "site", {"2020-01-01-link.md": f"---\ntitle: Link\n---\n{body}"})
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        started = time.monotonic()
        await pilot.press("enter", "tab", "enter")
        await wait_for(pilot, lambda: len(notices(app)) > 0)
        assert time.monotonic() - started < 5  # never waits for the opener
        if expected:
            assert any(expected in n for n in notices(app)), notices(app)
        else:
            await wait_for(pilot, lambda: (tmp_path / "started").exists())
            assert (tmp_path / "started").read_text().strip() == "https://example.org/"
        await pilot.press("escape", "?")  # still answers keys
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen")


async def test_a_terminal_of_ten_by_five_does_not_crash(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    app = app_for(site)
    async with app.run_test(size=(10, 5)) as pilot:
        await loaded(pilot)
        for keys in (("j", "j"), ("enter",), ("tab", "tab"), ("G", "g"), ("escape",), ("/",), ("escape",), ("?",)):
            await pilot.press(*keys)
            await pilot.pause()
        assert app.is_running
        await pilot.press("escape")
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert app.is_running and "Harbour" in screen_text(app)


async def test_shrinking_to_ten_by_five_while_reading_and_back(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter", "tab")
        for size in ((10, 5), (11, 6), (10, 5), (120, 36)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("j", "tab")
        assert app.is_running and screen.current is not None
        assert screen.current.title in screen_text(app)
