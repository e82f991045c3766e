"""Blocks as a reader sees them: headings, lists, quotes, code, rules, footnotes, definitions, details, HTML."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from newstui.document.model import Block, Span
from newstui.render import RenderTheme, render_document
from tests.unit.render.render_docs import doc, para, text_of, widest


def item(*blocks: Block, checked: bool | None = None) -> Block:
    return Block("item", children=blocks, checked=checked)


def test_headings_differ_by_level_even_without_colour() -> None:
    blocks = [Block("heading", (Span(f"Level {n}"),), level=n, anchor=f"h{n}") for n in range(1, 7)]
    mono = render_document(doc(*blocks), 40, theme=RenderTheme.mono())
    lines = mono.plain
    h1, h2 = lines.index("Level 1"), lines.index("Level 2")
    assert lines[h1 + 1] == "━" * 7 and lines[h2 + 1] == "─" * 7
    assert [(level, text) for level, text, _ in mono.headings] == [(n, f"Level {n}") for n in range(1, 7)]
    assert all(mono.plain[line] == text for _, text, line in mono.headings)
    assert mono.anchors == {f"h{n}": line for n, (_, _, line) in zip(range(1, 7), mono.headings, strict=True)}
    dark = render_document(doc(*blocks), 40, theme=RenderTheme.dark())
    colours = {dark.lines[line][0].style.color for _, _, line in dark.headings}  # type: ignore[union-attr]
    assert len(colours) >= 4
    assert all(dark.lines[line][0].style.bold for _, _, line in dark.headings[:5])  # type: ignore[union-attr]


def test_long_heading_wraps_and_is_recorded_once() -> None:
    title = "Smart Mobility Projects as Changemakers? A rather long heading"
    rendered = render_document(doc(Block("heading", (Span(title),), level=2)), 30)
    assert rendered.headings == ((2, title, 0),)
    assert widest(rendered) <= 30


def test_nested_ordered_and_task_lists_hang_their_indents() -> None:
    long = "an item long enough to wrap onto a second line at this width"
    nested = Block(
        "list",
        ordered=True,
        start=9,
        children=(item(para("nine")), item(para("ten"), checked=True), item(para("eleven"), checked=False)),
    )
    top = Block("list", children=(item(para(long), nested), item(para("second"))))
    rendered = render_document(doc(top), 40)
    lines = rendered.plain
    assert lines[0].startswith("• an item")
    assert lines[1].startswith("  ") and not lines[1].startswith("   ")  # hanging indent under the text
    assert "   9. nine" in lines and "  10. [x] ten" in lines and "  11. [ ] eleven" in lines
    assert lines[-1] == "• second"
    deeper = Block("list", children=(item(para("outer"), Block("list", children=(item(para("inner")),))),))
    assert render_document(doc(deeper), 40).plain == ("• outer", "  ◦ inner")


def test_deep_nesting_never_exceeds_a_narrow_width() -> None:
    block = para("deep text that keeps going and going")
    for _ in range(12):
        block = Block("list", children=(item(block),))
        block = Block("quote", children=(block,))
    rendered = render_document(doc(block), 24)
    assert widest(rendered) <= 24
    assert "keeps" in text_of(rendered)


def test_quote_has_a_bar_on_every_line_and_italic_text() -> None:
    quote = "Each city is unique: and we cannot pretend to be like the others. Burgas does not want to be Copenhagen."
    rendered = render_document(doc(Block("quote", children=(para(quote), para("- Ruska Boyadzhieva")))), 40)
    body = [line for line in rendered.plain if line.strip("▌ ")]
    assert all(line.startswith("▌ ") for line in rendered.plain)
    assert body[-1] == "▌ - Ruska Boyadzhieva"
    italic = [seg.style for seg in rendered.lines[0] if "Each" in seg.text]
    assert italic and italic[0] is not None and italic[0].italic


def test_code_block_is_highlighted_and_cut_with_a_marker() -> None:
    code = "def f(x):\n\treturn x + 1  # " + "a comment " * 12 + "\n"
    rendered = render_document(doc(Block("code", text=code, lang="python")), 40, theme=RenderTheme.dark())
    assert widest(rendered) <= 40
    assert rendered.plain[0].startswith(" def f(x):")
    assert rendered.plain[1].startswith("     return x + 1")  # tab expanded to four spaces
    assert rendered.plain[2].startswith("↪")
    colours = {seg.style.color for line in rendered.lines for seg in line if seg.style and seg.style.color}
    assert len(colours) >= 3  # keyword, name, comment...
    assert all(cell_len(line) == 40 for line in rendered.plain)  # background is a clean rectangle
    joined = "".join(line[1:] for line in rendered.plain).replace(" ", "")
    assert joined.startswith("deff(x):returnx+1#acomment")


def test_code_keeps_spaces_and_markup_literally() -> None:
    code = "{% raw %}{{ site.title }}{% endraw %}\n  <div>  x  </div>"
    rendered = render_document(doc(Block("code", text=code, lang="liquid")), 60, theme=RenderTheme.mono())
    assert rendered.plain[0].rstrip() == "  {% raw %}{{ site.title }}{% endraw %}"
    assert rendered.plain[1].rstrip() == "    <div>  x  </div>"


def test_unknown_language_and_control_characters_in_code() -> None:
    rendered = render_document(doc(Block("code", text="echo \x1b[31m hi", lang="no-such-lang")), 40)
    assert "␛[31m" in rendered.plain[0]
    assert not any("\x1b" in seg.text for line in rendered.lines for seg in line)


def test_rule_footnotes_definitions_details_html() -> None:
    blocks = (
        para("text with a note", Span("[1]", frozenset({"sup"}))),
        Block("rule"),
        Block(
            "deflist",
            children=(Block("term", (Span("Term"),)), Block("definition", children=(para("its meaning"),))),
        ),
        Block("details", (Span("Open me"),), children=(para("hidden content"),)),
        Block("html", text="<marquee>old</marquee>"),
        Block("footnotes", children=(Block("footnote", label="1", anchor="fn1", children=(para("The note."),)),)),
    )
    rendered = render_document(doc(*blocks), 40)
    lines = rendered.plain
    assert "─" * 40 in lines
    assert lines[lines.index("Term") + 1] == "    its meaning"
    assert "▾ Open me" in lines and "  hidden content" in lines
    assert "<marquee>old</marquee>" in lines
    assert "[1] The note." in lines
    assert rendered.anchors["fn1"] == lines.index("[1] The note.")


@pytest.mark.parametrize("width", [20, 40, 80])
def test_every_block_kind_respects_the_width(width: int) -> None:
    long = "word " * 40 + "averyveryveryverylongwordwithoutanyspaceatallthatmustbecut" * 2
    blocks = (
        Block("heading", (Span(long),), level=1),
        para(long),
        Block("list", children=(item(para(long)),)),
        Block("quote", children=(para(long),)),
        Block("code", text=long),
        Block("details", (Span(long),), children=(para(long),)),
        Block("footnotes", children=(Block("footnote", label="12", children=(para(long),)),)),
        Block("html", text=long),
    )
    rendered = render_document(doc(*blocks, title=long), width)
    assert widest(rendered) <= width
