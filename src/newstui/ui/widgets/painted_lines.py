"""Lines as they go to the screen (after Textual's styles and line filters), kept by what each line shows.

Textual turns each line a widget draws into the line the screen gets (padding, the widget's background, the
colour filter, then cut at the edges of the widgets beside and on top of it) every time the line is repainted,
whether or not it shows anything new: about 100 µs a line. Scrolling the list by one row repaints every row in
view, each showing a row that was on screen a moment before one line lower. With the finished line kept by what it
shows (the row's article, the cursor, its marks, the width), a row that scrolls is the same Strip object as before,
and Textual's own per-Strip caches (filter, division at the widgets' edges) answer for it too.

Only the widget knows what a line shows, so it passes one key per line (None: do not keep that line), with an
object the key names by `id()` (an article): it is kept with the line, so that id cannot be reused. Everything
else a finished line depends on is part of the key here: the columns asked for, the widget's size, its background
and its parent's, the app's line filters (a new theme makes new ones) and the opacity. A change of the widget's own
styles must `clear()` the kept lines.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

SIZE = 1024  # finished lines kept per widget


class PaintedLines:
    """The finished lines of one widget, most recently used kept."""

    def __init__(self, size: int = SIZE) -> None:
        self._lines: LRUCache[Hashable, tuple[object, Strip]] = LRUCache(size)

    def clear(self) -> None:
        self._lines.clear()

    @staticmethod
    def _context(widget: Widget, crop: Region) -> Hashable:
        return (
            crop.x,
            crop.width,
            widget.size,
            widget.background_colors,
            tuple(widget.get_line_filters()),
            widget.opacity,
        )

    def keep(
        self, widget: Widget, crop: Region, keys: Sequence[tuple[Hashable, object]], strips: Sequence[Strip]
    ) -> None:
        """Keep finished lines made ahead of time (for lines `render` will be asked for with `crop`'s columns)."""
        context = self._context(widget, crop)
        for (key, keep), strip in zip(keys, strips, strict=True):
            self._lines[(context, key)] = (keep, strip)

    def render(
        self,
        widget: Widget,
        crop: Region,
        keys: Sequence[tuple[Hashable, object] | None],
        render: Callable[[Region], list[Strip]],
    ) -> list[Strip]:
        """The lines of `crop` (one (key, object) per line of it): kept ones as they are, the others from
        `render` (`Widget.render_lines`), in runs of adjacent lines so its fixed cost is paid once per run."""
        context = self._context(widget, crop)
        get = self._lines.get
        found: list[Strip | None] = []
        for line in keys:
            kept = None if line is None else get((context, line[0]))
            found.append(kept[1] if kept is not None and line is not None and kept[0] is line[1] else None)
        y = 0
        while y < len(found):
            if found[y] is not None:
                y += 1
                continue
            end = y + 1
            while end < len(found) and found[end] is None:
                end += 1
            fresh = render(Region(crop.x, crop.y + y, crop.width, end - y))
            for offset, strip in enumerate(fresh):
                found[y + offset] = strip
                line = keys[y + offset]
                if line is not None:
                    self._lines[(context, line[0])] = (line[1], strip)
            y = end
        return [strip if strip is not None else Strip.blank(crop.width) for strip in found]
