"""Front matter (a dict from YAML/TOML/JSON) and body to an `Article`: every key spelling the corpora use.

Values arrive in whatever shape authors typed: a string or a list for tags, a dict for an author, a number for a
title, a broken date. Each field is read defensively; what cannot be used becomes a `Problem` and the next source
is tried (title: front matter, first heading, file name; date: front matter, file name, Zola `path`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from newstui.library.dates import date_from_name, date_from_path, parse_date
from newstui.library.excerpt import excerpt_from, first_heading
from newstui.library.permalinks import permalink_for
from newstui.library.records import Article, Problem
from newstui.library.resolve import Resolved, resolve
from newstui.library.siteconfig import SiteConfig
from newstui.safetext import clean

IMAGE_KEYS = ("imageurl", "image", "cover", "images", "header", "thumbnail", "featured_image", "feature_image")
_IMAGE_SUBKEYS = ("image", "src", "path", "url", "feature", "overlay_image", "teaser")
_LANG_SUFFIX = re.compile(r"\.([a-z]{2}(?:[-_][A-Za-z]{2})?)$")
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def build_article(
    path: Path,
    rel_path: str,
    meta: dict[str, Any],
    body: str,
    config: SiteConfig,
    *,
    problems: Iterable[Problem] = (),
    size: int = 0,
    mtime_ns: int = 0,
    body_line: int = 1,
    front: str = "",
    memo: dict[tuple[str, str], Resolved] | None = None,
) -> Article:
    """The `Article` for one parsed file; never raises for odd values.

    `front` is the front matter as written, to give problems their line. `memo` shares hero image resolutions
    between the articles of one folder (logos used by every post).
    """
    found = list(problems)
    rel = PurePosixPath(rel_path)
    title = _title(meta, body, path, found, front)
    date = _date(meta, path, found, front)
    image, image_path, image_url = _image(meta, path, config, found, memo)
    extra = _table(meta, "extra")
    taxonomies = _table(meta, "taxonomies")
    return Article(
        path=path,
        rel_path=rel_path,
        title=title,
        date=date,
        tags=_words(meta.get("tags"), meta.get("tag"), taxonomies.get("tags")),
        categories=_words(
            meta.get("categories"), meta.get("category"), taxonomies.get("categories"), _post_folders(rel)
        ),
        authors=_authors(meta.get("authors"), meta.get("author"), extra.get("author"), taxonomies.get("authors")),
        draft=_draft(meta, rel),
        image=image,
        image_path=image_path,
        image_url=image_url,
        excerpt=excerpt_from(_first_text(meta, "description", "excerpt", "summary"), body),
        language=_language(meta, path),
        permalink=permalink_for(rel, meta, date, config),
        aliases=_strings(meta.get("aliases"), meta.get("redirect_from")),
        problems=tuple(found),
        size=size,
        mtime_ns=mtime_ns,
        body_line=body_line,
    )


def missing_image(raw: str) -> Problem:
    """The problem recorded when a hero image's local file is not there."""
    return Problem("missing-image", f"hero image not found: {clean(raw)}")


def readable_name(path: Path) -> str:
    """A title from a file name: `2017-07-27-Workshop-Outcomes_Sofia.md` -> `Workshop Outcomes Sofia`."""
    stem = path.parent.name if path.stem in ("index", "_index") and path.parent.name else path.stem
    return readable_words(stem)


def readable_words(name: str) -> str:
    """`2017-07-27-smart_city-days` -> `Smart city days`: date prefix dropped, dashes and underscores spaced."""
    name = re.sub(r"^\d{1,4}-\d{1,2}-\d{1,4}[-_]", "", name)
    words = re.sub(r"[-_]+", " ", name).strip() or name
    return words[:1].upper() + words[1:]


def _title(meta: dict[str, Any], body: str, path: Path, problems: list[Problem], front: str) -> str:
    value = meta.get("title")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # `title: 2019` is a title, not a problem
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if value is not None and not isinstance(value, str):
        problems.append(Problem("front-matter", f"title is a {_kind(value)}, not text", _key_line(front, "title")))
    return first_heading(body) or readable_name(path)


def _date(meta: dict[str, Any], path: Path, problems: list[Problem], front: str) -> datetime | None:
    """Front matter date, else the file name's, else a Zola `path`; every unreadable source is a problem."""
    found: datetime | None = None
    for value, reason, key in (
        (*parse_date(meta.get("date")), "date"),
        (*date_from_name(path.name if path.stem not in ("index", "_index") else path.parent.name), None),
        (*(date_from_path(meta["path"]) if isinstance(meta.get("path"), str) else (None, None)), "path"),
    ):
        if reason is not None:
            problems.append(Problem("date", reason, _key_line(front, key) if key else None))
        if found is None and value is not None:
            found = value
    return found


def _image(
    meta: dict[str, Any],
    path: Path,
    config: SiteConfig,
    problems: list[Problem],
    memo: dict[tuple[str, str], Resolved] | None,
) -> tuple[str | None, Path | None, str | None]:
    """Hero image as written, and where it resolves: a local path (may be missing) or a remote URL."""
    raw = _image_value(meta)
    if raw is None:
        return None, None, None
    shared = memo if path.stem not in ("index", "_index") else None  # a bundle resolves against itself first
    key = (raw, os.path.dirname(path))
    where = shared.get(key) if shared is not None else None
    if where is None:
        where = resolve(raw, path, config.root, baseurl=config.baseurl_path)
        if shared is not None:
            shared[key] = where
    if where.scheme in ("http", "https"):
        return raw, None, where.dest
    if where.scheme == "file" and where.local_path is not None:
        if not where.exists:
            problems.append(missing_image(raw))
        return raw, where.local_path, None
    return raw, None, None


def _image_value(meta: dict[str, Any]) -> str | None:
    extra = meta.get("extra")
    sources = [meta.get(key) for key in IMAGE_KEYS]
    if isinstance(extra, dict):
        sources += [extra.get(key) for key in IMAGE_KEYS]
    for value in sources:
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = next((value[k] for k in _IMAGE_SUBKEYS if isinstance(value.get(k), str) and value[k].strip()), None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _words(*values: object) -> tuple[str, ...]:
    """Tags or categories: lists as they are; a string split at commas, else at spaces (as Jekyll does)."""
    found: list[str] = []
    for value in values:
        if isinstance(value, str):
            found += value.split(",") if "," in value else value.split()
        elif isinstance(value, list | tuple):
            found += [str(item) for item in value if item is not None and not isinstance(item, dict | list)]
        elif isinstance(value, int | float) and not isinstance(value, bool):
            found.append(str(value))
    return tuple(dict.fromkeys(word.strip() for word in found if word.strip()))


def _authors(*values: object) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                item = item.get("name") or item.get("display_name")
            if isinstance(item, str) and item.strip():
                found.append(" ".join(item.split()))
    return tuple(dict.fromkeys(found))


def _strings(*values: object) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        items = value if isinstance(value, list) else [value]
        found += [item.strip() for item in items if isinstance(item, str) and item.strip()]
    return tuple(found)


def _post_folders(rel: PurePosixPath) -> tuple[str, ...]:
    """Jekyll: folders above `_posts/` are categories of its posts."""
    return tuple(rel.parts[: rel.parts.index("_posts")]) if "_posts" in rel.parts[:-1] else ()


def _draft(meta: dict[str, Any], rel: PurePosixPath) -> bool:
    return _flag(meta.get("draft")) is True or _flag(meta.get("published")) is False or "_drafts" in rel.parts


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        return True if word in _TRUE else False if word in _FALSE else None
    return None


def _language(meta: dict[str, Any], path: Path) -> str | None:
    for key in ("lang", "language", "locale"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    suffix = _LANG_SUFFIX.search(path.stem)  # Hugo's `post.de.md`
    return suffix.group(1) if suffix else None


def _first_text(meta: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _key_line(front: str, key: str) -> int | None:
    """The 1-based line where front matter key `key` is written (YAML `key:`, TOML `key =`, JSON `"key":`)."""
    found = re.search(rf"""^[ \t]*["']?{re.escape(key)}["']?[ \t]*[:=]""", front, re.MULTILINE)
    return front.count("\n", 0, found.start()) + 1 if found else None


def _table(meta: dict[str, Any], key: str) -> dict[str, Any]:
    """A nested table such as Zola's `[extra]` or `[taxonomies]`, or {} when absent or not a table."""
    value = meta.get(key)
    return value if isinstance(value, dict) else {}


def _kind(value: object) -> str:
    return {list: "list", dict: "set of fields", bool: "yes/no value"}.get(type(value), type(value).__name__)
