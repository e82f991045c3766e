"""Templates the generator resolves before Markdown: `{% raw %}` markers inside code, Hugo's escaped shortcodes,
and `{% include %}` arguments that are Liquid variables rather than text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.document import parse_document
from newstui.document.model import Document
from newstui.library import load_site, read_article
from newstui.library.records import Article
from tests.conftest import CORPUS, need
from tests.unit.document.document_support import all_text, kinds, parse, walk


def _code_spans(doc: Document) -> list[str]:
    return [span.text for block in walk(doc.blocks) for span in block.spans if "code" in span.styles]


def _code_blocks(doc: Document) -> list[str]:
    return [block.text for block in walk(doc.blocks) if block.kind == "code"]


# ---------------------------------------------------------------- {% raw %} inside code

RAW_IN_CODE_SPANS = [
    ("variable", "Prepend `{% raw %}{{ site.baseurl }}{% endraw %}` here.", "{{ site.baseurl }}"),
    ("tag", "Like `{% raw %}{% assign x = 1 %}{% endraw %}`.", "{% assign x = 1 %}"),
    ("whitespace control", "Use `{%- raw -%} {{ a }} {%- endraw -%}` now.", "{{ a }}"),
    ("raw shown through raw", "Behaves like `{% raw %}{% raw %}{% endraw %}`.", "{% raw %}"),
    ("text around the markers", "`a {% raw %}{{ b }}{% endraw %} c`", "a {{ b }} c"),
    ("never closed", "`{% raw %}{{ b }}`", "{{ b }}"),
]


@pytest.mark.parametrize(("text", "shown"), [c[1:] for c in RAW_IN_CODE_SPANS], ids=[c[0] for c in RAW_IN_CODE_SPANS])
def test_raw_markers_in_code_spans_vanish_and_their_content_stays(text: str, shown: str) -> None:
    assert _code_spans(parse(text)) == [shown]


def test_raw_markers_in_a_code_span_inside_a_link_label() -> None:
    doc = parse("[`{% raw %}{% highlight %}{% endraw %}` now behaves](https://example.org/pr)")
    assert _code_spans(doc) == ["{% highlight %}"]
    assert doc.targets[0].text == "{% highlight %} now behaves"


@pytest.mark.parametrize(
    "text",
    [
        "```liquid\n{% raw %}{{ page.title }}\n{% if x %}y{% endif %}{% endraw %}\n```",
        "    {% raw %}{{ page.title }}\n    {% if x %}y{% endif %}{% endraw %}\n",
        "<pre><code>{% raw %}{{ page.title }}\n{% if x %}y{% endif %}{% endraw %}</code></pre>",
        "```\n{%- raw %}{{ page.title }}\n{% if x %}y{% endif %}\n{% endraw -%}\n```",
    ],
    ids=["fenced", "indented", "html pre", "whitespace control"],
)
def test_raw_markers_in_code_blocks_vanish_and_their_content_stays(text: str) -> None:
    assert _code_blocks(parse(text)) == ["{{ page.title }}\n{% if x %}y{% endif %}"]


def test_a_raw_marker_alone_on_its_line_leaves_that_line_as_liquid_does() -> None:
    doc = parse("```\n{% raw %}\n{{ x }}\n{% endraw %}\n```")
    assert _code_blocks(doc) == ["\n{{ x }}"]


def test_code_without_raw_markers_is_untouched() -> None:
    doc = parse("`{{ site.url }}` and `{% if a %}` and `{% rawish %}`\n\n```\n{% include x.html %}\n{{ y }}\n```")
    assert _code_spans(doc) == ["{{ site.url }}", "{% if a %}", "{% rawish %}"]
    assert _code_blocks(doc) == ["{% include x.html %}\n{{ y }}"]


def test_code_inside_a_raw_region_keeps_raw_markers_literally() -> None:
    """Inside `{% raw %}…{% endraw %}` Liquid shows everything as written, `{% raw %}` in a code span too."""
    doc = parse("{% raw %}\nUse `{% raw %}` to stop Liquid.\n{% endraw %}\n\nInline {% raw %}`{% raw %}`{% endraw %}.")
    assert _code_spans(doc) == ["{% raw %}", "{% raw %}"]


def test_jekyll_posts_show_no_raw_markers_in_code() -> None:
    site = load_site(need(CORPUS / "jekyll-docs"))
    by_name = {article.path.name: article for article in site.articles}
    expected = {
        "2019-08-04-jekyll-4-0-0-pre-beta1-released.markdown": ["{{ site.baseurl }}", "{% highlight %}", "{% raw %}"],
        "2019-03-18-jekyll-4-0-0-pre-alpha1-released.markdown": ["{{ site.baseurl }}", "{% highlight %}", "{% raw %}"],
        "2017-06-14-jekyll-3-5-0-released.markdown": [
            "{{ layout }}",
            '{% assign sorted = site.posts | sort: "image.alt_text" %}',
        ],
    }
    for name, shown in expected.items():
        article, body = read_article(by_name[name].path, site)
        doc = parse_document(body, source=article.path, site=site, article=article)
        code = _code_spans(doc)
        assert [text for text in code if "{" in text] == shown, name
        assert not any("endraw" in text for text in code), name


# ---------------------------------------------------------------- Hugo's escaped shortcodes

ESCAPED_SHORTCODES = [
    ("angle", 'Write {{</* figure src="x.png" */>}} to add one.', 'Write {{< figure src="x.png" >}} to add one.'),
    ("percent", "Or {{%/* note */%}} for Markdown.", "Or {{% note %}} for Markdown."),
    ("closing", "End with {{</* /note */>}}.", "End with {{< /note >}}."),
    ("no spaces", "{{</*figure*/>}}", "{{<figure>}}"),
    ("on its own line", 'Before.\n\n{{</* youtube "abc" */>}}\n\nAfter.', 'Before.\n{{< youtube "abc" >}}\nAfter.'),
    ("in html", "<div>Use {{%/* note */%}} here.</div>", "Use {{% note %}} here."),
]


@pytest.mark.parametrize(("text", "shown"), [c[1:] for c in ESCAPED_SHORTCODES], ids=[c[0] for c in ESCAPED_SHORTCODES])
def test_escaped_shortcodes_show_as_the_shortcode(text: str, shown: str) -> None:
    doc = parse(text)
    assert all_text(doc) == shown
    assert doc.targets == ()  # shown as text: never an image or a video


def test_escaped_shortcodes_in_code_show_as_the_shortcode() -> None:
    doc = parse('```md\n{{</* figure src="a.png" */>}}\n{{%/* note */%}}\n```\n\nInline `{{</* ref "x" */>}}`.')
    assert _code_blocks(doc) == ['{{< figure src="a.png" >}}\n{{% note %}}']
    assert _code_spans(doc) == ['{{< ref "x" >}}']


def test_unescaped_shortcodes_in_code_stay_as_written() -> None:
    doc = parse('```\n{{< figure src="a.png" >}} /* a comment */\n```')
    assert _code_blocks(doc) == ['{{< figure src="a.png" >}} /* a comment */']


# ---------------------------------------------------------------- include arguments that are variables


def _article(image: str | None) -> Article:
    return Article(
        path=Path("/site/_posts/2020-01-01-a.md"), rel_path="_posts/2020-01-01-a.md", title="T", date=None, image=image
    )


def test_include_with_page_image_shows_the_hero_image() -> None:
    doc = parse_document(
        'Before.\n\n{% include image.html url=page.image description="The square" %}\n\nAfter.',
        article=_article("/images/hero.jpg"),
    )
    assert kinds(doc) == ["paragraph", "image", "paragraph"]
    image = doc.targets[doc.blocks[1].target or 0]
    assert (image.kind, image.raw, image.text) == ("image", "/images/hero.jpg", "The square")


def test_include_with_page_image_is_dropped_without_a_hero() -> None:
    doc = parse_document("Before.\n\n{% include image.html url=page.image %}\n\nAfter.", article=_article(None))
    assert all_text(doc) == "Before.\nAfter."
    assert doc.targets == ()  # no placeholder pointing at "page.image (missing)"


@pytest.mark.parametrize(
    "tag",
    [
        "{% include image.html url=include.src %}",
        "{% include image.html url=photo.jpg %}",  # Jekyll reads `photo.jpg` as a variable too
        "Inline {% include image.html url=page.image %} text.",
    ],
)
def test_include_with_an_unknown_variable_leaves_no_broken_placeholder(tag: str) -> None:
    doc = parse(f"{tag}\n\nAfter.")
    assert doc.targets == ()
    assert "page.image" not in all_text(doc) and "include.src" not in all_text(doc)


def test_include_with_a_quoted_value_is_an_image_and_a_page_field_its_caption() -> None:
    doc = parse_document('{% include image.html url="/images/x.jpg" description=page.title %}', article=_article(None))
    image = doc.targets[0]
    assert (image.kind, image.raw, image.text) == ("image", "/images/x.jpg", "T")
