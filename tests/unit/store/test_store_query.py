"""What people type becomes a safe query; the same words are found again in text; bodies lose their markup."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from newstui.store import find_terms, parse_query
from newstui.store.plaintext import plain_text


def test_words_phrases_and_the_prefix_on_the_last_bare_word() -> None:
    query = parse_query('Smart "Mobility Projects" wor')
    assert query.display_terms() == ("smart", "mobility projects", "wor*")
    assert parse_query('wor "mobility projects"').display_terms() == ("wor", "mobility projects")
    assert parse_query('"unclosed phrase').display_terms() == ("unclosed phrase",)
    assert parse_query("foo-bar").display_terms() == ("foo bar*",)  # as the index tokenizes it
    assert parse_query("Ünïcödé").display_terms() == ("unicode*",)


def test_operators_and_punctuation_are_never_fts_syntax() -> None:
    expression = parse_query("NEAR( a OR *b ) AND").match_expression()
    assert expression == '"near" AND "a" AND "or" AND "b" AND "and"*'
    assert parse_query('x" OR *b )').match_expression() == '"x" AND "or b"'  # an open quote runs to the end
    for text in ("", "   ", '"', "*", "()", '""', "-^:"):
        assert parse_query(text).empty, text


@given(st.text(max_size=200), st.text(max_size=30))
def test_find_terms_never_raises_and_spans_are_in_range(text: str, query: str) -> None:
    spans = find_terms(text, query)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert spans == sorted(spans)


def test_find_terms_maps_folded_matches_back_to_the_original_text() -> None:
    text = "ﬁne Straße, İstanbul and Ångström; ÅNGSTRÖMS"
    assert [text[s:e] for s, e in find_terms(text, "angstrom")] == ["Ångström", "ÅNGSTRÖMS"]
    assert [text[s:e] for s, e in find_terms(text, '"angstrom"')] == ["Ångström"]
    assert [text[s:e] for s, e in find_terms(text, "straße")] == ["Straße"]


def test_plain_text_keeps_words_and_drops_markup() -> None:
    body = (
        '<div class="multiline"><h2><span>Smart Mobility</span></h2></div>\n\n'
        "## A heading {#custom}\n\n"
        '**Bold** and [a link](https://example.org/hidden-url){:target="_blank"} and ![alt text](/img/x.png)\n'
        '{% include image.html url="/a.png" %} {{ site.baseurl }}\n'
        "<!-- a comment --> <script>var hidden = 1;</script>&amp; &eacute;t&eacute;\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
        "[RustCon Asia][rustcon-asia] was first.\n\n[rustcon-asia]: https://rustcon.asia/\n"
    )
    text = plain_text(body)
    for word in ("Smart Mobility", "A heading", "Bold", "a link", "alt text", "& été", "RustCon Asia was first"):
        assert word in text, word
    for leaked in (
        "div",
        "class",
        "hidden-url",
        "_blank",
        "include",
        "baseurl",
        "comment",
        "hidden",
        "**",
        "---",
        "rustcon-asia",
        "rustcon.asia",
    ):
        assert leaked not in text, leaked


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_plain_text_of_anything_is_fast_and_has_no_control_characters(body: str) -> None:
    started = time.perf_counter()
    text = plain_text(body)
    assert time.perf_counter() - started < 0.5
    assert not any(ord(ch) < 0x20 and ch != "\n" for ch in text)
