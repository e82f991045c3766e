"""The one-line find bar shown over the bottom of the article (`/`).

The article view is a line-API ScrollView and cannot hold children, so the bar is mounted on the screen and
placed over the view's last row; it talks to the view through the small `Findable` protocol instead of
messages, since it is not the view's child and messages would not bubble there.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label


class Findable(Protocol):
    """What the bar drives: the article view."""

    def find_text(self, query: str) -> None: ...
    def find_next(self) -> None: ...
    def find_previous(self) -> None: ...
    def close_find(self) -> None: ...
    def end_find_input(self) -> None: ...


class FindInput(Input):
    """The query field: Enter keeps the query and returns to the article, Esc closes, arrows step matches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close find", id="find.close"),
        Binding("down", "next", "Next match", id="find.next", show=False),
        Binding("up", "previous", "Previous match", id="find.previous", show=False),
    ]

    def _view(self) -> Findable | None:
        bar = self.parent
        return bar.view if isinstance(bar, FindBar) else None

    def action_close(self) -> None:
        if view := self._view():
            view.close_find()

    def action_next(self) -> None:
        if view := self._view():
            view.find_next()

    def action_previous(self) -> None:
        if view := self._view():
            view.find_previous()


class FindBar(Horizontal):
    """`/` prompt, query input and a match counter, in one row."""

    DEFAULT_CSS = """
    FindBar {
        overlay: screen;
        position: absolute;
        height: 1;
        width: 40;
        background: $panel;
    }
    FindBar > Label.find-prompt { width: 2; padding: 0 0 0 1; color: $accent; }
    FindBar > FindInput {
        border: none;
        height: 1;
        padding: 0;
        width: 1fr;
        background: $panel;
    }
    FindBar > FindInput:focus { border: none; background: $boost; }
    FindBar > Label.find-status { width: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, view: Findable, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        # Made here, not in compose, so the view can set the status before the bar's mount has run.
        self.input = FindInput(placeholder="find in article", select_on_focus=False)
        self.status = Label("", classes="find-status")

    def compose(self) -> ComposeResult:
        yield Label("/", classes="find-prompt")
        yield self.input
        yield self.status

    @property
    def query_text(self) -> str:
        return self.input.value

    def set_status(self, text: str) -> None:
        """Show the match count ("3/17", "no matches")."""
        self.status.update(Content(text))

    def focus_input(self) -> None:
        self.input.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.view.find_text(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: keep the query and its current match, hand the keys back to the article for n/N."""
        event.stop()
        self.view.end_find_input()
