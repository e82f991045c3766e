"""SVG snapshots of the main screen on the sample site: wide (list beside the reader) and narrow (stacked)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from newstui.ui.screens import reading
from tests.conftest import CONTENT, need
from tests.functional.ui_app.ui_app_support import app_for, loaded


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 600.0)


async def _ready(pilot: Pilot[None]) -> None:
    await loaded(pilot)


async def _second_article_read(pilot: Pilot[None]) -> None:
    screen = await loaded(pilot)
    await pilot.press("j", "m", "j", "asterisk", "enter")
    await pilot.pause()
    assert screen.current is not None


def test_main_screen_120x36(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(need(CONTENT)), terminal_size=(120, 36), run_before=_ready)


def test_main_screen_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(need(CONTENT)), terminal_size=(80, 24), run_before=_ready)


def test_main_screen_marks_and_reading_120x36(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(need(CONTENT)), terminal_size=(120, 36), run_before=_second_article_read)


def test_main_screen_reading_80x24_folds_the_list(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(need(CONTENT)), terminal_size=(80, 24), run_before=_second_article_read)
