"""The end of a long article shown by `G` before the whole of it is laid out (or even parsed): a mixin of ArticleView.

Laying out, or parsing, a 1.3 MB article takes seconds. `G` meanwhile lays out only the last lines (render_tail)
of the whole Document, or of its end parsed alone (document.tail_of, through the app's MakeTail) while only the
first screen is parsed, and shows those at once; `g` goes back to the first screen. When the whole layout
arrives it takes the tail's place at the same distance from the end. Kept apart so each module stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstui.document.model import Document
from newstui.render.model import RenderedArticle
from newstui.ui.preview import MakeTail
from newstui.ui.widgets.article_base import ArticlePart

AT_END = 1 << 30  # a line past any article's end: `scroll_to_line(AT_END)` shows the end


@dataclass
class _Tail:
    """The end of a long article, shown by `G` before the whole of it is laid out (or even parsed)."""

    lines: int  # lines of the tail's layout: the last lines of the whole layout when `head` is None
    top: RenderedArticle  # the first screen, for `g`
    complete: bool  # whether `top` is the whole layout of the Document it shows
    head: Document | None = None  # when the tail is of the end parsed alone: the first-screen Document it hides


class TailMixin(ArticlePart):
    """`g`, `G` and the tail on screen; ArticleView supplies the Document, the layouts and scrolling."""

    if TYPE_CHECKING:
        _complete: bool
        _pending_end: bool
        _laid_width: int

        def _scroll_line(self, line: int) -> None: ...
        def _layout(self, *, keep_position: bool) -> None: ...
        def _apply(self, rendered: RenderedArticle, *, reset: bool, complete: bool) -> None: ...

    def _init_tail(self) -> None:
        self._tail: _Tail | None = None  # while `G` shows the end of an article not yet laid out
        self._make_tail: MakeTail | None = None  # parses the end alone, while only the top is parsed
        self._tail_document: Document | None = None  # what it gave (kept for a resize while it is shown)
        self._tail_running = False

    @property
    def place(self) -> int:
        """The line to come back to (history, a reload): the top line, or AT_END while the lines on screen are an
        end laid out alone (`G` before the whole layout), whose numbers are not the article's, or while a `G` is
        still waiting for the rest of the article (the top line is then only the end of its first screen)."""
        return AT_END if self._tail is not None or self._pending_end else self.top_line

    def action_top(self) -> None:
        self._pending_end = False  # a `G` still waiting for the whole article is overruled
        tail = self._tail
        if tail is not None:  # back from the tail to the first screen
            if tail.head is not None:
                self._document, self._highlight = tail.head, None
            self._apply(tail.top, reset=True, complete=tail.complete)
        self.scroll_to(y=0, animate=False, force=True)

    def action_bottom(self) -> None:
        if not self._finished:
            if self._tail is None or self._tail.head is None:
                self._pending_end = not self._show_tail()
            if self._pending_end and self._tail is None:
                self._start_interim_tail()
        self.scroll_to(y=self.max_scroll_y, animate=False, force=True)

    def _show_tail(self) -> bool:
        """`G` while a long article is still being laid out: lay out only its last blocks and show those now.

        The whole layout, when it comes, keeps the place (the tail is exactly its last lines). False when there
        is no whole Document yet (or a custom renderer): the end is then shown once the layout is done, and
        meanwhile from the end parsed alone when the app gave a way to (`_start_interim_tail`).
        """
        document, width = self._document, self._laid_width
        if self._renderer is not None or document is None or not document.complete or not width:
            return False
        if self._tail is None:
            self._put_tail(self._lay_out_tail(document), _Tail(0, self._rendered, False))
        return True

    def _lay_out_tail(self, document: Document, width: int | None = None) -> RenderedArticle:
        from newstui.render import default_theme, render_tail

        lines = 2 * max(self._view_height, 24)
        theme = default_theme(dark=self.app.current_theme.dark)
        return render_tail(document, width or self._laid_width, lines=lines, theme=theme, site_root=self._site_root)

    def _put_tail(self, rendered: RenderedArticle, tail: _Tail, *, from_end: int | None = None) -> None:
        """Show the tail `rendered` at its end (or `from_end` lines above it); `g` goes back to `tail.top`."""
        self._apply(rendered, reset=True, complete=False)
        tail.lines = len(rendered.lines)
        self._tail = tail
        end = self.max_scroll_y if from_end is None else len(rendered.lines) - from_end
        self._scroll_line(min(end, self.max_scroll_y))

    def _relayout_interim_tail(self, document: Document, *, keep_position: bool) -> bool:
        """Another width or theme while the end parsed alone is shown over a Document not yet whole: lay out the
        first screen and the interim end again. False (nothing done) in every other case."""
        tail = self._tail
        if tail is None or tail.head is None or not keep_position or document.complete:
            return False
        self._tail = None
        self._document = tail.head
        self._layout(keep_position=False)
        self._show_interim_tail(document)
        return True

    def _take_tail(self, document: Document, *, keep_position: bool) -> _Tail | None:
        """A new layout of `document` is coming: the tail it must land under (keeping the place), if any.

        The whole Document arrived over the end parsed alone: its own end replaces that one, as many lines from
        the end, and the whole layout keeps that place, as after a `G` on the whole Document. A place in a tail
        of the whole Document means nothing in another layout: the end is shown again once it is done.
        """
        tail, self._tail = self._tail, None
        if tail is not None and tail.head is not None and keep_position:
            from_end = tail.lines - self.top_line
            self._put_tail(self._lay_out_tail(document), _Tail(0, tail.top, False), from_end=from_end)
            tail, self._pending_end = self._tail, False
        elif tail is not None and keep_position:
            self._pending_end = True
        return tail

    def _start_interim_tail(self) -> None:
        """`G` while only the first screen is parsed: show the end parsed alone, at once when the app parsed it
        already, else parsed in a thread and shown when ready (`_interim_tail_ready`); the UI thread, which
        shares the interpreter with the whole parse, stays free meanwhile."""
        make, head, width = self._make_tail, self._document, self._laid_width
        if make is None or head is None or self._renderer is not None or not width or self._tail_running:
            return
        made = self._tail_document or make.made
        if made is not None:  # parsed already (right after the first screen): its layout takes milliseconds
            self._tail_document = made
            self._install_interim_tail(made, self._lay_out_tail(made))
            return
        self._tail_running = True

        def work() -> None:
            document: Document | None = None
            rendered = None
            try:
                document = make()
                rendered = self._lay_out_tail(document, width)
            finally:
                self.app.call_from_thread(self._interim_tail_ready, head, document, rendered)

        self.run_worker(work, thread=True, group="article-tail", exit_on_error=False)

    def _interim_tail_ready(self, head: Document, document: Document | None, rendered: RenderedArticle | None) -> None:
        """Show the end parsed alone, unless the article or the wish (`g`) changed meanwhile or the whole Document
        is there. The top parsed again meanwhile (with the site's permalinks) does not matter for an interim end."""
        self._tail_running = False
        current = self._document
        if document is None or rendered is None or current is None or current.complete or self._tail is not None:
            return
        if not self._pending_end or current.source != head.source:
            return
        if current is head:
            self._tail_document = document
        if rendered.width != self._laid_width:
            self._start_interim_tail()  # the width changed meanwhile: lay it out again
            return
        self._install_interim_tail(document, rendered)

    def _show_interim_tail(self, document: Document) -> None:
        """The end parsed alone, laid out again now (after a resize or a change of theme)."""
        if self._laid_width:
            self._install_interim_tail(document, self._lay_out_tail(document))

    def _install_interim_tail(self, document: Document, rendered: RenderedArticle) -> None:
        head = self._document
        if head is None:
            return
        self._document, self._highlight = document, None
        self._put_tail(rendered, _Tail(0, self._rendered, self._complete, head=head))
