"""What the list keys do: `/` filter, `s` sort, `f` show only, `S` full-text search, `m` `M` `*` read state.

A mixin of the main screen (which holds the state these change), kept in its own module so each stays small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen
from textual.widgets import Input

from newstui.library.records import Article, Site
from newstui.ui.listing import Facet, Listing, SortOrder, next_sort
from newstui.ui.screens.pickers import FacetPicker
from newstui.ui.state import Marks
from newstui.ui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from newstui.ui.widgets.article_list import ArticleList


class ListActions(Screen[None]):
    """List actions of `MainScreen`; the attributes below are set by its constructor."""

    site: Site | None
    listing: Listing
    marks: Marks
    current: Article | None
    filter_text: str
    facet: Facet
    order: SortOrder

    if TYPE_CHECKING:

        @property
        def article_list(self) -> ArticleList: ...

        def refilter(self, keep: Article | None = None) -> None: ...
        def update_header(self, recount: bool = False) -> None: ...
        def show_article(
            self, article: Article, *, line: int | None = None, anchor: str | None = None, record: bool = True
        ) -> None: ...

    # -- `/` filter ---------------------------------------------------------------------------------------------

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.add_class("-shown")
        field.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.refilter()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.action_clear_filter()
            return
        self.article_list.focus()

    def action_clear_filter(self) -> None:
        """Esc: drop the filter text (and the field) and go back to the list."""
        field = self.query_one("#filter", Input)
        field.remove_class("-shown")
        if field.value:
            field.value = ""  # posts Changed, which refilters
        self.filter_text = ""
        self.refilter()
        self.article_list.focus()

    # -- `s` sort and `f` show only -----------------------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        self.order = next_sort(self.order)
        self.refilter()
        self.notify(f"sorted by {self.order}", timeout=1.5)

    def action_facet(self) -> None:
        picker = FacetPicker(self.listing.years(), self.listing.tags(), self.facet)
        self.app.push_screen(picker, self._facet_chosen)

    def _facet_chosen(self, facet: Facet | None) -> None:
        if facet is not None:
            self.facet = facet
            self.refilter()
        self.article_list.focus()

    # -- read state ---------------------------------------------------------------------------------------------

    def _state_failed(self, error: Exception) -> None:
        self.notify(f"read state not saved: {error}", severity="error")

    def action_toggle_read(self) -> None:
        article = self.article_list.selected
        if article is None:
            return
        try:
            self.marks.set_read(article, not self.marks.is_read(article))
        except Exception as error:  # a full disk or a locked file: say so, keep going
            self._state_failed(error)
        self._marks_changed(article)

    def action_mark_all_read(self) -> None:
        shown = list(self.article_list.rows)
        try:
            self.marks.mark_all_read(shown)
        except Exception as error:
            self._state_failed(error)
        self._marks_changed(self.article_list.selected)
        self.notify(f"{len(shown):,} articles marked read", timeout=2)

    def action_toggle_star(self) -> None:
        article = self.article_list.selected
        if article is None:
            return
        try:
            self.marks.set_starred(article, not self.marks.is_starred(article))
        except Exception as error:
            self._state_failed(error)
        self._marks_changed(article)

    def _marks_changed(self, keep: Article | None) -> None:
        """Redraw marks; an `unread`/`starred` facet keeps the article until the next refilter, so the cursor
        does not jump away from what was just toggled."""
        self.article_list.refresh()
        self.update_header(recount=True)

    # -- `S` full-text search -----------------------------------------------------------------------------------

    def action_search(self) -> None:
        if self.site is None:
            self.notify("the site is still loading", timeout=2)
            return
        from newstui.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.site, self.listing.articles), self._search_chosen)

    def _search_chosen(self, chosen: tuple[Article, tuple[str, ...]] | None) -> None:
        if chosen is None:
            self.article_list.focus()
            return
        article, terms = chosen
        if self.article_list.index_of(article) is None:  # filtered out: show everything again
            self.query_one("#filter", Input).value = ""
            self.filter_text = ""
            self.facet = Facet()
        self.show_article(article)
        self.refilter(keep=article)
        # Every matched word is highlighted in the reader; n / N step through them in reading order.
        words = [term.rstrip("*") for term in terms if term.strip("*")]
        reader = self.query_one("#reader", ArticleView)
        if words:
            reader.find_text(" ".join(words), any_word=True)
        reader.focus()
