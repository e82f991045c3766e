"""Lookups over one RenderedArticle that the article widget needs on every key press or frame.

Built once per layout so Tab, clicks, find and drawing stay cheap on a 30 000-line article: target spans by
line, targets in reading order, find matches in cell columns, and a width-independent reading position (how
many letters and digits come before a line) used to keep the place when the width changes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from rich.cells import cell_len

from newstui.render.model import RenderedArticle, TargetSpan

MAX_MATCHES = 10_000


@dataclass(frozen=True)
class Match:
    """One find match on one line, in cell columns (end is one past the last cell)."""

    line: int
    start: int
    end: int


def _cells(text: str, index: int) -> int:
    """Cell column of character `index` of `text` (wide CJK and emoji count two, combining marks zero)."""
    head = text[:index]
    return len(head) if head.isascii() else cell_len(head)


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalnum())


class ArticleIndex:
    """Target, find and position lookups for one layout."""

    def __init__(self, rendered: RenderedArticle) -> None:
        self.rendered = rendered
        self.spans_by_line: dict[int, list[TargetSpan]] = {}
        self.spans_by_target: dict[int, list[TargetSpan]] = {}
        for span in rendered.target_spans:
            self.spans_by_line.setdefault(span.line, []).append(span)
            self.spans_by_target.setdefault(span.target, []).append(span)
        # Reading order: where each target first appears on screen (the hero, drawn above the title, comes first).
        self.order: list[int] = sorted(
            self.spans_by_target, key=lambda t: (self.spans_by_target[t][0].line, self.spans_by_target[t][0].start)
        )
        self._first_lines = [self.spans_by_target[t][0].line for t in self.order]
        self._letters_before: list[int] | None = None
        self._lowered: list[str] | None = None
        self._joined: str | None = None
        self._line_starts: list[int] = []

    @property
    def line_count(self) -> int:
        return len(self.rendered.lines)

    def lines_of(self, target: int) -> tuple[int, int] | None:
        """First line and one past the last line the target occupies, or None when it is not drawn."""
        spans = self.spans_by_target.get(target)
        if not spans:
            return None
        lines = [span.line for span in spans]
        return min(lines), max(lines) + 1

    def target_at(self, line: int, column: int) -> int | None:
        """The target drawn at this cell, if any (for mouse clicks)."""
        for span in self.spans_by_line.get(line, ()):
            if span.start <= column < span.end:
                return span.target
        return None

    def step(self, current: int | None, forward: bool, top: int, bottom: int) -> int | None:
        """The next (or previous) target in reading order, wrapping around.

        With no current target, or one scrolled out of view, start from what is on screen (lines top..bottom-1)
        the way a text-mode browser does: Tab picks the first target in view, Shift+Tab the last.
        """
        if not self.order:
            return None
        if current in self.spans_by_target:
            span_lines = self.lines_of(current)
            assert span_lines is not None
            if span_lines[1] > top and span_lines[0] < bottom:
                position = self.order.index(current)
                return self.order[(position + (1 if forward else -1)) % len(self.order)]
        if forward:
            position = bisect_left(self._first_lines, top)
            return self.order[position % len(self.order)]
        position = bisect_left(self._first_lines, bottom) - 1
        return self.order[position % len(self.order)]

    def position_of(self, line: int) -> int:
        """Reading position of a line: letters and digits before it, the same whatever the width."""
        counts = self._letter_counts()
        return counts[max(0, min(line, len(counts) - 1))]

    def line_at(self, position: int) -> int:
        """The line holding a reading position from `position_of` (on this or another layout)."""
        counts = self._letter_counts()
        if position <= 0:
            return 0  # the top stays the top, even above a hero image's frame (lines without letters)
        return max(0, min(bisect_right(counts, position) - 1, max(0, self.line_count - 1)))

    def _letter_counts(self) -> list[int]:
        if self._letters_before is None:
            self._letters_before = [0, *accumulate(_letters(text) for text in self.rendered.plain)]
        return self._letters_before

    def find(self, query: str, limit: int = MAX_MATCHES) -> list[Match]:
        """Case-insensitive occurrences of `query` in reading order, at most `limit` (a one-letter query on a
        1 MB article would otherwise build hundreds of thousands)."""
        needle = query.casefold()
        if not needle or "\n" in needle:
            return []
        if self._joined is None:
            self._lowered = [text.casefold() for text in self.rendered.plain]
            self._joined = "\n".join(self._lowered)
            self._line_starts = [0, *accumulate(len(text) + 1 for text in self._lowered)]
        assert self._lowered is not None
        matches: list[Match] = []
        found = self._joined.find(needle)
        while found != -1 and len(matches) < limit:
            line = bisect_right(self._line_starts, found) - 1
            column = found - self._line_starts[line]
            # casefold can change lengths (ß -> ss): measure on the casefolded text when it did.
            plain = self.rendered.plain[line]
            text = plain if len(plain) == len(self._lowered[line]) else self._lowered[line]
            if text.isascii():
                start, end = column, column + len(needle)
            else:
                start, end = _cells(text, column), _cells(text, column + len(needle))
            matches.append(Match(line, start, max(end, start + 1)))
            found = self._joined.find(needle, found + len(needle))
        return matches
