"""Rendered lines to text for `newstui cat`: ANSI escape sequences from the rich Styles, or plain text.

Plain output drops trailing spaces (padding for backgrounds) so piped text diffs and greps cleanly. The segment
texts are already cleaned of control characters by the layout, so the only escapes printed are our own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Literal

from rich.color import ColorSystem
from rich.segment import Segment

from newstui.render.model import RenderedArticle

ColorName = Literal["standard", "256", "truecolor"]
_SYSTEMS = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT, "truecolor": ColorSystem.TRUECOLOR}


def terminal_color_system() -> ColorName:
    """The richest colour set the terminal claims (as rich decides it): truecolor, 256 or the 16 standard colours."""
    if os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return "truecolor"
    return "256" if "256" in os.environ.get("TERM", "") else "standard"


def to_plain(article: RenderedArticle) -> str:
    """Each line's text, trailing spaces removed, newline-terminated."""
    return "".join(line.rstrip() + "\n" for line in article.plain)


def to_ansi(article: RenderedArticle, *, color_system: ColorName = "truecolor") -> str:
    """The lines with their styles as ANSI SGR sequences, each line reset at its end."""
    return "".join(line_to_ansi(line, color_system) + "\n" for line in article.lines)


def line_to_ansi(line: Iterable[Segment], color_system: ColorName = "truecolor") -> str:
    """One rendered line's segments as text with ANSI SGR sequences (each styled piece reset at its end)."""
    system = _SYSTEMS[color_system]
    return "".join(
        segment.style.render(segment.text, color_system=system) if segment.style else segment.text for segment in line
    )
