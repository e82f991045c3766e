"""SQLite storage below the library layer: read/starred state (data folder) and the full-text index (cache).

Neither part imports the library or textual: they take records by their fields (`path`, `rel_path`, `size`, ...)
so the library's `Article` fits, and the caller passes how to read a body.
"""

from newstui.store.query import Query, find_terms, parse_query
from newstui.store.search_index import Hit, RefreshStats, SearchIndex, Stamp, index_path
from newstui.store.state import ArticleState, StateStore, content_hash, open_state

__all__ = [
    "ArticleState",
    "Hit",
    "Query",
    "RefreshStats",
    "SearchIndex",
    "Stamp",
    "StateStore",
    "content_hash",
    "find_terms",
    "index_path",
    "open_state",
    "parse_query",
]
