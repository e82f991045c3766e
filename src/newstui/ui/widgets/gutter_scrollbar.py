"""The scrollbars of the list and the reader: they repaint only the cells that change, and the reader's is always
there, drawn as the empty gutter while the article fits the view.

Textual repaints every line of a ScrollBar whenever one of its values is set, and a line of any widget costs about
50 µs on the way to the screen whatever it holds: 2 ms for a 38-line bar, on every selection change (the reader's
bar gets a new size and goes back to the top) and on every row the list scrolls (its thumb moves by a fraction of a
cell). `LineScrollBar` works out what each of its lines shows and repaints only the lines that differ, which for
those changes is the few lines at the ends of the thumb.

With `overflow-y: auto` Textual shows the reader's scrollbar only when the article is taller than the view, and
showing or hiding it is a layout of the whole screen (a reflow, a repaint of every widget, and the footer laying
itself out again on the next frame): in the selection-change benchmark that happened on four steps in ten, whenever
a short article followed a long one. The reader uses `overflow-y: scroll` instead, so the scrollbar never comes or
goes, and `GutterScrollBar` paints itself in the view's background while there is nothing to scroll: on screen it
looks exactly like the gutter `scrollbar-gutter: stable` leaves.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import cast

from rich.color import Color
from rich.console import RenderableType
from textual.geometry import Region, Size
from textual.renderables.blank import Blank
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget

Lines = tuple[Size, tuple[Hashable, ...]]  # the bar's size, and what each of its lines shows
MAX_STRIPS = 256  # drawn lines kept per bar (the glyphs and colours of one bar make a few dozen)


class LineScrollBar(ScrollBar):
    """A vertical ScrollBar that repaints only the lines whose cells changed since they were last drawn."""

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1) -> None:
        super().__init__(vertical, name, thickness=thickness)
        self._lines: Lines | None = None  # what the lines show as far as the last refresh knows; None: unknown
        self._strips: dict[Hashable, Strip] = {}  # a drawn line for each thing a line can show (a dozen or so)

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> LineScrollBar:
        if regions or layout or recompose or not repaint or not self.is_mounted or not self.vertical:
            self._lines = None
            super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
            return self
        before, now = self._lines, self._shown_lines()
        self._lines = now
        if before is None or now is None or before[0] != now[0]:
            super().refresh()  # a new size, or nothing known: every line
            return self
        width = now[0].width
        changed = [
            Region(0, y, width, 1) for y, (old, new) in enumerate(zip(before[1], now[1], strict=True)) if old != new
        ]
        if changed:
            super().refresh(*changed)
        return self

    def notify_style_update(self) -> None:
        # New colours for every line (a theme, the focus): the lines' keys below do not carry the widget's style.
        self._lines = None
        self._strips.clear()
        super().notify_style_update()
        super().refresh()

    def render_line(self, y: int) -> Strip:
        """The line as drawn before for what it shows now: Textual draws a bar by rendering all of it (a rich
        renderable through the console, about 1 ms) whenever any of it changed."""
        lines = self._lines
        if lines is None or lines[0] != self.size or not 0 <= y < len(lines[1]):
            return super().render_line(y)
        key = lines[1][y]
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) >= MAX_STRIPS:
                self._strips.clear()
            strip = self._strips[key] = super().render_line(y)
        return strip

    def _shown_lines(self) -> Lines | None:
        """What each line of the bar shows, from the same renderable Textual paints; None when it cannot say."""
        size = self.size
        if not size or self.parent is None:
            return None
        renderable = self.render()
        if isinstance(renderable, Blank):
            return size, (renderable._rich_style,) * size.height
        if type(renderable) is not ScrollBarRender:
            return None  # another renderer (ScrollBar.renderer can be set): repaint it all
        style = self.app.console.get_style(renderable.style)
        bar = renderable.render_bar(
            size=size.height,
            window_size=renderable.window_size,
            virtual_size=renderable.virtual_size,
            position=renderable.position,
            vertical=True,
            thickness=size.width,
            back_color=style.bgcolor or Color.parse("#555555"),
            bar_color=style.color or Color.parse("bright_magenta"),
        )
        segments = bar.segments
        if len(segments) != size.height:
            return None
        return size, tuple(segments)


class GutterScrollBar(LineScrollBar):
    """A vertical LineScrollBar that is blank (the parent's background) when its window shows everything."""

    def render(self) -> RenderableType:
        parent = self.parent
        if isinstance(parent, Widget) and self.window_virtual_size <= self.window_size:
            # A Visual, which Widget.render may return (ScrollBar's signature says rich renderables only).
            return cast(RenderableType, Blank(parent.background_colors[1]))
        return super().render()


def vertical_line_scrollbar(widget: Widget, kind: type[LineScrollBar] = LineScrollBar) -> ScrollBar:
    """Make `widget`'s vertical scrollbar a `kind` of LineScrollBar (what `Widget.vertical_scrollbar` does with a
    ScrollBar, which has no hook for the class)."""
    existing = widget._vertical_scrollbar
    if existing is not None:
        return existing
    bar = kind(vertical=True, name="vertical", thickness=widget.scrollbar_size_vertical)
    bar.display = False
    widget._vertical_scrollbar = bar
    widget.app._start_widget(widget, bar)
    return bar


def vertical_gutter_scrollbar(widget: Widget) -> ScrollBar:
    """Make `widget`'s vertical scrollbar a GutterScrollBar."""
    return vertical_line_scrollbar(widget, GutterScrollBar)
