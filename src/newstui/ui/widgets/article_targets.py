"""Targets in the article view: Tab / Shift+Tab highlight, Enter, clicks, `y`, and the `u` and `t` screens.

A mixin of ArticleView (kept apart so each module stays small). Opening itself is ArticleView.activate, which
posts the messages the app acts on; this module only decides *which* target and keeps it in view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from newstui.document.model import Target
from newstui.safetext import clean
from newstui.ui.widgets.article_base import ArticlePart


class TargetsMixin(ArticlePart):
    """Which target is highlighted, and the keys and clicks that move or open it."""

    if TYPE_CHECKING:

        @property
        def highlighted(self) -> Target | None: ...
        def activate(self, target: Target) -> None: ...
        def jump_to_line(self, line: int) -> None: ...

    def highlight_target(self, index: int | None, *, reveal: bool = True) -> None:
        """Move the highlight to target `index` and scroll it into view."""
        self._highlight = index
        if index is not None and reveal and (lines := self._index.lines_of(index)):
            self._reveal(*lines)
        self._refresh_decorations()

    def action_next_target(self) -> None:
        self._step_target(forward=True)

    def action_previous_target(self) -> None:
        self._step_target(forward=False)

    def _step_target(self, *, forward: bool) -> None:
        top = self.top_line
        target = self._index.step(self._highlight, forward, top, top + self._view_height)
        if target is None:
            self.notify("This article has no links or images.", severity="information")
            return
        self.highlight_target(target)

    def action_open_target(self) -> None:
        target = self.highlighted
        if target is None:
            self.notify("No link selected: press Tab to choose one.", severity="information")
            return
        self.activate(target)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        target = self._index.target_at(self.top_line + offset.y, round(self.scroll_x) + offset.x)
        if target is None or self._document is None:
            return
        event.stop()
        self.focus()
        self.highlight_target(target, reveal=False)
        self.activate(self._document.targets[target])

    def action_copy_target(self) -> None:
        target = self.highlighted
        if target is None:
            self.notify("No link selected: press Tab to choose one.", severity="information")
            return
        address = str(target.local_path) if target.local_path is not None else target.dest
        self.app.copy_to_clipboard(address)
        self.notify(f"Copied {clean(address)}")

    def action_targets(self) -> None:
        from newstui.ui.screens.targets import TargetsScreen

        if self._document is None or not self._document.targets:
            self.notify("This article has no links or images.", severity="information")
            return
        self.app.push_screen(
            TargetsScreen(self._document.targets, self._highlight, self._site_root), self._target_chosen
        )

    def _target_chosen(self, index: int | None) -> None:
        if index is None or self._document is None:
            return
        self.highlight_target(index)
        self.activate(self._document.targets[index])

    def action_outline(self) -> None:
        from newstui.ui.screens.outline import OutlineScreen

        if not self._rendered.headings:
            self.notify("This article has no headings.", severity="information")
            return
        self.app.push_screen(OutlineScreen(self._rendered.headings, self.top_line), self._heading_chosen)

    def _heading_chosen(self, line: int | None) -> None:
        if line is not None:
            self.jump_to_line(line)
