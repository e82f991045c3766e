"""`S`: full-text search over every article, with the index brought up to date in the background.

The index (SQLite FTS5, in the cache folder) is refreshed incrementally in a thread worker the first time `S` is
pressed in a session; while it runs, a progress bar shows how far it got and results already come from what is
indexed, updated as it grows. Picking a result opens it in the reader with the matched words highlighted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from newstui.library import read_article
from newstui.library.records import Article, Site
from newstui.safetext import clean
from newstui.store import Hit, SearchIndex, Stamp

SHOWN_HITS = 100  # more would not be read; the status says when the list was cut there
Chosen = tuple[Article, tuple[str, ...]]  # the article and the matched terms, to highlight in the reader


@dataclass
class IndexKeeper:
    """The open index of one site and how far its refresh got; lives on the app so it outlasts the screen."""

    site: Site
    index: SearchIndex
    done: int = 0
    total: int = 0
    finished: bool = False
    started: bool = False
    notices: list[str] = field(default_factory=list)

    def start(self, app: App[object], articles: list[Article]) -> None:
        """Bring the index up to date in a thread worker: built the first time, then on every search only the
        files whose mtime or size changed (an edit with `e`, a `git pull` while the app runs) are read again."""
        if self.started and not self.finished:
            return  # a refresh is running; its results arrive as it goes
        self.started, self.finished, self.done = True, False, 0
        self.total = len(articles)
        site = self.site

        def progress(done: int, total: int) -> None:
            self.done, self.total = done, total

        def refresh() -> None:
            try:
                self.index.refresh(current_stamps(articles), lambda path: read_article(path, site), progress)
            finally:
                self.finished = True

        app.run_worker(refresh, thread=True, group="search-index", exit_on_error=False)


def current_stamps(articles: list[Article]) -> list[Stamp]:
    """The files' size and mtime as they are now, not as they were when the site was listed (a file gone since
    is left out, and so dropped from the index)."""
    stamps = []
    for article in articles:
        try:
            stat = os.stat(article.path)
        except OSError:
            continue
        stamps.append(Stamp(article.path, article.rel_path, stat.st_size, stat.st_mtime_ns))
    return stamps


def keeper_for(app: App[object], site: Site) -> IndexKeeper:
    """The app's index keeper for `site`, opening the index on first use."""
    keeper: IndexKeeper | None = getattr(app, "_search_keeper", None)
    if keeper is None or keeper.site.root != site.root:
        index = SearchIndex.open(site.root)
        keeper = IndexKeeper(site, index, notices=list(index.notices))
        app._search_keeper = keeper  # type: ignore[attr-defined]
    return keeper


def hit_prompt(hit: Hit) -> Text:
    """Title (matched words bold), date, and the snippet line with its matches marked."""
    title = Text(clean(hit.title) or clean(hit.rel_path), style="bold")
    for start, end in hit.title_highlights:
        title.stylize("reverse", start, end)
    if hit.date:
        title.append(f"  {hit.date[:10]}", style="dim")
    snippet = Text(clean(hit.snippet), style="dim")
    for start, end in hit.highlights:
        snippet.stylize("bold reverse", start, end)
    return Text.assemble(title, "\n", snippet)


class SearchScreen(ModalScreen[Chosen | None]):
    """A query field, the index's progress, and ranked results."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="search.close"),
        Binding("down", "move(1)", "Next result", show=False, id="search.next"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.previous"),
    ]

    DEFAULT_CSS = """
    SearchScreen { align: center middle; }
    SearchScreen > Vertical {
        width: 90%; max-width: 110; height: 80%; border: round $accent; background: $surface;
    }
    SearchScreen #search-query { border: none; height: 1; margin: 0 0 1 0; }
    SearchScreen #search-progress { height: 1; }
    SearchScreen #search-status { height: 1; color: $text-muted; padding: 0 1; }
    SearchScreen #search-hits { height: 1fr; border: none; }
    """

    def __init__(self, site: Site, articles: list[Article]) -> None:
        super().__init__()
        self.site = site
        self.articles = articles
        self.hits: list[Hit] = []
        self._debounce: Timer | None = None
        self._seen_done = -1

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Search all articles"
            box.border_subtitle = "enter opens · esc closes"
            yield Input(placeholder="words to find (every word must match)", id="search-query")
            yield ProgressBar(total=max(1, len(self.articles)), show_eta=False, id="search-progress")
            yield Static("", id="search-status")
            yield OptionList(id="search-hits")

    def on_mount(self) -> None:
        self.keeper = keeper_for(self.app, self.site)
        for notice in self.keeper.notices:
            self.notify(clean(notice), severity="warning")
        self.keeper.notices.clear()
        self.keeper.start(self.app, self.articles)
        self.query_one("#search-query", Input).focus()
        self._poll()
        self.set_interval(0.1, self._poll)

    def _poll(self) -> None:
        """Show the index's progress; search again as more of it becomes available."""
        bar = self.query_one("#search-progress", ProgressBar)
        keeper = self.keeper
        bar.update(total=max(1, keeper.total), progress=keeper.done if not keeper.finished else keeper.total)
        bar.display = not keeper.finished
        if keeper.done != self._seen_done or (keeper.finished and self._seen_done != -2):
            self._seen_done = -2 if keeper.finished else keeper.done
            self._search()

    @on(Input.Changed, "#search-query")
    def _changed(self, event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(0.08, self._search)

    def _search(self) -> None:
        text = self.query_one("#search-query", Input).value
        self.hits = self.keeper.index.search(text, limit=SHOWN_HITS) if text.strip() else []
        options = self.query_one("#search-hits", OptionList)
        options.clear_options()
        options.add_options([Option(hit_prompt(hit)) for hit in self.hits])
        if self.hits:
            options.highlighted = 0
        count = f"the best {SHOWN_HITS}" if len(self.hits) >= SHOWN_HITS else str(len(self.hits))
        status = "" if not text.strip() else f"{count} result{'s' if len(self.hits) != 1 else ''}"
        if not self.keeper.finished:
            status += f"  (indexing {self.keeper.done:,} of {self.keeper.total:,}…)"
        self.query_one("#search-status", Static).update(status.strip())

    def action_move(self, step: int) -> None:
        options = self.query_one("#search-hits", OptionList)
        if not self.hits:
            return
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(len(self.hits) - 1, current + step))

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        index = self.query_one("#search-hits", OptionList).highlighted
        if index is not None and index < len(self.hits):
            self._choose(self.hits[index])

    @on(OptionList.OptionSelected, "#search-hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(self.hits[event.option_index])

    def _choose(self, hit: Hit) -> None:
        by_path = {str(a.path): a for a in self.articles}
        article = by_path.get(str(hit.path))
        if article is None:
            try:
                article = read_article(hit.path, self.site)[0]
            except Exception:
                self.notify(f"cannot open {clean(hit.rel_path)}", severity="error")
                return
        self.dismiss((article, tuple(dict.fromkeys((*hit.matched, *hit.terms)))))

    def action_cancel(self) -> None:
        self.dismiss(None)
