"""Helpers for the app's Pilot tests: a small hand-written site, waiting for the list, reading the screen."""

from __future__ import annotations

import textwrap
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot

from newstui.ui.app import NewsApp
from newstui.ui.screens.main import MainScreen
from newstui.ui.state import MemoryMarks

ARTICLES = {
    "2019-03-02-tram-line.md": """\
        ---
        title: The Tram Reaches the Harbour
        date: 2019-03-02
        tags: [transport, tram]
        author: Ana Petrova
        ---
        The new line opens on Monday.

        ## Timetable

        Every ten minutes. See the [city site](https://example.org/tram) and the [timetable](#timetable).
        """,
    "2020-07-14-festival.md": """\
        ---
        title: Harbour Festival in München
        date: 2020-07-14
        tags: [culture]
        author: Jonas Weber
        ---
        Music on both banks of the basin.
        """,
    "2021-11-30-sofia-visit.md": """\
        ---
        title: Visitors from Sofía
        date: 2021-11-30
        tags: [partners, culture]
        authors: [Ana Petrova, Ivan Dimitrov]
        ---
        A delegation from Sofia saw the solar roofs. Read about [the tram](2019-03-02-tram-line.md) too.
        """,
    "2022-05-01-broken.md": """\
        ---
        title: "Unclosed quote
        date: 2022-05-01
        ---
        The body still shows although the front matter is broken.
        """,
}


def make_site(root: Path, articles: dict[str, str] | None = None) -> Path:
    """A small Jekyll site under `root`: _config.yml and _posts/ with the given (or the default) articles."""
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Test Harbour News\n", encoding="utf-8")
    for name, text in (articles or ARTICLES).items():
        (root / "_posts" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def app_for(path: Path, **kwargs: object) -> NewsApp:
    """The app on `path` with marks in memory (unless `marks` is given) so tests do not share state."""
    kwargs.setdefault("marks", MemoryMarks())
    return NewsApp(path, **kwargs)  # type: ignore[arg-type]


async def wait_for(pilot: Pilot[None], condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Pause until `condition()` is true, failing after `timeout` seconds (bounded, never a fixed sleep)."""
    steps = int(timeout / 0.02)
    for _ in range(steps):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"condition not met within {timeout} s")


async def loaded(pilot: Pilot[None]) -> MainScreen:
    """Wait for the main screen to list the whole site and show an article."""
    app = pilot.app

    def ready() -> bool:
        screen = app.screen
        return isinstance(screen, MainScreen) and screen.loaded and screen.document is not None

    await wait_for(pilot, ready)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def screen_text(app: NewsApp) -> str:
    """What the terminal shows, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def hold_site_loading(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make the site's load wait until the returned event is set (the app's state while a big site loads)."""
    from newstui.ui import sitelist

    release = threading.Event()
    real_load = sitelist.load_site

    def held_load(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(20)
        return real_load(path, *args, **kwargs)

    monkeypatch.setattr(sitelist, "load_site", held_load)
    return release


def recording_opener(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install an opener that appends each argument it gets to a log, and return the log's path."""
    log = tmp_path / "opened.log"
    opener = tmp_path / "record-opener"
    opener.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a" >> "{log}"; done\n')
    opener.chmod(0o755)
    monkeypatch.setenv("NEWSTUI_OPENER", str(opener))
    return log
