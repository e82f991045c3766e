"""Every article of every corpus parses without exception and without template or attribute-list syntax left."""

from __future__ import annotations

import pytest

from newstui.document import first_screen, parse_document
from newstui.document.model import Document
from newstui.library import load_site, read_article
from newstui.library.records import Problem
from tests.conftest import CORPORA, CORPUS, need
from tests.unit.document.document_support import prose_spans, walk

LEAKS = ("{%", "{:", "{{<", "{{%", "<div", "<span", "<script")

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("name", CORPORA)
def test_every_article_parses_clean(name: str) -> None:
    site = load_site(need(CORPUS / name))
    assert site.articles
    leaks = []
    for listed in site.articles:
        article, body = read_article(listed.path, site)
        doc = parse_document(body, site=site, article=article)
        assert not [p for p in doc.problems if isinstance(p, Problem) and p.kind == "markup"], listed.path
        assert doc.title == article.title
        assert [t.index for t in doc.targets] == list(range(len(doc.targets)))
        for span in prose_spans(doc):
            leaks += [(listed.rel_path, bad, span.text[:60]) for bad in LEAKS if bad in span.text]
        if body.strip():
            assert doc.blocks, listed.path
    assert leaks == []


def test_jekyll_liquid_constructs_in_real_posts() -> None:
    site = load_site(need(CORPUS / "jekyll-docs"))
    by_name = {a.path.name: a for a in site.articles}

    def doc(name: str) -> Document:
        article, body = read_article(by_name[name].path, site)
        return parse_document(body, site=site, article=article)

    # {% link _posts/… %} is an internal link to the other post
    linked = doc("2017-03-21-jekyll-3-4-3-released.markdown")
    internal = [t for t in linked.targets if t.kind == "internal"]
    assert internal and internal[0].article == by_name["2017-01-18-jekyll-3-4-0-released.markdown"].path
    # {% raw %} around a fence: the Liquid inside the code is shown as written
    codes = [b.text for b in walk(linked.blocks) if b.kind == "code"]
    assert '{{ "example :page" | uri_escape }}' in codes
    # {% highlight ruby %} becomes a Ruby code block
    highlighted = doc("2014-03-27-jekyll-1-5-1-released.markdown")
    assert any(b.kind == "code" and b.lang == "ruby" for b in walk(highlighted.blocks))
    # {% raw %}`{{ site.url }}`{% endraw %} inline keeps the code span literally
    inline_raw = doc("2021-09-27-jekyll-4-2-1-released.markdown")
    code_spans = [s.text for b in walk(inline_raw.blocks) for s in b.spans if "code" in s.styles]
    assert "{{ site.url }}" in code_spans


@pytest.mark.parametrize("name", CORPORA)
def test_first_screen_is_a_prefix_of_the_whole(name: str) -> None:
    site = load_site(need(CORPUS / name))
    longest = sorted(site.articles, key=lambda a: a.size, reverse=True)[:5]
    for listed in longest:
        article, body = read_article(listed.path, site)
        whole = parse_document(body, site=site, article=article)
        head = first_screen(body, site=site, article=article, chars=3000)
        assert len(head.blocks) <= len(whole.blocks)
        assert head.blocks[:-1] == whole.blocks[: len(head.blocks) - 1]
        assert head.targets == whole.targets[: len(head.targets)]
        assert head.complete == (len(body) <= 3000 or head.blocks == whole.blocks)
