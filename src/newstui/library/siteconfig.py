"""A site's configuration, as much of it as the library needs: generator, title, base URL, permalink rules.

Jekyll (`_config.yml`/`.yaml`/`.toml`), Hugo (`hugo.*`, or `config.*` with `baseURL`) and Zola (`zola.toml`, or
`config.toml` with `base_url`) are read with yaml/tomllib/json. A folder without a config is a "plain" site. A
config that cannot be parsed is a site problem, never an exception. Results are cached by the config files'
size and mtime, so `read_article` can be called per file without re-reading the config.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from newstui.library.records import Problem
from newstui.library.siteroot import SITE_MARKERS

JEKYLL_FILES = ("_config.yml", "_config.yaml", "_config.toml")
HUGO_FILES = ("hugo.toml", "hugo.yaml", "hugo.json")


@dataclass(frozen=True)
class SiteConfig:
    """What the library reads from a site's config; `signature` changes whenever a config file does."""

    root: Path
    kind: str = "plain"  # "jekyll", "hugo", "zola" or "plain"
    title: str | None = None
    base_url: str | None = None
    baseurl_path: str = ""
    permalink: str | None = None  # Jekyll's `permalink` (a style name or a template)
    collections: dict[str, str | None] = field(default_factory=dict)  # Jekyll collection -> its permalink
    collections_dir: str = ""
    exclude: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    signature: str = ""

    @cached_property
    def content_dir(self) -> Path:
        """Where Hugo and Zola keep pages; URLs are relative to it."""
        content = self.root / "content"
        return content if self.kind in ("hugo", "zola") and content.is_dir() else self.root


def read_config(root: Path) -> SiteConfig:
    """The config of the site at `root` (cached until a config file changes)."""
    stamp = []
    for name in SITE_MARKERS:
        try:
            info = (root / name).stat()
        except OSError:
            continue
        stamp.append((name, info.st_size, info.st_mtime_ns))
    return _read_config(root, tuple(stamp))


@lru_cache(maxsize=64)
def _read_config(root: Path, stamp: tuple[tuple[str, int, int], ...]) -> SiteConfig:
    signature = hashlib.sha1(repr((str(root), stamp)).encode()).hexdigest()[:16]
    names = [name for name, _, _ in stamp]
    for name in names:
        data, problem = _load(root / name)
        if problem is not None:
            return SiteConfig(root, _kind(name, {}), problems=(problem,), signature=signature)
        if name in JEKYLL_FILES:
            return _jekyll(root, data, signature)
        return _hugo_or_zola(root, _kind(name, data), data, signature)
    return SiteConfig(root, signature=signature)


def _kind(name: str, data: dict[str, Any]) -> str:
    if name in JEKYLL_FILES:
        return "jekyll"
    if name in HUGO_FILES or "baseURL" in data or "baseurl" in data:
        return "hugo"
    return "zola" if name == "zola.toml" or "base_url" in data else "hugo"


def _load(path: Path) -> tuple[dict[str, Any], Problem | None]:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        if path.suffix == ".toml":
            data = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, Problem("config", f"{path.name} could not be read: {reason}")
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, Problem("config", f"{path.name} is not a set of key: value settings")
    return data, None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _jekyll(root: Path, data: dict[str, Any], signature: str) -> SiteConfig:
    baseurl = (_text(data.get("baseurl")) or "").strip("/")
    raw = data.get("collections") or {}
    collections: dict[str, str | None] = {}
    if isinstance(raw, dict):
        for name, settings in raw.items():
            link = settings.get("permalink") if isinstance(settings, dict) else None
            collections[str(name)] = link if isinstance(link, str) else None
    elif isinstance(raw, list):
        collections = {str(name): None for name in raw}
    exclude = data.get("exclude")
    return SiteConfig(
        root,
        "jekyll",
        title=_text(data.get("title")),
        base_url=_text(data.get("url")),
        baseurl_path="/" + baseurl if baseurl else "",
        permalink=_text(data.get("permalink")),
        collections=collections,
        collections_dir=(_text(data.get("collections_dir")) or "").strip("/"),
        exclude=tuple(str(item) for item in exclude) if isinstance(exclude, list) else (),
        signature=signature,
    )


def _hugo_or_zola(root: Path, kind: str, data: dict[str, Any], signature: str) -> SiteConfig:
    url = _text(data.get("base_url") or data.get("baseURL") or data.get("baseurl"))
    path = urlsplit(url).path.rstrip("/") if url else ""
    return SiteConfig(root, kind, title=_text(data.get("title")), base_url=url, baseurl_path=path, signature=signature)
