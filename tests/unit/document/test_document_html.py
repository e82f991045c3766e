"""Raw HTML, block and inline, read through a real HTML parser; hostile HTML leaves nothing behind."""

from __future__ import annotations

import pytest

from tests.unit.document.document_support import all_text, block_text, kinds, parse, prose_spans, walk


def test_multiline_heading_block_is_one_heading() -> None:
    doc = parse(
        '<div class="multiline">\n<h2><span class="ornament-news">Smart Mobility Projects </span></h2>\n'
        '<h2><span class="ornament-news">as Changemakers?</span></h2>\n</div>\n\nText.'
    )
    assert kinds(doc) == ["heading", "paragraph"]
    assert (block_text(doc.blocks[0]), doc.blocks[0].level) == ("Smart Mobility Projects as Changemakers?", 2)


def test_separate_headings_at_top_level_stay_separate() -> None:
    doc = parse("<h2>One</h2>\n<h2>Two</h2>")
    assert [block_text(b) for b in doc.blocks] == ["One", "Two"]


def test_text_after_a_comment_on_the_same_line_is_kept() -> None:
    doc = parse("<!-- more -->The week began **well** with [a link](http://a.b).\n\nNext.")
    assert all_text(doc) == "The week began well with a link.\nNext."
    assert doc.targets[0].dest == "http://a.b"
    assert any("bold" in s.styles for s in doc.blocks[0].spans)


@pytest.mark.parametrize(
    ("html", "expected_kinds", "text"),
    [
        ("<p>Para <b>bold</b> <i>it</i> <code>c</code></p>", ["paragraph"], "Para bold it c"),
        ("<h3 id='x'>Heading</h3>", ["heading"], "Heading"),
        (
            "<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>",
            ["list", "item", "paragraph", "item", "paragraph", "list", "item", "paragraph"],
            "one\ntwo\nnested",
        ),
        ("<ol start='3'><li>three</li></ol>", ["list", "item", "paragraph"], "three"),
        ("<blockquote><p>Quoted</p></blockquote>", ["quote", "paragraph"], "Quoted"),
        ("<details><summary>More</summary><p>Body</p></details>", ["details", "paragraph"], "More\nBody"),
        ("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", ["table"], "A B 1 2"),
        ("<pre><code class='language-rust'>fn main() {}\n</code></pre>", ["code"], "fn main() {}"),
        (
            "<dl><dt>Term</dt><dd>Definition</dd></dl>",
            ["deflist", "term", "definition", "paragraph"],
            "Term\nDefinition",
        ),
        ("<p>Caf&eacute; &amp; &#8220;quotes&#8221;&nbsp;here</p>", ["paragraph"], "Café & “quotes”\xa0here"),
        ("<p>line<br>break</p>", ["paragraph"], "line\nbreak"),
        ("<hr>", ["rule"], ""),
    ],
)
def test_html_elements_become_blocks(html: str, expected_kinds: list[str], text: str) -> None:
    doc = parse(html)
    assert kinds(doc) == expected_kinds
    if expected_kinds == ["table"]:
        table = doc.blocks[0]
        assert table.header
        assert " ".join("".join(s.text for s in cell) for row in table.rows for cell in row) == text
    else:
        assert all_text(doc) == text


def test_html_heading_id_is_its_anchor() -> None:
    doc = parse('<h3 id="hid">HTML heading</h3>\n\n[back](#hid)')
    assert doc.outline[0].anchor == "hid"
    assert (doc.targets[0].kind, doc.targets[0].dest) == ("anchor", "#hid")


def test_figure_image_takes_its_figcaption() -> None:
    doc = parse('<figure><img src="/a.png" alt="alt a"><figcaption>Fig caption</figcaption></figure>')
    assert kinds(doc) == ["image"]
    assert (doc.targets[0].text, doc.targets[0].raw) == ("Fig caption", "/a.png")


def test_inline_html_links_images_and_styles() -> None:
    doc = parse('Text <a href="http://x.y">link</a> then <img src="b.png" alt="B"> and <strong>bold</strong>.')
    assert kinds(doc) == ["paragraph", "image", "paragraph"]
    assert [(t.kind, t.text, t.raw) for t in doc.targets] == [("link", "link", "http://x.y"), ("image", "B", "b.png")]
    assert [s.text for s in doc.blocks[2].spans if "bold" in s.styles] == ["bold"]


@pytest.mark.parametrize(
    ("html", "url"),
    [
        ('<iframe src="https://www.youtube.com/embed/xyz" title="Vid"></iframe>', "https://www.youtube.com/embed/xyz"),
        ('<video controls src="https://e.org/v.mp4"></video>', "https://e.org/v.mp4"),
        ('<video controls><source src="https://e.org/v.webm" type="video/webm"></video>', "https://e.org/v.webm"),
        ('<audio src="https://e.org/a.mp3"></audio>', "https://e.org/a.mp3"),
        ('Inline <iframe src="https://e.org/embed"></iframe> text', "https://e.org/embed"),
    ],
)
def test_media_elements_become_media_placeholders(html: str, url: str) -> None:
    doc = parse(html)
    assert "media" in kinds(doc)
    assert [(t.kind, t.dest) for t in doc.targets] == [("media", url)]


def test_two_images_on_one_line_are_two_blocks_and_text_is_split_around_them() -> None:
    doc = parse("Before ![a](a.png)![b](b.png) after")
    assert kinds(doc) == ["paragraph", "image", "image", "paragraph"]
    assert [block_text(doc.blocks[0]), block_text(doc.blocks[3])] == ["Before", "after"]
    assert [t.text for t in doc.targets] == ["a", "b"]


def test_image_caption_falls_back_to_the_file_name() -> None:
    doc = parse("![](/images/news/Some%20Photo.jpg)\n\n![](/images/news/Other Photo.png)")
    assert [t.text for t in doc.targets] == ["Some Photo.jpg", "Other Photo.png"]


HOSTILE = [
    '<script>alert("owned")</script>\n\nSafe text.',
    "<style>body { display: none }</style>\n\nSafe text.",
    'Safe <script>alert("owned")</script>text.',
    '<p onclick="alert(\'owned\')" onmouseover="steal()">Safe text.</p>',
    '<img src="x.png" onerror="alert(\'owned\')" alt="">\n\nSafe text.',
    "<!-- alert owned -->\n\nSafe text.",
    '<div><script type="text/javascript">document.write("owned")</script><p>Safe text.</p></div>',
    "<template><p>alert owned</p></template>\n\nSafe text.",
    "<noscript>alert owned</noscript>\n\nSafe text.",
]


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_leaves_nothing_behind(html: str) -> None:
    doc = parse(html)
    text = all_text(doc)
    assert "Safe" in text and "text." in text
    for word in ("alert", "owned", "steal", "onclick", "onerror", "display", "document.write", "<"):
        assert word not in text
    for block in walk(doc.blocks):
        assert block.kind != "html"


def test_javascript_link_is_a_plain_target_for_the_opener_to_refuse() -> None:
    doc = parse('<a href="javascript:alert(1)">click</a>')
    assert [(t.kind, t.dest) for t in doc.targets] == [("link", "javascript:alert(1)")]
    assert [s.text for s in prose_spans(doc)] == ["click"]


def test_templates_inside_html_are_read_not_shown() -> None:
    doc = parse(
        '<div class="box">\n<p>Before {% include image.html url="/i/x.png" description="Cap" %} after '
        '{{ site.title }}{: .x} end.</p>\n<img src="{{ site.baseurl }}/images/y.png" alt="Y">\n'
        '<p><a href="{% post_url 2010-01-01-x %}">{{< ref "x" >}}</a> and <b>{{< youtube abc >}}</b></p>\n</div>'
    )
    assert kinds(doc) == ["paragraph", "image", "paragraph", "image", "paragraph", "media"]
    assert all_text(doc) == "Before\nCap\nafter end.\nY\nx and\nYouTube video"
    assert [(t.kind, t.dest) for t in doc.targets] == [
        ("image", "/i/x.png"),
        ("image", "/images/y.png"),
        ("link", "2010-01-01-x"),
        ("media", "https://www.youtube.com/watch?v=abc"),
    ]
    for span in prose_spans(doc):
        assert "{" not in span.text


def test_details_around_markdown_holds_the_markdown() -> None:
    doc = parse(
        "Before.\n\n<details><summary>Example Build Failure</summary>\n\n```\ncode inside\n```\n\n"
        "More **text** inside.\n\n</details>\n\nAfter."
    )
    assert [b.kind for b in doc.blocks] == ["paragraph", "details", "paragraph"]
    details = doc.blocks[1]
    assert block_text(details) == "Example Build Failure"
    assert [b.kind for b in details.children] == ["code", "paragraph"]
    assert details.children[0].text == "code inside"


def test_unclosed_details_in_a_list_item_ends_with_the_item() -> None:
    doc = parse("- item <details><summary>S</summary>\n\n  inside\n- next\n\nAfter.")
    assert "After." in all_text(doc) and "next" in all_text(doc) and "inside" in all_text(doc)
    assert doc.blocks[-1].kind == "paragraph"


@pytest.mark.parametrize("text", ["<div>\n<![{:<!--\n</div>", "a <![x b", "<h2>x</h2><details><![</script>"])
def test_malformed_declarations_do_not_break_the_html_parser(text: str) -> None:
    doc = parse(text)
    assert not doc.problems
