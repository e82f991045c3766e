"""The whole article: header order, lazy first screen, themes, and the text `cat` prints."""

from __future__ import annotations

from pathlib import Path

from newstui.document.model import Block, Span
from newstui.render import ArticleLayout, RenderTheme, default_theme, render_document, to_ansi, to_plain
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
