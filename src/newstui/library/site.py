"""Load a site: find its root and config, discover its articles, read each one (or take it from the cache).

`reader.read_file` is the one way a file becomes an `Article` plus body text: `load_site` uses it for every file
the cache cannot answer and `read_article` for the one article being shown, so list and reader always agree.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NamedTuple

from newstui import __version__
from newstui.library.cache import MetadataCache, Records, Row, newest_rows, to_row
from newstui.library.discovery import Found, discover
from newstui.library.metadata import readable_words
from newstui.library.reader import Job, read_file, read_many
from newstui.library.records import Article, Problem, Site
from newstui.library.siteconfig import SiteConfig, read_config
from newstui.library.siteroot import find_site_root

Progress = Callable[[list[Article], int, int], None]  # new articles, files done so far, files in all
PROGRESS_BATCH = 500  # articles per progress call while files are read: a screenful many times over, few calls
HOME_PAGES = ("_index.md", "content/_index.md", "index.md")  # where a site without a configured title keeps it
GLIMPSE_READS = 16  # files `glimpse_site` reads itself when the cache does not know them; more, and it gives up
FIRST_ROWS = 256  # newest cached articles handed over before the rest of a big site's: a tall screenful and more
CONTEXT_VERSION = f"2/{__version__}"  # bump when metadata extraction changes, so cached rows are rebuilt


def site_root_of(path: Path) -> Path:
    """The site root for a file or folder: the nearest folder with a site config, else the folder itself."""
    path = Path(os.path.abspath(path))
    found = find_site_root(path)
    if found is not None:
        return found
    return path if path.is_dir() else path.parent


def site_for(path: Path) -> Site:
    """The site `path` belongs to, with its config but without articles: cheap, for resolving one file's links.
    Its title is the whole site's: from the config, else (Zola) from the root section's page, read alone."""
    return _site(read_config(site_root_of(path)), ())


def _home_page(config: SiteConfig) -> Article | None:
    """The root section's page (`_index.md`), read on its own; None when the site has none."""
    for rel_path in HOME_PAGES:
        home = config.root / rel_path
        with suppress(OSError):
            if home.is_file():
                info = home.stat()
                return read_file(home, rel_path, config, info.st_size, info.st_mtime_ns)[0]
    return None


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


def load_site(path: Path, *, use_cache: bool = True, progress: Progress | None = None) -> Site:
    """The site at `path` (a folder: the articles under it; a file: all articles of its site), newest first.

    `progress(new_articles, done, total)`, when given, gets the articles in batches as they are known (those
    from the cache first, then as files are read, in no particular order), so a big site's list can be shown
    while it loads; the Site returned at the end holds them all, sorted.

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
    with _collector_paused():  # the temporaries of `_load` are gone before the collector runs again
        articles, problems = _load(path, root, config, use_cache, progress)
        articles.sort(key=_newest_first)
        return _site(config, tuple(articles), tuple(problems))


class Glimpse(NamedTuple):
    """A big site as its first screen needs it, from the metadata cache: see `glimpse_site`."""

    site: Site  # root, config and title, without articles
    articles: list[Article]  # at least the site's `count` newest, in no order
    total: int | None  # article files found; None when they were not counted (one article's frame)


def glimpse_site(path: Path, count: int = FIRST_ROWS) -> Glimpse | None:
    """The newest `count` articles of the site at `path` (a folder), from the metadata cache: a walk of the folder
    and one query, without the records of all the others. For painting a big site's first rows before the app
    has started; `load_site` still gives the whole site after.

    None when the cache cannot answer: it holds nothing of this site, more than GLIMPSE_READS files are new or
    changed since it was filled (those few are read here), or a row of it is damaged.
    """
    path = Path(path).expanduser().resolve()  # as `load_site` has it: the cache is keyed by these paths
    if not path.is_dir():
        return None
    root = site_root_of(path)
    with MetadataCache() as cache:
        cached = cache.lookup(path)
    if not cached:  # never read before: no walk here, the app reads it
        return None
    config = read_config(root)
    context = f"{CONTEXT_VERSION}:{config.signature}"
    unknown = 0

    def too_many_unknown(found: Found) -> bool:  # a folder mostly not in the cache: stop walking it at once
        nonlocal unknown
        unknown += not _still_valid(cached.get(found.path), found, context)
        return unknown > GLIMPSE_READS

    files, _problems = discover(path, root, config.exclude, stop=too_many_unknown)
    if unknown > GLIMPSE_READS:
        return None
    valid, jobs = _sorted_out(files, root, context, cached)
    fresh = [read_file(Path(key), rel_path, config, size, mtime)[0] for key, rel_path, size, mtime in jobs]
    rows = valid + [to_row(article) for article in fresh if not any(p.kind == "read" for p in article.problems)]
    records = Records(recheck=True)
    damaged: list[Job] = []
    articles = _records_of(records, newest_rows(rows, count), root, damaged)
    if damaged:  # the full load reads those files again; the first screen waits for it
        return None
    return Glimpse(_site(config, ()), articles, len(files))


def _load(
    path: Path, root: Path, config: SiteConfig, use_cache: bool, progress: Progress | None = None
) -> tuple[list[Article], list[Problem]]:
    """The articles under `path` (cached or read, then cached) and the problems met on the way."""
    files, found_problems = discover(path if path.is_dir() else root, root, config.exclude)
    problems = [*config.problems, *found_problems]
    context = f"{CONTEXT_VERSION}:{config.signature}"
    cache = MetadataCache() if use_cache else None
    try:
        rows = cache.lookup(root) if cache is not None else {}
        if cache is not None:
            cache.close()  # reading may fork worker processes: none should inherit an open SQLite connection
        articles, fresh = _articles(files, root, config, context, rows, problems, progress)
        if cache is not None:
            present = {found.path for found in files}
            walked = str(path) + os.sep if path.is_dir() else str(root) + os.sep
            gone = [key for key in rows if key.startswith(walked) and key not in present]
            cache.update(context, fresh, gone)
    finally:
        if cache is not None:
            cache.close()
    return articles, problems


def _articles(
    files: list[Found],
    root: Path,
    config: SiteConfig,
    context: str,
    rows: dict[str, Row],
    problems: list[Problem],
    progress: Progress | None = None,
) -> tuple[list[Article], list[Row]]:
    """All articles (from cached `rows` when still valid), and the cache rows of those freshly read."""
    valid, jobs = _sorted_out(files, root, context, rows)
    records = Records(recheck=True)
    total = len(files)
    articles: list[Article] = []
    if progress is not None and len(valid) > FIRST_ROWS:
        # A big site with a warm cache: its newest articles first, so the list's first screen does not wait for
        # thousands of records; the rest of the cached ones follow in one batch.
        first = newest_rows(valid, FIRST_ROWS)
        articles = _records_of(records, first, root, jobs)
        progress(list(articles), len(articles), total)
        taken = {row[0] for row in first}
        valid = [row for row in valid if row[0] not in taken]
    reported = len(articles)
    articles += _records_of(records, valid, root, jobs)
    cached = len(articles)
    if progress is not None and cached > reported:
        progress(articles[reported:], cached, total)
        reported = cached
    fresh: list[Row] = []
    for done, (article, row) in enumerate(read_many(jobs, config), start=cached + 1):
        unreadable = [p for p in article.problems if p.kind == "read"]
        if unreadable:
            problems.extend(unreadable)
        else:
            articles.append(article)
            fresh.append(row)
        if progress is not None and (len(articles) - reported >= PROGRESS_BATCH or done == cached + len(jobs)):
            progress(articles[reported:], done, total)
            reported = len(articles)
    return articles, fresh


def _sorted_out(files: list[Found], root: Path, context: str, rows: dict[str, Row]) -> tuple[list[Row], list[Job]]:
    """The cache rows still valid for `files` (same size, mtime and context), and the jobs to read the others."""
    valid: list[Row] = []
    jobs: list[Job] = []
    for found in files:
        row = rows.get(found.path)
        if row is not None and _still_valid(row, found, context):
            valid.append(row)
        else:
            jobs.append((found.path, _relative(found.path, root), found.size, found.mtime_ns))
    return valid, jobs


def _still_valid(row: Row | None, found: Found, context: str) -> bool:
    """Whether a cache row still tells the file `found` is: same size, mtime, and config and version."""
    return row is not None and row[1] == found.size and row[2] == found.mtime_ns and row[-1] == context


def _records_of(records: Records, rows: list[Row], root: Path, jobs: list[Job]) -> list[Article]:
    """The articles of cache rows; a damaged row becomes a job, to read its file again."""
    articles = []
    for row in rows:
        try:
            articles.append(records.article(row))
        except (ValueError, TypeError, IndexError):
            jobs.append((row[0], _relative(row[0], root), row[1], row[2]))
    return articles


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep the cyclic garbage collector off while thousands of records are made, all of them kept.

    Its passes would walk every object made so far again and again and find nothing; re-enabled, it would
    still walk all 60,000 new objects (records, their dicts, Paths) once, a tenth of a warm start. So they join
    the oldest generation directly (`freeze` + `unfreeze`), to be looked at by its next full pass like any old
    object. Nothing is left out of collection; a caller that had the collector off keeps it off, and one that
    keeps objects frozen (the app's collector policy) keeps them frozen: then the new objects are walked once."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _relative(path: Path | str, root: Path) -> str:
    text, prefix = str(path), str(root).rstrip(os.sep) + os.sep
    if text.startswith(prefix):  # the common case, without building Path objects
        return text[len(prefix) :].replace(os.sep, "/")
    return Path(os.path.relpath(text, root)).as_posix()


def _newest_first(article: Article) -> tuple[bool, float, str, str]:
    stamp = article.date.timestamp() if article.date is not None else 0.0
    return (article.date is None, -stamp, article.title.casefold(), article.rel_path)


def _site(config: SiteConfig, articles: tuple[Article, ...], problems: tuple[Problem, ...] = ()) -> Site:
    return Site(
        root=config.root,
        title=_title(config, articles),
        articles=articles,
        base_url=config.base_url,
        baseurl_path=config.baseurl_path,
        permalink=config.permalink,
        problems=problems,
    )


def _title(config: SiteConfig, articles: Sequence[Article]) -> str:
    """The config's title; for Zola, which keeps it in the root section (`_index.md`), that page's title."""
    if config.title is not None:
        return config.title
    home = next((a for a in articles if a.rel_path in HOME_PAGES), None)  # listed: no need to read it again
    home = home or _home_page(config)  # a folder inside the site lists no root section, a bare site none at all
    return home.title if home is not None else readable_words(config.root.name) or str(config.root)
