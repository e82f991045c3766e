"""An article body reduced to the words a person reads, for the full-text index and its snippets.

This is not a renderer (the document layer is): it only has to be cheap, since a 10,000-article site is indexed
in the background, and it only has to keep words and drop markup. The index tokenizer already ignores
punctuation, so `**`, `#` and `|` are harmless for matching; what must go are things that are words but not
text: HTML tags and their attributes, link and image URLs, Liquid tags, kramdown attribute lists, and raw
`<script>`/`<style>` content. Parsing the whole body with markdown-it costs ~5 ms an article (measured on the
rust-blog corpus); these substitutions cost a few percent of that.
"""

from __future__ import annotations

import html
import re

_DROP_BLOCKS = re.compile(
    r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment", re.S | re.I
)
_FENCE = re.compile(r"^(```|~~~)[^\n]*$", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")  # inline and reference links
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{:[^}\n]*\}|\{::[^}\n]*\}", re.S)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_LINE_MARKS = re.compile(r"^[ ]{0,3}(?:#{1,6}[ \t]+|>[ ]?|[-*+][ \t]+|\d+[.)][ \t]+|[-=: ]{3,}$)", re.M)
_INLINE_MARKS = "*_`~|"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain_text(body: str) -> str:
    """Readable words of a Markdown/HTML body, one paragraph a line; never raises."""
    text = _DROP_BLOCKS.sub(" ", body)
    text = _FENCE.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _REF_DEF.sub("", text)
    text = _LIQUID.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    for mark in _INLINE_MARKS:  # str.replace is several times faster than str.translate here
        text = text.replace(mark, " ")
    text = _LINE_MARKS.sub("", text)
    # Snippet markers in the index are control characters: the text itself must hold none.
    text = _CONTROL.sub(" ", text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_WORD = re.compile(r"\w+")


def folded_words(text: str) -> str:
    """The words whose case-folded form differs from their lower case ("Straße" -> "strasse"), for a column the
    index matches but never shows: FTS5's tokenizer lowers and strips accents but keeps "ß", so without these a
    search for "strasse" would miss "Straße" (the list's `/` filter, which case-folds, finds it)."""
    folds = {word.casefold() for word in _WORD.findall(text) if word.casefold() != word.lower()}
    return " ".join(sorted(folds))
