"""What the parts of the article reader share: the base of ArticleView's mixins, and the renderer they call.

ArticleView is split into mixins (find, targets, the tail, drawing) so each module stays small. Each mixin uses
state and methods that the view, or another mixin, supplies; `ArticlePart` declares those once for the type
checker. At run time it is an empty class: the view itself is the ScrollView.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rich.style import Style
from textual.scroll_view import ScrollView

from newstui.document.model import Document
from newstui.render.model import RenderedArticle
from newstui.ui.widgets.article_index import ArticleIndex

if TYPE_CHECKING:
    _Base = ScrollView
else:
    _Base = object


class Renderer(Protocol):
    """Document at a width to a layout; with `max_lines`, only enough blocks for that many lines."""

    def __call__(self, document: Document, width: int, *, max_lines: int | None = None) -> RenderedArticle: ...


# Articles with more top-level blocks than this are laid out in a thread, after a first screen laid out at once.
BIG_DOCUMENT_BLOCKS = 400


class ArticlePart(_Base):
    """The base of ArticleView's mixins: what more than one of them uses of the view and of each other."""

    if TYPE_CHECKING:
        _renderer: Renderer | None
        _document: Document | None
        _rendered: RenderedArticle
        _index: ArticleIndex
        _highlight: int | None
        _site_root: Path | None

        @property
        def top_line(self) -> int: ...
        @property
        def _view_height(self) -> int: ...
        @property
        def _finished(self) -> bool: ...
        def _reveal(self, first: int, end: int) -> None: ...
        def _refresh_decorations(self) -> None: ...
        def _style(self, name: str = "") -> Style: ...
