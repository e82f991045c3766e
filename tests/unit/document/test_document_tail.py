"""`tail_of`: the end of a long article parsed alone (for `G` before the whole parse is done) looks like the end of
the whole article: the cut never falls inside a fence, a Liquid block, raw HTML or an indented continuation."""

from __future__ import annotations

import pytest

from newstui.document import parse_document, tail_of
from newstui.document.model import Document
from newstui.document.split import safe_suffix
from newstui.render import render_tail
from tests.benchgen import make_article

FILLER = "".join(f"Paragraph {n} about the harbour, the tram and the new solar roofs.\n\n" for n in range(40))


def end_lines(document: Document, width: int = 80, lines: int = 100_000) -> list[str]:
    """The last `lines` lines of `document`'s body as the reader lays them out after `G` (all by default)."""
    return list(render_tail(document, width, lines=lines).plain[-lines:])


def assert_same_end(text: str, chars: int) -> Document:
    """The tail of `text` (cut near `chars` from the end), laid out, is the end of the whole text laid out."""
    tail = tail_of(text, chars=chars)
    assert not tail.complete
    shown = end_lines(tail)
    assert shown
    assert end_lines(parse_document(text))[-len(shown) :] == shown
    return tail


def test_a_fence_across_the_cut_stays_one_code_block() -> None:
    code = "```python\n" + "".join(f"line_{n} = {n}\n\n" for n in range(30)) + "```\n\n"
    text = FILLER + code + "The closing paragraph.\n"
    middle = len(text) - text.index("line_15")  # the wanted cut falls inside the fence
    cut = safe_suffix(text, middle)
    assert cut <= text.index("```python"), "cut before the fence, never inside it"
    tail = assert_same_end(text, middle)
    kinds = [block.kind for block in tail.blocks]
    assert kinds.count("code") == 1 and "line_0 = 0" in "\n".join(end_lines(tail))


def test_a_tilde_fence_inside_a_list_item_is_still_a_fence() -> None:
    code = "- a step:\n\n  ~~~\n" + "".join(f"  step {n}\n\n" for n in range(20)) + "  ~~~\n\n"
    text = FILLER + code + "Done.\n"
    assert safe_suffix(text, len(text) - text.index("step 10")) <= text.index("- a step")
    assert_same_end(text, len(text) - text.index("step 10"))


def test_a_liquid_raw_block_with_blank_lines_is_not_cut() -> None:
    raw = "{% raw %}\n" + "".join(f"{{{{ page.v{n} }}}} and {{% if x %}}\n\n" for n in range(20)) + "{% endraw %}\n\n"
    text = FILLER + raw + "After the raw block.\n"
    wanted = len(text) - text.index("page.v10")
    assert safe_suffix(text, wanted) <= text.index("{% raw %}")
    tail = assert_same_end(text, wanted)
    shown = "\n".join(end_lines(tail))
    assert "{% raw" not in shown and "{% endraw" not in shown
    assert "{{ page.v0 }}" in shown, "the raw block's body is shown literally, as in the whole article"


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("{% highlight ruby %}", "{% endhighlight %}"),
        ("{%- comment -%}", "{%- endcomment -%}"),
        ("{{< highlight go >}}", "{{< /highlight >}}"),
        ("{::comment}", "{:/comment}"),
        ("<!--", "-->"),
        ("<pre>", "</pre>"),
    ],
)
def test_template_and_html_blocks_with_blank_lines_are_not_cut(opening: str, closing: str) -> None:
    body = "".join(f"inner {n}\n\n" for n in range(20))
    text = FILLER + f"{opening}\n{body}{closing}\n\nLast words.\n"
    wanted = len(text) - text.index("inner 10")
    assert safe_suffix(text, wanted) <= text.index(opening)
    tail = assert_same_end(text, wanted)
    shown = "\n".join(end_lines(tail))
    assert "{%" not in shown and "{:" not in shown and "{{<" not in shown and "<!--" not in shown


def test_a_div_block_is_cut_only_where_markdown_ends_its_html() -> None:
    box = '<div class="box" markdown="1">\n\n' + "".join(f"Boxed {n}.\n\n" for n in range(20)) + "</div>\n\n"
    text = FILLER + box + "Outside the box.\n"
    tail = assert_same_end(text, len(text) - text.index("Boxed 10"))
    shown = "\n".join(end_lines(tail))
    assert "<div" not in shown and "</div" not in shown


def test_an_indented_continuation_is_never_the_first_line() -> None:
    item = "1. First step\n\n" + "".join(f"    more about step one, part {n}\n\n" for n in range(20))
    text = FILLER + item + "End.\n"
    cut = safe_suffix(text, len(text) - text.index("part 10"))
    assert cut <= text.index("1. First step")
    assert text[cut] not in " \t\n"
    shown = end_lines(tail_of(text, chars=len(text) - text.index("part 10")))
    assert not any(line.startswith("    more about") for line in shown), "not read as a code block"


def test_links_defined_above_the_cut_still_resolve_in_the_tail() -> None:
    text = "[harbour]: https://harbour.example/news\n\n" + FILLER + "See the [harbour] site.\n"
    tail = assert_same_end(text, 200)
    assert [target.dest for target in tail.targets] == ["https://harbour.example/news"]


def test_a_short_text_is_parsed_whole() -> None:
    text = "# Title\n\nOne paragraph.\n"
    assert safe_suffix(text, 10_000) == 0
    assert tail_of(text, chars=10_000).blocks == parse_document(text).blocks


def test_the_end_of_the_generated_long_article_matches_the_whole_parse() -> None:
    text = make_article(1_300_000) + "End of the benchmark article.\n"
    tail = tail_of(text)
    cut = safe_suffix(text, 40_000)
    assert 40_000 <= len(text) - cut < 60_000, "a small part of the text is parsed"
    assert len(tail.blocks) < len(parse_document(text[cut:]).blocks) + 5
    for width in (60, 120):
        shown = end_lines(tail, width, lines=120)
        assert shown[-1] == "End of the benchmark article."
        whole = parse_document(text)
        assert shown == end_lines(whole, width, lines=120)
        joined = "\n".join(shown)
        assert "{%" not in joined and "{:" not in joined and "<div" not in joined and "<span" not in joined
