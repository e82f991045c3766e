"""The `?` screen: every key in effect, by where it works, read from the live bindings (remaps included)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from newstui.ui.keys import KeyHelp, gather

_TITLES = {"anywhere": "Anywhere", "list": "Article list", "reader": "Reader"}


def help_table(entries: list[KeyHelp]) -> Table:
    """A two-column table, keys then action, with a heading row per pane."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    where = None
    for entry in entries:
        if entry.where != where:
            if where is not None:
                table.add_row("", "")
            where = entry.where
            table.add_row(Text(_TITLES.get(where, where), style="bold underline"), "")
        table.add_row(Text(" ".join(entry.keys)), Text(entry.description))
    return table


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys over the main screen; any of esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; max-width: 96%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    HelpScreen #help-keys { width: 1fr; height: auto; }
    """

    def __init__(self, over: Screen[object]) -> None:
        super().__init__()
        self._over = over

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "esc to close"
            yield Static(help_table(gather(self.app, self._over)), id="help-keys")
