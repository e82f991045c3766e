"""The first frame `newstui open FILE` paints before Textual starts: the same lines, where the app shows them.

The frame is drawn into a small screen model (cursor moves and text; colours ignored) and compared, row by row,
with what the running app shows in the reader's part of the screen at the same size. Keys typed while the frame is
up reach the reader once FILE is shown, not the list.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newstui.library.records import Site
from newstui.ui import first_frame, sitelist
from newstui.ui.first_frame import compose
from newstui.ui.geometry import reader_pane, reader_text
from newstui.ui.screens import reading
from newstui.ui.screens.main import MainScreen
from tests.conftest import REFERENCE, need
from tests.functional.ui_app.frame_model import painted, region
from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, screen_text, wait_for

SIZES = [(120, 40), (80, 24), (250, 70), (100, 30), (60, 20)]

BROKEN_HERO = {
    "2023-04-01-lamps.md": """\
        ---
        title: New Lamps on Harbour Street with a Title Long Enough to Wrap in a Narrow Terminal Window
        date: 2023-04-01
        image: /images/news/not-there.jpg
        ---
        The old lamps are gone. Their light was orange; the new ones are white and dim at midnight.

        ## Who pays

        The district, with a grant from the [energy fund](https://example.org/fund).
        """
}


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)


async def _app_screen(path: Path, site: Path, size: tuple[int, int]) -> list[str]:
    app = app_for(site, open_file=path)
    async with app.run_test(size=size) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: screen.reader.laid_out)
        await pilot.pause()
        return screen_text(app).splitlines()


@pytest.mark.parametrize("size", SIZES, ids=[f"{c}x{r}" for c, r in SIZES])
async def test_first_frame_is_what_the_reader_then_shows(size: tuple[int, int]) -> None:
    """The reference article: headline, hero placeholder and text at the same rows and columns as in the app."""
    reference = need(REFERENCE)
    columns, rows = size
    frame = painted(compose(reference, columns, rows), columns, rows)
    assert "Smart Mobility Projects as Changemakers?" in "\n".join(frame)
    box = reader_text(reader_pane(columns, rows), columns)
    app_lines = await _app_screen(reference, reference.parents[1], size)
    expected = region(app_lines, box.left, box.width, box.top, box.height)
    assert region(frame, box.left, box.width, box.top, box.height) == expected
    assert any(line.strip() for line in expected)


@pytest.mark.parametrize("size", [(120, 40), (60, 20)], ids=["wide", "narrow"])
async def test_first_frame_places_the_problems_bar_like_the_app(tmp_path: Path, size: tuple[int, int]) -> None:
    """A missing hero image: the problems bar's rows, then the article below it, as the app lays them out."""
    site = make_site(tmp_path / "site", BROKEN_HERO)
    path = site / "_posts" / "2023-04-01-lamps.md"
    columns, rows = size
    frame = painted(compose(path, columns, rows), columns, rows)
    pane = reader_pane(columns, rows)
    app_lines = await _app_screen(path, site, size)
    expected = region(app_lines, pane.left, pane.width - 1, pane.top, pane.height)
    assert any("hero image not found" in line for line in expected)
    assert region(frame, pane.left, pane.width - 1, pane.top, pane.height) == expected


def test_article_text_cannot_send_escape_sequences(tmp_path: Path) -> None:
    """Control characters in the title and body are made harmless: `painted` fails on any raw one."""
    hostile = {
        "2024-01-01-hostile.md": '---\ntitle: "Evil \\e]52;c;aGk=\\a title"\n---\nBody \x1b[2J with \x07 bells '
        "and \x1b]8;;https://evil.example\x1b\\\\ a hidden link.\n"
    }
    site = make_site(tmp_path / "site", hostile)
    lines = painted(compose(site / "_posts" / "2024-01-01-hostile.md", 100, 30), 100, 30)
    text = "\n".join(lines)
    assert "Evil ␛]52;c;aGk=␇ title" in text and "hidden link." in text  # shown, visibly, never sent


@pytest.mark.parametrize("size", [(10, 3), (20, 6), (34, 8)], ids=["10x3", "20x6", "34x8"])
def test_a_tiny_terminal_gets_a_frame_that_fits(size: tuple[int, int]) -> None:
    """No line runs past the right edge (`painted` fails on one) and the last row, the footer's, stays empty."""
    reference = need(REFERENCE)
    columns, rows = size
    lines = painted(compose(reference, columns, rows), columns, rows)
    assert lines[-1] == ""
    assert any(line.strip() for line in lines[1:-1])


def test_no_frame_when_not_on_a_terminal(tmp_path: Path) -> None:
    """Piped or captured output gets no escape sequences, and the terminal settings are left alone."""
    site = make_site(tmp_path / "site", BROKEN_HERO)
    out = io.StringIO()
    assert first_frame.paint(site / "_posts" / "2023-04-01-lamps.md", out=out) is None
    assert out.getvalue() == ""


LONG_STORY = "---\ntitle: A Long Story\ndate: 2023-04-01\n---\n{}\n\nThe very end.\n".format(
    "\n\n".join(f"Paragraph {n} about the harbour lamps." for n in range(400))
)


@pytest.fixture
def release(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The site's loader waits, before it reads FILE, until the test sets the returned event."""
    event = threading.Event()
    real_site_for = sitelist.site_for

    def held_site_for(path: Path) -> Site:
        event.wait(20)
        return real_site_for(path)

    monkeypatch.setattr(sitelist, "site_for", held_site_for)
    yield event
    event.set()  # never leave the loader waiting


async def test_keys_typed_while_the_file_opens_go_to_the_reader(tmp_path: Path, release: threading.Event) -> None:
    """`G` pressed before FILE is on screen is kept and replayed to the reader: the article's end shows, and the
    list's selection stays on FILE (the key would have moved it to the oldest article)."""
    articles = {
        "2023-04-01-long.md": LONG_STORY,
        "2020-01-01-old.md": "---\ntitle: Oldest\ndate: 2020-01-01\n---\nOld news.\n",
        "2021-01-01-mid.md": "---\ntitle: Middle\ndate: 2021-01-01\n---\nMiddle news.\n",
    }
    site = make_site(tmp_path / "site", articles)
    path = site / "_posts" / "2023-04-01-long.md"
    app = app_for(site, open_file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("G")
        assert app.holding_keys
        release.set()
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: "The very end." in screen_text(app))
        assert not app.holding_keys
        assert screen.current is not None and screen.current.path == path
        assert app.focused is screen.reader


async def test_G_let_go_before_the_file_is_shown_still_ends_at_its_end(
    tmp_path: Path, release: threading.Event
) -> None:
    """Keys are let go at the latest after HOLD_KEYS_AT_MOST seconds (a very slow start): a `G` that reaches the
    empty reader then still takes it to the end of FILE once FILE is shown."""
    site = make_site(tmp_path / "site", {"2023-04-01-long.md": LONG_STORY})
    path = site / "_posts" / "2023-04-01-long.md"
    app = app_for(site, open_file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("G")
        app.release_keys()  # what the safety-net timer does
        await wait_for(pilot, lambda: not app.holding_keys)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.reader.document is None
        release.set()
        await loaded(pilot)
        await wait_for(pilot, lambda: "The very end." in screen_text(app))


async def test_the_app_starts_with_the_site_and_article_the_frame_read(
    tmp_path: Path, release: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its header has the site's title and FILE is in the reader from the app's first frame, while the site's
    own loading is still held back (before, the header said "newstui" until the loader's first batch)."""
    site = make_site(tmp_path / "site", BROKEN_HERO)
    path = site / "_posts" / "2023-04-01-lamps.md"
    monkeypatch.setattr(first_frame, "_is_terminal", lambda stream: True)
    monkeypatch.setattr(first_frame, "_quiet_input", lambda: (None, None))
    frame = first_frame.paint(path, out=io.StringIO())
    assert frame is not None and frame.glimpse is not None
    app = app_for(site, open_file=path, glimpse=frame.glimpse)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.title == "Test Harbour News" and screen.current is not None and screen.current.path == path
        await wait_for(pilot, lambda: screen.reader.laid_out)
        assert "New Lamps on Harbour Street" in screen_text(app)
        release.set()
        await loaded(pilot)
    frame.restore()
