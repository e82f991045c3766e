"""The article reader: one ScrollView that draws only the visible lines of a layout computed once per width.

Like Toolong's LogLines, nothing here is a widget per block: `render_line(y)` turns the y-th visible line of a
`RenderedArticle` (rich Segments) into a Strip, adding the target highlight and find matches on top. Layout runs
again when the width changes (debounced), in a thread worker for big articles, keeping the reading position.
Links and images are targets: Tab moves a highlight through them, Enter opens; the app acts on the messages.
Drawing, find, targets and the end shown by `G` before the whole layout (the tail) are mixins in modules of their
own, on the shared base in article_base.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.timer import Timer

from newstui.document.model import Document, Target
from newstui.render.model import RenderedArticle
from newstui.safetext import clean
from newstui.ui.geometry import MIN_TEXT_WIDTH
from newstui.ui.preview import MakeTail
from newstui.ui.widgets.article_base import BIG_DOCUMENT_BLOCKS, Renderer
from newstui.ui.widgets.article_find import FindMixin
from newstui.ui.widgets.article_index import ArticleIndex
from newstui.ui.widgets.article_paint import PaintMixin
from newstui.ui.widgets.article_tail import TailMixin
from newstui.ui.widgets.article_targets import TargetsMixin
from newstui.ui.widgets.gutter_scrollbar import vertical_gutter_scrollbar
from newstui.ui.widgets.layout_cache import LayoutCache

RESIZE_DELAY = 0.12


def _empty(width: int) -> RenderedArticle:
    return RenderedArticle(width=width, lines=(), plain=())


class ArticleView(PaintMixin, TailMixin, TargetsMixin, FindMixin, ScrollView, can_focus=True):
    """Scrollable, keyboard-driven view of one article (see the module docstring)."""

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        overflow-x: hidden;
        overflow-y: scroll;  /* never a relayout for the bar: GutterScrollBar is blank while the text fits */
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    ArticleView > .article-view--target { text-style: reverse; }
    ArticleView > .article-view--match { background: $warning 40%; }
    ArticleView > .article-view--match-current { background: $warning; color: $text; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--target",
        "article-view--match",
        "article-view--match-current",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line_down", "Down", id="reader.down", show=False),
        Binding("k,up", "line_up", "Up", id="reader.up", show=False),
        Binding("space,pagedown", "page_down", "Page down", id="reader.page_down", show=False),
        Binding("b,pageup", "page_up", "Page up", id="reader.page_up", show=False),
        Binding("g,home", "top", "Top", id="reader.top", show=False),
        Binding("G,end", "bottom", "End", id="reader.bottom", show=False),
        Binding("tab", "next_target", "Next link", id="reader.next_target"),
        Binding("shift+tab", "previous_target", "Previous link", id="reader.previous_target", show=False),
        Binding("enter,o", "open_target", "Open", id="reader.open_target"),
        Binding("u", "targets", "Links", id="reader.targets"),
        Binding("t", "outline", "Outline", id="reader.outline"),
        Binding("slash", "find", "Find", id="reader.find"),
        Binding("n", "find_next", "Next match", id="reader.find_next", show=False),
        Binding("N", "find_previous", "Previous match", id="reader.find_previous", show=False),
        Binding("y", "copy_target", "Copy address", id="reader.copy_target", show=False),
        Binding("escape", "close_find", "Close find", id="reader.close_find", show=False),
    ]

    @dataclass
    class OpenTarget(Message):
        """Open an external link, image or media file (the app calls the opener)."""

        target: Target

    @dataclass
    class FollowLink(Message):
        """Open another article inside the app (the app loads it and keeps history)."""

        target: Target

    @dataclass
    class AnchorJumped(Message):
        """The view jumped inside the article (an #anchor or the outline); the app may keep it in history."""

        from_line: int
        to_line: int

    @dataclass
    class Painted(Message):
        """A frame has drawn `document` (the first one since it was shown), posted to the screen: the pause after
        a step starts once this frame is out."""

        document: Document

    @dataclass
    class ScrolledToEnd(Message):
        """The end of the article came into view (posted once per article shown)."""

    def __init__(
        self,
        *,
        renderer: Renderer | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._renderer = renderer
        self._document: Document | None = None
        self._site_root: Path | None = None
        self._rendered: RenderedArticle = _empty(0)
        self._index = ArticleIndex(self._rendered)
        self._complete = True  # False while only the first blocks of a big article are laid out
        self._generation = 0  # bumps on every show/relayout so stale thread results are dropped
        self._pending_anchor: str | None = None
        self._pending_end = False
        self._pending_line: int | None = None
        self._at_end = False  # the view shows the last line: a shorter view (the problems bar came) keeps it so
        self._end_posted = False
        self._highlight: int | None = None
        self._resize_timer: Timer | None = None
        self._laid_width = 0  # the width asked of the renderer (it may draw wider below its own minimum)
        self._layouts = LayoutCache()
        self._init_paint()
        self._init_find()
        self._init_tail()

    # ----------------------------------------------------------------------------------------------- public API

    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def rendered(self) -> RenderedArticle:
        """The current layout (for the app and tests)."""
        return self._rendered

    @property
    def highlighted(self) -> Target | None:
        """The target Tab last moved to, or None."""
        if self._document is None or self._highlight is None:
            return None
        return self._document.targets[self._highlight]

    @property
    def laid_out(self) -> bool:
        """True once the whole article (not just its first screen) is laid out at the current width."""
        return self._complete and self._laid_width == self._layout_width()

    def show(
        self,
        document: Document,
        *,
        anchor: str | None = None,
        site_root: Path | None = None,
        tail: MakeTail | None = None,
    ) -> None:
        """Lay out `document` and show it from the top (or from `anchor`).

        When `document` comes from the same source as the one shown (the rest of a first-screen Document, or a
        new parse once the site's permalinks are known or the file was edited), the view keeps its place,
        highlight and find query: a Tab pressed while the site was still loading is not lost.
        `site_root` lets image placeholders show site-relative paths. For a first-screen Document, `tail` parses
        the article's end alone (document.tail_of), so `G` shows the end before the whole text is parsed.
        """
        previous = self._document
        continuing = previous is not None and document.source is not None and previous.source == document.source
        interim = self._tail is not None and self._tail.head is not None  # the end parsed alone is on screen
        if continuing and interim and not document.complete and self._tail is not None:
            self._tail.head, self._make_tail = document, tail  # the top parsed again: `g` shows it, the end stays
        if continuing and not document.complete and (interim or (previous is not None and previous.complete)):
            # The top of the article parsed again (once the site's permalinks are known): what is on screen stays
            # (a `G` pressed meanwhile is not undone) until the new whole Document follows.
            if site_root is not None:
                self._site_root = site_root
            return
        self._make_tail, self._tail_document = (None if document.complete else tail), None
        if interim:
            self._highlight = None  # it was numbered in the tail's own Document
        if continuing and self._highlight is not None and self._highlight >= len(document.targets):
            self._highlight = None
        self._document = document
        if site_root is not None or not continuing:
            self._site_root = site_root
        if anchor is not None:
            self._pending_anchor = anchor
        if continuing:
            if self._at_end and previous is not None and previous.complete and self._complete:
                self._pending_end = True  # at the end of the whole article: at the end of its new version too
            self._layout(keep_position=True)
            return
        self._highlight = None
        self._end_posted = False
        self._pending_end = self._pending_end and previous is None  # `G` before anything was shown waits for it
        self._pending_line = None
        self._pending_anchor = anchor
        self._reset_find()
        self._layout(keep_position=False)

    def scroll_to_anchor(self, name: str) -> bool:
        """Jump to `#name` in this article; False when there is no such anchor."""
        name = name.lstrip("#")
        line = self._rendered.anchors.get(name)
        if line is None and not self._finished:
            self._pending_anchor = name
            return True
        if line is None:
            return False
        self.scroll_to_line(line)
        return True

    def scroll_to_line(self, line: int) -> None:
        """Put `line` at the top of the view (history uses this to go back).

        While only the first screen is laid out, a line further down is reached when the rest is there.
        """
        if not self._finished and line > len(self._rendered.lines) - self._view_height:
            self._pending_line = line
        self._scroll_line(line)

    def _scroll_line(self, line: int) -> None:
        self.scroll_to(y=max(0, line), animate=False, force=True)

    @property
    def _finished(self) -> bool:
        """The whole article is parsed and laid out (not only its first screen)."""
        return self._complete and self._document is not None and self._document.complete

    @property
    def top_line(self) -> int:
        return round(self.scroll_y)

    # ----------------------------------------------------------------------------------------------- layout

    def _layout_width(self) -> int:
        width = self.scrollable_content_region.width
        return max(MIN_TEXT_WIDTH, width) if width > 0 else 0

    def _layout(self, *, keep_position: bool) -> None:
        """Lay out the document at the current width, now or in a thread for a big article."""
        self._generation += 1
        generation = self._generation
        document, width = self._document, self._layout_width()
        self._laid_width = width
        if document is None:
            self._apply(_empty(width), reset=True, complete=True)
            return
        if width == 0:
            return  # laid out on the first resize, once the widget has a size
        if self._relayout_interim_tail(document, keep_position=keep_position):
            return
        tail = self._take_tail(document, keep_position=keep_position)
        position = (
            self._index.position_of(self.top_line) if keep_position and not tail and self._index.line_count else None
        )
        if len(document.blocks) <= BIG_DOCUMENT_BLOCKS:
            self._apply(self._run_renderer(document, width), position=position, reset=not keep_position, complete=True)
            return
        if not keep_position:
            first_screen = self._run_renderer(document, width, max_lines=2 * max(self.size.height, 24))
            self._apply(first_screen, reset=True, complete=False)
        else:  # what is on screen is not this Document's whole layout at this width: `G` must not stop at its end
            self._complete = False
        self.run_worker(
            lambda: self._layout_in_thread(document, width, position, generation),
            thread=True,
            exclusive=True,
            group="article-layout",
        )

    def _layout_in_thread(self, document: Document, width: int, position: int | None, generation: int) -> None:
        rendered = self._run_renderer(document, width)
        self.app.call_from_thread(self._apply, rendered, position=position, complete=True, generation=generation)

    def _run_renderer(self, document: Document, width: int, *, max_lines: int | None = None) -> RenderedArticle:
        if self._renderer is not None:
            return self._renderer(document, width, max_lines=max_lines)
        from newstui.render import default_theme, render_document  # the one renderer `newstui cat` prints with

        dark, site_root = self.app.current_theme.dark, self._site_root
        return self._layouts.get(
            document,
            (width, max_lines, dark, site_root),
            lambda: render_document(
                document, width, theme=default_theme(dark=dark), site_root=site_root, max_lines=max_lines
            ),
        )

    def _apply(
        self,
        rendered: RenderedArticle,
        *,
        position: int | None = None,
        reset: bool = False,
        complete: bool,
        generation: int | None = None,
    ) -> None:
        """Install a layout: from the top (`reset`), at a reading `position` (another width), or where it was."""
        if generation is not None and generation != self._generation:
            return  # a newer show() or resize superseded this layout
        if self._tail is not None and self._tail.head is not None and not reset:
            self._tail.top, self._tail.complete = rendered, complete  # the top's layout, behind the interim end
            return
        top = 0 if reset else self.top_line
        if self._tail is not None and not reset:  # the tail's lines are the last lines of the whole layout
            top, position = top + len(rendered.lines) - self._tail.lines, None
        self._tail = None
        self._rendered = rendered
        self._index = ArticleIndex(rendered)
        self._complete = complete
        self._strips.clear()
        self._set_virtual_size(Size(rendered.width, len(rendered.lines)))
        self._refresh_find()
        self._scroll_line(self._index.line_at(position) if position is not None else top)
        finished = self._finished
        reachable = len(rendered.lines) - self._view_height
        if self._pending_line is not None and (finished or self._pending_line <= reachable):
            line, self._pending_line = self._pending_line, None
            self._scroll_line(line)
        if self._pending_anchor is not None and (finished or self._pending_anchor in rendered.anchors):
            anchor, self._pending_anchor = self._pending_anchor, None
            self.scroll_to_anchor(anchor)
        if finished and self._pending_end:
            self._pending_end = False
            self.scroll_to(y=self.max_scroll_y, animate=False, force=True)
        self.refresh()
        self._check_end()

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        return vertical_gutter_scrollbar(self)

    def _set_virtual_size(self, size: Size) -> None:
        """Set the scrollable size without the whole-screen layout that assigning `virtual_size` asks for.

        A new article only changes this widget's scroll range, not the place of any widget, so the scrollbars are
        updated here and only this view is painted again (the scrollbar never appears or goes away: see
        GutterScrollBar).
        """
        if size == self.virtual_size:
            return
        self.set_reactive(ArticleView.virtual_size, size)
        if self.is_mounted and self.container_size:
            self._scroll_update(size)
        else:
            self.refresh(layout=True)

    def on_resize(self, event: events.Resize) -> None:
        self._place_bar()
        if self._document is None:
            return
        if self._at_end and self.scroll_y != self.max_scroll_y:  # `G` pressed before the view had its height
            self._scroll_line(self.max_scroll_y)
        if self._laid_width == 0:
            self._layout(keep_position=False)  # the first size: lay out at once
        elif self._laid_width != self._layout_width():
            if self._resize_timer is not None:
                self._resize_timer.stop()
            self._resize_timer = self.set_timer(RESIZE_DELAY, self._relayout)

    def _relayout(self) -> None:
        self._resize_timer = None
        if self._document is not None and self._laid_width != self._layout_width():
            self._layout(keep_position=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        """Colours of the layout follow the app's dark or light theme: lay out again, keeping the place."""
        self._forget_styles()
        if self._document is not None and self._laid_width:
            self._layout(keep_position=True)

    # ----------------------------------------------------------------------------------------------- scrolling

    @property
    def _view_height(self) -> int:
        """Rows of article in view (the find bar covers the last one while open)."""
        return max(1, self.scrollable_content_region.height - (1 if self._find_bar_open else 0))

    def _reveal(self, first: int, end: int) -> None:
        """Scroll so lines first..end-1 are in view, leaving the view alone when they already are."""
        top, height = self.top_line, self._view_height
        if first >= top and end <= top + height:
            return
        if first < top or end - first > height:
            self.scroll_to_line(max(0, first - 1))
        else:
            self.scroll_to_line(end - height + 1 if end - height + 1 <= first else first)

    def action_line_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False, force=True)

    def action_line_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False, force=True)

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + max(1, self._view_height - 1), animate=False, force=True)

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - max(1, self._view_height - 1), animate=False, force=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._at_end = new_value >= self.max_scroll_y > 0
        self._check_end()

    def _check_end(self) -> None:
        if self._end_posted or self._document is None or not self._index.line_count:
            return
        if not self._finished:
            return
        if self.scroll_y >= self.max_scroll_y and self.scrollable_content_region.height > 0:
            self._end_posted = True
            self.post_message(self.ScrolledToEnd())

    # ----------------------------------------------------------------------------------------------- targets

    def activate(self, target: Target) -> None:
        """Open a target: anchors jump here, other articles and external targets go to the app."""
        if target.kind == "anchor" or target.dest.startswith("#"):
            name = target.dest.lstrip("#") or target.raw.lstrip("#")
            line = self._rendered.anchors.get(name)
            if line is None:
                self.notify(f"No place named #{clean(name)} in this article.", severity="warning")
                return
            self.jump_to_line(line)
        elif target.kind == "internal":
            self.post_message(self.FollowLink(target))
        else:
            self.post_message(self.OpenTarget(target))

    def jump_to_line(self, line: int) -> None:
        """A jump inside the article (anchor, outline): scroll there and tell the app, for its history."""
        from_line = self.top_line
        self.scroll_to_line(line)
        self.post_message(self.AnchorJumped(from_line, line))
