"""`t`: the article's headings, indented by level, to jump to one."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from newstui.safetext import clean


class OutlineScreen(ModalScreen[int | None]):
    """Pick a heading: dismisses with its line in the layout, or None on escape.

    `headings` are RenderedArticle.headings: (level, text, line). `current` is the line at the top of the
    view, so the list opens on the section being read.
    """

    DEFAULT_CSS = """
    OutlineScreen { align: center middle; }
    OutlineScreen > Vertical {
        width: 70%;
        max-width: 90;
        height: 70%;
        border: round $accent;
        background: $surface;
    }
    OutlineScreen Label.title { padding: 0 1; text-style: bold; width: 1fr; }
    OutlineScreen OptionList { height: 1fr; border: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,t", "dismiss_none", "Close", id="outline.close"),
    ]

    def __init__(self, headings: tuple[tuple[int, str, int], ...], current: int = 0) -> None:
        super().__init__()
        self.headings = headings
        self.current = current

    def compose(self) -> ComposeResult:
        top = min((level for level, _, _ in self.headings), default=1)
        with Vertical():
            yield Label("Outline", classes="title")
            yield OptionList(
                *(
                    Option(Content("  " * max(0, level - top) + (clean(text).strip() or "(untitled)")), id=str(row))
                    for row, (level, text, _line) in enumerate(self.headings)
                )
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        above = [row for row, (_, _, line) in enumerate(self.headings) if line <= self.current]
        options.highlighted = above[-1] if above else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = int(event.option.id or 0)
        self.dismiss(self.headings[row][2])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
