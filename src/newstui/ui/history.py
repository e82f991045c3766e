"""Back and forward over the places read: articles and the anchors jumped to inside them.

Kept apart from the screen (no Textual) so its rules are plain to test: a new place after going back drops the
forward entries, as in a browser; visiting the place you are already at adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Place:
    """Where the reader was: an article and the line at the top of the view (an anchor jump is a new place)."""

    path: Path
    line: int = 0


class History:
    """A browser-like list of places with a current position."""

    def __init__(self, limit: int = 200) -> None:
        self._places: list[Place] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Place | None:
        return self._places[self._index] if self._places else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self._index < len(self._places) - 1

    def visit(self, place: Place) -> None:
        """Record a new place: forward entries are dropped; the same place twice in a row is kept once."""
        current = self.current
        if current is not None and current.path == place.path and current.line == place.line:
            self._places[self._index] = place
            return
        del self._places[self._index + 1 :]
        self._places.append(place)
        if len(self._places) > self._limit:
            del self._places[0]
        self._index = len(self._places) - 1

    def remember_line(self, path: Path, line: int) -> None:
        """Note how far the current place (if it is `path`) was scrolled, so coming back lands there."""
        if self.current is not None and self.current.path == path:
            self._places[self._index] = replace(self.current, line=line)

    def back(self) -> Place | None:
        """Step back; None when there is nothing before."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Place | None:
        """Step forward again; None when there is nothing after."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current
