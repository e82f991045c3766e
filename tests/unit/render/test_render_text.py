"""Paragraph text: wrapping by cells, wide and combining characters, control characters, link positions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from newstui.document.model import Span
from newstui.render import RenderTheme, render_document
from tests.unit.render.render_docs import doc, link, para, segment_widest, text_of, widest

LOREM = (
    "The workshop brought together four Bulgarian cities participating in four H2020 Smart Cities projects "
    "as well as the city of Plovdiv and Energy Cities’ collective member network. "
)


@pytest.mark.parametrize("width", [20, 33, 60, 80, 120])
def test_paragraph_wraps_within_width_and_keeps_every_word(width: int) -> None:
    rendered = render_document(doc(para(LOREM * 3)), width)
    assert widest(rendered) <= width
    assert segment_widest(rendered) <= width
    assert " ".join(text_of(rendered).split()) == " ".join((LOREM * 3).split())
    assert len(rendered.plain) > 1


def test_plain_matches_segments() -> None:
    rendered = render_document(doc(para("some ", Span("bold", frozenset({"bold"})), " text")), 40)
    for segments, plain in zip(rendered.lines, rendered.plain, strict=True):
        assert "".join(s.text for s in segments) == plain


@pytest.mark.parametrize(
    "text",
    [
        "日本語のテキストはスペースがありません。これはとても長い文で、折り返しが必要です。" * 2,
        "한국어 문장도 올바르게 줄바꿈되어야 합니다 그리고 폭을 넘지 않아야 합니다 " * 2,
        "Emoji 😀🎉👍🏽 family 👨‍👩‍👧 flags 🇧🇬🇩🇪 and hearts ❤️❤️ repeated " * 3,
        "Combining: e\u0301te\u0301 cafe\u0301 na\u0303o Zalgo z\u0351\u0352\u0353a\u0354\u0355lgo " * 4,
        "Mixed: Sofia София 索菲亚 ソフィア 소피아 " * 5,
    ],
)
@pytest.mark.parametrize("width", [16, 21, 40])
def test_wide_and_combining_characters_never_exceed_width(text: str, width: int) -> None:
    rendered = render_document(doc(para(text)), width)
    assert widest(rendered) <= width
    # nothing lost: the characters come out in order (only spaces change)
    assert "".join(text_of(rendered).split()) == "".join(text.split())


def test_cjk_breaks_between_characters_and_fills_lines() -> None:
    text = "漢字" * 30
    rendered = render_document(doc(para(text)), 20)
    assert [cell_len(line) for line in rendered.plain[:-1]] == [20] * (len(rendered.plain) - 1)


def test_combining_mark_stays_with_its_letter() -> None:
    text = ("e\u0301" * 50).strip()
    rendered = render_document(doc(para(text)), 16)
    for line in rendered.plain:
        assert not line.startswith("\u0301")
        assert cell_len(line) <= 16


def test_control_characters_are_shown_inert() -> None:
    hostile = "before \x1b]52;c;SGVsbG8=\x07 \x1b[2J\x9b31m after\u202e reversed"
    rendered = render_document(doc(para(hostile), title="Title \x1b[31mred"), 60)
    everything = "".join(seg.text for line in rendered.lines for seg in line)
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in everything
    assert "␛]52;c;SGVsbG8=" in everything  # visible, so a reader can see something odd was there
    assert "before" in everything and "after" in everything
    assert "Title ␛[31mred" in text_of(rendered)


def test_hard_line_break_inside_paragraph() -> None:
    rendered = render_document(doc(para("first line", Span("\n"), "second line")), 60)
    assert rendered.plain == ("first line", "second line")


def test_whitespace_collapses_like_html() -> None:
    rendered = render_document(doc(para("  lots   of\tspace  ", "  here ")), 60)
    assert rendered.plain == ("lots of space here",)


def test_wrapped_link_records_a_span_per_line_covering_its_text() -> None:
    words = "a link whose text is long enough to wrap over three lines of this narrow column"
    document = doc(para("Read ", Span(words, target=0), " now."), targets=(link(0, words),))
    rendered = render_document(document, 24)
    spans = [s for s in rendered.target_spans if s.target == 0]
    assert len(spans) >= 3
    assert [s.line for s in spans] == sorted({s.line for s in spans})
    covered = " ".join(rendered.plain[s.line][s.start : s.end] for s in spans)
    assert covered == words
    assert rendered.plain[spans[0].line][: spans[0].start] == "Read "


def test_link_is_underlined_and_coloured() -> None:
    document = doc(para("see ", Span("here", target=0)), targets=(link(0, "here"),))
    rendered = render_document(document, 40, theme=RenderTheme.dark())
    style = next(seg.style for seg in rendered.lines[0] if seg.text == "here")
    assert style is not None and style.underline and style.color is not None
    mono = render_document(document, 40, theme=RenderTheme.mono())
    mono_style = next(seg.style for seg in mono.lines[0] if seg.text == "here")
    assert mono_style is not None and mono_style.underline and mono_style.color is None


def test_span_columns_count_cells_not_characters() -> None:
    document = doc(para("漢字漢字 ", Span("link", target=0)), targets=(link(0, "link"),))
    rendered = render_document(document, 40)
    span = rendered.target_spans[0]
    assert (span.start, span.end) == (9, 13)


def test_inline_styles_reach_segments() -> None:
    spans = [
        Span("b", frozenset({"bold"})),
        Span(" "),
        Span("i", frozenset({"italic"})),
        Span(" "),
        Span("s", frozenset({"strike"})),
        Span(" "),
        Span("c", frozenset({"code"})),
    ]
    rendered = render_document(doc(para(*spans)), 40, theme=RenderTheme.dark())
    styles = {seg.text: seg.style for seg in rendered.lines[0]}
    assert styles["b"].bold and styles["i"].italic and styles["s"].strike  # type: ignore[union-attr]
    assert styles["c"].bgcolor is not None  # type: ignore[union-attr]


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=400), width=st.integers(min_value=16, max_value=140))
def test_any_text_renders_within_width(text: str, width: int) -> None:
    rendered = render_document(doc(para(text), title=text[:40]), width)
    assert widest(rendered) <= width
    assert not any(c in line for line in rendered.plain for c in "\x1b\x07\x9b")


def test_cjk_closing_punctuation_never_starts_a_line() -> None:
    text = "日本語のテキストはスペースがありません。これは長い文です。" * 3
    for width in range(16, 40):
        rendered = render_document(doc(para(text)), width)
        assert not any(line[:1] in "。、" for line in rendered.plain), width
        assert widest(rendered) <= width
