"""Textual markup in article data: `[/]`, `[b]`, `[@click=app.quit]` are text, never markup.

Textual parses markup in `Static.update` and `notify` by default. Text from a file (a title, a tag, a hero
image's name in a problem message, a file name in a notice) or typed by the user (a find or filter query) that
reaches one of them unescaped either crashes the app (`MarkupError: closing tag '[/]' has nothing to close`) or
styles the screen and makes clickable actions. Every such text must show literally.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.markup import MarkupError
from textual.notifications import Notification

from newstui.ui.app import NewsApp
from newstui.ui.screens import reading
from tests.functional.ui_app.ui_app_support import app_for, loaded, screen_text, wait_for
from tests.hardening.hostile import make_site

MARKUP_NAME = "2024-01-01-[bold]name[@click=app.quit].md"
MARKUP_ARTICLE = (
    "---\n"
    "title: '[red]Marked[/] title [/]'\n"
    "tags: ['[link=http://evil.example]tag', '[/]']\n"
    "author: '[b]Author[/b] [/]'\n"
    "---\n"
    "Body with [/] and [b]not bold[/b] and [@click=app.quit]click[/].\n"
)


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(
        tmp_path / "site",
        {
            "2024-01-02-markup.md": MARKUP_ARTICLE,
            "2024-01-03-plain.md": "---\ntitle: Plain\n---\nPlain words.\n",
            MARKUP_NAME: "Named with markup.\n",
        },
    )


async def _select(pilot: object, app: NewsApp, ending: str) -> None:
    screen = app.screen
    for _ in range(5):
        current = getattr(screen, "current", None)
        if current is not None and current.rel_path.endswith(ending):
            return
        await pilot.press("j")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
    raise AssertionError(f"{ending} never selected")


async def test_markup_in_an_article_shows_literally(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await _select(pilot, app, "markup.md")
        await wait_for(pilot, lambda: "not bold" in screen_text(app))
        text = screen_text(app)
        assert "[red]Marked[/] title [/]" in text
        assert "[b]not bold[/b]" in text and "[b]Author[/b] [/]" in text
        assert app.is_running


async def test_markup_in_a_problem_message_shows_literally(site: Path) -> None:
    (site / "_posts" / "2024-01-04-hero.md").write_text("---\ntitle: Hero\nimage: '[/]hero[b].png'\n---\nx\n")
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await _select(pilot, app, "hero.md")
        await wait_for(pilot, lambda: "hero image not found" in screen_text(app))
        assert "[/]hero[b].png" in screen_text(app)  # the problems bar, literally
        assert app.is_running


# Before the fix, "[bold]" and "[@click=app.quit]" vanished from the bar: clicking the name quit the app.
async def test_markup_in_a_file_name_shows_literally_in_the_list_and_notices(site: Path) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("g")
        assert "[bold]name[@click=app.quit]" in screen_text(app) or "[bold]name" in screen_text(app)
        victim = next(a for a in screen.listing.articles if a.rel_path.endswith("quit].md"))
        victim.path.unlink()
        await pilot.press("G")
        await wait_for(pilot, lambda: "cannot read" in screen_text(app))
        await pilot.pause()
        assert "[bold]name[@click=app.quit].md" in screen_text(app).replace("\n", "")
        assert app.is_running


def shown(notice: Notification) -> str:
    """The text a toast displays: its message, or the markup's plain text when it is parsed as markup."""
    if not notice.markup:
        return notice.message
    try:
        return Content.from_markup(notice.message).plain
    except MarkupError as error:
        return f"<MarkupError: {error}>"


@pytest.mark.parametrize("query", ["[/]zz", "[b]x[/b]", "[@click=app.quit]zz"])
async def test_markup_typed_in_find_and_filter_is_text(site: Path, query: str) -> None:
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *query)  # the list filter
        await pilot.pause()
        await pilot.press("escape", "escape", "enter", "slash", *query, "enter")  # find in the article
        await pilot.pause()
        await pilot.press("n")  # no match: a notice repeats the query
        await wait_for(pilot, lambda: any("No matches for" in n.message for n in app._notifications))
        assert [shown(n) for n in app._notifications] == [f"No matches for {query!r}."]  # literally
        assert app.is_running


WALK_ARTICLE = (
    "---\ntitle: 'Walk [b]T[/b] [/]'\ntags: ['[i]tagx[/i]', '[/]']\n---\n"
    "## Heading [b]H[/b] [/]\n\n"
    "Text with [b]B[/b] and [link [u]L[/u] [/]](https://example.org/[x]) and ![cap [b]C[/b] [/]](img[/].png).\n"
)


async def test_markup_shows_literally_on_every_screen(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"2024-01-02-walk.md": WALK_ARTICLE})
    app = app_for(site)

    def text() -> str:
        return screen_text(app).replace("\n", " ")

    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: "Walk [b]T[/b] [/]" in text())  # header of the reader and the list
        assert "[i]tagx[/i]" in text() and "Heading [b]H[/b] [/]" in text() and "Text with [b]B[/b]" in text()
        await pilot.press("enter", "u")
        await wait_for(pilot, lambda: "https://example.org/[x]" in text())  # the links screen
        assert "cap [b]C[/b] [/]" in text()
        await pilot.press("escape", "t")
        await wait_for(pilot, lambda: "Outline" in text() or "Heading" in text())
        assert "Heading [b]H[/b] [/]" in text()
        await pilot.press("escape", "escape", "S")
        await pilot.pause(0.3)
        await pilot.press(*"text")
        await wait_for(pilot, lambda: "1 result" in text())
        assert "Walk [b]T[/b] [/]" in text()
        assert app.is_running


async def test_markup_in_a_tag_shows_literally_in_the_facet_picker(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"2024-01-02-walk.md": WALK_ARTICLE})
    app = app_for(site)
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert "[i]tagx[/i]" in screen_text(app)  # the tag as written
        assert app.is_running
