"""A small screen model for the first frame's tests: the text a terminal shows after a stream of escape sequences.

Only cursor positioning and SGR (plus the screen modes the frame sets) are expected; anything else, a raw control
character, or text past the right edge fails the test that drew it.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

CSI = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])")


def painted(frame: str, columns: int, rows: int) -> list[str]:
    """The text a terminal shows after `frame`: only cursor positioning and SGR are expected, anything else fails."""
    grid = [[" "] * columns for _ in range(rows)]
    row = column = 0
    position = 0
    for match in CSI.finditer(frame):
        column = _put(grid, row, column, frame[position : match.start()])
        params, final = match.groups()
        if final == "H":
            row, column = (int(n) - 1 for n in (params or "1;1").split(";"))
        else:
            assert final in "mhlJ", f"unexpected escape sequence {match.group()!r}"
        position = match.end()
    _put(grid, row, column, frame[position:])
    return ["".join(cells).rstrip() for cells in grid]


def _put(grid: list[list[str]], row: int, column: int, text: str) -> int:
    assert "\x1b" not in text and all(ch >= " " for ch in text), f"raw control characters in {text!r}"
    for char in text:
        width = cell_len(char)
        if width == 0:
            grid[row][column - 1] += char
            continue
        assert column + width <= len(grid[row]), f"text runs past the right edge on row {row}"
        grid[row][column] = char
        for extra in range(1, width):
            grid[row][column + extra] = ""
        column += width
    return column


def region(lines: list[str], left: int, width: int, top: int, height: int) -> list[str]:
    """The rows top..top+height of `lines`, cut to the columns left..left+width (cells of one-cell text)."""
    return [_cells(line, left, width) for line in lines[top : top + height]]


def _cells(line: str, left: int, width: int) -> str:
    out, column = [], 0
    for char in line:
        size = cell_len(char)
        if left <= column < left + width:
            out.append(char)
        column += size
    return "".join(out).rstrip()
