"""Hand-written snippets of every static-site dialect construct: what the reader gets, and no syntax left over."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.document import parse_document
from newstui.document.model import Document
from newstui.library.records import Article, Site
from tests.unit.document.document_support import all_text, block_text, kinds, parse, prose_spans, walk

LEFTOVERS = ("{:", "{%", "{{", "%}", "}}", "{::")


def _clean(doc: Document) -> None:
    for span in prose_spans(doc):
        for bad in LEFTOVERS:
            assert bad not in span.text, span.text


# ---------------------------------------------------------------- kramdown

KRAMDOWN_HIDDEN = [
    ("span IAL on a link", 'A [link](http://x.org){:target="_blank"} here.', "A link here."),
    ("span IAL on emphasis", "Some *text*{: .x} after.", "Some text after."),
    ("block IAL after a paragraph", "A paragraph.\n{: .lead #intro}", "A paragraph."),
    ("block IAL on its own", "First.\n\n{:.cls}\nSecond.", "First.\nSecond."),
    ("comment extension", "Before.\n\n{::comment}\nhidden text\n{:/comment}\n\nAfter.", "Before.\nAfter."),
    ("inline comment", "Shown {::comment}gone{:/comment} too.", "Shown too."),
    ("options extension", '{::options parse_block_html="true" /}\n\nText.', "Text."),
    ("abbreviation definition", "The HTML spec.\n\n*[HTML]: Hyper Text Markup Language", "The HTML spec."),
    ("attribute list definition", "{:refdef: .cls}\n\nText.", "Text."),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in KRAMDOWN_HIDDEN], ids=[c[0] for c in KRAMDOWN_HIDDEN])
def test_kramdown_markup_never_shows(text: str, expected: str) -> None:
    doc = parse(text)
    assert all_text(doc) == expected
    _clean(doc)


def test_kramdown_heading_ids_become_anchors() -> None:
    doc = parse("# Title {#custom}\n\n## Second\n{: #second-id}\n\n### Third\n\n[jump](#custom)")
    assert [(h.text, h.anchor) for h in doc.outline] == [
        ("Title", "custom"),
        ("Second", "second-id"),
        ("Third", "third"),
    ]
    assert [b.anchor for b in walk(doc.blocks) if b.kind == "heading"] == ["custom", "second-id", "third"]
    assert doc.targets[0].kind == "anchor" and doc.targets[0].dest == "#custom"


def test_block_ial_after_a_blank_line_does_not_rename_the_heading_above() -> None:
    doc = parse("## Heading\n\n{: #other}\nParagraph.")
    assert [h.anchor for h in doc.outline] == ["heading"]
    assert all_text(doc) == "Heading\nParagraph."


def test_kramdown_toc_becomes_the_outline() -> None:
    doc = parse("* TOC\n{:toc}\n\n## One\n\ntext\n\n### One point five\n\n## Two\n")
    toc = doc.blocks[0]
    assert toc.kind == "list"
    entries = [block_text(item.children[0]) for item in toc.children]
    assert entries == ["One", "One point five", "Two"]
    assert [(t.kind, t.dest) for t in doc.targets] == [
        ("anchor", "#one"),
        ("anchor", "#one-point-five"),
        ("anchor", "#two"),
    ]
    assert "TOC" not in all_text(doc)


def test_kramdown_nomarkdown_goes_through_html() -> None:
    doc = parse('{::nomarkdown}\n<p>from <b>html</b> <a href="http://a.b">a</a></p>\n{:/nomarkdown}')
    paragraph = doc.blocks[0]
    assert [(s.text, "bold" in s.styles) for s in paragraph.spans][:2] == [("from ", False), ("html", True)]
    assert doc.targets[0].dest == "http://a.b"
    _clean(doc)


def test_colon_braces_in_prose_that_are_not_attribute_lists_stay() -> None:
    assert all_text(parse("Rust prints {:?} and {#} here.")) == "Rust prints {:?} and {#} here."


# ---------------------------------------------------------------- Liquid


def test_liquid_paths_resolve_baseurl_and_relative_url(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("baseurl: /blog\n")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a b.png").write_bytes(b"png")
    post = tmp_path / "_posts" / "2020-01-01-x.md"
    post.parent.mkdir()
    post.write_text("")
    text = '![pic]({{ "/images/a b.png" | relative_url }})\n\n[home]({{ site.baseurl }}/images/a b.png)'
    doc = parse_document(text, source=post)
    assert [(t.kind, t.local_path, t.exists) for t in doc.targets] == [
        ("image", tmp_path / "images" / "a b.png", True),
        ("link", tmp_path / "images" / "a b.png", True),
    ]
    _clean(doc)


@pytest.mark.parametrize(
    "tag",
    [
        '{% include image.html url="/images/x.jpg" description="A caption" %}',
        '{% include figure.html image="/images/x.jpg" caption="A caption" %}',
        "{% include img.html src=/images/x.jpg alt='A caption' %}",
    ],
)
def test_liquid_include_with_an_image_is_an_image(tag: str) -> None:
    doc = parse(f"Before.\n\n{tag}\n\nAfter.")
    assert kinds(doc) == ["paragraph", "image", "paragraph"]
    image = doc.targets[doc.blocks[1].target or 0]
    assert (image.kind, image.text, image.raw) == ("image", "A caption", "/images/x.jpg")
    _clean(doc)


def test_liquid_include_without_image_and_other_tags_vanish() -> None:
    doc = parse(
        "{% include note.html %}\n\n{% assign x = 1 %}\n{% if x %}Shown when x{% endif %}.\n\n"
        "{% for a in b %}\nLoop body\n{% endfor %}"
    )
    assert all_text(doc) == "Shown when x.\nLoop body"
    _clean(doc)


def test_liquid_raw_keeps_templates_literally() -> None:
    doc = parse(
        "{% raw %}\nLiteral {{ site.title }} text\n{% endraw %}\n\n"
        "Inline {% raw %}`{{ page.content }}`{% endraw %} and {% raw %}{{ x }}{% endraw %}."
    )
    text = all_text(doc)
    assert "Literal {{ site.title }} text" in text
    assert "Inline {{ page.content }} and {{ x }}." in text
    code = [s.text for b in walk(doc.blocks) for s in b.spans if "code" in s.styles]
    assert code == ["{{ page.content }}"]
    assert "raw" not in text


def test_liquid_highlight_is_a_code_block_untouched() -> None:
    doc = parse("{% highlight ruby linenos %}\ndef x\n  {{ y }}\nend\n{% endhighlight %}\n\nAfter.")
    assert kinds(doc) == ["code", "paragraph"]
    assert (doc.blocks[0].lang, doc.blocks[0].text) == ("ruby", "def x\n  {{ y }}\nend")


def test_liquid_comment_is_dropped() -> None:
    doc = parse("A.\n\n{% comment %}\nsecret **words**\n{% endcomment %}\n\nB {% comment %}hidden{% endcomment %}C.")
    assert all_text(doc) == "A.\nB C."


def test_code_keeps_liquid_and_shortcodes() -> None:
    text = "```\n{% include x.html %} {{< figure src=a.png >}} {:target}\n```\n\nUse `{{ site.url }}` here."
    doc = parse(text)
    assert doc.blocks[0].text == "{% include x.html %} {{< figure src=a.png >}} {:target}"
    assert [s.text for s in doc.blocks[1].spans if "code" in s.styles] == ["{{ site.url }}"]
    assert doc.targets == ()


def _jekyll_site(tmp_path: Path) -> tuple[Site, Path]:
    (tmp_path / "_config.yml").write_text("title: T\n")
    posts = tmp_path / "_posts"
    posts.mkdir()
    other = posts / "2010-07-21-name.md"
    other.write_text("---\ntitle: Other\n---\nbody\n")
    here = posts / "2020-01-01-here.md"
    here.write_text("")
    articles = tuple(
        Article(path=p, rel_path=str(p.relative_to(tmp_path)), title=p.stem, date=None) for p in (other, here)
    )
    return Site(root=tmp_path, title="T", articles=articles), here


@pytest.mark.parametrize(
    "text",
    [
        "See [old post]({% post_url 2010-07-21-name %}).",
        "See [old post]({% link _posts/2010-07-21-name.md %}).",
        "See [old post][ref].\n\n[ref]: {% post_url 2010-07-21-name %}",
        'See [old post]({{< ref "2010-07-21-name.md" >}}).',
        'See [old post]({{< relref "2010-07-21-name" >}}).',
    ],
)
def test_internal_links_to_other_articles(tmp_path: Path, text: str) -> None:
    site, here = _jekyll_site(tmp_path)
    doc = parse_document(text, source=here, site=site)
    assert all_text(doc) == "See old post."
    target = doc.targets[0]
    assert (target.kind, target.article, target.text) == (
        "internal",
        tmp_path / "_posts" / "2010-07-21-name.md",
        "old post",
    )


def test_internal_link_keeps_its_fragment(tmp_path: Path) -> None:
    site, here = _jekyll_site(tmp_path)
    doc = parse_document("[x]({% link _posts/2010-07-21-name.md %}#part)", source=here, site=site)
    assert (doc.targets[0].kind, doc.targets[0].fragment) == ("internal", "part")


def test_page_title_output_and_unknown_outputs() -> None:
    article = Article(path=Path("/x/a.md"), rel_path="a.md", title="My Title", date=None)
    doc = parse_document("Title: {{ page.title }}; repo {{ site.repository }}.", article=article)
    assert all_text(doc) == "Title: My Title; repo ."


# ---------------------------------------------------------------- Hugo and Zola shortcodes

SHORTCODE_IMAGES = [
    ('{{< figure src="/img/cat.jpg" caption="A cat" >}}', "/img/cat.jpg", "A cat"),
    ('{{< figure src="/img/cat.jpg" title="A cat" >}}', "/img/cat.jpg", "A cat"),
    ('{{< image src="/img/cat.jpg" alt="A cat" >}}', "/img/cat.jpg", "A cat"),
    ('{{% figure src="/img/cat.jpg" caption="A cat" %}}', "/img/cat.jpg", "A cat"),
    ('{{< figure\n    src="/img/cat.jpg"\n    caption="A cat" >}}', "/img/cat.jpg", "A cat"),
    ('{{< figure src="/img/cat.jpg" >}}', "/img/cat.jpg", "cat.jpg"),
    ('{{ image(src="/img/cat.jpg", alt="A cat") }}', "/img/cat.jpg", "A cat"),
]


@pytest.mark.parametrize(("text", "raw", "caption"), SHORTCODE_IMAGES)
def test_shortcode_images(text: str, raw: str, caption: str) -> None:
    doc = parse(f"Before.\n\n{text}\n\nAfter.")
    assert kinds(doc) == ["paragraph", "image", "paragraph"]
    target = doc.targets[0]
    assert (target.kind, target.raw, target.text) == ("image", raw, caption)
    _clean(doc)


SHORTCODE_MEDIA = [
    ("{{< youtube dQw4w9WgXcQ >}}", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    ('{{< youtube id="dQw4w9WgXcQ" title="Talk" >}}', "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    ("{{< vimeo 146022717 >}}", "https://vimeo.com/146022717"),
    ('{{< video src="https://example.org/v.mp4" >}}', "https://example.org/v.mp4"),
    ('{{ youtube(id="dQw4w9WgXcQ") }}', "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    ("Inline {{< youtube dQw4w9WgXcQ >}} text", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
]


@pytest.mark.parametrize(("text", "url"), SHORTCODE_MEDIA)
def test_shortcode_media_open_the_video(text: str, url: str) -> None:
    doc = parse(text)
    assert "media" in kinds(doc)
    assert [(t.kind, t.dest) for t in doc.targets] == [("media", url)]
    _clean(doc)


@pytest.mark.parametrize(
    "text",
    [
        "{{< note >}}\nInner **text** stays.\n{{< /note >}}",
        "{{% notice info %}}Inner **text** stays.{{% /notice %}}",
        '{% note(kind="warn") %}\nInner **text** stays.\n{% end %}',
        "{{< highlight-box >}}Inner **text** stays.{{< /highlight-box >}}",
    ],
)
def test_other_shortcodes_keep_their_inner_text(text: str) -> None:
    doc = parse(text)
    assert all_text(doc) == "Inner text stays."
    assert any("bold" in s.styles and s.text == "text" for s in prose_spans(doc))
    _clean(doc)


def test_zola_internal_link(tmp_path: Path) -> None:
    (tmp_path / "zola.toml").write_text("")
    (tmp_path / "content" / "blog").mkdir(parents=True)
    (tmp_path / "content" / "blog" / "post.md").write_text("+++\n+++\n")
    here = tmp_path / "content" / "blog" / "here.md"
    doc = parse_document("[post](@/blog/post.md#sec)", source=here)
    target = doc.targets[0]
    assert (target.kind, target.article, target.fragment) == ("internal", tmp_path / "content/blog/post.md", "sec")


def test_hugo_highlight_is_a_code_block() -> None:
    doc = parse('{{< highlight go "linenos=table" >}}\nfunc main() {}\n{{< /highlight >}}\n\nAfter.')
    assert kinds(doc) == ["code", "paragraph"]
    assert (doc.blocks[0].lang, doc.blocks[0].text) == ("go", "func main() {}")


def test_liquid_capture_is_not_shown() -> None:
    doc = parse(
        "{% capture note %}\nCaptured text\n{% endcapture %}\n\nInline {% capture x %}hidden{% endcapture %}shown."
    )
    assert all_text(doc) == "Inline shown."


@pytest.mark.parametrize(
    ("text", "url", "title"),
    [
        ("{{< gist spf13 7896402 >}}", "https://gist.github.com/spf13/7896402", "gist"),
        ('{{< tweet user="SanDiegoZoo" id="1453" >}}', "https://x.com/SanDiegoZoo/status/1453", "tweet"),
        ("{{< youtube abc >}}", "https://www.youtube.com/watch?v=abc", "YouTube video"),
    ],
)
def test_embeds_open_their_page(text: str, url: str, title: str) -> None:
    doc = parse(text)
    assert [(t.kind, t.dest, t.text) for t in doc.targets] == [("media", url, title)]


@pytest.mark.parametrize(
    "text",
    [
        "Intro.\n\n{% comment %}\n\nThe rest of the article.",
        "Intro.\n\n{::comment}\n\nThe rest of the article.",
        "Intro.\n\n{% capture x %}\n\nThe rest of the article.",
    ],
)
def test_an_unclosed_comment_hides_nothing_and_is_reported(text: str) -> None:
    doc = parse(text)
    assert all_text(doc) == "Intro.\nThe rest of the article."
    assert [(p.kind, p.line) for p in doc.problems] == [("markup", 3)]  # type: ignore[attr-defined]


def test_an_unclosed_inline_comment_hides_only_itself() -> None:
    assert all_text(parse("Shown {% comment %} and the rest.")) == "Shown and the rest."
