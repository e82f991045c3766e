"""The `f` picker: narrow the list to one tag, one year, unread or starred articles (or all again)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newstui.safetext import clean
from newstui.ui.listing import Facet


def facet_options(years: list[str], tags: list[tuple[str, int]], current: Facet) -> list[tuple[str, Facet]]:
    """Labels and facets in picker order: all, unread, starred, each year, each tag (most used first)."""
    options: list[tuple[str, Facet]] = [
        ("All articles", Facet()),
        ("Unread", Facet("unread")),
        ("Starred", Facet("starred")),
    ]
    options += [(f"Year {year}", Facet("year", year)) for year in years]
    options += [(f"#{clean(tag)}  ({count})", Facet("tag", tag)) for tag, count in tags]
    return options


class FacetPicker(ModalScreen[Facet | None]):
    """A list of facets; enter picks one, esc keeps the current one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="picker.cancel")]

    DEFAULT_CSS = """
    FacetPicker { align: center middle; }
    FacetPicker > OptionList { width: 48; max-width: 90%; height: auto; max-height: 80%; border: round $accent; }
    """

    def __init__(self, years: list[str], tags: list[tuple[str, int]], current: Facet) -> None:
        super().__init__()
        self._options = facet_options(years, tags, current)
        self._current = current

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(Content(label), id=str(i)) for i, (label, _) in enumerate(self._options)))
        options.border_title = "Show only"
        yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        for index, (_, facet) in enumerate(self._options):
            if facet == self._current:
                options.highlighted = index
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._options[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
