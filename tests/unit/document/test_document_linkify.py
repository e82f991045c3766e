"""Bare URLs: the parser's shortcut past linkify-it's slow test must never lose a link it would have found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newstui.document import _MAY_LINK, parse_document

_PLAIN = MarkdownIt("commonmark", {"linkify": True}).linkify  # linkify-it as shipped, without our shortcuts
assert _PLAIN is not None

# Text made of what links are made of, so that the property meets many near-links.
_PIECES = st.sampled_from(
    ["http", "https", "ftp", "mailto", "www", "localhost", "example", "com", "org", "рф", "xn--p1ai", "1", "192"]
)
_PUNCT = st.sampled_from([":", "//", "/", ".", "@", " ", "-", "_", "(", ")", "<", ">", "\n", "*", "'", "…"])
_TEXT = st.lists(st.one_of(_PIECES, _PUNCT, st.text(max_size=3)), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_text_the_shortcut_skips_holds_no_link(text: str) -> None:
    if _MAY_LINK.search(text) is None:
        assert not _PLAIN.test(text)


def _targets(body: str) -> list[str]:
    return [target.dest for target in parse_document(body).targets]


def test_bare_urls_beside_a_markdown_link_are_still_linked() -> None:
    body = (
        'See [the docs](https://example.org/docs){:target="_blank"}, then www.example.com/start, '
        "mail ann@example.org or open http://localhost:8080/ and https://пример.рф/путь.\n"
    )
    assert _targets(body) == [
        "https://example.org/docs",
        "http://www.example.com/start",
        "mailto:ann@example.org",
        "http://localhost:8080/",
        "https://пример.рф/путь",
    ]


def test_prose_with_full_stops_and_colons_makes_no_links() -> None:
    body = "See [the docs](https://example.org/docs). Results: fine.Next time. The end…\n"
    assert _targets(body) == ["https://example.org/docs"]
