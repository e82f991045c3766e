"""Article text to a `Document`: markdown-it-py plus the static-site dialects, raw HTML, and resolved targets.

`parse_document` never raises: whatever goes wrong becomes a Problem("markup", ...) and the text is still shown.
For long articles `first_screen` parses only a prefix cut at a safe block boundary, so the reader can show the
top at once while `parse_document` runs on the whole text in a worker; its targets are a prefix of the full
Document's targets (same numbering).
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from newstui.document.build import Builder
from newstui.document.context import Context
from newstui.document.inline import file_caption
from newstui.document.model import Block, Document, Heading, Span
from newstui.document.rules import PAGE, PROBLEMS, dialects_plugin
from newstui.document.split import reference_lines, safe_prefix
from newstui.document.tail import TAIL_CHARS, tail_of
from newstui.library.metadata import IMAGE_KEYS
from newstui.library.records import Article, Problem, Site
from newstui.library.siteroot import find_site_root

__all__ = [
    "FIRST_SCREEN_CHARS",
    "TAIL_CHARS",
    "first_screen",
    "make_markdown",
    "parse_document",
    "safe_prefix",
    "tail_of",
]

FIRST_SCREEN_CHARS = 12_000  # comfortably more than a 40-line screen, parsed in a few milliseconds

_MD: MarkdownIt | None = None
_MAY_LINK = re.compile(r"[:@]|//|\.\w|www\.|localhost", re.IGNORECASE)


def make_markdown() -> MarkdownIt:
    """The parser: CommonMark, tables, strikethrough, linkify, footnotes, definition and task lists, dialects."""
    md = MarkdownIt("commonmark", {"linkify": True})
    md.enable(["table", "strikethrough", "linkify"])
    md.use(footnote_plugin).use(deflist_plugin).use(tasklists_plugin).use(dialects_plugin)
    # Targets keep destinations as the author wrote them (spaces, non-ASCII names); the library resolves and
    # percent-decodes them. markdown-it's normalisation (parse, punycode, percent-encode) would only be undone.
    setattr(md, "normalizeLink", _as_written)  # noqa: B010
    setattr(md, "normalizeLinkText", _as_written)  # noqa: B010
    # Bare URLs are linked as GitHub does (`http://`, `www.`, e-mail); linkify-it's own pretest lets almost every
    # sentence through to its full (slow) scan, a third of the parse time on ordinary prose.
    linkify = md.linkify
    if linkify is not None:
        pretest, test = linkify.pretest, linkify.test
        linkify.pretest = lambda text: ("://" in text or "www." in text or "@" in text) and pretest(text)
        # A paragraph holding one URL passes the pretest, and then every text piece of it went through the full
        # test (a third of the parse time on the 1.3 MB benchmark article). A piece with none of what any link
        # needs (a scheme's ':' or '//', '@', 'www.', 'localhost', or a dot before a host's next label) cannot
        # match: skipping it changes nothing.
        linkify.test = lambda text: _MAY_LINK.search(text) is not None and test(text)
    return md


def _as_written(url: str) -> str:
    return url


def _markdown() -> MarkdownIt:
    global _MD
    if _MD is None:
        _MD = make_markdown()
    return _MD


def parse_document(
    body: str,
    *,
    source: Path | None = None,
    site: Site | None = None,
    article: Article | None = None,
) -> Document:
    """The whole article body (front matter already removed) as a Document. Never raises."""
    return _parse(body, source=source, site=site, article=article, complete=True)


def first_screen(
    body: str,
    *,
    source: Path | None = None,
    site: Site | None = None,
    article: Article | None = None,
    chars: int = FIRST_SCREEN_CHARS,
) -> Document:
    """The top of the article only (complete=False when the text was cut); cheap for any article length."""
    cut = safe_prefix(body, chars)
    if cut >= len(body):
        return _parse(body, source=source, site=site, article=article, complete=True)
    head = body[:cut] + "\n\n" + reference_lines(body[cut:], body[:cut])  # links defined further down still work
    return _parse(head, source=source, site=site, article=article, complete=False)


_GC_LOCK = threading.Lock()
_GC_HOLDERS = 0
_GC_WAS_ENABLED = False


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """A parse allocates many small acyclic objects; the cyclic collector would spend a quarter of the time on
    them. It is paused while any parse runs (shared count, so overlapping parses in threads are safe)."""
    global _GC_HOLDERS, _GC_WAS_ENABLED
    with _GC_LOCK:
        if _GC_HOLDERS == 0:
            _GC_WAS_ENABLED = gc.isenabled()
            gc.disable()
        _GC_HOLDERS += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_HOLDERS -= 1
            if _GC_HOLDERS == 0 and _GC_WAS_ENABLED:
                gc.enable()


def _parse(
    body: str,
    *,
    source: Path | None,
    site: Site | None,
    article: Article | None,
    complete: bool,
) -> Document:
    with _no_gc_pauses():
        return _parse_now(body, source=source, site=site, article=article, complete=complete)


def _parse_now(
    body: str,
    *,
    source: Path | None,
    site: Site | None,
    article: Article | None,
    complete: bool,
) -> Document:
    source = source or (article.path if article else None)
    problems: list[object] = list(article.problems) if article else []
    try:
        site_root = site.root if site else (find_site_root(source) if source else None)
    except OSError:
        site_root = None
    ctx = Context(source, site, article, site_root)
    hero = None
    if article is not None and article.image:
        hero = ctx.add("image", file_caption(article.image), article.image)
    blocks: tuple[Block, ...]
    try:
        blocks = _blocks(body, ctx, article, site, keep=complete)
    except Exception as exc:  # RecursionError and all: the reader must always show something
        reason = type(exc).__name__
        problems.append(Problem("markup", f"the article could not be fully parsed ({reason}); shown as text"))
        ctx = Context(source, site, article, site_root)
        if article is not None and article.image:
            hero = ctx.add("image", file_caption(article.image), article.image)
        blocks = tuple(Block("paragraph", spans=(Span(part.strip()),)) for part in body.split("\n\n") if part.strip())
    problems.extend(ctx.problems)
    return Document(
        title=_title(article, ctx.outline, source),
        blocks=blocks,
        targets=ctx.targets(),
        outline=tuple(ctx.outline),
        date=article.date.strftime("%Y-%m-%d") if article and article.date else "",
        authors=article.authors if article else (),
        tags=article.tags if article else (),
        hero=hero,
        source=source,
        problems=tuple(problems),
        complete=complete,
    )


# The tokens of the last long body parsed, kept because the reader parses the same text twice: `newstui open FILE`
# parses FILE before the site's permalinks are known, then again once they are (often while the first parse still
# runs: the second then waits for its tokens instead of competing with it for the interpreter). markdown-it's part
# (two thirds of the parse) depends only on the text and the page fields it may show, so the second parse redoes
# only the Document, where targets are resolved. One entry: ~18 MB for a 1.3 MB article. The builder never changes
# tokens, so threads may share them.
KEEP_TOKENS_FROM = 32_000  # characters; shorter bodies parse in a few milliseconds
_LAST_TOKENS: tuple[str, tuple[tuple[str, str], ...], list[Token], tuple[tuple[int, str], ...]] | None = None
_PARSING: dict[tuple[int, tuple[tuple[str, str], ...]], threading.Event] = {}  # long bodies being tokenized now
_TOKENS_LOCK = threading.Lock()


def _tokens(md: MarkdownIt, body: str, page: dict[str, str]) -> tuple[list[Token], tuple[tuple[int, str], ...]]:
    """markdown-it's tokens for `body` and the problems its rules found; for a long body, from the last parse
    when it was this one, or from the parse of it running in another thread."""
    global _LAST_TOKENS
    key = tuple(sorted(page.items()))
    if len(body) < KEEP_TOKENS_FROM:
        return _tokenize(md, body, page)
    flight = (hash(body), key)
    while True:
        with _TOKENS_LOCK:
            last = _LAST_TOKENS
            if last is not None and last[1] == key and last[0] == body:
                return last[2], last[3]
            running = _PARSING.get(flight)
            if running is None:
                done = _PARSING[flight] = threading.Event()
                break
        running.wait()  # then look again: that parse may have failed, or been of another text with this hash
    try:
        tokens, problems = _tokenize(md, body, page)
        with _TOKENS_LOCK:
            _LAST_TOKENS = (body, key, tokens, problems)
        return tokens, problems
    finally:
        with _TOKENS_LOCK:
            del _PARSING[flight]
        done.set()


def _tokenize(md: MarkdownIt, body: str, page: dict[str, str]) -> tuple[list[Token], tuple[tuple[int, str], ...]]:
    env: dict[str, object] = {PAGE: page}
    tokens = md.parse(body, env)
    found: list[tuple[int, str]] = env.get(PROBLEMS, [])  # type: ignore[assignment]
    return tokens, tuple(found)


def _blocks(body: str, ctx: Context, article: Article | None, site: Site | None, keep: bool) -> tuple[Block, ...]:
    md = _markdown()
    page = {"page.title": article.title if article else "", "site.title": site.title if site else ""}
    if article is not None and article.image:  # `{% include image.html url=page.image %}`: the hero image
        page.update({f"page.{key}": article.image for key in IMAGE_KEYS})
    # a part of the text (the tail for `G`) is parsed once: its tokens must not replace the whole body's
    tokens, found = _tokens(md, body, page) if keep else _tokenize(md, body, page)
    first_line = article.body_line if article is not None else 1
    for line, message in found:
        ctx.problems.append(Problem("markup", message, line=first_line + line))
    toc: tuple[Heading, ...] = ()
    if any(t.type == "x_ial" and "toc" in t.meta.get("attrs", {}) for t in tokens):
        # the outline is needed before the headings are met: a first pass collects it
        probe = Context(ctx.source, ctx.site, ctx.article, ctx.site_root)
        Builder(md, probe).build(tokens)
        toc = tuple(probe.outline)
    return tuple(Builder(md, ctx, toc).build(tokens))


def _title(article: Article | None, outline: list[Heading], source: Path | None) -> str:
    if article is not None and article.title:
        return article.title
    first = next((h.text for h in outline if h.level == 1), "")
    return first or (source.stem if source else "")
