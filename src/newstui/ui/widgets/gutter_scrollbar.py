"""The reader's vertical scrollbar: always there, drawn as the empty gutter while the article fits the view.

With `overflow-y: auto` Textual shows the scrollbar only when the article is taller than the view, and showing
or hiding it is a layout of the whole screen (a reflow, a repaint of every widget, and the footer laying itself
out again on the next frame): in the selection-change benchmark that happened on four steps in ten, whenever a
short article followed a long one. The reader uses `overflow-y: scroll` instead, so the scrollbar never comes or
goes, and this bar paints itself in the view's background while there is nothing to scroll: on screen it looks
exactly like the gutter `scrollbar-gutter: stable` leaves.
"""

from __future__ import annotations

from typing import cast

from rich.console import RenderableType
from textual.renderables.blank import Blank
from textual.scrollbar import ScrollBar
from textual.widget import Widget


class GutterScrollBar(ScrollBar):
    """A vertical ScrollBar that is blank (the parent's background) when its window shows everything."""

    def render(self) -> RenderableType:
        parent = self.parent
        if isinstance(parent, Widget) and self.window_virtual_size <= self.window_size:
            # A Visual, which Widget.render may return (ScrollBar's signature says rich renderables only).
            return cast(RenderableType, Blank(parent.background_colors[1]))
        return super().render()


def vertical_gutter_scrollbar(widget: Widget) -> ScrollBar:
    """Make `widget`'s vertical scrollbar a GutterScrollBar (what `Widget.vertical_scrollbar` does with a
    ScrollBar, which has no hook for the class)."""
    existing = widget._vertical_scrollbar
    if existing is not None:
        return existing
    bar = GutterScrollBar(vertical=True, name="vertical", thickness=widget.scrollbar_size_vertical)
    bar.display = False
    widget._vertical_scrollbar = bar
    widget.app._start_widget(widget, bar)
    return bar
