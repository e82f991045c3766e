"""The last few layouts the reader made, so going back to an article just shown costs no new layout.

Moving the list cursor up and down previews the same articles again; their Documents come from the screen's
DocumentCache, and laying one out again at the same width and colours gives the same RenderedArticle. Keyed by the
Document object itself (held, so its id cannot be reused), the width, the line limit and the renderer's options.
Thread-safe: big articles are laid out in a worker thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from newstui.document.model import Document
from newstui.render.model import RenderedArticle

SIZE = 16


class LayoutCache:
    """Most recently used layouts, at most `size` of them."""

    def __init__(self, size: int = SIZE) -> None:
        self._entries: OrderedDict[tuple[int, Hashable], tuple[Document, RenderedArticle]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, document: Document, options: Hashable, make: Callable[[], RenderedArticle]) -> RenderedArticle:
        """The layout of `document` with `options` (width, line limit, theme…), made by `make` when not kept."""
        key = (id(document), options)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] is document:
                self._entries.move_to_end(key)
                return entry[1]
        rendered = make()
        with self._lock:
            self._entries[key] = (document, rendered)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return rendered

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
