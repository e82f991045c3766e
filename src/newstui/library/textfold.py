"""Text as the list compares it: without case and accents (`sofia` finds `Sofía`, `munchen` finds `München`).

Here in the library so that the cache can pick a site's first rows in the list's own title order (see
`cache.newest_rows`); the UI's filter and sort use the same function.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case `text` and strip its accents, so matching ignores both (ß becomes ss, é becomes e)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
