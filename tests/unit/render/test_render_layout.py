"""The whole article: header order, lazy first screen, themes, and the text `cat` prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.document.model import Block, Span
from newstui.render import (
    ArticleLayout,
    RenderTheme,
    default_theme,
    render_document,
    render_tail,
    to_ansi,
    to_plain,
)
from tests.unit.render.render_docs import doc, image, link, para


def _article(tmp_path: Path, paragraphs: int = 3) -> tuple:
    targets = (image(0, "", "images/news/hero photo.jpg", tmp_path), link(1, "Energy Cities"))
    blocks = (
        Block("heading", (Span("Smart Mobility Projects as Changemakers?"),), level=2, anchor="smart"),
        *(para(f"Paragraph {n} with ", Span("Energy Cities", target=1), " in it.") for n in range(paragraphs)),
    )
    document = doc(
        *blocks,
        targets=targets,
        title="Workshop Outcomes from Sofia, Bulgaria",
        date="27 July 2017",
        authors=("Ann Author", "Bo Writer"),
        tags=("mobility", "sofia city"),
        hero=0,
    )
    return document, targets


def test_header_hero_first_then_title_date_authors_tags(tmp_path: Path) -> None:
    document, _ = _article(tmp_path)
    rendered = render_document(document, 60, site_root=tmp_path)
    lines = rendered.plain
    assert lines[0].startswith("┌") and "images/news/hero photo.jpg" in lines[2]
    assert "▣ hero photo.jpg" in lines[1]  # no caption: the file name stands in
    title = lines.index("Workshop Outcomes from Sofia, Bulgaria")
    assert title == 4 and lines[title + 1].startswith("═")
    assert lines[title + 2] == "27 July 2017 · Ann Author, Bo Writer"
    assert lines[title + 3] == "#mobility #sofia-city"
    assert lines[title + 4] == ""
    assert rendered.headings[0][1] == "Smart Mobility Projects as Changemakers?"
    assert rendered.anchors["smart"] == rendered.headings[0][2]
    assert [s.target for s in rendered.target_spans][:4] == [0, 0, 0, 0]  # hero first, in document order
    assert rendered.complete


def test_first_screen_is_a_prefix_of_the_full_layout(tmp_path: Path) -> None:
    document, _ = _article(tmp_path, paragraphs=500)
    full = render_document(document, 80)
    first = render_document(document, 80, max_lines=40)
    assert not first.complete and full.complete
    assert 40 <= len(first.plain) < len(full.plain)
    assert first.plain == full.plain[: len(first.plain)]
    assert first.target_spans == full.target_spans[: len(first.target_spans)]


def test_incremental_layout_grows_to_the_full_article(tmp_path: Path) -> None:
    document, _ = _article(tmp_path, paragraphs=200)
    layout = ArticleLayout(document, 70)
    assert not layout.extend(30)
    seen = layout.line_count
    assert seen >= 30
    assert layout.extend(None)
    assert layout.line_count > seen
    assert layout.rendered().plain == render_document(document, 70).plain


def _shifted(spans: tuple, by: int) -> list:
    return [(s.target, s.line + by, s.start, s.end) for s in spans]


@pytest.mark.parametrize("width", [40, 80, 120])
def test_tail_is_exactly_the_end_of_the_full_layout(tmp_path: Path, width: int) -> None:
    """`G` on a long article shows the tail before the rest is laid out: it must be the same lines, links included."""
    targets = (image(0, "hero", "hero.jpg", tmp_path), link(1, "Energy Cities"))
    targets += tuple(image(2 + n, f"photo {n}", f"p{n}.jpg", tmp_path, exists=n % 2 == 0) for n in range(60))
    blocks: list[Block] = []
    for n in range(30):
        blocks.append(Block("heading", (Span(f"Section {n}"),), level=2, anchor=f"s{n}"))
        blocks.append(para(f"Paragraph {n} about ", Span("Energy Cities", target=1), " and the harbour. " * 9))
        blocks.extend([Block("image", target=2 + 2 * n), Block("image", target=3 + 2 * n)])  # joined: no blank
    document = doc(*blocks, targets=targets, title="Long", hero=0)
    full = render_document(document, width, site_root=tmp_path)
    for lines in (1, 12, 40, 100):
        tail = render_tail(document, width, lines=lines, site_root=tmp_path)
        shift = len(full.plain) - len(tail.plain)
        assert not tail.complete
        assert lines <= len(tail.plain) < len(full.plain)
        assert tail.plain == full.plain[shift:] and tail.lines == full.lines[shift:]
        assert tail.plain[-1] == full.plain[-1] != ""
        assert _shifted(tail.target_spans, shift) == _shifted(full.target_spans[-len(tail.target_spans) :], 0)
        assert {name: line + shift for name, line in tail.anchors.items()} == {
            name: line for name, line in full.anchors.items() if line >= shift
        }


@pytest.mark.parametrize("width", [60, 100])
def test_tail_of_real_articles_is_their_end(corpus: Path, width: int) -> None:
    from newstui.document import parse_document
    from newstui.library import load_site, read_article

    site = load_site(corpus / "smarttogether")
    for article in site.articles[:40]:
        _, body = read_article(article.path, site)
        document = parse_document(body, source=article.path, site=site, article=article)
        full = render_document(document, width, site_root=site.root)
        tail = render_tail(document, width, lines=30, site_root=site.root)
        assert tail.lines == full.lines[len(full.lines) - len(tail.lines) :], article.rel_path


def test_tail_longer_than_the_article_is_its_body_without_the_header(tmp_path: Path) -> None:
    document, _ = _article(tmp_path, paragraphs=2)
    full = render_document(document, 60, site_root=tmp_path)
    tail = render_tail(document, 60, lines=1000, site_root=tmp_path)
    assert tail.plain[0] == "Smart Mobility Projects as Changemakers?"
    assert full.plain[-len(tail.plain) :] == tail.plain
    assert "Workshop Outcomes from Sofia, Bulgaria" not in tail.plain and not tail.complete


def test_blank_line_between_blocks_but_not_between_consecutive_images(tmp_path: Path) -> None:
    targets = (image(0, "one", "a.jpg", tmp_path), image(1, "two", "b.jpg", tmp_path))
    document = doc(para("text"), Block("image", target=0), Block("image", target=1), para("end"), targets=targets)
    lines = render_document(document, 40).plain
    assert lines[0] == "text" and lines[1] == "" and lines[2].startswith("┌")
    assert lines[5].startswith("└") and lines[6].startswith("┌")
    assert lines[-2] == "" and lines[-1] == "end"


def test_mono_theme_has_no_colour_and_plain_output_no_escapes(tmp_path: Path) -> None:
    document, _ = _article(tmp_path)
    mono = render_document(document, 60, theme=default_theme(color=False))
    colours = [seg.style.color for line in mono.lines for seg in line if seg.style and seg.style.color]
    assert colours == []
    text = to_plain(mono)
    assert "\x1b" not in text
    assert text.endswith("in it.\n")
    assert all(line == line.rstrip() for line in text.splitlines())


def test_ansi_output_styles_only_our_text() -> None:
    document = doc(para("evil \x1b[2J\x1b]0;title\x07 text and ", Span("bold", frozenset({"bold"}))))
    ansi = to_ansi(render_document(document, 60, theme=RenderTheme.dark()), color_system="256")
    assert "\x1b[1m" in ansi  # our bold
    assert "\x1b[2J" not in ansi and "\x1b]0;" not in ansi and "\x07" not in ansi
    assert "␛[2J" in ansi


def test_light_and_dark_differ_but_lay_out_the_same(tmp_path: Path) -> None:
    document, _ = _article(tmp_path)
    dark = render_document(document, 60, theme=RenderTheme.dark())
    light = render_document(document, 60, theme=RenderTheme.light())
    assert dark.plain == light.plain
    assert dark.lines != light.lines


def test_tiny_width_is_raised_to_a_usable_minimum() -> None:
    rendered = render_document(doc(para("some words here")), 3)
    assert rendered.width >= 16
    assert rendered.plain == ("some words here",)
