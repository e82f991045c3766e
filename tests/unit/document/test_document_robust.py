"""Any input parses: deep nesting, unclosed templates, control characters; long texts have a safe first screen."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstui.document import first_screen, parse_document, safe_prefix
from newstui.document.model import Document
from newstui.library.records import Problem
from tests.unit.document.document_support import all_text, kinds, walk

HOSTILE_SHAPES = {
    "deep quotes": ">" * 5000 + " deep",
    "deep lists": "".join("  " * i + "- x\n" for i in range(300)),
    "nested images": "![" * 2000 + "a" + "](b)" * 2000,
    "nested links": "[" * 2000 + "a" + "](b)" * 2000,
    "deep divs": "<div>" * 5000 + "text" + "</div>" * 5000,
    "deep inline html": "a " + "<b>" * 5000 + "x",
    "nested raw": "{% raw %}\n" * 2000 + "x",
    "unclosed templates": "{% " * 2000 + "{{ " * 2000 + "{{< " * 2000 + "{::comment} " * 100,
    "attribute list soup": "{:" * 5000 + "{#" * 5000,
    "bracket run": "[" * 20000,
    "unclosed fence": "```\n" + "code\n" * 100,
    "unclosed html comment": "<!-- " + "x\n" * 100,
}


@pytest.mark.parametrize("text", HOSTILE_SHAPES.values(), ids=HOSTILE_SHAPES.keys())
def test_hostile_shapes_parse_without_error(text: str) -> None:
    doc = parse_document(text)
    assert not _fell_back(doc)  # parsed by the real path, not by the plain-text fallback
    list(walk(doc.blocks))  # the tree can be walked


def _fell_back(doc: Document) -> bool:
    return any(isinstance(p, Problem) and "could not be fully parsed" in p.message for p in doc.problems)


def test_deep_nesting_is_capped_not_fatal() -> None:
    doc = parse_document("<div>" * 5000 + "deep text" + "</div>" * 5000)
    assert "deep text" in all_text(doc)
    depth = max(_depth(b) for b in doc.blocks)
    assert depth < 100


def _depth(block: object) -> int:
    best, stack = 0, [(block, 1)]
    while stack:
        item, level = stack.pop()
        best = max(best, level)
        stack.extend((child, level + 1) for child in item.children)  # type: ignore[attr-defined]
    return best


def test_control_characters_survive_as_text_for_the_renderer_to_neutralise() -> None:
    doc = parse_document("a\x1b[31mred\x07 b")
    assert "red" in all_text(doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "{%",
                "%}",
                "{{",
                "}}",
                "{{<",
                ">}}",
                "{:",
                "}",
                "{::comment}",
                "{:/}",
                "[",
                "]",
                "(",
                ")",
                "![",
                "<div>",
                "</div>",
                "<a href='x'>",
                "</a>",
                "<img src=y>",
                "<!--",
                "-->",
                "```",
                "\n",
                "\n\n",
                "> ",
                "- ",
                "1. ",
                "*",
                "_",
                "`",
                "|",
                "---",
                "raw",
                "endraw",
                "include",
                "figure",
                "x",
                " ",
                "#",
                "\x00",
                "é",
                "<script>",
                "<![",
                "<details>",
                "</script>",
                "{% raw %}",
                "{% endraw %}",
                "[^1]",
                "[^1]: n",
                "*[A]: b",
                "\t",
            ]
        ),
        max_size=60,
    )
)
def test_any_mix_of_markup_never_raises(parts: list[str]) -> None:
    text = "".join(parts)
    doc = parse_document(text)
    assert not _fell_back(doc)
    assert [t.index for t in doc.targets] == list(range(len(doc.targets)))
    head = first_screen(text, chars=20)
    assert head.targets == doc.targets[: len(head.targets)]


@given(st.text(max_size=300))
@settings(max_examples=150, deadline=None)
def test_any_text_never_raises(text: str) -> None:
    assert not _fell_back(parse_document(text))


def test_safe_prefix_cuts_only_at_blank_lines_outside_fences_and_html() -> None:
    text = "para one\n\n```\ncode\n\nmore code\n```\n\n<!-- a\n\nb -->\n\n{% raw %}\nx\n\ny\n{% endraw %}\n\ntail\n"
    cuts = {safe_prefix(text, n) for n in range(len(text))}
    inside_fence = text.index("more code")
    inside_comment = text.index("b -->")
    inside_raw = text.index("y\n{% endraw")
    for cut in cuts:
        assert cut == len(text) or text[cut - 1 : cut + 1] == "\n\n" or text[cut] == "\n"
        assert not (text.index("```") < cut <= inside_fence)
        assert not (text.index("<!--") < cut <= inside_comment)
        assert not (text.index("{% raw") < cut <= inside_raw)


def test_first_screen_of_a_long_article_is_quick_to_build_and_marked_incomplete() -> None:
    one = "## Part\n\nA paragraph with a [link](http://e.org/x) and *style*.\n\n![pic](/images/p.jpg)\n\n"
    text = one * 3000 + "[late]: http://late.example\n"
    head = first_screen(text + "Uses [late].\n", chars=2000)
    assert not head.complete
    assert 0 < len(head.outline) < 100  # the top only, not 3000 sections
    assert kinds(head)[:4] == ["heading", "paragraph", "image", "heading"]
    whole = parse_document(text)
    assert whole.complete
    assert head.targets == whole.targets[: len(head.targets)]


def test_first_screen_finds_references_defined_at_the_bottom() -> None:
    text = "See [the docs][docs].\n\n" + "Filler paragraph.\n\n" * 2000 + "[docs]: https://docs.example/\n"
    head = first_screen(text, chars=100)
    assert not head.complete
    assert [(t.text, t.dest) for t in head.targets] == [("the docs", "https://docs.example/")]


def test_an_internal_failure_becomes_a_problem_and_the_text_still_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    from newstui.document import build

    def broken(self: object, tokens: object) -> None:
        raise RecursionError("too deep")

    monkeypatch.setattr(build.Builder, "build", broken)
    doc = parse_document("First paragraph.\n\nSecond paragraph.")
    assert [p.kind for p in doc.problems if isinstance(p, Problem)] == ["markup"]
    assert all_text(doc) == "First paragraph.\nSecond paragraph."


def test_parsing_in_threads_gives_the_same_documents() -> None:
    from concurrent.futures import ThreadPoolExecutor

    text = 'Para <b>bold</b> <a href="http://a.b">a</a> <i>it</i> <img src="x.png" alt="X">.\n\n' * 200
    expected = parse_document(text)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: parse_document(text), range(8)))
    assert all(doc.blocks == expected.blocks and doc.targets == expected.targets for doc in results)


def test_the_garbage_collector_is_running_again_after_a_parse() -> None:
    import gc

    assert gc.isenabled()
    parse_document("# T\n\ntext")
    first_screen("# T\n\ntext\n\n" * 2000, chars=100)
    assert gc.isenabled()


def test_first_screen_numbers_footnotes_defined_at_the_bottom() -> None:
    text = "A claim.[^src]\n\n" + "Filler paragraph.\n\n" * 2000 + "[^src]: The source.\n"
    head = first_screen(text, chars=100)
    assert not head.complete
    assert "A claim.[1]" in all_text(head)


def test_first_screen_never_cuts_inside_a_fence_in_a_list_item() -> None:
    item = "- Step\n  - A sub-step with [a link](http://e.org/{n}):\n\n    ```\n    code\n\n    more code\n    ```\n\n"
    text = "".join(item.format(n=n) for n in range(300)) + "See [late].\n\n[late]: http://late.example\n"
    whole = parse_document(text)
    for chars in range(10, 400, 7):
        head = first_screen(text, chars=chars)
        assert head.targets == whole.targets[: len(head.targets)]
        last_code = [b.text for b in walk(head.blocks) if b.kind == "code"][-1:]
        assert last_code in ([], ["code\n\nmore code"])
