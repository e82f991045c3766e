"""Find in the article (`/`, `n`, `N`, `esc`), as a mixin of ArticleView so each module stays small.

Matches come from ArticleIndex.find over the layout's plain lines (case-insensitive), are drawn by the view's
render_line on top of the text, and are found again after every re-layout. The FindBar is mounted on the screen
over the view's last row, because a line-API ScrollView has no children.
"""

from __future__ import annotations

from bisect import bisect_left

from rich.style import Style
from textual.widget import AwaitMount
from textual.widgets import Input

from newstui.safetext import clean
from newstui.ui.widgets.article_base import ArticlePart
from newstui.ui.widgets.article_index import MAX_MATCHES, Match
from newstui.ui.widgets.find_bar import FindBar


class FindMixin(ArticlePart):
    """Find state and actions; ArticleView supplies the index, scrolling and drawing."""

    def _init_find(self) -> None:
        self.find_query = ""
        self._any_word = False  # True for the words of a full-text search: each is highlighted on its own
        self.matches: list[Match] = []
        self.current_match: int | None = None
        self._matches_by_line: dict[int, list[int]] = {}
        self._find_bar: FindBar | None = None

    @property
    def _find_bar_open(self) -> bool:
        return self._find_bar is not None and self._find_bar.display

    def _reset_find(self) -> None:
        """A new article: forget the query and close the bar."""
        self.find_query = ""
        self.matches, self.current_match, self._matches_by_line = [], None, {}
        if self._find_bar is not None:
            self._find_bar.display = False

    def _refresh_find(self) -> None:
        """A new layout of the same article: find the query again, keeping the current match near the view."""
        if not self.find_query:
            self.matches, self.current_match, self._matches_by_line = [], None, {}
            return
        self._search(self.find_query)

    def _search(self, query: str) -> None:
        self.find_query = query
        self.matches = self._find_all(query) if query else []
        self._matches_by_line = {}
        for number, match in enumerate(self.matches):
            self._matches_by_line.setdefault(match.line, []).append(number)
        # The current match is the first one from the top of the view on, as in a browser.
        first = bisect_left([match.line for match in self.matches], self.top_line)
        self.current_match = (first % len(self.matches)) if self.matches else None
        self._update_status()

    def _find_all(self, query: str) -> list[Match]:
        """The query's matches; for a full-text search's words, every word's, in reading order."""
        if not self._any_word:
            return self._index.find(query)
        found = {match for word in query.split() for match in self._index.find(word)}
        return sorted(found, key=lambda match: (match.line, match.start))[:MAX_MATCHES]

    def _match_marks(self, line: int) -> list[tuple[int, int, Style]]:
        """(start, end, style) for the matches on one line, for render_line."""
        numbers = self._matches_by_line.get(line)
        if not numbers:
            return []
        normal = self._style("article-view--match")
        current = self._style("article-view--match-current")
        return [
            (self.matches[n].start, self.matches[n].end, current if n == self.current_match else normal)
            for n in numbers
        ]

    def _update_status(self) -> None:
        if self._find_bar is None:
            return
        # While only part of a long article is laid out (its top, or its end after `G`), say so: the matches are
        # found again when the whole article is there.
        so_far = "" if self._finished else " so far"
        if not self.find_query:
            self._find_bar.set_status("")
        elif not self.matches:
            self._find_bar.set_status(f"no matches{so_far}")
        else:
            more = "+" if len(self.matches) >= MAX_MATCHES else ""
            self._find_bar.set_status(f"{(self.current_match or 0) + 1}/{len(self.matches)}{more}{so_far}")

    def _show_current(self) -> None:
        if self.current_match is not None:
            match = self.matches[self.current_match]
            self._reveal(match.line, match.line + 1)
        self._update_status()
        self._refresh_decorations()

    # Findable protocol, driven by the FindBar ----------------------------------------------------------------

    def find_text(self, query: str, *, any_word: bool = False) -> None:
        """Find `query` and show its first match from the view's top on; opens the bar (unfocused) with the
        query in it when called from outside, so n / N continue from there. With `any_word`, each word of the
        query is found on its own (the matched words of a full-text search)."""
        self._any_word = any_word
        if not self._find_bar_open:
            self._open_bar()
            if self._find_bar is not None and self._find_bar.input.value != query:
                with self._find_bar.input.prevent(Input.Changed):
                    self._find_bar.input.value = query
        self._search(query)
        self._show_current()

    def find_next(self) -> None:
        self._step_match(1)

    def find_previous(self) -> None:
        self._step_match(-1)

    def close_find(self) -> None:
        """Esc: hide the bar and its highlights, back to the article."""
        if self._find_bar is not None:
            self._find_bar.display = False
        self.matches, self.current_match, self._matches_by_line = [], None, {}
        self._refresh_decorations()
        self.focus()

    def end_find_input(self) -> None:
        self.focus()

    def _step_match(self, step: int) -> None:
        """n / N: the next or previous match, wrapping around; after Esc, n finds the last query again."""
        if not self.find_query:
            self.notify("Press / to find in the article.", severity="information")
            return
        reopened = not self._find_bar_open
        if reopened:
            self._open_bar()
            self._search(self.find_query)
        if not self.matches or self.current_match is None:
            self.notify(f"No matches for {clean(self.find_query)!r}.", severity="information")
            return
        if not reopened:
            self.current_match = (self.current_match + step) % len(self.matches)
        self._show_current()

    # Actions ------------------------------------------------------------------------------------------------

    async def action_find(self) -> None:
        mounting = self._open_bar()
        if mounting is not None:
            await mounting
        if self._find_bar is not None:
            self._find_bar.focus_input()

    def action_find_next(self) -> None:
        self._step_match(1)

    def action_find_previous(self) -> None:
        self._step_match(-1)

    def action_close_find(self) -> None:
        self.close_find()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc belongs to the find bar only while it is open; otherwise the app's Esc (back to the list) runs."""
        if action == "close_find":
            return self._find_bar_open
        return True

    def _open_bar(self) -> AwaitMount | None:
        """Show the bar, mounting it on the screen the first time (the caller may await that)."""
        mounting = None
        if self._find_bar is None:
            self._find_bar = FindBar(self)
            mounting = self.screen.mount(self._find_bar)
        self._find_bar.display = True
        self._place_bar()
        self._update_status()
        return mounting

    def _place_bar(self) -> None:
        """Lay the bar over the view's last row (the view may be anywhere on the screen)."""
        if self._find_bar is None:
            return
        region = self.content_region
        self._find_bar.styles.offset = (region.x, region.bottom - 1)
        self._find_bar.styles.width = max(10, region.width)
