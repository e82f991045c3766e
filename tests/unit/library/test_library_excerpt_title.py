"""The list's excerpt around `<!--more-->` and the title taken from an HTML heading, on hand-written files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.library import read_article
from newstui.library.excerpt import excerpt_from, first_heading


def article_of(tmp_path: Path, name: str, text: str) -> tuple[str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article, _ = read_article(path)
    return article.title, article.excerpt


def test_text_on_the_more_markers_line_is_the_excerpt(tmp_path: Path) -> None:
    title, excerpt = article_of(tmp_path, "b.md", "---\ntitle: B\n---\n<!-- more -->The week began well.\n\nMore.\n")
    assert (title, excerpt) == ("B", "The week began well.")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<!--more-->The week began well.\n\nMore.\n", "The week began well."),
        ("<!--more-->\nThe week began well.\n\nMore.\n", "The week began well."),
        ("Before the *cut*.\n\n<!-- more -->\nAfter.\n", "Before the cut."),
        ("Intro <!-- More --> rest of it.\n\nMore.\n", "Intro"),
        ("![hero](a.png)\n\n<!--more-->\n\nFirst real paragraph.\n", "First real paragraph."),
    ],
)
def test_more_marker_forms(body: str, expected: str) -> None:
    assert excerpt_from(None, body) == expected


def test_html_heading_is_the_title_when_front_matter_has_none(tmp_path: Path) -> None:
    title, excerpt = article_of(tmp_path, "2020-01-02-file-name.md", "<h2>Title</h2>\n\nThe story.\n")
    assert (title, excerpt) == ("Title", "The story.")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '<div class="hero">\n  <h1 class="t">The <a href="#">Big</a> &amp; Day</h1>\n</div>\n\n# Later\n',
            "The Big & Day",
        ),
        ("Intro paragraph.\n\n<h3>\n  Spread over\n  lines\n</h3>\n", "Spread over lines"),
        ("## Markdown first\n\n<h1>HTML second</h1>\n", "Markdown first"),
        ("<!--\n<h1>Commented out</h1>\n\n# Also commented\n-->\n\n<h2>Real</h2>\n", "Real"),
        ("```html\n<h2>In code</h2>\n```\n\n<h4>After the code</h4>\n", "After the code"),
        (
            "<div>\n# raw text inside an HTML block\n</div>\n\n<h2></h2>\n\n### The first real one\n",
            "The first real one",
        ),
        ("<p>No heading here</p>\n", ""),
    ],
)
def test_first_heading_reads_html_blocks(body: str, expected: str) -> None:
    assert first_heading(body) == expected
