"""User search text -> a safe FTS5 MATCH expression, and the same terms found again in any text.

People type anything into a search box: `"`, `*`, `NEAR(`, `AND OR`, half a parenthesis. FTS5 has its own query
language, so raw input would raise syntax errors or change meaning. Here every word and phrase is turned into a
quoted FTS5 string (inner quotes doubled), so operators become plain words; only the last bare word gets a prefix
`*` so results arrive while the user is still typing.

The index folds case and accents (unicode61, remove_diacritics 2); `find_terms` folds text the same way so the
reader can highlight the words that matched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# What unicode61 treats as a token: letters, digits (and marks, which it folds away with remove_diacritics).
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_BARE = re.compile(r'[^\s"]+')


@dataclass(frozen=True)
class Term:
    """One thing every result must contain: a word (maybe a prefix) or a phrase of several words."""

    words: tuple[str, ...]  # folded (lowercase, no accents) tokens
    prefix: bool = False  # the last word matches as a prefix


@dataclass(frozen=True)
class Query:
    """A parsed query; empty when the input holds nothing searchable (only punctuation, only spaces)."""

    terms: tuple[Term, ...]

    @property
    def empty(self) -> bool:
        return not self.terms

    def match_expression(self, expansions: dict[str, list[str]] | None = None) -> str:
        """The FTS5 MATCH string: each term quoted, all ANDed.

        A prefix term whose word is in `expansions` becomes an OR of the indexed words it stands for: FTS5
        answers `("work" OR "workshop")` several times faster than `"work"*` once snippets are asked for.
        """
        parts = []
        for term in self.terms:
            head = term.words[:-1]
            options = (expansions or {}).get(term.words[-1]) if term.prefix else None
            if options:
                phrases = [_quote((*head, option)) for option in options]
                parts.append(phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")")
            else:
                parts.append(_quote(term.words) + ("*" if term.prefix else ""))
        return " AND ".join(parts)  # explicit: FTS5 does not AND a phrase and a (group) implicitly

    def display_terms(self) -> tuple[str, ...]:
        """The terms as a person reads them, for messages and JSON: `sofia`, `smart mobility`, `work*`."""
        return tuple(" ".join(t.words) + ("*" if t.prefix else "") for t in self.terms)


def _quote(words: tuple[str, ...]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text` as the index sees it (its length may differ)."""
    decomposed = unicodedata.normalize("NFD", text)
    # lower(), not casefold(): unicode61 lowercases (ß stays ß), and the two must agree to find the same words.
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(text)))


def parse_query(text: str) -> Query:
    """Split input into quoted phrases and bare words; an unclosed quote runs to the end of the input."""
    terms: list[Term] = []
    pos = 0
    last_bare = False
    while pos < len(text):
        if text[pos] == '"':
            end = text.find('"', pos + 1)
            end = len(text) if end < 0 else end
            words = _tokens(text[pos + 1 : end])
            if words:
                terms.append(Term(words))
                last_bare = False
            pos = end + 1
            continue
        match = _BARE.match(text, pos)
        if match is None:
            pos += 1
            continue
        # A bare word like `foo-bar` is what unicode61 indexes as two adjacent tokens: keep it a phrase.
        words = _tokens(match.group(0))
        if words:
            terms.append(Term(words))
            last_bare = True
        pos = match.end()
    if terms and last_bare and not text.rstrip().endswith('"'):
        terms[-1] = Term(terms[-1].words, prefix=True)
    return Query(tuple(terms))


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """Fold `text` and remember, for each folded character, the index of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for piece in fold(ch):
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def find_terms(text: str, query: Query | str) -> list[tuple[int, int]]:
    """Where the query's words occur in `text` as (start, end) character offsets, case- and accent-insensitive.

    Words match whole tokens (the last word of a prefix term matches token starts), the way the index matched
    them, so the reader can highlight exactly what the search found.
    """
    if isinstance(query, str):
        query = parse_query(query)
    if query.empty or not text:
        return []
    folded, origin = _folded_with_map(text)
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(folded)]
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        n = len(term.words)
        for i in range(len(tokens) - n + 1):
            ok = True
            for j, word in enumerate(term.words):
                token = tokens[i + j][2]
                last = j == n - 1
                if not (token == word or (last and term.prefix and token.startswith(word))):
                    ok = False
                    break
            if ok:
                start = origin[tokens[i][0]]
                end = origin[tokens[i + n - 1][1] - 1] + 1
                spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
