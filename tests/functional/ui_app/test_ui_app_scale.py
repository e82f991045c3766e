"""The list draws only the rows in view: 10,000 articles cost the same per frame as ten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.app import App, ComposeResult
from textual.geometry import Region

from newstui.library.records import Article
from newstui.ui.widgets.article_list import ArticleList


class ListOnly(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleList(id="list")


def articles(count: int) -> list[Article]:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    return [
        Article(Path(f"/site/{n}.md"), f"{n}.md", f"Article number {n}", start - timedelta(hours=n), tags=("tag",))
        for n in range(count)
    ]


async def test_ten_thousand_rows_draw_only_what_is_visible() -> None:
    app = ListOnly()
    async with app.run_test(size=(100, 30)) as pilot:
        widget = app.query_one(ArticleList)
        drawn: list[int] = []  # the list's lines handed to the screen (drawn now or kept from an earlier frame)
        original = widget.render_lines

        def counting(crop: Region):  # type: ignore[no-untyped-def]
            drawn.extend(crop.line_range)
            return original(crop)

        widget.render_lines = counting  # type: ignore[method-assign]
        widget.set_rows(articles(10_000))
        widget.focus()
        await pilot.pause()
        for keys in (("G",), ("pageup",) * 5, ("g",), ("j",) * 20):
            drawn.clear()
            await pilot.press(*keys)
            await pilot.pause()
            assert drawn, keys
            # Every frame draws at most the rows on screen, never the 10,000 rows of the list.
            assert len(drawn) <= 30 * len(keys) + 30, (keys, len(drawn))
            assert max(drawn) < 30
        assert widget.selected is not None and widget.selected.title == "Article number 20"
        await pilot.press("G")
        await pilot.pause()
        assert widget.selected is not None and widget.selected.title == "Article number 9999"
        assert "Article number 9999" in "\n".join(s.text for s in app.screen._compositor.render_strips())


async def test_screen_is_up_and_open_file_shown_while_the_site_loads(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    from newstui.ui.widgets.article_view import ArticleView
    from tests.functional.ui_app.ui_app_support import app_for, hold_site_loading, make_site, screen_text, wait_for

    site = make_site(tmp_path / "site")
    file = site / "_posts" / "2020-07-14-festival.md"
    release = hold_site_loading(monkeypatch)
    app = app_for(file, open_file=file)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "document", None) is not None)
        screen = app.screen
        assert not screen.loaded  # type: ignore[attr-defined]
        assert "loading…" in screen.sub_title
        assert "Harbour Festival in München" in screen_text(app)  # FILE is readable already
        assert isinstance(app.focused, ArticleView)
        await pilot.press("j")  # and the reader already scrolls
        release.set()
        await wait_for(pilot, lambda: screen.loaded)  # type: ignore[attr-defined]
        assert len(screen.article_list.rows) == 4  # type: ignore[attr-defined]
        assert screen.current.path == file  # type: ignore[attr-defined]
        assert "loading" not in screen.sub_title


async def test_big_article_is_parsed_off_the_ui_thread(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newstui.ui.preview import BIG_ARTICLE
    from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, wait_for

    paragraph = "The harbour basin was dredged again this spring, and the ferries kept running. " * 6
    body = "\n\n".join(f"## Part {n}\n\n{paragraph}" for n in range(BIG_ARTICLE // len(paragraph) + 40))
    site = make_site(
        tmp_path / "site",
        {
            "2021-01-01-big.md": f"---\ntitle: Big\n---\n{body}\n",
            "2020-01-01-small.md": "---\ntitle: Small\n---\nHi.\n",
        },
    )
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        big, small = screen.article_list.rows
        assert big.size > BIG_ARTICLE
        await pilot.press("j", "k", "j")  # away and back and away: the stale big parse must not win
        await wait_for(pilot, lambda: screen.current == small and screen.reader.document is screen.document)
        await pilot.pause(0.5)
        assert screen.reader.document is not None and screen.reader.document.title == "Small"
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.reader.document is not None and screen.reader.document.title == "Big")
        await wait_for(pilot, lambda: screen.reader.laid_out)
        assert any("Part 40" in line for line in screen.reader.rendered.plain)


async def test_rows_show_from_the_first_batch_and_the_whole_list_arrives_sorted(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """When the library hands a big site over in batches, the first one is on screen at once (with the progress in
    the header) and the last one leaves every article listed, newest first, with the right unread count."""
    import threading

    from newstui.ui import sitelist
    from tests.functional.ui_app.ui_app_support import app_for, make_site, screen_text, wait_for

    site = make_site(tmp_path / "site")
    release = threading.Event()
    real_load = sitelist.load_site

    def load_in_batches(path, progress=None):  # type: ignore[no-untyped-def]
        whole = real_load(path)
        oldest_first = list(reversed(whole.articles))  # batches in another order than the list's
        if progress is not None:
            progress(oldest_first[:1], 1, len(oldest_first))
            release.wait(20)
            for done in range(2, len(oldest_first)):
                progress(oldest_first[done - 1 : done], done, len(oldest_first))
        return whole

    monkeypatch.setattr(sitelist, "load_site", load_in_batches)
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: bool(getattr(app.screen, "article_list", None) and app.screen.article_list.rows))
        screen = app.screen
        first = screen.article_list.rows  # type: ignore[attr-defined]
        assert len(first) == 1 and not screen.loaded  # type: ignore[attr-defined]
        assert "loading 1 of 4" in screen.sub_title and "1 unread" in screen.sub_title
        assert first[0].title in screen_text(app)
        release.set()
        await wait_for(pilot, lambda: screen.loaded)  # type: ignore[attr-defined]
        rows = screen.article_list.rows  # type: ignore[attr-defined]
        assert len(rows) == 4
        dated = [row.date for row in rows if row.date is not None]
        assert dated == sorted(dated, reverse=True)
        assert "4 articles · 4 unread" in screen.sub_title and "loading" not in screen.sub_title


async def test_collector_tuning_is_undone_when_the_app_stops(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """While it runs, the app freezes what it has loaded and collects young objects less often (no long full
    collections in the middle of a keypress); once it stops, the process collects as before (a test run or any
    program that starts several apps does not keep every frozen app alive)."""
    import gc

    from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site

    before = gc.get_threshold()
    app = app_for(make_site(tmp_path / "site"))
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] > before[0]
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


async def test_a_big_article_shows_its_first_screen_while_the_rest_is_parsed(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Opening a long article, the reader shows its top before the whole text is parsed, then continues in place."""
    import threading

    from newstui.ui import preview
    from newstui.ui.preview import BIG_ARTICLE
    from tests.functional.ui_app.ui_app_support import app_for, loaded, make_site, wait_for

    paragraph = "The harbour basin was dredged again this spring, and the ferries kept running. " * 6
    body = "\n\n".join(f"## Part {n}\n\n{paragraph}" for n in range(BIG_ARTICLE // len(paragraph) + 40))
    site = make_site(tmp_path / "site", {"2021-01-01-big.md": f"---\ntitle: Big\n---\n{body}\n"})
    release = threading.Event()
    real_parse = preview.parse_document

    def slow_parse(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(20)
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(preview, "parse_document", slow_parse)
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: screen.reader.document is not None)
        reader = screen.reader
        assert reader.document.complete is False  # only the first screen, the full parse is still held
        await wait_for(pilot, lambda: any("Part 0" in line for line in reader.rendered.plain))
        release.set()
        await wait_for(pilot, lambda: reader.document is not None and reader.document.complete)
        last = f"Part {BIG_ARTICLE // len(paragraph) + 39}"
        await wait_for(pilot, lambda: reader.laid_out and any(last in line for line in reader.rendered.plain))
        assert round(reader.scroll_y) == 0  # continued in place: still at the top
