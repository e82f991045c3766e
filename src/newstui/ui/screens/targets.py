"""`u`: every link and image of the article in one list, to jump to or open one.

The list shows the target's kind, text and where it points (missing local files marked), all passed through
safetext.clean because they come from the article.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from newstui.document.model import Target
from newstui.render.placeholder import caption_of, where
from newstui.safetext import clean

_GLYPHS = {"link": "↗", "image": "▣", "media": "▶", "internal": "→", "anchor": "#"}


def describe(target: Target, site_root: Path | None = None) -> Content:
    """One row: glyph, caption, destination (the full URL, or a site-relative path for local files); `(missing)`
    when a local file is not there."""
    text = clean(caption_of(target)).strip() or "(no text)"
    dest = clean(where(target, site_root) if target.local_path is not None else (target.dest or target.raw))
    row = Content.assemble(
        (f"{_GLYPHS.get(target.kind, '·')} ", "bold"),
        text,
        ("  " + dest, "dim"),
    )
    if target.exists is False:
        row = row + Content.assemble(("  (missing)", "bold red"))
    return row


class TargetsScreen(ModalScreen[int | None]):
    """Pick a target: dismisses with its index (the view highlights and opens it) or None on escape."""

    DEFAULT_CSS = """
    TargetsScreen { align: center middle; }
    TargetsScreen > Vertical {
        width: 90%;
        max-width: 120;
        height: 80%;
        border: round $accent;
        background: $surface;
    }
    TargetsScreen Label.title { padding: 0 1; text-style: bold; width: 1fr; }
    TargetsScreen OptionList { height: 1fr; border: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,u", "dismiss_none", "Close", id="targets.close"),
    ]

    def __init__(self, targets: tuple[Target, ...], selected: int | None = None, site_root: Path | None = None) -> None:
        super().__init__()
        self.targets = targets
        self.selected = selected
        self.site_root = site_root

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Links and images ({len(self.targets)})", classes="title")
            yield OptionList(
                *(Option(describe(target, self.site_root), id=str(target.index)) for target in self.targets)
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        positions = {target.index: row for row, target in enumerate(self.targets)}
        if self.selected in positions:
            options.highlighted = positions[self.selected]
        elif self.targets:
            options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id) if event.option.id is not None else None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
