"""Tables fitted to the screen and image/media placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from newstui.document.model import Block, Span, Target
from newstui.render import RenderTheme, render_document
from tests.unit.render.render_docs import doc, image, para, text_of, widest


def row(*cells: str) -> tuple[tuple[Span, ...], ...]:
    return tuple((Span(cell),) for cell in cells)


def table(*rows: tuple[tuple[Span, ...], ...], aligns: tuple[str, ...] = ()) -> Block:
    return Block("table", rows=rows, header=True, aligns=aligns)


def test_small_table_keeps_natural_widths_and_aligns() -> None:
    rendered = render_document(
        doc(table(row("Name", "N"), row("alpha", "1"), row("beta", "22"), aligns=("", "right"))), 60
    )
    assert rendered.plain == (
        "┌───────┬────┐",
        "│ Name  │  N │",
        "├───────┼────┤",
        "│ alpha │  1 │",
        "│ beta  │ 22 │",
        "└───────┴────┘",
    )


@pytest.mark.parametrize("width", [30, 50, 80])
def test_table_wider_than_the_screen_wraps_cells(width: int) -> None:
    long = "a long description of the first thing in the table that must wrap somewhere"
    block = table(row("Version", "Description", "Date"), row("1.0.0", long, "2017-07-27"), row("2.0", long, "2018"))
    rendered = render_document(doc(block), width)
    assert widest(rendered) <= width
    assert all(cell_len(line) == cell_len(rendered.plain[0]) for line in rendered.plain)  # a clean grid
    words = " ".join(" ".join(line.strip("│").replace("│", " ").split()) for line in rendered.plain)
    if width >= 50:  # room for every word whole
        for word in long.split():
            assert word in words
        assert "2017-07-27" in text_of(rendered)
    else:  # narrow: long words are cut, but nothing is dropped
        assert words.replace(" ", "").count("mustwrapsomewhere") == 2


def test_table_header_is_distinct() -> None:
    rendered = render_document(doc(table(row("Head", "Other"), row("x", "y"))), 40, theme=RenderTheme.mono())
    header = [seg for seg in rendered.lines[1] if seg.text == "Head"]
    body = [seg for seg in rendered.lines[3] if seg.text == "x"]
    assert header[0].style is not None and header[0].style.bold
    assert not (body[0].style and body[0].style.bold)
    assert rendered.plain[2].startswith("├")


def test_cjk_and_emoji_cells_line_up() -> None:
    rendered = render_document(doc(table(row("名前", "説明"), row("日本語", "emoji 😀 ok"), row("a", "b"))), 40)
    assert len({cell_len(line) for line in rendered.plain}) == 1


def test_too_many_columns_become_stacked_records() -> None:
    header = row(*(f"Col{i}" for i in range(12)))
    values = row(*(f"value{i}" for i in range(12)))
    rendered = render_document(doc(table(header, values)), 30)
    assert widest(rendered) <= 30
    assert "Col0: value0" in rendered.plain and "Col11: value11" in rendered.plain


def test_link_in_a_table_cell_has_its_span() -> None:
    target = Target(0, "link", "site", "https://x.org", "https://x.org")
    block = Block("table", rows=(row("A", "B"), ((Span("a"),), (Span("see "), Span("site", target=0)))), header=True)
    rendered = render_document(doc(block, targets=(target,)), 40)
    span = rendered.target_spans[0]
    assert rendered.plain[span.line][span.start : span.end] == "site"


def test_image_box_shows_glyph_caption_location_and_missing(tmp_path: Path) -> None:
    targets = (
        image(0, "Sofia group photo.jpg", "images/news/DSC_5591_edit.jpg", tmp_path),
        image(1, "", "images/news/gone file.png", tmp_path, exists=False),
    )
    rendered = render_document(
        doc(Block("image", target=0), Block("image", target=1), targets=targets), 60, site_root=tmp_path
    )
    text = text_of(rendered)
    assert "▣ Sofia group photo.jpg" in text
    assert "images/news/DSC_5591_edit.jpg" in text
    assert "gone file.png" in text and "(missing)" in text
    assert text.count("┌") == 2 and text.count("└") == 2  # two boxes, one under the other
    first_box = [s.line for s in rendered.target_spans if s.target == 0]
    assert first_box == [0, 1, 2, 3]
    assert all(s.start == 0 and s.end == cell_len(rendered.plain[s.line]) for s in rendered.target_spans)


def test_missing_is_in_words_without_colour(tmp_path: Path) -> None:
    target = image(0, "photo", "images/x.jpg", tmp_path, exists=False)
    rendered = render_document(doc(Block("image", target=0), targets=(target,)), 40, theme=RenderTheme.mono())
    assert "(missing)" in text_of(rendered)


def test_inline_images_in_a_paragraph_become_separate_boxes(tmp_path: Path) -> None:
    targets = (image(0, "first", "a.jpg", tmp_path), image(1, "second", "b.jpg", tmp_path))
    block = para("Before", Span("first", target=0), Span("second", target=1), "after")
    rendered = render_document(doc(block, targets=targets), 40)
    lines = rendered.plain
    assert lines[0] == "Before" and lines[-1] == "after"
    assert sum(line.startswith("┌") for line in lines) == 2
    assert any("▣ first" in line for line in lines) and any("▣ second" in line for line in lines)


def test_media_and_remote_image_show_their_host() -> None:
    targets = (
        Target(0, "media", "Launch video", "https://www.youtube.com/watch?v=x", "https://www.youtube.com/watch?v=x"),
        Target(
            1,
            "image",
            "",
            "https://cdn.example.org/pics/chart%20one.png",
            "https://cdn.example.org/pics/chart%20one.png",
        ),
    )
    rendered = render_document(doc(Block("media", target=0), Block("image", target=1), targets=targets), 50)
    text = text_of(rendered)
    assert "▶ Launch video" in text and "www.youtube.com" in text
    assert "▣ chart one.png" in text and "cdn.example.org" in text


@pytest.mark.parametrize("width", [16, 25, 60])
def test_long_caption_and_path_fit_the_box(tmp_path: Path, width: int) -> None:
    target = image(0, "A caption " * 8, "images/news/" + "very long file name " * 4 + ".jpg", tmp_path, exists=False)
    rendered = render_document(doc(Block("image", target=0), targets=(target,)), width)
    assert widest(rendered) <= width
    assert len({cell_len(line) for line in rendered.plain}) == 1
    assert "missing" in text_of(rendered)


def test_caption_with_control_characters(tmp_path: Path) -> None:
    target = image(0, "evil\x1b[2J caption", "a.jpg", tmp_path)
    rendered = render_document(doc(Block("image", target=0), targets=(target,)), 40)
    assert "␛[2J" in text_of(rendered) and "\x1b" not in text_of(rendered)
