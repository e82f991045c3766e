"""Image and media placeholders: a framed box with a glyph, the caption, and where it points.

A terminal cannot show the picture, so the box says what it is and where it lives; the whole box is the target,
so Tab highlights it and Enter opens the file in the system viewer. A local file that is not there is marked
"missing" in words, not only in colour.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style

from newstui.document.model import Target
from newstui.render.lines import Line, wrap_runs
from newstui.render.theme import RenderTheme
from newstui.safetext import clean

IMAGE_GLYPH = "▣"
MEDIA_GLYPH = "▶"
_MIN_BOX = 24


def where(target: Target, site_root: Path | None = None) -> str:
    """Where a target points, short: a site-relative path for local files, the host for URLs."""
    if target.local_path is not None:
        path = target.local_path
        if site_root is not None:
            root, full = str(site_root).rstrip("/\\") + os.sep, str(path)
            if full.startswith(root):
                return full[len(root) :].replace(os.sep, "/")
        raw = target.raw.strip()
        if raw and "{" not in raw and "://" not in raw:
            return unquote(raw.split("#")[0].split("?")[0]).lstrip("/")
        return path.as_posix()
    parts = urlsplit(target.dest or target.raw)
    if parts.hostname:
        return parts.hostname
    return target.dest or target.raw


def caption_of(target: Target) -> str:
    """The caption: the target's text, else the file name it points to."""
    text = " ".join(target.text.split())
    if text:
        return text
    if target.local_path is not None:
        return os.path.basename(target.local_path)
    name = PurePosixPath(urlsplit(target.dest or target.raw).path).name
    return unquote(name) or target.dest or target.raw


def _shorten(text: str, cells: int) -> str:
    """Cut `text` to `cells` cells, keeping its end (the file name) behind a leading ellipsis."""
    if cell_len(text) <= cells:
        return text
    if cells <= 1:
        return "…"[:cells]
    tail = text[-cells:]
    while cell_len(tail) > cells - 1:
        tail = tail[1:]
    return "…" + tail


def placeholder_lines(target: Target, width: int, theme: RenderTheme, site_root: Path | None = None) -> list[Line]:
    """The framed box for an image or media target, at most `width` cells wide; every line is the target."""
    glyph = MEDIA_GLYPH if target.kind == "media" else IMAGE_GLYPH
    caption = clean(caption_of(target))
    location = clean(where(target, site_root))
    missing = " (missing)" if target.exists is False else ""
    caption_cells, location_cells = cell_len(caption), cell_len(location)
    want = max(caption_cells + 2, location_cells + len(missing) + 2, _MIN_BOX - 4)
    box = min(width, want + 4)
    inner = max(box - 4, 1)
    text_width = max(inner - 2, 1)
    if caption_cells <= text_width:
        pieces = [(caption, caption_cells)]
    else:
        pieces = [(line.text, line.width) for line in wrap_runs([(caption, theme.caption, None)], text_width)]
    body: list[list[tuple[str, Style, int]]] = [
        [(("  " if i else glyph + " ") + text, theme.caption, cells + 2)] for i, (text, cells) in enumerate(pieces)
    ]
    shown = _shorten(location, max(text_width - len(missing), 1))
    place = [("  " + shown, theme.location, cell_len(shown) + 2)]
    if missing:
        if place[0][2] + len(missing) > inner:
            body.append(place)
            place = [("  " + missing.strip(), theme.missing, len(missing) + 1)]
        else:
            place.append((missing, theme.missing, len(missing)))
    body.append(place)

    index = target.index
    edge = "─" * (box - 2)
    lines = [Line([Segment("┌" + edge + "┐", theme.frame)], "┌" + edge + "┐", box, [(index, 0, box)])]
    left, right = Segment("│ ", theme.frame), Segment(" │", theme.frame)
    for pieces_of_line in body:
        used = sum(cells for _t, _s, cells in pieces_of_line)
        segments = [left, *(Segment(text, style) for text, style, _c in pieces_of_line)]
        text = "│ " + "".join(text for text, _s, _c in pieces_of_line)
        if used < inner:
            segments.append(Segment(" " * (inner - used), theme.caption))
            text += " " * (inner - used)
        elif used > inner:  # cannot happen with the sizes above; keep the frame whole anyway
            text = "│ " + set_cell_size(text[2:], inner)
            segments = [left, Segment(text[2:], theme.caption)]
        segments.append(right)
        lines.append(Line(segments, text + " │", box, [(index, 0, box)]))
    lines.append(Line([Segment("└" + edge + "┘", theme.frame)], "└" + edge + "┘", box, [(index, 0, box)]))
    return lines
