"""Drawing the article reader's lines: a mixin of ArticleView, kept apart so each module stays small.

`render_line(y)` turns the y-th visible line of the layout into a Strip in the view's style, with the highlighted
target and find matches on top; `render_lines` hands over lines as they went to the screen before when they show
the same (PaintedLines), and `prepare` makes the first screen of the next article ahead, through Textual's own
(private) StylesCache, so the frame that shows it does not style, pad and filter every line then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual._styles_cache import StylesCache
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip

from newstui.document.model import Document
from newstui.render.model import RenderedArticle
from newstui.ui.widgets.article_base import BIG_DOCUMENT_BLOCKS, ArticlePart
from newstui.ui.widgets.painted_lines import PaintedLines

if TYPE_CHECKING:
    from newstui.ui.widgets.article_view import ArticleView


class PaintMixin(ArticlePart):
    """The reader's lines, their caches and the styles they are drawn in; ArticleView supplies the layout."""

    if TYPE_CHECKING:
        Painted: type[ArticleView.Painted]

        def _layout_width(self) -> int: ...
        def _run_renderer(self, document: Document, width: int, *, max_lines: int | None = None) -> RenderedArticle: ...
        def _match_marks(self, line: int) -> list[tuple[int, int, Style]]: ...

    def _init_paint(self) -> None:
        self._painted_document: Document | None = None
        self._painted = PaintedLines()  # lines as they went to the screen, by layout, line, scroll and width
        self._strips: LRUCache[int, Strip] = LRUCache(2048)
        self._styles: dict[str, Style] = {}  # resolved styles: `rich_style` costs ~0.5 ms, render_line runs per line

    def prepare(self, document: Document) -> None:
        """Lay out `document` at the current width now, ahead of `show` (the layout is kept), for the article the
        screen expects to show next; big ones are left to `show`, which lays them out in a thread."""
        width = self._layout_width()
        if width and self._renderer is None and len(document.blocks) <= BIG_DOCUMENT_BLOCKS:
            self._paint_ahead(self._run_renderer(document, width))

    def _paint_ahead(self, rendered: RenderedArticle) -> None:
        """Make the first screen of `rendered` as Textual would paint it (the same StylesCache, this view's styles
        and filters) and keep it, so the frame that shows it hands those lines over instead of styling, padding
        and filtering every line then (3-4 ms of a frame)."""
        if not self.is_mounted or not self.size or self.scrollable_content_region.width != rendered.width:
            return
        width, base, styles = rendered.width, self._style(), self.styles
        plain = (
            self._plain_strip(rendered, line, width, base) for line in range(min(self.size.height, len(rendered.lines)))
        )
        # as render_line hands them to Textual
        lines = [strip if strip.cell_length == width else strip.crop_extend(0, width, base) for strip in plain]
        if not lines or styles.gutter.top or self.text_selection is not None:
            return
        base_background, background = self.background_colors
        crop = Region(0, 0, self.region.width, len(lines))
        strips = StylesCache().render(
            styles,
            self.region.size,
            base_background,
            background,
            lines.__getitem__,
            self.get_line_filters(),
            None,
            None,
            content_size=self.content_region.size,
            padding=styles.padding,
            crop=crop,
            opacity=self.opacity,
            ansi_theme=self.app.ansi_theme,
            native_ansi=self.app.native_ansi_color,
        )
        keys = [((id(rendered), line, 0, width), rendered) for line in range(len(lines))]
        self._painted.keep(self, crop, keys, strips)

    def notify_style_update(self) -> None:
        self._forget_styles()
        super().notify_style_update()

    def on_focus(self, event: events.Focus) -> None:
        self._forget_styles()  # a theme may style the focused view differently

    def on_blur(self, event: events.Blur) -> None:
        self._forget_styles()

    def _forget_styles(self) -> None:
        self._styles.clear()
        self._strips.clear()  # cached strips carry the old base style
        self._painted.clear()
        self.refresh()

    def _style(self, name: str = "") -> Style:
        """The view's own style (""), or a part's partial style, resolved once until styles, theme or focus
        change (see `_forget_styles`)."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style if not name else self.get_component_rich_style(name, partial=True)
            self._styles[name] = style
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lines as they went to the screen before when they show the same (see PaintedLines): scrolling by a
        line hands over all the others, and a first screen made ahead (`prepare`) is handed over whole."""
        if self._document is not self._painted_document:
            self._painted_document = self._document
            if self._document is not None:
                # To the screen itself: bubbling up three containers would reach it only after the next key.
                self.screen.post_message(self.Painted(self._document))
        scroll_x, scroll_y = self.scroll_offset
        rendered, width = self._rendered, self.scrollable_content_region.width
        keys: list[tuple[tuple[int, int, int, int], RenderedArticle] | None] = []
        for y in crop.line_range:
            line = scroll_y + y
            plain = line < len(rendered.lines) and not self._decorated(line)
            keys.append(((id(rendered), line, scroll_x, width), rendered) if plain else None)
        return self._painted.render(self, crop, keys, super().render_lines)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        width = self.scrollable_content_region.width
        base = self._style()
        if line >= len(self._rendered.lines):
            return Strip.blank(width, base)
        strip = self._strips.get(line)
        if strip is None:
            strip = self._strips[line] = self._plain_strip(self._rendered, line, width, base)
        strip = self._decorate(strip, line)
        if scroll_x == 0 and strip.cell_length == width:
            return strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    @staticmethod
    def _plain_strip(rendered: RenderedArticle, line: int, width: int, base: Style) -> Strip:
        """One Strip per line, already in the view's style and padded to its width: Textual makes several more per
        line on the way to the screen, and a new article repaints every line of the view."""
        segments = list(Segment.apply_style(rendered.lines[line], base))
        length = Segment.get_line_length(segments)
        if length < width:
            segments.append(Segment(" " * (width - length), base))
        return Strip(segments, max(length, width))

    def _decorated(self, line: int) -> bool:
        """Whether a find match or the highlighted target is on this line."""
        if self._match_marks(line):
            return True
        return self._highlight is not None and any(
            span.target == self._highlight for span in self._index.spans_by_line.get(line, ())
        )

    def _decorate(self, strip: Strip, line: int) -> Strip:
        """Reverse the highlighted target's cells and mark find matches on this line."""
        marks: list[tuple[int, int, Style]] = self._match_marks(line)
        if self._highlight is not None:
            target_style = self._style("article-view--target")
            for span in self._index.spans_by_line.get(line, ()):
                if span.target == self._highlight:
                    marks.append((span.start, span.end, target_style))
        for start, end, style in marks:
            strip = _restyle(strip, start, end, style)
        return strip

    def _refresh_decorations(self) -> None:
        self.refresh()


def _restyle(strip: Strip, start: int, end: int, style: Style) -> Strip:
    """Apply `style` on top of cells start..end-1 of a strip."""
    start, end = max(0, start), min(end, strip.cell_length)
    if start >= end:
        return strip
    before, middle, after = strip.crop(0, start), strip.crop(start, end), strip.crop(end, strip.cell_length)
    middle = Strip([Segment(text, (seg_style or Style()) + style) for text, seg_style, _ in middle])
    return Strip.join([before, middle, after])
