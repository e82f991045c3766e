"""The main screen: the article list beside (or, on narrow terminals, above) the reader.

The screen owns what the keys change: which articles are shown (filter, facet, sort), which one is read, and the
history of places. The list and the reader only draw; their keys reach the actions here through the `screen.`
namespace, so each pane's footer shows its own keys. Reading and list actions live in two mixins to keep each
module small.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from newstui.document.model import Document
from newstui.library.records import Article, Site
from newstui.library.site import Glimpse
from newstui.safetext import clean
from newstui.ui.geometry import NARROW
from newstui.ui.history import History, Place
from newstui.ui.list_rows import RowMarks
from newstui.ui.listing import Facet, Listing, SortOrder, counts_line, loading_text
from newstui.ui.preview import DocumentCache, MakeTail, is_big
from newstui.ui.problems import problems_text
from newstui.ui.screens.list_actions import ListActions
from newstui.ui.screens.reading import ReadingActions
from newstui.ui.sitelist import SiteLoader, early_batch
from newstui.ui.state import Marks, MemoryMarks
from newstui.ui.widgets.article_list import ArticleList
from newstui.ui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from newstui.ui.app import NewsApp

FIRST_PAINT_WAIT = 0.5  # seconds a big article's whole parse waits at most for its first screen to be painted
FOOTER_FIRST = ("app.quit", "app.help")  # binding ids a footer too narrow for every key shows first
FOOTER_PALETTE_CELLS = 14  # "▏^p Commands " on the footer's right
LIST_REFRESH = 0.3  # seconds between re-sorts of the list while a big site is still arriving


class Superseded(Exception):
    """A long article's preview was replaced before its whole parse began: the worker stops there."""


class ListPane(Vertical):
    """The filter field and the list; esc here clears the filter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.clear_filter", "Clear filter", show=False, id="list.clear_filter"),
    ]


class ReaderPane(Vertical):
    """The problems bar and the reader; the view's own keys come first (esc closes its find bar when open)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,left", "screen.focus_list", "List", id="reader.back_to_list"),
        Binding("right_square_bracket", "screen.next_article", "Next article", id="reader.next_article"),
        Binding("left_square_bracket", "screen.previous_article", "Previous article", id="reader.previous_article"),
        Binding("backspace,alt+left", "screen.history_back", "Back", id="reader.history_back"),
        Binding("alt+right", "screen.history_forward", "Forward", show=False, id="reader.history_forward"),
        Binding("e", "screen.edit", "Edit", id="reader.edit"),
    ]


class MainScreen(ListActions, ReadingActions, Screen[None]):
    """Header, list, reader and footer, and everything the keys do to them."""

    AUTO_FOCUS = "#list"

    def __init__(
        self, path: Path, *, open_file: Path | None = None, marks: Marks | None = None, glimpse: Glimpse | None = None
    ) -> None:
        super().__init__(id="main")
        self.path = path
        self.open_file = open_file
        self.glimpse = glimpse
        self.site: Site | None = None
        self.listing = Listing()
        self.marks: Marks = marks or MemoryMarks()
        self.documents = DocumentCache()
        self.history = History()
        self.current: Article | None = None
        self.document: Document | None = None
        self.filter_text = ""
        self.facet = Facet()
        self.order: SortOrder = "newest"
        self.load_progress = ""
        self.loaded = False  # True once every article of the site is listed
        self._unread: int | None = None  # cached count for the header
        self._early_site: Site | None = None  # the site as known before its articles were read
        self._read_timer: Timer | None = None
        self._problems_text = ""  # what the problems bar holds (shown or not)
        self._list_timer: Timer | None = None  # a pending re-sort of the list while the site loads
        self._prefetched_at = 0
        self._pause_timer: Timer | None = None

    @property
    def news_app(self) -> NewsApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="panes"):
            with ListPane(id="list-pane"):
                yield Input(placeholder="filter: title, tags, authors", id="filter")
                yield ArticleList(id="list")
            with ReaderPane(id="reader-pane"):
                yield Static(id="problems")
                yield ArticleView(id="reader")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#list", ArticleList)

    @property
    def reader(self) -> ArticleView:
        return self.query_one("#reader", ArticleView)

    def on_mount(self) -> None:
        self.title = "newstui"
        self.article_list.empty_text = "Loading…"
        self.article_list.set_marks(self._row_marks)
        self.article_list.set_highlight_handler(self._highlighted)
        # `open FILE` reads from the start: the reader has the focus at once (one footer of keys to build, not two)
        (self.reader if self.open_file is not None else self.article_list).focus()
        if self.glimpse is not None:  # the rows the first frame showed stay on screen while the site loads
            site, articles, done, total = early_batch(self.glimpse)
            self._preload_marks(articles)
            self._add_batch(site, articles, done, total)
        self._start_loading()

    # -- loading ------------------------------------------------------------------------------------------------

    def _start_loading(self) -> None:
        loader = SiteLoader(self.path, first=self.open_file, announce=self.glimpse is None)
        self.run_worker(lambda: loader.run(self._post_batch), thread=True, group="load", exit_on_error=False)

    def _post_batch(self, site: Site, batch: list[Article], done: int, total: int | None) -> None:
        """Called from the loading thread: fetch the batch's read marks there (one query, off the UI thread),
        then hand the batch to the UI thread."""
        self._preload_marks(batch)
        self.app.call_from_thread(self._add_batch, site, batch, done, total)

    def _preload_marks(self, batch: list[Article]) -> None:
        preload = getattr(self.marks, "preload", None)
        if callable(preload) and batch:
            preload(batch)

    def _add_batch(self, site: Site, batch: list[Article], done: int, total: int | None) -> None:
        """One batch of a loading site. Costs O(batch) on the UI thread, except the list's sort, which runs at
        once for the first rows and for the last batch, and at most every LIST_REFRESH seconds in between."""
        finished = total is not None and done >= total
        if self.site is None and not finished:
            self._early_site = site
        self.site = site
        self.title = clean(site.title) or site.root.name
        added = self.listing.extend(batch)
        if self._unread is not None:
            self._unread += sum(1 for article in added if not self.marks.is_read(article))
        self.load_progress = loading_text(done, total)
        self.article_list.empty_text = "Loading…" if not finished else "No articles match."
        if self.open_file is not None:
            self._open_initial(self.open_file, batch)
        if finished or not self.article_list.rows:
            self._refilter_while_loading()
        elif self._list_timer is None:
            self._list_timer = self.set_timer(LIST_REFRESH, self._refilter_while_loading)
            self.update_header()
        else:
            self.update_header()
        if finished:
            self.loaded = True
            if self.current is not None and self._early_site is not None:
                # FILE was parsed before the site's permalinks were known: parse it again with them.
                self.documents.forget(self.current.path)
                self.show_article(self.current, line=self.reader.place, record=False)
            self._early_site = None
            if self.open_file is not None:  # FILE was not among the articles: keys go where the focus is
                self.news_app.release_keys()
            for problem in site.problems[:3]:
                self.notify(clean(problem.message), title="Site", severity="warning")
            self.article_list.empty_text = "No articles." if not self.listing.articles else "No articles match."
            self.article_list.refresh()
            self.news_app.site_loaded(site, self.listing.articles)

    def _refilter_while_loading(self) -> None:
        if self._list_timer is not None:
            self._list_timer.stop()
            self._list_timer = None
        self.refilter()

    def _open_initial(self, file: Path, batch: list[Article]) -> None:
        """`newstui open FILE`: show FILE and focus the reader, once FILE has arrived (the list then keeps it
        selected, since it is the current article)."""
        target = file.resolve()
        found = self.listing.find(target)
        if found is None:
            found = next((article for article in batch if article.path.resolve() == target), None)
        if found is not None:
            self.open_file = None
            self.show_article(found)
            self.reader.focus()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The site could not be loaded at all (its folder vanished, no permission): say so, keep running."""
        worker = event.worker
        if worker.group == "load" and worker.state == WorkerState.ERROR:
            self.news_app.release_keys()
            self.load_progress = ""
            self.article_list.empty_text = "Could not load this site."
            self.article_list.refresh()
            self.notify(clean(str(worker.error)), title="Cannot load", severity="error", timeout=10)
            self.update_header()

    # -- the list -----------------------------------------------------------------------------------------------

    def _row_marks(self, article: Article) -> RowMarks:
        return RowMarks(unread=not self.marks.is_read(article), starred=self.marks.is_starred(article))

    def refilter(self, keep: Article | None = None) -> None:
        """Recompute the shown articles after a filter, facet, sort, state change or a new batch."""
        rows = self.listing.select(self.filter_text, self.facet, self.order, self.marks.is_read, self.marks.is_starred)
        self.article_list.set_rows(rows, keep=keep or self.current)
        self.update_header()

    def update_header(self, recount: bool = False) -> None:
        """Title line: counts, filter state, loading progress. Unread is counted again only when marks or the
        articles changed (`recount`), not on every keystroke of the filter."""
        total = len(self.listing.articles)
        if recount or self._unread is None:
            self._unread = sum(1 for a in self.listing.articles if not self.marks.is_read(a))
        shown = len(self.article_list.rows)
        self.sub_title = counts_line(total, self._unread, shown, self.facet, self.order, self.load_progress)

    def _highlighted(self, article: Article | None) -> None:
        """The list's cursor moved (called by the list at once, so the new row and article paint in one frame)."""
        if article is not None and (self.current is None or article.path != self.current.path):
            self.show_article(article)

    @on(ArticleList.Activated)
    def _activated(self, event: ArticleList.Activated) -> None:
        self.action_read()

    # -- the reader ---------------------------------------------------------------------------------------------

    def show_article(
        self, article: Article, *, line: int | None = None, anchor: str | None = None, record: bool = True
    ) -> None:
        """Preview `article` in the reader: at once when small or cached, else parsed in a thread worker."""
        if self.site is None:
            return
        if record:
            self.remember_position()
            self.history.visit(Place(article.path, line or 0))
        self.current = article
        cached = self.documents.cached(article.path)
        if cached is not None or not is_big(article):
            try:
                loaded, document = cached or self.documents.load(article.path, self.site)
            except Exception as error:  # a file gone or unreadable since listing
                self._show_failure(article, error)
                return
            self._display(loaded, document, line, anchor)
        else:
            self._load_big(article, self.site, line, anchor)

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _load_big(self, article: Article, site: Site, line: int | None, anchor: str | None) -> None:
        worker = get_current_worker()
        first_shown = False

        def show_first(head_article: Article, head: Document, tail: MakeTail) -> None:
            """The first screen while the rest is parsed (`tail` shows the end at once on `G`); the whole
            document then continues it in place."""
            nonlocal first_shown
            if worker.is_cancelled:
                raise Superseded
            first_shown = True
            self.app.call_from_thread(self._display, head_article, head, line, anchor, tail)
            # Let that frame (and the keys held for it, such as `G`) out before the whole parse, which holds
            # the interpreter most of the time, starts.
            painted = threading.Event()
            self.app.call_from_thread(self.call_after_refresh, painted.set)
            painted.wait(FIRST_PAINT_WAIT)
            if worker.is_cancelled:  # another article, or this one parsed again with the site's permalinks
                raise Superseded  # no whole parse nobody will see, holding the interpreter from the one that counts

        try:
            loaded, document = self.documents.load(article.path, site, first=show_first)
        except Exception as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_failure, article, error)
            return
        if not worker.is_cancelled:
            # Once the first screen is up, the reader may have scrolled: the rest must not move it back.
            if first_shown:
                line, anchor = None, None
            self.app.call_from_thread(self._display, loaded, document, line, anchor)

    def _display(
        self, article: Article, document: Document, line: int | None, anchor: str | None, tail: MakeTail | None = None
    ) -> None:
        if self.current is None or article.path != self.current.path:
            return  # the cursor moved on while this one was being read
        self.current = article
        self.document = document
        self.reader.show(document, anchor=anchor, site_root=self.site.root if self.site else None, tail=tail)
        if line:
            self.reader.scroll_to_line(line)
        self._show_problems(document)
        self.start_read_timer(article)
        if self.news_app.holding_keys:  # `newstui open FILE`: keys typed while it opened can go to the reader
            self.call_after_refresh(self._release_keys_when_laid_out)

    def _release_keys_when_laid_out(self) -> None:
        """Held keys (`newstui open FILE`) go to the reader once it has FILE laid out, so `G` finds an end."""
        if self.reader.laid_out:
            self.news_app.release_keys()
        elif self.news_app.holding_keys:
            self.set_timer(0.02, self._release_keys_when_laid_out)

    def _show_problems(self, document: Document) -> None:
        self._set_problems(problems_text(document.problems))

    def _set_problems(self, text: str) -> None:
        """Show `text` (never markup: messages quote file content) in the problems bar, or hide it when empty.

        Both `Static.update` and showing or hiding the bar lay the whole screen out again, so each is done only
        when it changes anything: moving between articles without problems then repaints the reader alone.
        """
        bar = self.query_one("#problems", Static)
        if text and text != self._problems_text:
            bar.update(Content(text))
        self._problems_text = text or self._problems_text
        if bar.display != bool(text):
            bar.display = bool(text)

    def _show_failure(self, article: Article, error: Exception) -> None:
        if self.current is None or article.path != self.current.path:
            return
        self.news_app.release_keys()  # FILE will not be shown: held keys go where the focus is
        self._set_problems(f"⚠ cannot read {clean(article.rel_path)}: {clean(str(error))}")
        self.notify(f"cannot read {clean(article.rel_path)}", severity="error")

    # -- focus and layout ---------------------------------------------------------------------------------------

    # Enter and esc move the focus at once, not after the keys already waiting (as `Widget.focus` would): keys
    # typed ahead, say Enter Tab Enter while the app starts, then reach the pane they were typed for.

    def action_read(self) -> None:
        if self.current is not None:
            self.set_focus(self.reader)

    def action_focus_list(self) -> None:
        self.set_focus(self.article_list)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        self.refresh_bindings()  # the footer may now have room for every key, or not (see active_bindings)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in effect, in the footer's order. When the footer has no room for all of them, quit and help
        go first, so they are never the ones cut off its end."""
        bindings = super().active_bindings
        if self._footer_cells(bindings) <= self.size.width:
            return bindings
        first = {key: active for key, active in bindings.items() if active.binding.id in FOOTER_FIRST}
        return {**first, **bindings}

    def _footer_cells(self, bindings: dict[str, ActiveBinding]) -> int:
        """How wide Textual's footer would be with all these keys: one per action, as "key description" with
        two cells between, and the command palette's key on the right."""
        shown: dict[str, ActiveBinding] = {}
        for active in bindings.values():
            if active.binding.show:
                shown.setdefault(active.binding.action, active)
        keys = [f"{self.app.get_key_display(a.binding)} {a.binding.description}" for a in shown.values()]
        return sum(cell_len(key) + 2 for key in keys) + 1 + FOOTER_PALETTE_CELLS

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        reading = any(node.id == "reader-pane" for node in event.widget.ancestors_with_self)
        self.set_class(reading, "-reading")
