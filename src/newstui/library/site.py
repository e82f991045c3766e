"""Load a site: find its root and config, discover its articles, read each one (or take it from the cache).

`reader.read_file` is the one way a file becomes an `Article` plus body text: `load_site` uses it for every file
the cache cannot answer and `read_article` for the one article being shown, so list and reader always agree.
"""

from __future__ import annotations

import os
from pathlib import Path

from newstui import __version__
from newstui.library.cache import MetadataCache, loads
from newstui.library.discovery import Found, discover
from newstui.library.metadata import readable_words
from newstui.library.reader import Job, read_file, read_many
from newstui.library.records import Article, Problem, Site
from newstui.library.siteconfig import SiteConfig, read_config
from newstui.library.siteroot import find_site_root

CONTEXT_VERSION = f"1/{__version__}"  # bump when metadata extraction changes, so cached rows are rebuilt


def site_root_of(path: Path) -> Path:
    """The site root for a file or folder: the nearest folder with a site config, else the folder itself."""
    path = Path(os.path.abspath(path))
    found = find_site_root(path)
    if found is not None:
        return found
    return path if path.is_dir() else path.parent


def site_for(path: Path) -> Site:
    """The site `path` belongs to, with its config but without articles: cheap, for resolving one file's links."""
    root = site_root_of(path)
    return _site(read_config(root), ())


def read_article(path: Path, site: Site | None = None) -> tuple[Article, str]:
    """One article's metadata and its decoded body (front matter removed); never raises for bad content.

    A file that cannot be read gives an article titled from its name, an empty body and a "read" problem.
    """
    path = Path(os.path.abspath(path))
    root = site.root if site is not None else site_root_of(path)
    try:
        info = path.stat()
        size, mtime = info.st_size, info.st_mtime_ns
    except OSError:
        size, mtime = 0, 0
    return read_file(path, _relative(path, root), read_config(root), size, mtime)


def load_site(path: Path, *, use_cache: bool = True) -> Site:
    """The site at `path` (a folder: the articles under it; a file: all articles of its site), newest first.

    Raises FileNotFoundError when `path` does not exist and PermissionError when the folder cannot be listed;
    everything wrong inside the site is reported in `Site.problems` and `Article.problems`.
    """
    path = Path(path).expanduser().resolve()
    if not path.exists():
        raise FileNotFoundError(str(path))
    if path.is_dir() and not os.access(path, os.R_OK | os.X_OK):
        raise PermissionError(str(path))
    root = site_root_of(path)
    config = read_config(root)
    files, problems = discover(path if path.is_dir() else root, root, config.exclude)
    problems = [*config.problems, *problems]
    context = f"{CONTEXT_VERSION}:{config.signature}"
    cache = MetadataCache() if use_cache else None
    try:
        rows = cache.lookup(root) if cache is not None else {}
        if cache is not None:
            cache.close()  # reading may fork worker processes: none should inherit an open SQLite connection
        articles, fresh = _articles(files, root, config, context, rows, problems)
        if cache is not None:
            present = {found.path for found in files}
            walked = str(path) + os.sep if path.is_dir() else str(root) + os.sep
            gone = [key for key in rows if key.startswith(walked) and key not in present]
            cache.update(context, fresh, gone)
    finally:
        if cache is not None:
            cache.close()
    articles.sort(key=_newest_first)
    return _site(config, tuple(articles), tuple(problems))


def _articles(
    files: list[Found],
    root: Path,
    config: SiteConfig,
    context: str,
    rows: dict[str, tuple[int, int, str, str]],
    problems: list[Problem],
) -> tuple[list[Article], list[tuple[Article, str | None]]]:
    """All articles (from cached `rows` when still valid), and those freshly read with their cache rows."""
    articles: list[Article] = []
    jobs: list[Job] = []
    for found in files:
        key = found.path
        row = rows.get(key)
        if row is not None and row[:3] == (found.size, found.mtime_ns, context):
            try:
                articles.append(loads(Path(key), row[3]))
                continue
            except (ValueError, TypeError, IndexError):
                pass  # a damaged row: read the file again
        jobs.append((key, _relative(key, root), found.size, found.mtime_ns))
    fresh: list[tuple[Article, str | None]] = []
    for article, row_text in read_many(jobs, config):
        unreadable = [p for p in article.problems if p.kind == "read"]
        if unreadable:
            problems.extend(unreadable)
        else:
            articles.append(article)
            fresh.append((article, row_text))
    return articles, fresh


def _relative(path: Path | str, root: Path) -> str:
    text, prefix = str(path), str(root).rstrip(os.sep) + os.sep
    if text.startswith(prefix):  # the common case, without building Path objects
        return text[len(prefix) :].replace(os.sep, "/")
    return Path(os.path.relpath(text, root)).as_posix()


def _newest_first(article: Article) -> tuple[bool, float, str, str]:
    stamp = article.date.timestamp() if article.date is not None else 0.0
    return (article.date is None, -stamp, article.title.casefold(), article.rel_path)


def _site(config: SiteConfig, articles: tuple[Article, ...], problems: tuple[Problem, ...] = ()) -> Site:
    title = config.title
    if title is None:  # Zola keeps the blog's title in the root section, `_index.md`
        home = next((a for a in articles if a.rel_path in ("_index.md", "content/_index.md", "index.md")), None)
        title = home.title if home is not None else readable_words(config.root.name) or str(config.root)
    return Site(
        root=config.root,
        title=title,
        articles=articles,
        base_url=config.base_url,
        baseurl_path=config.baseurl_path,
        permalink=config.permalink,
        problems=problems,
    )
