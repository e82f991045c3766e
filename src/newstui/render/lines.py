"""Lines under construction and the one wrapping routine every block uses.

Wrapping works on a whole paragraph string with offsets instead of word by word: for text made only of one-cell
characters (most articles) a line break is one `str.rfind`, so a 1 MB article wraps in a few hundred milliseconds.
Other text is measured grapheme by grapheme with rich's cell tables (CJK, emoji, combining marks), and may break
beside any wide character, as CJK text has no spaces.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from rich.cells import cell_len, get_character_cell_size, split_graphemes
from rich.segment import Segment
from rich.style import Style

_ONE_CELL: dict[str, bool] = {}
# CJK punctuation that must not begin a line (kinsoku): the break moves before the character in front of it
_NO_LINE_START = frozenset("、。，．：；！？）］｝」』】〕〉》・ー～ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
_JOINERS = frozenset("\u200d\ufe0f")


def _single_cells(text: str) -> bool:
    """True when every character of `text` is exactly one cell wide (then cells == len)."""
    if text.isascii():
        return text.isprintable()
    for char in set(text):
        one = _ONE_CELL.get(char)
        if one is None:
            one = _ONE_CELL[char] = char not in _JOINERS and get_character_cell_size(char) == 1
        if not one:
            return False
    return True


# (text, style, target index or None); text is already cleaned of control characters.
Run = tuple[str, Style, int | None]

_SPACES = re.compile(r"[ \t\r\n\f\v]{2,}|[\t\r\n\f\v]")  # only what is not already one space


@dataclass(slots=True)
class Line:
    """One output line: segments, its plain text, its width in cells, and the targets on it (target, start, end)."""

    segments: list[Segment] = field(default_factory=list)
    text: str = ""
    width: int = 0
    targets: list[tuple[int, int, int]] = field(default_factory=list)
    anchor: str | None = None  # an anchor that points at this line
    heading: tuple[int, str] | None = None  # (level, text) when a heading starts on this line

    def add(self, text: str, style: Style | None = None, target: int | None = None, cells: int = -1) -> None:
        """Append text (already cleaned) in a style; extends the last target span when it continues it."""
        if not text:
            return
        size = cell_len(text) if cells < 0 else cells
        if target is not None:
            if self.targets and self.targets[-1][0] == target and self.targets[-1][2] == self.width:
                self.targets[-1] = (target, self.targets[-1][1], self.width + size)
            else:
                self.targets.append((target, self.width, self.width + size))
        if self.segments and self.segments[-1].style == style:
            self.segments[-1] = Segment(self.segments[-1].text + text, style)
        else:
            self.segments.append(Segment(text, style))
        self.text += text
        self.width += size

    def pad(self, width: int, style: Style | None = None) -> None:
        """Fill with spaces up to `width` cells (for backgrounds and frames)."""
        if self.width < width:
            self.add(" " * (width - self.width), style, cells=width - self.width)


def append(line: Line, other: Line) -> None:
    """Append `other` to `line` in place, shifting its target spans."""
    shift = line.width
    line.segments.extend(other.segments)
    line.text += other.text
    line.width += other.width
    line.targets.extend((t, s + shift, e + shift) for t, s, e in other.targets)


def normalize_runs(runs: list[Run]) -> list[Run]:
    """Collapse whitespace runs (across run boundaries too) to one space and trim both ends."""
    out: list[Run] = []
    last_space = True  # drop leading space of the paragraph
    for text, style, target in runs:
        if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
            text = _SPACES.sub(" ", text)  # only then can it match; `in` is far cheaper than the regex scan
        if last_space and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        out.append((text, style, target))
        last_space = text.endswith(" ")
    if out and out[-1][0].endswith(" "):
        text, style, target = out[-1]
        text = text[:-1]
        if text:
            out[-1] = (text, style, target)
        else:
            out.pop()
    return out


class _Measure:
    """Cell offsets of a string: cum[i] = cells of text[:i], at grapheme boundaries."""

    __slots__ = ("boundary", "cum", "single", "wide")

    def __init__(self, text: str) -> None:
        self.single = _single_cells(text)
        if self.single:
            self.cum: list[int] = []
            return
        n = len(text)
        cum = [0] * (n + 1)
        boundary = bytearray(n + 1)
        wide = bytearray(n + 1)  # wide[i]: the grapheme starting at i is two cells wide
        spans, _ = split_graphemes(text)
        running = 0
        for start, end, _size in spans:
            size = cell_len(text[start:end])
            boundary[start] = 1
            wide[start] = size > 1
            running += size
            for i in range(start + 1, end):
                cum[i] = running  # inside a grapheme: counts as past it, so bisect never splits one
            cum[start] = running - size
        cum[n] = running
        boundary[n] = 1
        self.cum, self.boundary, self.wide = cum, boundary, wide

    def cells(self, start: int, end: int) -> int:
        return end - start if self.single else self.cum[end] - self.cum[start]

    def fit(self, start: int, width: int, n: int) -> int:
        """The largest boundary index `end` with cells(start, end) <= width (at least one grapheme)."""
        if self.single:
            return min(n, start + width)
        end = bisect_right(self.cum, self.cum[start] + width) - 1
        end = min(end, n)
        while end > start and not self.boundary[end]:
            end -= 1
        if end <= start:  # one grapheme wider than the width: take it whole
            end = start + 1
            while end < n and not self.boundary[end]:
                end += 1
        return end


def _break_at(text: str, measure: _Measure, start: int, end: int, words: bool) -> tuple[int, int]:
    """Where to end a line that must stop by `end`: (line end, next line start)."""
    if not words:
        return end, end
    space = text.rfind(" ", start + 1, end + 1)
    if not measure.single:
        for k in range(end, max(space, start), -1):  # a break beside a wide character is closer
            if text[k : k + 1] in _NO_LINE_START:
                continue
            if measure.boundary[k] and (measure.wide[k] or (k > 0 and _wide_before(measure, k))):
                return k, k + (text[k : k + 1] == " ")
    if space > start:
        return space, space + 1
    for mark in ("-", "/"):  # long words: break after a hyphen or slash in the second half
        hyphen = text.rfind(mark, start + 1, end - 1)
        if hyphen > start + (end - start) // 2:
            return hyphen + 1, hyphen + 1
    return end, end


def _wide_before(measure: _Measure, k: int) -> bool:
    j = k - 1
    while j > 0 and not measure.boundary[j]:
        j -= 1
    return bool(measure.wide[j])


def wrap_runs(runs: list[Run], width: int, *, words: bool = True, keep_spaces: bool = False) -> list[Line]:
    """Lay out styled runs in lines of at most `width` cells.

    `words`: break between words (paragraphs); otherwise cut anywhere (code). A run text of "\\n" (or one
    containing it) forces a line break. `keep_spaces` keeps whitespace as written (code).
    """
    width = max(width, 2)
    lines: list[Line] = []
    piece: list[Run] = []
    for run in runs:
        text = run[0]
        if "\n" in text:
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.extend(_wrap_piece(piece, width, words, keep_spaces))
                    piece = []
                if part:
                    piece.append((part, run[1], run[2]))
        else:
            piece.append(run)
    lines.extend(_wrap_piece(piece, width, words, keep_spaces))
    return lines


def _wrap_piece(runs: list[Run], width: int, words: bool, keep_spaces: bool) -> list[Line]:
    """Wrap runs that hold no line break."""
    if not keep_spaces:
        runs = normalize_runs(runs)
    if not runs:
        return [Line()]
    text = "".join(r[0] for r in runs)
    starts: list[int] = []
    offset = 0
    for r in runs:
        starts.append(offset)
        offset += len(r[0])
    n = len(text)
    measure = _Measure(text)
    lines: list[Line] = []
    pos = 0
    while pos < n or not lines:
        end = measure.fit(pos, width, n)
        if end >= n:
            line_end, next_pos = n, n
        else:
            line_end, next_pos = _break_at(text, measure, pos, end, words)
        if words and not keep_spaces and line_end > pos and text[line_end - 1] == " ":
            line_end -= 1
        lines.append(_emit(runs, starts, text, measure, pos, line_end))
        pos = next_pos
        if words and not keep_spaces and pos < n and text[pos] == " ":
            pos += 1
    return lines


def _emit(runs: list[Run], starts: list[int], text: str, measure: _Measure, a: int, b: int) -> Line:
    """The line holding text[a:b]: one segment per run piece, target spans in cells."""
    segments: list[Segment] = []
    targets: list[tuple[int, int, int]] = []
    i = bisect_right(starts, a) - 1
    count = len(runs)
    while i < count and starts[i] < b:
        s = max(a, starts[i])
        e = min(b, starts[i] + len(runs[i][0]))
        if e > s:
            _run_text, style, target = runs[i]
            segments.append(Segment(text[s:e], style))
            if target is not None:
                start, end = measure.cells(a, s), measure.cells(a, e)
                if targets and targets[-1][0] == target and targets[-1][2] == start:
                    targets[-1] = (target, targets[-1][1], end)
                else:
                    targets.append((target, start, end))
        i += 1
    width = measure.cells(a, b) if measure.single else cell_len(text[a:b])
    return Line(segments, text[a:b], width, targets)
