"""The Markdown itself: CommonMark blocks and the extensions (tables, strikethrough, footnotes, definition and
task lists, bare URLs) as the records the renderer draws."""

from __future__ import annotations

from tests.unit.document.document_support import all_text, block_text, kinds, parse, walk


def test_headings_paragraphs_emphasis_and_code() -> None:
    doc = parse("# Title\n\nSome **bold**, *italic*, ~~gone~~ and `code`.\n\n```python\nx = 1\n```\n\n---\n")
    assert kinds(doc) == ["heading", "paragraph", "code", "rule"]
    styles = {s.text: s.styles for s in doc.blocks[1].spans}
    assert styles["bold"] == {"bold"} and styles["italic"] == {"italic"}
    assert styles["gone"] == {"strike"} and styles["code"] == {"code"}
    assert (doc.blocks[2].lang, doc.blocks[2].text) == ("python", "x = 1")
    assert doc.title == "Title"


def test_nested_ordered_and_task_lists() -> None:
    doc = parse("3. three\n4. four\n   - [x] done\n   - [ ] todo\n")
    outer = doc.blocks[0]
    assert (outer.kind, outer.ordered, outer.start, len(outer.children)) == ("list", True, 3, 2)
    inner = outer.children[1].children[1]
    assert [item.checked for item in inner.children] == [True, False]
    assert [block_text(item.children[0]) for item in inner.children] == ["done", "todo"]
    assert outer.children[0].checked is None


def test_pipe_table_with_alignment() -> None:
    doc = parse("| Left | Right |\n|:-----|------:|\n| a **b** | 2 |\n")
    table = doc.blocks[0]
    assert (table.kind, table.header, table.aligns) == ("table", True, ("left", "right"))
    assert [["".join(s.text for s in cell) for cell in row] for row in table.rows] == [["Left", "Right"], ["a b", "2"]]


def test_footnotes() -> None:
    doc = parse("Text with a note.[^n]\n\n[^n]: The note body.\n")
    assert "[1]" in block_text(doc.blocks[0])
    footnotes = doc.blocks[-1]
    assert footnotes.kind == "footnotes"
    assert [f.label for f in footnotes.children] == ["1"]
    assert [block_text(p) for p in walk(footnotes.children) if p.kind == "paragraph"] == ["The note body."]


def test_definition_list() -> None:
    doc = parse("Term\n: The definition.\n")
    assert kinds(doc) == ["deflist", "term", "definition", "paragraph"]
    assert all_text(doc) == "Term\nThe definition."


def test_bare_urls_become_links() -> None:
    doc = parse("Visit https://example.org/page or www.example.com, mail team@example.org.")
    assert [(t.kind, t.dest) for t in doc.targets] == [
        ("link", "https://example.org/page"),
        ("link", "http://www.example.com"),
        ("link", "mailto:team@example.org"),
    ]


def test_link_title_hardbreak_and_autolink() -> None:
    doc = parse('[a](http://a.org "Title") line  \nnext <https://b.org>')
    assert [t.dest for t in doc.targets] == ["http://a.org", "https://b.org"]
    assert "\n" in block_text(doc.blocks[0])


def test_reference_links_and_anchor_links() -> None:
    doc = parse("See [docs][d] and [below](#part).\n\n## Part\n\n[d]: https://docs.example/")
    assert [(t.kind, t.text, t.dest) for t in doc.targets] == [
        ("link", "docs", "https://docs.example/"),
        ("anchor", "below", "#part"),
    ]
    assert doc.outline[0].anchor == "part"


def test_linked_image_keeps_both_targets() -> None:
    doc = parse("[![build status](badge.svg)](https://ci.example/)")
    assert [(t.kind, t.text) for t in doc.targets] == [("link", "build status"), ("image", "build status")]
    assert kinds(doc) == ["image", "paragraph"]
    assert doc.blocks[1].spans[0].target == 0


def test_duplicate_headings_get_distinct_anchors() -> None:
    doc = parse("## Intro\n\n## Intro\n\n## Intro\n")
    assert [h.anchor for h in doc.outline] == ["intro", "intro-1", "intro-2"]


def test_destinations_are_kept_as_written() -> None:
    doc = parse("![Fest](<images/Kaistraße Straßenfest.png>) [w](https://de.wikipedia.org/wiki/Straße)")
    assert [t.raw for t in doc.targets] == ["images/Kaistraße Straßenfest.png", "https://de.wikipedia.org/wiki/Straße"]


def test_web_and_mail_addresses_written_without_scheme() -> None:
    doc = parse("[site](www.smarter-together.de) and [mail](evignali@lyon-confluence.fr)")
    assert [t.dest for t in doc.targets] == ["http://www.smarter-together.de", "mailto:evignali@lyon-confluence.fr"]
