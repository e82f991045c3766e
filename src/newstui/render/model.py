"""What the render layer produces: styled lines at one width, and where each target sits on them.

Lines are lists of rich Segments so that both `newstui cat` (through rich) and the Textual widget (as Strips)
draw exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.segment import Segment


@dataclass(frozen=True)
class TargetSpan:
    """Cells occupied by one target on one line (a wrapped link has several spans)."""

    target: int  # index into Document.targets
    line: int
    start: int  # first cell column
    end: int  # one past the last cell column


@dataclass(frozen=True)
class RenderedArticle:
    """An article laid out at one width. `plain` holds each line's text, for find and for tests."""

    width: int
    lines: tuple[tuple[Segment, ...], ...]
    plain: tuple[str, ...]
    target_spans: tuple[TargetSpan, ...] = ()
    anchors: dict[str, int] = field(default_factory=dict)  # anchor -> line
    headings: tuple[tuple[int, str, int], ...] = ()  # (level, text, line)
    complete: bool = True  # False when laid out only up to a line count (the first screen)
