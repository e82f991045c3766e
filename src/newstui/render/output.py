"""Rendered lines to text for `newstui cat`: ANSI escape sequences from the rich Styles, or plain text.

Plain output drops trailing spaces (padding for backgrounds) so piped text diffs and greps cleanly. The segment
texts are already cleaned of control characters by the layout, so the only escapes printed are our own.
"""

from __future__ import annotations

from typing import Literal

from rich.color import ColorSystem

from newstui.render.model import RenderedArticle

ColorName = Literal["standard", "256", "truecolor"]
_SYSTEMS = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT, "truecolor": ColorSystem.TRUECOLOR}


def to_plain(article: RenderedArticle) -> str:
    """Each line's text, trailing spaces removed, newline-terminated."""
    return "".join(line.rstrip() + "\n" for line in article.plain)


def to_ansi(article: RenderedArticle, *, color_system: ColorName = "truecolor") -> str:
    """The lines with their styles as ANSI SGR sequences, each line reset at its end."""
    system = _SYSTEMS[color_system]
    out: list[str] = []
    for line in article.lines:
        for segment in line:
            style = segment.style
            out.append(style.render(segment.text, color_system=system) if style else segment.text)
        out.append("\n")
    return "".join(out)
