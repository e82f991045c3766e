"""Dates, excerpts and permalinks on the snippets real sites hold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path, PurePosixPath

import pytest

from newstui.library.dates import date_from_name, date_from_path, parse_date
from newstui.library.excerpt import excerpt_from, first_heading, plain
from newstui.library.permalinks import normalise, permalink_for
from newstui.library.siteconfig import SiteConfig

PLUS2 = timezone(timedelta(hours=2))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-07-27", datetime(2017, 7, 27, tzinfo=UTC)),
        ("2013-05-06 02:12:52 +0200", datetime(2013, 5, 6, 2, 12, 52, tzinfo=PLUS2)),
        ("2016-01-20 11:33:22 -0800", datetime(2016, 1, 20, 19, 33, 22, tzinfo=UTC)),
        ("2021-03-04T05:06:07Z", datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)),
        ("2021-03-04T05:06:07.250+02:00", datetime(2021, 3, 4, 5, 6, 7, 250000, tzinfo=PLUS2)),
        ("2021-3-4 5:06", datetime(2021, 3, 4, 5, 6, tzinfo=UTC)),
        ("Thu, 27 Jul 2017 10:00:00 +0000", datetime(2017, 7, 27, 10, tzinfo=UTC)),
        (datetime(2020, 1, 1, 12), datetime(2020, 1, 1, 12, tzinfo=UTC)),
    ],
)
def test_dates_in_the_forms_sites_write(value: object, expected: datetime) -> None:
    parsed, reason = parse_date(value)
    assert reason is None
    assert parsed == expected and parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2023-01-29 18:30:22 2023 -0800", "not a date"),
        ("2017-17-07", "not a real date"),
        ("2017-02-30", "not a real date"),
        (20170727, "number"),
        (["2017-07-27"], "list"),
        ("yesterday", "not a date"),
    ],
)
def test_unreadable_dates_give_a_reason(value: object, words: str) -> None:
    parsed, reason = parse_date(value)
    assert parsed is None and reason is not None and words in reason


def test_dates_from_names_and_paths() -> None:
    assert date_from_name("2017-07-27-Workshop.md") == (datetime(2017, 7, 27, tzinfo=UTC), None)
    assert date_from_name("05-03-17-Lyon.md") == (None, None)
    assert date_from_name("2017-28-06-Lyon.md")[1] == "file name date 2017-28-06 is not a real date"
    assert date_from_path("inside-rust/2019/10/10/infra")[0] == datetime(2019, 10, 10, tzinfo=UTC)
    assert date_from_path("releases/latest") == (None, None)


def test_plain_strips_inline_markup_but_keeps_the_words() -> None:
    source = (
        'Energy Cities presented its [Strategy.](http://x.eu/a_(b).html){:target="_blank"} ![photo](/img/a b.jpg)'
        ' with `code_span`, snake_case, *em*, __strong__, ***both***, ~~old~~, <span class="x">inline</span>'
        " &amp; {% link about.md %}{{ site.baseurl }} a note[^1], [ref][r] and \\*literal\\*."
    )
    assert plain(source) == (
        "Energy Cities presented its Strategy. with code_span, snake_case, em, strong, both, old, inline & "
        "a note, ref and *literal*."
    )


def test_excerpt_skips_html_headings_images_and_code() -> None:
    body = (
        '<div class="multiline">\n<h2><span>Headline</span></h2>\n</div>\n\n# Title\n\n'
        "```\ncode paragraph\n```\n\n![only](an/image.jpg)\n\n{% include figure.html %}\n\n"
        "- a list item\n\nSetext heading\n---\n\nThe **first** real paragraph\ncontinues here.\n\nSecond.\n"
    )
    assert excerpt_from(None, body) == "The first real paragraph continues here."
    assert excerpt_from("  From *front* matter ", body) == "From front matter"


def test_excerpt_is_limited_on_a_word() -> None:
    excerpt = excerpt_from(None, "word " * 200)
    assert excerpt.endswith("word…") and len(excerpt) <= 401


def test_first_heading_ignores_code_blocks() -> None:
    assert first_heading("```\n# not a heading\n```\n\nIntro\n\n## The *real* one ##\n") == "The real one"
    assert first_heading("Setext title\n============\n\ntext") == "Setext title"
    assert first_heading("no heading at all") == ""


def test_normalised_permalinks() -> None:
    assert normalise("/2017/07/27/slug.html") == "/2017/07/27/slug"
    assert normalise("/news/x/") == normalise("/news/x/index.html") == normalise("news/x") == "/news/x"
    assert normalise("/") == normalise("/index.html") == "/"


@pytest.mark.parametrize(
    ("style", "rel", "expected"),
    [
        (None, "_posts/2020-01-05-hello-world.md", "/2020/01/05/hello-world.html"),
        ("pretty", "_posts/2020-01-05-hello-world.md", "/2020/01/05/hello-world/"),
        ("none", "blog/_posts/2020-01-05-hello-world.md", "/blog/hello-world.html"),
        ("/:year/:title/", "_posts/2020-01-05-hello-world.md", "/2020/hello-world/"),
        ("pretty", "_news/2017-07-27-Workshop.md", "/news/2017-07-27-Workshop/"),
        (None, "about/team.md", "/about/team.html"),
        (None, "about/index.md", "/about"),
    ],
)
def test_jekyll_permalinks(style: str | None, rel: str, expected: str) -> None:
    config = SiteConfig(Path("/site"), "jekyll", permalink=style, collections={"news": None})
    assert permalink_for(PurePosixPath(rel), {}, datetime(2020, 1, 5, tzinfo=UTC), config) == expected


def test_front_matter_permalink_and_zola_path_win() -> None:
    jekyll = SiteConfig(Path("/s"), "jekyll")
    date = datetime(2020, 1, 5, tzinfo=UTC)
    assert permalink_for(PurePosixPath("a.md"), {"permalink": "/custom/:year/"}, date, jekyll) == "/custom/2020/"
    assert permalink_for(PurePosixPath("a.md"), {"path": "ignored"}, date, jekyll) == "/a.html"
    plain_site = SiteConfig(Path("/s"))
    assert permalink_for(PurePosixPath("x/index.md"), {"path": "2016/04/19/MIR"}, None, plain_site) == "/2016/04/19/MIR"
    assert permalink_for(PurePosixPath("posts/2020-01-05-note.md"), {}, None, plain_site) == "/posts/note"
