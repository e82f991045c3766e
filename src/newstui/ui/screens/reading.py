"""What happens while reading: `]` `[` between articles, history, `e` edit, read after 2 s or at the end,
and the reader's messages (open a target, follow a link to another article, an anchor jump).

A mixin of the main screen, kept in its own module so each stays small.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textual import on
from textual.app import SuspendNotSupported
from textual.screen import Screen
from textual.timer import Timer

from newstui.document.model import Document
from newstui.library.records import Article, Site
from newstui.safetext import clean
from newstui.ui.collector import PAUSE, collect_all, collect_young
from newstui.ui.history import History, Place
from newstui.ui.listing import Listing
from newstui.ui.preview import DocumentCache
from newstui.ui.state import Marks
from newstui.ui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from newstui.ui.widgets.article_list import ArticleList

READ_AFTER = 2.0  # seconds an article must stay open to count as read
READ_AHEAD_AT_MOST = 32 * 1024  # bytes: longer articles are not read ahead on the UI thread


class ReadingActions(Screen[None]):
    """Reader actions of `MainScreen`; the attributes below are set by its constructor."""

    site: Site | None
    listing: Listing
    marks: Marks
    documents: DocumentCache
    history: History
    current: Article | None
    document: Document | None
    _read_timer: Timer | None
    _unread: int | None
    _prefetched_at: int  # the list row of the article the last prefetch started from
    _pause_timer: Timer | None  # a full collection once the steps stop

    if TYPE_CHECKING:

        @property
        def article_list(self) -> ArticleList: ...
        @property
        def reader(self) -> ArticleView: ...

        def refilter(self, keep: Article | None = None) -> None: ...
        def update_header(self, recount: bool = False) -> None: ...
        def show_article(
            self, article: Article, *, line: int | None = None, anchor: str | None = None, record: bool = True
        ) -> None: ...

    # -- read state while reading -------------------------------------------------------------------------------

    def start_read_timer(self, article: Article) -> None:
        """Mark `article` read if it is still the one shown after READ_AFTER seconds."""
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = None
        if not self.marks.is_read(article):
            self._read_timer = self.set_timer(READ_AFTER, lambda: self._mark_read(article))

    def _mark_read(self, article: Article) -> None:
        if self.current is None or self.current.path != article.path or self.marks.is_read(article):
            return
        try:
            self.marks.set_read(article, True)
        except Exception as error:  # a read-only data folder: tell, keep reading
            self.notify(f"read state not saved: {error}", severity="error")
        if self._unread is not None and self.marks.is_read(article):
            self._unread -= 1  # not a recount over every article: this runs every time an article is read
        self.article_list.refresh_article(article)
        self.update_header()

    @on(ArticleView.ScrolledToEnd)
    def _scrolled_to_end(self, event: ArticleView.ScrolledToEnd) -> None:
        # A short article is "at its end" as soon as it is previewed: only scrolling to the end counts, so
        # running the cursor down the list does not mark everything read; the 2 s timer covers short ones.
        if self.current is not None and self.reader.scroll_y > 0:
            self._mark_read(self.current)

    # -- `]` and `[` --------------------------------------------------------------------------------------------

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        rows = self.article_list
        index = rows.index_of(self.current) if self.current is not None else None
        position = (index if index is not None else rows.cursor) + step
        if not 0 <= position < len(rows.rows):
            self.notify("no next article" if step > 0 else "no previous article", timeout=1.5)
            return
        rows.cursor = position  # the list tells the screen, which shows it; the reader keeps the focus

    # -- the next article, ahead of time ------------------------------------------------------------------------

    @on(ArticleView.Painted)
    def _reader_painted(self, event: ArticleView.Painted) -> None:
        """The pause after a frame that shows a new article: the step's garbage, then the next article ahead."""
        if self.current is None or self.document is not event.document:
            return  # the cursor moved on since: its own frame follows
        collect_young()
        if self._pause_timer is not None:
            self._pause_timer.stop()
        self._pause_timer = self.set_timer(PAUSE, collect_all)
        self.prefetch_next(self.current)

    def prefetch_next(self, shown: Article) -> None:
        """After `shown` is on screen, read, parse and lay out the article the list cursor will most likely move to
        next (the next row in the direction it last moved), so that moving there costs two cache look-ups.

        Runs on the UI thread in the idle time after a frame (a thread would only contend for the GIL with the UI):
        a step's own work, parse and layout, is then out of the way of its paint, which alone takes most of a frame.
        Only articles up to READ_AHEAD_AT_MOST bytes (a few milliseconds of work): a longer one would hold up a
        key pressed meanwhile (a 95 KB article takes about 130 ms), and is parsed when it is shown.
        """
        if self.site is None:
            return
        rows, cursor = self.article_list.rows, self.article_list.cursor
        if not 0 <= cursor < len(rows) or rows[cursor].path != shown.path:
            return  # shown by a link or history, not by the cursor
        step = -1 if cursor < self._prefetched_at else 1
        self._prefetched_at = cursor
        if not 0 <= cursor + step < len(rows) or rows[cursor + step].size > READ_AHEAD_AT_MOST:
            return
        try:
            _article, document = self.documents.load(rows[cursor + step].path, self.site)
        except Exception:  # unreadable: shown with its error when the cursor gets there
            return
        self.reader.prepare(document)

    # -- history ------------------------------------------------------------------------------------------------

    def remember_position(self) -> None:
        """Before leaving the current place, note its scroll line so back returns there."""
        if self.current is not None:
            self.history.remember_line(self.current.path, self.reader.place)

    def action_history_back(self) -> None:
        self.remember_position()
        self._go(self.history.back(), "nothing to go back to")

    def action_history_forward(self) -> None:
        self.remember_position()
        self._go(self.history.forward(), "nothing to go forward to")

    def _go(self, place: Place | None, empty: str) -> None:
        if place is None:
            self.notify(empty, timeout=1.5)
            return
        if self.current is not None and place.path == self.current.path:
            self.reader.scroll_to_line(place.line)
            return
        article = self._article_at(place.path)
        if article is None:
            self.notify(f"{clean(str(place.path))} is no longer there", severity="warning")
            return
        self.show_article(article, line=place.line, record=False)
        self.article_list.select_article(article)  # already current: the screen ignores the list telling it

    def _article_at(self, path: Path) -> Article | None:
        for article in self.listing.articles:
            if article.path == path:
                return article
        if self.site is not None and path.is_file():
            try:
                return self.documents.load(path, self.site)[0]
            except Exception:
                return None
        return None

    # -- the reader's messages ----------------------------------------------------------------------------------

    @on(ArticleView.OpenTarget)
    def _open_target(self, event: ArticleView.OpenTarget) -> None:
        open_target = getattr(self.app, "open_target", None)
        if callable(open_target):
            open_target(event.target)

    @on(ArticleView.FollowLink)
    def _follow_link(self, event: ArticleView.FollowLink) -> None:
        target = event.target
        path = target.article or target.local_path
        article = self._article_at(path) if path is not None else None
        if article is None:
            self.notify(f"no such article: {clean(target.raw)}", severity="warning")
            return
        fragment = urlsplit(target.dest).fragment or None
        self.show_article(article, anchor=fragment)
        self.article_list.select_article(article)
        self.reader.focus()

    @on(ArticleView.AnchorJumped)
    def _anchor_jumped(self, event: ArticleView.AnchorJumped) -> None:
        if self.current is None:
            return
        self.history.remember_line(self.current.path, event.from_line)
        self.history.visit(Place(self.current.path, event.to_line))

    # -- `e` edit -----------------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        article = self.current
        if article is None or self.site is None:
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify("set $EDITOR (or $VISUAL) to edit articles", severity="warning")
            return
        try:
            argv = [*shlex.split(editor), str(article.path)]
        except ValueError as error:
            self.notify(f"$EDITOR is not a valid command: {error}", severity="error")
            return
        self.remember_position()
        try:
            with self.app.suspend():
                code = _run(argv)
        except SuspendNotSupported:  # headless (tests): nothing to hand the terminal to
            code = _run(argv)
        if code is None:
            self.notify(f"cannot start the editor {clean(argv[0])!r}", severity="error")
            return
        self._reload(article)

    def _reload(self, article: Article) -> None:
        """Read the edited file again and show it where the reader was."""
        if self.site is None:
            return
        self.documents.forget(article.path)
        line = self.reader.place
        try:
            fresh, _document = self.documents.load(article.path, self.site)
        except Exception as error:
            self.notify(f"cannot read {clean(article.rel_path)} again: {error}", severity="error")
            return
        self.listing.replace(fresh)
        self.show_article(fresh, line=line, record=False)
        self.refilter(keep=fresh)


def _run(argv: list[str]) -> int | None:
    """Run the editor in the foreground; None when it cannot start."""
    try:
        return subprocess.run(argv, check=False).returncode
    except OSError:
        return None
