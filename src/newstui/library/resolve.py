"""Resolve a link or image destination as written in an article to something a reader can open.

Order (see the guide): the article's own folder (page bundles, relative links), the site root (for `/images/...`
and Jekyll's root-relative `images/...`), then Hugo's `static/` and `assets/`. Percent-encoding is decoded, Liquid
`{{ site.baseurl }}` and `relative_url`/`absolute_url` are resolved, and a path or permalink that names another
article's source file is reported as that article.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_LIQUID_FILTERED = re.compile(r"""\{\{-?\s*(['"])(.*?)\1\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}""")
_LIQUID_SITE_VAR = re.compile(r"\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_MISSING = frozenset((errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP))  # pathlib's "does not exist"
_MISSING_WINDOWS = frozenset((21, 123, 1921))


@dataclass(frozen=True)
class Resolved:
    """Where a destination leads.

    `dest`: an absolute URL, an absolute local path as a string, or "#anchor". `scheme`: "http", "https",
    "mailto", ... for URLs, "file" for local paths, "anchor" for "#..." and "" when nothing was written.
    """

    dest: str
    scheme: str
    local_path: Path | None = None
    exists: bool | None = None
    article: Path | None = None
    fragment: str = ""


def strip_liquid(raw: str) -> str:
    """Resolve the Liquid that sites put in paths: `{{ site.baseurl }}/x`, `{{ '/x' | relative_url }}`."""
    raw = _LIQUID_FILTERED.sub(lambda m: m.group(2), raw)
    return _LIQUID_SITE_VAR.sub("", raw)


def resolve(
    raw: str,
    article_path: Path | None,
    site_root: Path | None,
    *,
    baseurl: str = "",
    permalinks: Mapping[str, Path] | None = None,
) -> Resolved:
    """Resolve `raw` (as written in the article at `article_path`) within the site at `site_root`."""
    text = strip_liquid(raw.strip())
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if not text:
        return Resolved(dest="", scheme="")
    if text.startswith("#"):
        return Resolved(dest=text, scheme="anchor", fragment=unquote(text[1:]))
    if text.startswith("//"):
        text = "https:" + text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme and not _DRIVE.match(text):
        if scheme != "file":
            return Resolved(dest=text, scheme=scheme)
        return _local(unquote(parts.path), parts.fragment, article_path, site_root, baseurl, permalinks)
    return _local(unquote(parts.path), unquote(parts.fragment), article_path, site_root, baseurl, permalinks)


def _local(
    path: str,
    fragment: str,
    article_path: Path | None,
    site_root: Path | None,
    baseurl: str,
    permalinks: Mapping[str, Path] | None,
) -> Resolved:
    """Resolve a local path against the article's folder, the site root, and Hugo's static/ and assets/."""
    if not path:  # "?query" or "#x" after Liquid removal: stays in this article
        return Resolved(dest="#" + fragment if fragment else "", scheme="anchor", fragment=fragment)
    prefix = baseurl.strip("/")
    if prefix and path.lstrip("/").startswith(prefix + "/"):
        path = "/" + path.lstrip("/")[len(prefix) + 1 :]
    article = _permalink_article(path, permalinks)
    if article is not None:
        return Resolved(
            dest=str(article),
            scheme="file",
            local_path=article,
            exists=True,
            article=article,
            fragment=fragment,
        )
    candidates = _candidates(path, article_path, site_root)
    if not candidates:
        return Resolved(dest=path, scheme="file", local_path=None, exists=False, fragment=fragment)
    expected = os.path.abspath(candidates[0])
    for index, written in enumerate(candidates):
        candidate = os.path.abspath(written) if index else expected
        info = _stat(candidate)
        if info is not None:
            chosen = path_of(candidate)
            return Resolved(
                dest=candidate,
                scheme="file",
                local_path=chosen,
                exists=True,
                article=_as_article(chosen, info),
                fragment=fragment,
            )
    return Resolved(dest=expected, scheme="file", local_path=path_of(expected), exists=False, fragment=fragment)


def _candidates(path: str, article_path: Path | None, site_root: Path | None) -> list[str]:
    """Every place `path` may live, most likely first; the first is also where a missing file was expected.

    Text, made absolute and normalised (no `..`, symlinks kept: the opener decides whether a link may leave the
    site) by the caller as each is tried: a `Path` for each would cost more than the rest of the resolution.
    """
    rel = path.lstrip("/")
    found: list[str] = []
    article_dir = os.path.dirname(os.fspath(article_path)) if article_path is not None else None
    root = os.fspath(site_root) if site_root is not None else None
    join = _join if os.sep == "/" and os.altsep is None else os.path.join
    if path.startswith("/"):
        if root is not None:
            found += [join(root, rel), join(root, "static", rel), join(root, "assets", rel)]
        elif article_dir is not None:
            found.append(join(article_dir, rel))
    else:
        explicit_relative = path.startswith(("./", "../"))
        bundle = article_path is not None and article_path.stem in ("index", "_index")
        local = [join(article_dir, path)] if article_dir is not None else []
        rooted = [join(root, rel), join(root, "static", rel), join(root, "assets", rel)] if root else []
        found += local + rooted if (explicit_relative or bundle or not rooted) else rooted[:1] + local + rooted[1:]
    return found


def path_of(text: str) -> Path:
    """`Path(text)` for an absolute, normalised path, made as a child of its folder's (cached) `Path`: the same
    Path for a fifth of the cost, which counts when each of 10,000 articles has one or two."""
    folder, _, name = text.rpartition(os.sep)
    if name in ("", ".", "..") or not folder or folder.endswith(os.sep) or os.altsep:  # "/x", "//x", Windows
        return Path(text)
    return _child(_folder(folder), name)


@lru_cache(maxsize=1024)
def _folder(text: str) -> Path:
    return Path(text)


def _child_by_join(parent: Path, name: str) -> Path:
    return parent / name


# pathlib's own join of one plain name, which `Path.iterdir` uses; `/` where a Python version lacks it. Either
# gives a Path equal to `Path(text)` (tests/unit/library and tests/unit/resolve check).
_child: Callable[[Path, str], Path] = getattr(Path, "_make_child_relpath", _child_by_join)


def _join(first: str, *rest: str) -> str:
    """`posixpath.join`, without its generality (it is most of the cost of listing the candidates)."""
    for part in rest:
        if part.startswith("/") or not first:
            first = part
        else:
            first = first + part if first.endswith("/") else first + "/" + part
    return first


def _stat(path: str) -> os.stat_result | None:
    """The file's status, or None where `Path.exists` says False (other errors raise, as they do there)."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno in _MISSING or getattr(exc, "winerror", None) in _MISSING_WINDOWS:
            return None
        raise
    except ValueError:  # a NUL byte in the name
        return None


def _as_article(path: Path, info: os.stat_result) -> Path | None:
    """The article a local destination names: a Markdown file, or a folder holding index.md / _index.md."""
    if stat.S_ISREG(info.st_mode) and path.suffix.lower() in ARTICLE_SUFFIXES:
        return path
    if stat.S_ISDIR(info.st_mode):
        for name in ("index.md", "_index.md", "index.markdown"):
            if (path / name).is_file():
                return path / name
    return None


def _permalink_article(path: str, permalinks: Mapping[str, Path] | None) -> Path | None:
    """A site URL path such as `/2017/07/27/slug.html` or `/news/slug/` that maps to a source file."""
    if not permalinks:
        return None
    key = "/" + path.strip("/")
    for candidate in (key, key.removesuffix(".html"), key.removesuffix("/index.html")):
        if candidate in permalinks:
            return permalinks[candidate]
    return None
