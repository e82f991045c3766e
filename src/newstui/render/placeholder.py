"""Image and media placeholders: a framed box with a glyph, the caption, and where it points.

A terminal cannot show the picture, so the box says what it is and where it lives; the whole box is the target,
so Tab highlights it and Enter opens the file in the system viewer. A local file that is not there is marked
"missing" in words, not only in colour.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from rich.cells import cell_len, set_cell_size

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
        path = Path(target.local_path)
        if site_root is not None:
            try:
                return path.relative_to(site_root).as_posix()
            except ValueError:
                pass
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
        return Path(target.local_path).name
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
    """The framed box for an image or media target, at most `width` cells wide."""
    glyph = MEDIA_GLYPH if target.kind == "media" else IMAGE_GLYPH
    caption = clean(caption_of(target))
    location = clean(where(target, site_root))
    missing = " (missing)" if target.exists is False else ""
    want = max(cell_len(caption) + 2, cell_len(location) + cell_len(missing) + 2, _MIN_BOX - 4)
    box = min(width, want + 4)
    inner = max(box - 4, 1)
    index = target.index
    body: list[Line] = []
    text_width = max(inner - 2, 1)
    for i, piece in enumerate(wrap_runs([(caption, theme.caption, None)], text_width)):
        line = Line()
        line.add(glyph + " " if i == 0 else "  ", theme.caption)
        line.segments.extend(piece.segments)
        line.text += piece.text
        line.width += piece.width
        body.append(line)
    loc = Line()
    loc.add("  ", theme.location)
    loc.add(_shorten(location, max(text_width - cell_len(missing), 1)), theme.location)
    if missing:
        if loc.width + cell_len(missing) > inner:
            body.append(loc)
            loc = Line()
            loc.add("  ", theme.location)
        loc.add(missing.strip() if loc.width <= 2 else missing, theme.missing)
    body.append(loc)

    lines = [_edge("┌", "┐", box, theme, index)]
    for content in body:
        line = Line()
        line.add("│ ", theme.frame, index)
        for seg in content.segments:
            line.add(seg.text, seg.style, index)
        fill = inner - content.width
        if fill > 0:
            line.add(" " * fill, theme.caption, index)
        elif fill < 0:  # cannot happen with the sizes above; keep the frame whole anyway
            line = Line()
            line.add("│ ", theme.frame, index)
            line.add(set_cell_size(content.text, inner), theme.caption, index)
        line.add(" │", theme.frame, index)
        lines.append(line)
    lines.append(_edge("└", "┘", box, theme, index))
    return lines


def _edge(left: str, right: str, box: int, theme: RenderTheme, index: int) -> Line:
    line = Line()
    line.add(left + "─" * (box - 2) + right, theme.frame, index)
    return line
