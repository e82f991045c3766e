"""Best-effort URL paths of source files, so a link written as a site URL can open the article it names.

Jekyll: posts (`_posts/`) follow the site's `permalink` style or template; collection documents their
collection's `permalink`, else `/:collection/:path` with the style's suffix; other pages `/:path/:basename`.
A front matter `permalink` wins. Zola: the front matter `path`; Hugo: `url`. Otherwise the path under the content
folder, with `index.md`/`_index.md` naming their folder. Keys are normalised by `normalise` (leading slash, no
trailing slash, no `.html`, no `/index`), which is also how `library.resolve` looks them up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from newstui.library.dates import FILE_DATE
from newstui.library.siteconfig import SiteConfig

STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_SLASHES = re.compile(r"/{2,}")
_DATE_KEYS = {
    "year",
    "month",
    "day",
    "i_month",
    "i_day",
    "y_day",
    "short_year",
    "hour",
    "minute",
    "second",
    "week",
    "short_day",
}


def normalise(url: str) -> str:
    """The lookup form of a URL path: `/2017/07/27/slug.html`, `/news/x/` and `/news/x/index.html` -> `/news/x`."""
    path = "/" + url.split("#", 1)[0].split("?", 1)[0].strip().strip("/")
    path = path.removesuffix(".html").removesuffix("/index")
    return path or "/"


def permalink_for(rel: PurePosixPath, meta: dict[str, Any], date: datetime | None, config: SiteConfig) -> str | None:
    """The URL path of the page built from `rel` (a path relative to the site root), or None when unknown."""
    own = meta.get("permalink")
    if isinstance(own, str) and own.strip():
        return _fill(own.strip(), rel, meta, date, None)
    if config.kind != "jekyll":  # Zola's `path`, Hugo's `url`; in Jekyll these keys mean nothing
        for key in ("path", "url"):
            value = meta.get(key)
            if isinstance(value, str) and value.strip():
                return "/" + value.strip().lstrip("/")
    if config.kind == "jekyll":
        return _jekyll(rel, meta, date, config)
    return _content_path(rel, meta, config)


def _jekyll(rel: PurePosixPath, meta: dict[str, Any], date: datetime | None, config: SiteConfig) -> str | None:
    parts = rel.parts
    style = config.permalink or "date"
    if "_posts" in parts:
        template = STYLES.get(style, style)
        return _fill(template, rel, meta, date, "posts")
    inside = rel
    if config.collections_dir:
        base = PurePosixPath(config.collections_dir)
        inside = rel.relative_to(base) if rel.is_relative_to(base) else rel
    if inside.parts and inside.parts[0].startswith("_") and inside.parts[0][1:] in config.collections:
        name = inside.parts[0][1:]
        template = config.collections[name] or _with_suffix("/:collection/:path", style)
        return _fill(STYLES.get(template, template), inside, meta, date, name)
    if rel.stem == "index":
        return "/" + str(rel.parent).strip(".").strip("/")
    return _fill(_with_suffix("/:path/:basename", style), rel, meta, date, None)


def _with_suffix(template: str, style: str) -> str:
    """Jekyll's add_permalink_suffix: the style decides between `/` and `.html` endings."""
    if style == "pretty" or (style not in STYLES and style.endswith("/")):
        return template + "/"
    if style in STYLES or style.endswith(":output_ext"):
        return template + ":output_ext"
    return template


def _fill(
    template: str, rel: PurePosixPath, meta: dict[str, Any], date: datetime | None, collection: str | None
) -> str | None:
    """Replace Jekyll's placeholders; None when the template needs a date the article lacks."""
    used = _placeholders(template)
    if used & _DATE_KEYS and date is None:
        return None
    name = rel.stem
    slug_match = FILE_DATE.match(name)
    title = name[slug_match.end() :] if slug_match else name
    slug = meta.get("slug") if isinstance(meta.get("slug"), str) else title
    values = {
        "title": title.replace(" ", "-"),
        "slug": str(slug).replace(" ", "-"),
        "name": name,
        "basename": name,
        "collection": collection or "",
        "output_ext": ".html",
    }
    if "categories" in used:
        values["categories"] = "/".join(dict.fromkeys(c.lower() for c in _categories(rel, meta)))
    if "path" in used:
        values["path"] = _collection_path(rel, collection)
    if date is not None:
        values |= {key: _DATE_PARTS[key](date) for key in used & _DATE_KEYS}  # only those the template uses
    filled = "/" + _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
    return _SLASHES.sub("/", filled) if "//" in filled else filled


@lru_cache(maxsize=256)
def _placeholders(template: str) -> frozenset[str]:
    """The placeholder names a template uses (a site has a handful of templates and thousands of pages)."""
    return frozenset(_PLACEHOLDER.findall(template))


_DATE_PARTS: dict[str, Callable[[datetime], str]] = {
    "year": lambda date: f"{date.year:04d}",
    "month": lambda date: f"{date.month:02d}",
    "day": lambda date: f"{date.day:02d}",
    "i_month": lambda date: str(date.month),
    "i_day": lambda date: str(date.day),
    "y_day": lambda date: f"{date.timetuple().tm_yday:03d}",
    "short_year": lambda date: f"{date.year % 100:02d}",
    "hour": lambda date: f"{date.hour:02d}",
    "minute": lambda date: f"{date.minute:02d}",
    "second": lambda date: f"{date.second:02d}",
    "week": lambda date: f"{date.isocalendar().week:02d}",
    "short_day": lambda date: date.strftime("%a"),
}


def _collection_path(rel: PurePosixPath, collection: str | None) -> str:
    """`:path`: within a collection, the path inside its folder without extension; for pages, the folder."""
    if collection is None:
        return str(rel.parent).strip(".")
    parts = (*rel.parts[:-1], rel.stem) if rel.name else rel.with_suffix("").parts  # the name without suffix
    inside = parts[parts.index("_" + collection) + 1 :] if "_" + collection in parts else parts
    return "/".join(inside)


def _categories(rel: PurePosixPath, meta: dict[str, Any]) -> list[str]:
    """Folders above `_posts` and the front matter's categories, as Jekyll combines them for `:categories`."""
    found = [part for part in rel.parts[: rel.parts.index("_posts")]] if "_posts" in rel.parts else []
    for key in ("categories", "category"):
        value = meta.get(key)
        if isinstance(value, str):
            found += value.split()
        elif isinstance(value, list):
            found += [str(item) for item in value]
    return found


def _content_path(rel: PurePosixPath, meta: dict[str, Any], config: SiteConfig) -> str:
    """Hugo and Zola default: the path under `content/`, index files naming their folder, date prefixes dropped."""
    base = config.content_dir.relative_to(config.root).as_posix()
    inside = rel.relative_to(base) if base != "." and rel.is_relative_to(base) else rel
    folder = str(inside.parent).strip(".").strip("/")
    if inside.stem in ("index", "_index"):
        return "/" + folder
    name = inside.stem
    dated = FILE_DATE.match(name)
    slug = meta.get("slug")
    leaf = slug.strip() if isinstance(slug, str) and slug.strip() else name[dated.end() :] if dated else name
    return "/" + "/".join(p for p in (folder, leaf) if p)
