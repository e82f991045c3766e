"""`G` on a long article while its whole text is still being parsed: the end, parsed alone, shows at once; the
whole article then takes its place without moving the reader from the end; `g`/Home go back to the top."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from newstui.document.model import Document
from newstui.render.model import RenderedArticle
from newstui.ui import preview
from newstui.ui.screens import reading
from newstui.ui.screens.main import MainScreen
from newstui.ui.widgets.article_view import ArticleView
from tests.benchgen import make_article
from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, screen_text, wait_for

END = "End of the generated article."
HEADLINE = "Changemakers?"  # in the article's first lines (the list shows its title, not this)
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)


@pytest.fixture
def held_parse(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The whole-article parse waits until the test sets the returned event (the first screen and the end parsed
    alone do not)."""
    release = threading.Event()
    real_parse = preview.parse_document

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert release.wait(30), "the test never released the parse"
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(preview, "parse_document", held)
    yield release
    release.set()  # never leave a worker waiting


def long_article(size: int) -> str:
    """An article of about `size` bytes in the reference article's shape (bench/render.py), ending with END."""
    return make_article(size) + END + "\n"


# Below EAGER_TAIL_FROM the end is parsed in a thread when G asks; above it, right after the first screen.
@pytest.fixture(params=[200_000, 400_000], ids=["parsed on G", "parsed ahead"])
def long_site(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A site with one long generated article."""
    assert (request.param >= preview.EAGER_TAIL_FROM) == (request.param == 400_000)
    return make_site(tmp_path / "site", {"2024-03-14-long.md": long_article(request.param)})


async def _reading_first_screen(pilot: Pilot[None]) -> MainScreen:
    """The main screen with the reader focused on the long article's first screen (the whole parse held)."""
    screen = await loaded(pilot)
    reader = screen.reader
    await wait_for(pilot, lambda: reader.document is not None and HEADLINE in _shown(pilot.app))
    assert reader.document is not None and not reader.document.complete, "only the first screen is parsed"
    await pilot.press("enter")
    assert pilot.app.focused is reader
    return screen


async def _end_shown_on_G(pilot: Pilot[None]) -> None:
    """Press `G` and wait until the article's end is in the reader (the interim end while the parse is held)."""
    await pilot.press("G")
    await wait_for(pilot, lambda: END in _shown(pilot.app))


async def _whole_laid_out(pilot: Pilot[None], reader: ArticleView) -> None:
    """Wait until the reader holds the whole article, laid out (once the held parse is let go)."""
    await wait_for(pilot, lambda: reader.document is not None and reader.document.complete and reader.laid_out)


def _shown(app: App[None]) -> str:
    """What the reader pane shows."""
    reader = app.screen.query_one(ArticleView)
    return "\n".join(reader.render_line(y).text.rstrip() for y in range(reader.size.height))


async def test_G_shows_the_end_before_the_whole_parse_and_keeps_it_when_the_parse_arrives(
    long_site: Path, held_parse: threading.Event
) -> None:
    app = app_for(long_site)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _reading_first_screen(pilot)
        reader = screen.reader
        await _end_shown_on_G(pilot)
        assert reader.document is not None and not reader.document.complete, "the whole parse is still held"
        shown = _shown(app)
        assert HEADLINE not in shown
        assert "{%" not in shown and "{:" not in shown and "<div" not in shown and "<span" not in shown
        assert reader.scroll_y == reader.max_scroll_y

        held_parse.set()
        await _whole_laid_out(pilot, reader)
        await pilot.pause()
        assert reader.max_scroll_y > 2_000, "the whole article is laid out now"
        assert reader.scroll_y == reader.max_scroll_y, "still at the end"
        assert END in _shown(app)

        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0 and HEADLINE in _shown(app)


async def test_g_and_home_after_G_go_back_to_the_top_before_and_after_the_parse(
    long_site: Path, held_parse: threading.Event
) -> None:
    app = app_for(long_site)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _reading_first_screen(pilot)
        reader = screen.reader
        top = _shown(app)
        await _end_shown_on_G(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert _shown(app) == top, "the first screen again, as it was"
        await _end_shown_on_G(pilot)
        await pilot.press("tab")  # links in the interim end can be highlighted
        await pilot.press("home")
        await pilot.pause()
        assert reader.scroll_y == 0 and HEADLINE in _shown(app) and END not in _shown(app)
        assert reader.highlighted is None or reader.highlighted in reader.document.targets

        held_parse.set()
        await _whole_laid_out(pilot, reader)
        await pilot.pause()
        assert reader.scroll_y == 0 and HEADLINE in _shown(app), "the G overruled by Home stays overruled"
        assert reader.max_scroll_y > 2_000


def test_the_cache_hands_over_the_end_once_and_reuses_it_for_the_same_text(long_site: Path) -> None:
    from newstui.library import load_site

    site = load_site(long_site)
    path = next((long_site / "_posts").iterdir())
    cache = preview.DocumentCache()
    tails: list[preview.MakeTail] = []
    cache.load(path, site, first=lambda _article, _head, tail: tails.append(tail))
    cache.forget(path)  # parsed again (as `newstui open` does once the site's permalinks are known)
    cache.load(path, site, first=lambda _article, _head, tail: tails.append(tail))
    assert len(tails) == 2 and tails[0] is tails[1], "the end of the same text is not parsed twice"
    end = tails[0]()
    assert not end.complete and tails[0]() is end
    assert tails[0].made is end
    assert len(end.blocks) < 400, "only the end of the article"


async def test_the_end_stays_in_view_when_the_view_gets_shorter_after_G() -> None:
    """`G` pressed as the app starts may land before the problems bar takes its rows from the reader."""
    from tests.functional.ui_reader.reader_app import ReaderApp, sample_document

    app = ReaderApp(sample_document(filler=60))
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.view
        await pilot.press("G")
        await pilot.pause()
        last = view.rendered.plain[-1]
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.resize_terminal(100, 34)
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y
        assert view.render_line(view.size.height - 1).text.rstrip() == last.rstrip()
        await pilot.press("k")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert view.scroll_y < view.max_scroll_y, "only a view at the end sticks to it"


def _whole_and_top(size: int = 300_000) -> tuple[Document, Document]:
    """A big Document of one article and the first-screen Document of it (its first blocks, complete=False)."""
    from tests.functional.ui_reader.reader_app import big_document

    whole = replace(big_document(size), source=Path("/site/_posts/big.md"))
    return whole, replace(whole, blocks=whole.blocks[:30], complete=False)


async def test_G_between_the_whole_document_and_its_layout_reaches_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole Document has come but is still being laid out (in a thread): G shows its end, not the end of the
    first screen still on view, and the whole layout keeps it."""
    import newstui.render
    from tests.functional.ui_reader.reader_app import ReaderApp

    release = threading.Event()
    real = newstui.render.render_document

    def held(document: Document, width: int, **options: object) -> RenderedArticle:
        if options.get("max_lines") is None and document.complete:
            assert release.wait(20), "the test never released the layout"
        return real(document, width, **options)

    monkeypatch.setattr(newstui.render, "render_document", held)
    whole, top = _whole_and_top()
    app = ReaderApp(top)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            view = app.view
            await pilot.pause()
            view.show(whole)  # laid out in a thread, held
            await pilot.press("G")
            await pilot.pause()
            assert "THE LAST PARAGRAPH" in _shown(app)
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert view.laid_out and view.scroll_y == view.max_scroll_y > 1_000
    finally:
        release.set()


async def test_the_top_parsed_again_does_not_undo_the_place_in_the_whole_article() -> None:
    """`newstui open` parses FILE again once the site is loaded: its new first screen must not replace the whole
    article the reader has scrolled to the end of; the new whole Document keeps the place."""
    from tests.functional.ui_reader.reader_app import ReaderApp

    whole, top = _whole_and_top(60_000)
    app = ReaderApp(whole)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view
        await app.workers.wait_for_complete()
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 100
        view.show(top)
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y and "THE LAST PARAGRAPH" in _shown(app)
        view.show(replace(whole, title="Parsed again"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y and "THE LAST PARAGRAPH" in _shown(app)


async def test_back_after_G_on_the_interim_end_returns_to_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`G` (the end parsed alone on screen), `]` to the next article, the whole parse arrives, Backspace: the
    reader is back at the end of the long article, not at a line number of the interim end."""
    held_parse = threading.Event()
    real_parse = preview.parse_document

    def held_when_long(text: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if len(text) > 100_000:  # the long article's whole text; the short one is parsed at once
            assert held_parse.wait(30), "the test never released the parse"
        return real_parse(text, *args, **kwargs)

    monkeypatch.setattr(preview, "parse_document", held_when_long)
    site = make_site(
        tmp_path / "site",
        {
            "2024-03-14-long.md": long_article(400_000),
            "2024-03-01-short.md": "---\ntitle: Short\ndate: 2024-03-01\n---\nA short one.\n",
        },
    )
    app = app_for(site)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _reading_first_screen(pilot)
        reader = screen.reader
        await _end_shown_on_G(pilot)
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: "A short one." in _shown(app))
        held_parse.set()
        await pilot.press("backspace")
        await _whole_laid_out(pilot, reader)
        await wait_for(pilot, lambda: END in _shown(app))
        assert reader.scroll_y == reader.max_scroll_y > 2_000


async def test_find_on_the_interim_end_says_so_far_until_the_whole_article_is_there(
    long_site: Path, held_parse: threading.Event
) -> None:
    """`/` while only the end is laid out finds only there and says "so far"; the whole article then brings the
    match in its first lines."""
    app = app_for(long_site)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _reading_first_screen(pilot)
        reader = screen.reader
        await _end_shown_on_G(pilot)
        await pilot.press("slash", *"Changemakers", "enter")
        await wait_for(pilot, lambda: "no matches so far" in screen_text(app))
        held_parse.set()
        await _whole_laid_out(pilot, reader)
        await wait_for(pilot, lambda: "no matches" not in screen_text(app) and "so far" not in screen_text(app))
        assert reader.matches, "the word in the article's first lines is found once the whole article is there"


async def test_G_waiting_for_the_rest_is_a_place_at_the_end() -> None:
    """`G` on a first screen whose rest is still being parsed waits for it; meanwhile the place to come back to
    (the screen uses it when the site's permalinks make it parse FILE again) is the end, not the last line of
    the first screen: coming back there once the whole article is laid out shows its end (a tmux test saw the
    reader stop in the middle, about one run in seven)."""
    from newstui.ui.widgets.article_tail import AT_END
    from tests.functional.ui_reader.reader_app import ReaderApp

    whole, top = _whole_and_top(60_000)
    app = ReaderApp(top)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        place = view.place
        assert place == AT_END
        view.show(whole)
        view.scroll_to_line(place)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 100 and "THE LAST PARAGRAPH" in _shown(app)
