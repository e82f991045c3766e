"""What the app draws from hostile articles: every screen (list, reader, links, outline, find, search, facets,
help, notices) holds no control character in any segment it hands the terminal.

The site's title (the header), the articles' titles, tags and authors (the list, the filter, the facets), the
links' addresses (the `u` screen), the headings (the `t` outline) and search snippets all come from the files.
Checked on Textual's composed frame, which is exactly what the driver writes (the driver adds only its own
escapes for colours and cursor moves around these texts).
"""

from __future__ import annotations

import pytest

from newstui.ui.app import NewsApp
from newstui.ui.screens import reading
from tests.functional.ui_app.ui_app_support import app_for, loaded, wait_for
from tests.hardening.hostile import EVERYTHING, hostile_article, make_site, raw_controls, yaml_quoted

EVIL_NAME = "2024-05-03-\x1b]0;pwned\x07\x9b2Jname.md"


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ_AFTER", 60.0)


def frame(app: NewsApp) -> tuple[str, list[str]]:
    """The composed screen as text, and the control characters found in any of its segments."""
    strips = app.screen._compositor.render_strips()
    text = "\n".join(strip.text for strip in strips)
    bad = sorted({c for strip in strips for segment in strip for c in raw_controls(segment.text)})
    return text, bad


async def test_no_screen_of_the_app_draws_a_control_character(tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = make_site(
        tmp_path / "site",
        {
            "2024-05-01-hostile.md": hostile_article(EVERYTHING),
            EVIL_NAME: "Untitled, named by its file: evilnameword.\n",
            "2024-05-02-broken.md": f"---\ntitle: {yaml_quoted('Broken ' + EVERYTHING)}\ndate: [\n---\nbrokenword\n",
        },
    )
    (site / "_config.yml").write_text(f"title: {yaml_quoted('Site ' + EVERYTHING + ' name')}\n", encoding="utf-8")
    app = app_for(site)
    seen: list[str] = []

    async def look(what: str) -> str:
        await pilot.pause()
        text, bad = frame(app)
        assert bad == [], f"{what}: {bad}"
        seen.append(what)
        return text

    async with app.run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        text = await look("list and reader")
        assert "Site ␛" in text  # the header shows the config's title, inert
        listed = " ".join(a.title for a in screen.listing.articles)
        assert "TitleWord" in listed and "Broken" in listed
        await pilot.press("j", "j")
        await look("each article previewed")
        await pilot.press("G", "enter")  # the oldest: the article with a payload in every field
        await wait_for(pilot, lambda: screen.current is not None and screen.current.rel_path.endswith("hostile.md"))
        text = await look("reader focused")
        assert "bodyword" in text or "TitleWord" in text
        for _ in range(4):
            await pilot.press("tab")
            await look("a hostile link highlighted")
        await pilot.press("u")
        text = await look("links screen (u)")
        assert "images/pic.png␛" in text  # the addresses (here the hero image's), inert
        await pilot.press("escape", "t")
        text = await look("outline (t)")
        assert "Heading ␛" in text
        await pilot.press("escape", "slash")
        await pilot.press(*"word")
        await look("find in the article")
        await pilot.press("escape", "escape", "slash")
        await pilot.press(*"tag")
        await look("list filter")
        await pilot.press("escape", "f")
        await look("facets (f)")
        await pilot.press("escape", "S")
        await pilot.pause(0.3)
        await pilot.press(*"bodyword")
        await pilot.pause(0.5)
        text = await look("full-text search (S)")
        assert "1 result" in text
        await pilot.press("escape", "question_mark")
        await look("help (?)")
        await pilot.press("escape")
        for notice in app._notifications:
            assert raw_controls(str(notice.message)) == [] and raw_controls(str(notice.title)) == []
    assert len(seen) == 14
