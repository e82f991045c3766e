"""Code blocks: Pygments tokens styled through rich's Pygments theme, cut to the width with a visible marker.

Lines are never wrapped at word boundaries (that would change what the code says); a line longer than the width
continues on the next line behind a `↪` marker in the gutter, so nothing is lost and nothing is wider than the
screen. Lexers are looked up by name only: guessing a language is slow and often wrong.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rich.style import Style

from newstui.render.lines import Line, Run, wrap_runs
from newstui.render.theme import RenderTheme
from newstui.safetext import clean_block

if TYPE_CHECKING:  # Pygments (and rich.syntax, which loads it) are imported on the first code block only:
    from pygments.lexer import Lexer  # most news articles have none, and the import costs ~25 ms at startup
    from rich.syntax import PygmentsSyntaxTheme

_MAX_HIGHLIGHT = 200_000  # characters; bigger blocks are shown plain so one block cannot stall the layout


@lru_cache(maxsize=64)
def _lexer(lang: str) -> Lexer | None:
    name = lang.strip().lstrip(".{").split(",")[0].split()[0].strip("}").lower() if lang.strip() else ""
    if not name:
        return None
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False, stripall=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=8)
def _syntax_theme(name: str) -> PygmentsSyntaxTheme:
    from rich.syntax import PygmentsSyntaxTheme

    return PygmentsSyntaxTheme(name)


def _token_runs(code: str, lang: str, theme: RenderTheme) -> list[list[Run]]:
    """Each source line as styled runs."""
    base = theme.code_block
    lexer = _lexer(lang) if theme.code_theme and len(code) <= _MAX_HIGHLIGHT else None
    if lexer is None:
        return [[(line, base, None)] if line else [] for line in code.split("\n")]
    assert theme.code_theme is not None
    syntax = _syntax_theme(theme.code_theme)
    styles: dict[object, Style] = {}
    lines: list[list[Run]] = [[]]
    for ttype, value in lexer.get_tokens(code):
        style = styles.get(ttype)
        if style is None:
            token_style = syntax.get_style_for_token(ttype)
            style = styles[ttype] = base + Style(
                color=token_style.color, bold=token_style.bold, italic=token_style.italic
            )
        parts = value.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append((part, style, None))
    return lines


def code_lines(text: str, lang: str, width: int, theme: RenderTheme) -> list[Line]:
    """A code block at `width` cells: one cell of margin each side, background filled, long lines continued."""
    code = clean_block(text).expandtabs(4).rstrip("\n")
    filled = theme.code_block.bgcolor is not None
    gutter = " " if filled else "  "  # without a background, a deeper indent sets code apart
    inner = max(width - 2, 4)
    out: list[Line] = []
    for runs in _token_runs(code, lang, theme):
        for i, piece in enumerate(wrap_runs(runs, inner, words=False, keep_spaces=True) if runs else [Line()]):
            line = Line()
            if i:
                line.add("↪".ljust(len(gutter)), theme.code_marker)
            else:
                line.add(gutter, theme.code_block)
            line.segments.extend(piece.segments)
            line.text += piece.text
            line.width += piece.width
            if filled:
                line.pad(width, theme.code_block)
            out.append(line)
    return out
