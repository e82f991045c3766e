"""The first frame of `newstui FOLDER`: the list's first rows (from the metadata cache) beside the newest article,
painted before Textual starts, and the app starting with those same rows so they stay on screen.

The frame is drawn into a small screen model and compared, row by row, with the running app at the same size,
while the app's own load of the site is held back (the moment the app takes over from the frame) and again once
the whole site is listed.
"""

from __future__ import annotations

import io
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from newstui.library import load_site
from newstui.library.site import Glimpse, glimpse_site
from newstui.store import open_state
from newstui.ui import first_frame
from newstui.ui.first_frame import compose_site
from newstui.ui.geometry import NARROW, browsing_reader_pane, list_pane, reader_text
from newstui.ui.listing import sort_articles
from newstui.ui.screens import reading
from newstui.ui.screens.main import MainScreen
from tests.functional.ui_app.frame_model import painted, region
from tests.functional.ui_app.ui_app_support import hold_site_loading, screen_text, wait_for

SIZES = [(120, 40), (80, 24), (250, 70), (100, 30), (60, 20)]
CITIES = ["Sofia", "München", "Lyon", "Kraków", "Zürich", "Ελευσίνα", "東京"]


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)  # marks must not change while screens are compared


def _site(root: Path, count: int = 90) -> Path:
    """`count` posts, more than any list shows: long titles, tags, wide characters, ties, a hero image missing."""
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Harbour Frames\n", encoding="utf-8")
    for n in range(count):
        city = CITIES[n % len(CITIES)]
        tags = "tags: [transport, harbour, long-tag-name, culture, more]\n" if n % 3 == 0 else ""
        hero = "image: /images/not-there.jpg\n" if n % 5 == 0 else ""
        day = 1 + (n // 2) % 28  # two posts a day: ties broken by path, as the list does
        text = f"---\ntitle: Workshop {n} in {city} with a title long enough to be cut\ndate: 2023-05-{day:02d}\n"
        text += f"{tags}{hero}---\nThe workshop in {city} met on the {day}th.\n\n## Outcomes\n\nNotes of {n}.\n"
        (root / "_posts" / f"2023-05-{day:02d}-workshop-{n:03d}.md").write_text(text, encoding="utf-8")
    return root


def _warm(site: Path, count: int = 70) -> Glimpse:
    """The site read once (the cache filled), a few marks set, and what the first frame would show: its `count`
    newest articles (the app's default is more than these sites hold, so the app would start with all of them)."""
    shown = sort_articles(list(load_site(site).articles), "newest")
    with open_state() as store:
        store.set_read(shown[0])
        store.set_starred(shown[1])
    glimpse = glimpse_site(site, count)
    assert glimpse is not None
    return glimpse


async def _app_screens(site: Path, glimpse: Glimpse, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The app's screen (text lines) as it starts from the glimpse, its load held, then once the site is listed."""
    from newstui.ui.app import NewsApp

    release = hold_site_loading(monkeypatch)
    app = NewsApp(site, glimpse=glimpse)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.article_list.rows) == len(glimpse.articles)  # rows from the very first frame
        await wait_for(pilot, lambda: screen.document is not None and screen.reader.laid_out)
        await pilot.pause()
        starting = screen_text(app).splitlines()
        release.set()
        await wait_for(pilot, lambda: screen.loaded)
        await pilot.pause()
        return starting, screen_text(app).splitlines()


@pytest.mark.parametrize("size", SIZES, ids=[f"{c}x{r}" for c, r in SIZES])
async def test_the_first_rows_are_what_the_app_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    site = _site(tmp_path / "site")
    glimpse = _warm(site)
    columns, rows = size
    frame = painted(compose_site(glimpse, columns, rows), columns, rows)
    starting, listed = await _app_screens(site, glimpse, size, monkeypatch)
    pane = list_pane(columns, rows)
    wide = columns >= NARROW
    height = pane.height - (not wide)
    width = pane.width - wide - 1  # not the border, nor the scrollbar's column
    known = len(glimpse.articles)  # the app starts with these (more than a screenful); the rest come later
    assert height <= known < 90
    rows_of = lambda lines: region(lines, 0, width, pane.top, height)  # noqa: E731
    assert rows_of(frame) == rows_of(starting) == rows_of(listed)  # the same rows, from frame to whole list
    first, second, *_ = rows_of(frame)
    assert first.startswith("  !2023-05-28 Workshop 55 in 東京") or (columns < 100 and "Workshop 55" in first)  # read
    assert second.startswith("●★ ")  # unread and starred
    assert sum(line.startswith("●  ") for line in rows_of(frame)) >= height // 2 - 2  # unread, no problem
    assert any(line.startswith("● !") for line in rows_of(frame))  # a missing hero image
    assert all(line.endswith(("…", "be cut")) or "#" in line for line in rows_of(frame))  # a cut shows, or all does
    reader = reader_text(browsing_reader_pane(columns, rows), columns)
    article = lambda lines: region(lines, reader.left, reader.width, reader.top, reader.height)  # noqa: E731
    assert article(frame) == article(starting)
    assert any("Workshop" in line for line in article(frame))
    assert frame[0] == starting[0].rstrip()  # the header: title, counts, and where they stand
    assert f"Harbour Frames — {known} articles · {known - 1} unread · loading {known} of 90" in frame[0] or not wide


def test_a_narrow_list_has_its_border_below(tmp_path: Path) -> None:
    glimpse = _warm(_site(tmp_path / "site"))
    frame = painted(compose_site(glimpse, 60, 20), 60, 20)
    pane = list_pane(60, 20)
    assert frame[pane.top + pane.height - 1] == "▁" * 60
    assert "problem in this article" in frame[pane.top + pane.height]  # the newest article right below
    assert any("Workshop 55" in line for line in frame[pane.top + pane.height :])


@pytest.mark.parametrize("size", [(10, 3), (20, 6), (34, 8), (100, 5)], ids=["10x3", "20x6", "34x8", "100x5"])
def test_a_tiny_terminal_gets_a_frame_that_fits(tmp_path: Path, size: tuple[int, int]) -> None:
    """No line runs past the right edge or below the last row (`painted` fails on either), even with a problems
    bar taller than the room left for the article; the footer's row stays empty."""
    glimpse = _warm(_site(tmp_path / "site", 20))
    columns, rows = size
    lines = painted(compose_site(glimpse, columns, rows), columns, rows)
    assert lines[-1] == "" and lines[0].strip().startswith("≡")


def test_hostile_titles_are_shown_not_sent(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", 20)
    (site / "_posts" / "2024-01-01-evil.md").write_text(
        '---\ntitle: "Evil \\e]52;c;aGk=\\a \\e[2J title"\ndate: 2024-01-01\ntags: ["\\e[31mred"]\n---\nBody.\n',
        "utf-8",
    )
    glimpse = _warm(site)
    text = "\n".join(painted(compose_site(glimpse, 120, 40), 120, 40))  # fails on any raw control character
    assert "Evil ␛]52;c;aGk=␇ ␛[2J title" in text


def test_no_frame_when_not_on_a_terminal(tmp_path: Path) -> None:
    """Piped or captured output gets no escape sequences, even for a site the cache knows."""
    site = _site(tmp_path / "site", 40)
    _warm(site)
    out = io.StringIO()
    assert first_frame.paint_site(site, out=out) is None and out.getvalue() == ""


def test_no_frame_for_a_site_never_read(tmp_path: Path, on_a_terminal: list[str]) -> None:
    """On a terminal, a site the cache has never seen gets no frame (the app lists it itself), and the keyboard
    is given back as it was."""
    out = io.StringIO()
    assert first_frame.paint_site(_site(tmp_path / "site", 40), out=out) is None and out.getvalue() == ""
    assert on_a_terminal == ["given back"]


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`_paint` as on a terminal, recording when it gives the terminal's settings back."""
    given_back: list[str] = []
    monkeypatch.setattr(first_frame, "_is_terminal", lambda stream: True)
    monkeypatch.setattr(first_frame, "_quiet_input", lambda: (None, None))
    monkeypatch.setattr(first_frame.FirstFrame, "give_back_input", lambda self: given_back.append("given back"))
    return given_back


def test_ctrl_c_while_the_frame_is_drawn_gives_the_terminal_back(on_a_terminal: list[str]) -> None:
    """The list is up and the article is still being made when Ctrl+C comes: the frame is left, the keyboard's
    settings and the SIGTERM handler are given back, and the interrupt goes on (no traceback over a dead shell)."""
    before = signal.getsignal(signal.SIGTERM)

    def draw(columns: int, rows: int, color: object) -> tuple[Iterator[str], None]:
        def parts() -> Iterator[str]:
            yield "LIST"
            raise KeyboardInterrupt

        return parts(), None

    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        first_frame._paint(draw, out)
    assert out.getvalue() == "LIST" + first_frame.LEAVE
    assert on_a_terminal == ["given back"] and signal.getsignal(signal.SIGTERM) is before


def test_nothing_to_show_or_a_failure_before_drawing_leaves_the_terminal_as_it_was(on_a_terminal: list[str]) -> None:
    def broken(columns: int, rows: int, color: object) -> tuple[Iterator[str], None]:
        raise OSError("the cache went away")

    out = io.StringIO()
    assert first_frame._paint(lambda columns, rows, color: None, out) is None
    assert first_frame._paint(broken, out) is None
    assert out.getvalue() == "" and on_a_terminal == ["given back", "given back"]
