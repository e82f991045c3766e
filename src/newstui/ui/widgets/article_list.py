"""The article list: one line per article (marks, date, title, tags), drawn only for the rows in view.

A `ScrollView` with `render_line`, like Toolong's log view: a 10,000-article site costs the same to draw as a
10-article one, and rows can be appended while the rest of a big site is still loading. The list owns only the
cursor; what a key does to the site (filter, sort, read state) is an action on the screen, reached through the
`screen.` namespace so the bindings live here and show in the footer only while the list has focus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from newstui.library.records import Article
from newstui.ui.list_rows import RowMarks, row_parts
from newstui.ui.widgets.gutter_scrollbar import vertical_line_scrollbar
from newstui.ui.widgets.painted_lines import PaintedLines


def _no_marks(article: Article) -> RowMarks:
    return RowMarks()


class ArticleList(ScrollView, can_focus=True):
    """The list of articles with a cursor; tells the handler given to `set_highlight_handler` when the cursor
    moves, and posts `Activated` on enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("enter,l,right", "screen.read", "Read", key_display="⏎", id="list.read"),
        Binding("slash", "screen.filter", "Filter", id="list.filter"),
        Binding("S", "screen.search", "Search", id="list.search"),
        Binding("s", "screen.cycle_sort", "Sort", id="list.sort"),
        Binding("f", "screen.facet", "Show only", id="list.facet"),
        Binding("m", "screen.toggle_read", "Read/unread", id="list.toggle_read"),
        Binding("M", "screen.mark_all_read", "All read", id="list.mark_all_read"),
        Binding("asterisk", "screen.toggle_star", "Star", id="list.star"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--date",
        "article-list--tags",
        "article-list--unread",
        "article-list--starred",
        "article-list--problem",
        "article-list--empty",
    }

    DEFAULT_CSS = """
    ArticleList { overflow-x: hidden; }
    ArticleList > .article-list--cursor { background: $block-cursor-blurred-background; }
    ArticleList:focus > .article-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    ArticleList > .article-list--date { color: $text-muted; }
    ArticleList > .article-list--tags { color: $text-secondary; }
    ArticleList > .article-list--unread { color: $accent; text-style: bold; }
    ArticleList > .article-list--starred { color: $warning; }
    ArticleList > .article-list--problem { color: $error; text-style: bold; }
    ArticleList > .article-list--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=False, init=False, repaint=False)  # watch_cursor paints 2 rows

    class Activated(Message):
        """Enter or a second click on `article`: read it."""

        def __init__(self, article: Article) -> None:
            self.article = article
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[Article] = []
        self._marks: Callable[[Article], RowMarks] = _no_marks
        self._on_highlight: Callable[[Article | None], None] | None = None
        self._styles: dict[str, Style] = {}  # resolved once per style change, not once per drawn line
        # Drawn rows: scrolling the list by one row draws every row in view again, the same as before.
        self._drawn: LRUCache[tuple[int, int, bool, RowMarks], tuple[Article, Strip]] = LRUCache(1024)
        self._painted = PaintedLines()  # the same rows as they went to the screen
        self.empty_text = "No articles."

    # -- data ---------------------------------------------------------------------------------------------------

    @property
    def rows(self) -> list[Article]:
        """The articles shown, in order."""
        return self._rows

    @property
    def selected(self) -> Article | None:
        """The article under the cursor, if any."""
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    def set_marks(self, marks: Callable[[Article], RowMarks]) -> None:
        """Where the read and starred marks come from (the screen's state store)."""
        self._marks = marks
        self.refresh()

    def set_highlight_handler(self, handler: Callable[[Article | None], None] | None) -> None:
        """Call `handler` with the article under the cursor as soon as the cursor moves (None when the list is empty).

        The screen shows that article in the reader. A message would reach the screen only after it had passed up
        through the list's containers, while the list's own repaint of its two rows went to the screen directly:
        the screen could then paint the moved cursor alone and the new article only in the frame after (one step
        in ten of the selection-change benchmark, each costing a frame). Called at once, both are in one frame.
        """
        self._on_highlight = handler

    def _announce(self) -> None:
        if self._on_highlight is not None:
            self._on_highlight(self.selected)

    def set_rows(self, rows: Sequence[Article], keep: Article | None = None) -> None:
        """Show `rows`; keep the cursor on `keep` (or the current article) when it is still there."""
        keep = keep or self.selected
        self._rows = list(rows)
        index = 0
        if keep is not None:
            for position, article in enumerate(self._rows):
                if article.path == keep.path:
                    index = position
                    break
        self.virtual_size = Size(self.size.width, len(self._rows))
        moved = index != self.cursor or self.selected is not keep
        self.set_reactive(ArticleList.cursor, index)
        self.scroll_to_cursor(animate=False)
        self.refresh()
        if moved or keep is None:
            self._announce()

    def index_of(self, article: Article) -> int | None:
        """Where `article` (matched by path) is in the list, or None when filtered out."""
        for position, row in enumerate(self._rows):
            if row.path == article.path:
                return position
        return None

    def refresh_article(self, article: Article) -> None:
        """Redraw the row of `article` (its marks changed), if it is shown."""
        index = self.index_of(article)
        if index is not None:
            self.refresh_line(index)

    def select_article(self, article: Article) -> bool:
        """Move the cursor to `article`; False when it is not in the list."""
        index = self.index_of(article)
        if index is None:
            return False
        self.cursor = index
        return True

    # -- cursor -------------------------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._announce()
        self.scroll_to_cursor()
        self.refresh_line(old)
        self.refresh_line(new)

    def scroll_to_cursor(self, animate: bool = False) -> None:
        """Keep the cursor row in view, scrolling as little as possible."""
        height = max(1, self.size.height)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=animate, immediate=True, force=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=animate, immediate=True, force=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height - 1)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """A scrollbar that repaints only the cells its thumb moved over when the list scrolls by a row."""
        return vertical_line_scrollbar(self)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._rows))
        self.scroll_to_cursor()

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + round(self.scroll_y)
        if 0 <= index < len(self._rows):
            again = index == self.cursor
            self.cursor = index
            if again and event.chain >= 2:
                self.post_message(self.Activated(self._rows[index]))

    # -- drawing ------------------------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        self._forget_styles()
        super().notify_style_update()

    def on_focus(self, event: events.Focus) -> None:
        self._forget_styles()  # the cursor colour differs with focus

    def on_blur(self, event: events.Blur) -> None:
        self._forget_styles()

    def _forget_styles(self) -> None:
        self._styles.clear()
        self._drawn.clear()
        self._painted.clear()

    def _style(self, name: str) -> Style:
        """The widget's style ("") or a part's style on top of it, resolved once until the styles change."""
        style = self._styles.get(name)
        if style is None:
            base = self.rich_style
            style = base if not name else base + self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        """Rows as they went to the screen before when they show the same (see PaintedLines): the list scrolls
        by a row each step once the cursor reaches its last visible row, and every row in view is repainted."""
        top, rows, width = round(self.scroll_y), self._rows, self.row_width
        keys: list[tuple[tuple[int, int, bool, RowMarks], Article] | None] = []
        for y in crop.line_range:
            index = top + y
            if 0 <= index < len(rows):
                article = rows[index]
                keys.append(((id(article), width, index == self.cursor, self._marks(article)), article))
            else:
                keys.append(None)
        return self._painted.render(self, crop, keys, super().render_lines)

    @property
    def row_width(self) -> int:
        """Cells a row has: the list's width less its scrollbar, so a cut title keeps its ellipsis."""
        return self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_y)
        width = self.row_width
        base = self._style("")
        if not self._rows:
            if y == 0:
                style = self._style("article-list--empty")
                return Strip([Segment(set_cell_size(f" {self.empty_text}", width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        cursor = index == self.cursor
        article = self._rows[index]
        marks = self._marks(article)
        key = (id(article), width, cursor, marks)
        drawn = self._drawn.get(key)
        if drawn is not None and drawn[0] is article:
            return drawn[1]
        row_style = self._style("article-list--cursor") if cursor else base
        strip = Strip(self._row_segments(article, marks, width, row_style, cursor), width)
        self._drawn[key] = (article, strip)
        return strip

    def _row_segments(self, article: Article, marks: RowMarks, width: int, row: Style, cursor: bool) -> list[Segment]:
        # On the cursor row keep the cursor colours; elsewhere each part has its own colour (the title none).
        return [
            Segment(text, row if cursor or part == "title" else self._style(f"article-list--{part}"))
            for text, part in row_parts(article, marks, width)
        ]
