"""Tables fitted to the width: columns shrink and cells wrap; a table is never wider than the screen.

Column widths start from each column's natural width (its longest cell on one line) and, when the total does not
fit, give every column at least its longest word (capped) and share the rest in proportion to what each wants.
When even that cannot fit (many columns on a narrow screen), rows are shown as stacked "header: value" records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.style import Style

from newstui.document.model import Block, Span
from newstui.render.lines import Line, Run, append, normalize_runs, wrap_runs
from newstui.render.theme import RenderTheme

RunsOf = Callable[[Sequence[Span], Style | None], list[Run]]
_MIN_COL = 3


def _natural(runs: list[Run]) -> tuple[int, int]:
    """(one-line width, longest word) of a cell, in cells."""
    lines = wrap_runs(runs, 10_000)
    whole = max((line.width for line in lines), default=0)
    longest = 0
    for line in lines:
        for word in line.text.split(" "):
            longest = max(longest, len(word) if word.isascii() else cell_len(word))
    return whole, longest


def _widths(natural: list[int], minimum: list[int], room: int) -> list[int] | None:
    """Column widths summing to at most `room`, or None when the columns cannot fit at all."""
    if sum(natural) <= room:
        return natural
    if room < _MIN_COL * len(natural):
        return None
    floor = [min(max(m, 1), n, 24) for m, n in zip(minimum, natural, strict=True)]
    if sum(floor) > room:
        return _share(floor, room)
    spare = room - sum(floor)
    want = [n - f for n, f in zip(natural, floor, strict=True)]
    total = sum(want) or 1
    widths = [f + (spare * w) // total for f, w in zip(floor, want, strict=True)]
    leftover = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: want[i] - (widths[i] - floor[i]), reverse=True):
        if leftover <= 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            leftover -= 1
    return widths


def _share(caps: list[int], room: int) -> list[int]:
    """Fair shares of `room`, narrow columns first: a column needing less than its share gives the rest away."""
    widths = [0] * len(caps)
    left, count = room, len(caps)
    for i in sorted(range(len(caps)), key=lambda i: caps[i]):
        widths[i] = max(min(caps[i], left // count), 1)
        left -= widths[i]
        count -= 1
    return widths


def table_lines(block: Block, width: int, theme: RenderTheme, runs_of: RunsOf) -> list[Line]:
    """Lay out a table block at most `width` cells wide."""
    rows = [list(row) for row in block.rows if row]
    if not rows:
        return []
    ncols = max(len(row) for row in rows)
    header_style = theme.table_header
    cells: list[list[list[Run]]] = []
    for r, row in enumerate(rows):
        style = header_style if block.header and r == 0 else None
        cells.append([normalize_runs(runs_of(row[c], style)) if c < len(row) else [] for c in range(ncols)])
    measures = [[_natural(cell) for cell in row] for row in cells]
    natural = [max(max(m[c][0] for m in measures), 1) for c in range(ncols)]
    minimum = [max(m[c][1] for m in measures) for c in range(ncols)]
    room = width - (3 * ncols + 1)
    widths = _widths(natural, minimum, room) if room > 0 else None
    if widths is None:
        return _stacked(block, cells, width, theme)
    aligns = list(block.aligns) + [""] * ncols
    border = theme.table_border
    out = [_rule("┌", "┬", "┐", widths, border)]
    for r, cell_row in enumerate(cells):
        wrapped = [wrap_runs(cell, widths[c]) for c, cell in enumerate(cell_row)]
        height = max(len(w) for w in wrapped)
        for k in range(height):
            line = Line()
            line.add("│", border)
            for c in range(ncols):
                piece = wrapped[c][k] if k < len(wrapped[c]) else Line()
                gap = widths[c] - piece.width
                left = gap // 2 if aligns[c] == "center" else gap if aligns[c] == "right" else 0
                line.add(" " * (left + 1))
                append(line, piece)
                line.add(" " * (gap - left + 1))
                line.add("│", border)
            out.append(line)
        if block.header and r == 0 and len(cells) > 1:
            out.append(_rule("├", "┼", "┤", widths, border))
    out.append(_rule("└", "┴", "┘", widths, border))
    return out


def _rule(left: str, mid: str, right: str, widths: list[int], style: Style) -> Line:
    line = Line()
    line.add(left + mid.join("─" * (w + 2) for w in widths) + right, style)
    return line


def _stacked(block: Block, cells: list[list[list[Run]]], width: int, theme: RenderTheme) -> list[Line]:
    """Too many columns for the width: each row as "header: value" lines, rows separated by a rule."""
    header = cells[0] if block.header else None
    body = cells[1:] if block.header else cells
    out: list[Line] = []
    for r, row in enumerate(body):
        if r:
            rule = Line()
            rule.add("─" * min(width, 20), theme.table_border)
            out.append(rule)
        for c, cell in enumerate(row):
            label: list[Run] = []
            if header is not None and c < len(header):
                label = [(text, theme.table_header, None) for text, _s, _t in header[c]]
                label.append((": ", theme.table_header, None))
            out.extend(wrap_runs(label + cell, width))
    return out
