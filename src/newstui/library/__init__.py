"""The library layer: folders of Markdown sources to `Site` and `Article` records (never imports textual).

Public API, stable for the document, render, UI and store layers:

- `load_site(path, *, use_cache=True) -> Site`: a folder (its articles, recursively) or a file (all articles of
  its site), newest first, metadata from the cache when files are unchanged. Raises FileNotFoundError /
  PermissionError only for a missing or unlistable `path`; problems inside the site are data.
- `read_article(path, site=None) -> (Article, body)`: one file's metadata and its body text without front matter,
  decoded and repaired; never raises for bad content. `Article.body_line` is where the body starts in the file.
- `site_for(path) -> Site`: the site a file or folder belongs to (root, title, base URL), without articles.
- `Site.permalink_index() -> dict[str, Path]`: URL path -> source file; look up with `permalinks.normalise(url)`.
"""

from newstui.library.permalinks import normalise as normalise_permalink
from newstui.library.records import Article, Problem, Site
from newstui.library.site import load_site, read_article, site_for, site_root_of

__all__ = [
    "Article",
    "Problem",
    "Site",
    "load_site",
    "normalise_permalink",
    "read_article",
    "site_for",
    "site_root_of",
]
