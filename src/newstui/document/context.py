"""What a parse needs to know about its surroundings: the site, the article, its targets and its headings.

Targets are numbered in document order as the builder meets them; a link's number is reserved when it opens and
its text filled in when it closes, so an image inside a link still comes after the link.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from newstui.document.model import Heading, Target, TargetKind
from newstui.document.tags import meaning, scan
from newstui.library.records import Article, Problem, Site
from newstui.library.resolve import Resolved, resolve

_PERMALINK_CACHE: dict[int, tuple[Site, dict[str, Path]]] = {}
_SLUG_DROP = re.compile(r"[^\w\- ]+")


def permalinks_of(site: Site | None) -> dict[str, Path]:
    """Site URL path -> source file, from the articles' permalinks (cached per Site object)."""
    if site is None:
        return {}
    cached = _PERMALINK_CACHE.get(id(site))
    if cached is not None and cached[0] is site:
        return cached[1]
    mapping = site.permalink_index()
    if len(_PERMALINK_CACHE) > 8:
        _PERMALINK_CACHE.clear()
    _PERMALINK_CACHE[id(site)] = (site, mapping)
    return mapping


def slugify(text: str) -> str:
    """kramdown/GitHub-style heading id: lower case, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return _SLUG_DROP.sub("", text).replace(" ", "-") or "section"


class Context:
    """Resolution of destinations, the target list, and the outline, for one parse."""

    def __init__(
        self,
        source: Path | None,
        site: Site | None,
        article: Article | None,
        site_root: Path | None,
    ) -> None:
        self.source = source
        self.site = site
        self.article = article
        self.site_root = site_root
        self.baseurl = site.baseurl_path if site else ""
        self.permalinks: Mapping[str, Path] = permalinks_of(site)
        self._targets: list[Target | None] = []
        self.outline: list[Heading] = []
        self._slugs: set[str] = set()
        self._slug_next: dict[str, int] = {}
        self._resolved: dict[str, Resolved] = {}  # an article repeating a destination stats the disk once
        self.problems: list[Problem] = []

    # ------------------------------------------------------------ targets

    def reserve(self) -> int:
        self._targets.append(None)
        return len(self._targets) - 1

    def fill(self, index: int, kind: str, text: str, raw: str) -> None:
        """Resolve `raw` and store the target at `index`; `kind` is "link", "image" or "media"."""
        raw = raw.strip()
        try:
            found = self.resolve(raw)
        except (OSError, ValueError) as exc:  # a path the OS refuses (too long, NUL): keep it, unresolved
            found = Resolved(dest=raw, scheme="")
            self.problems.append(Problem("markup", f"cannot resolve {raw[:80]!r}: {exc}"))
        final: TargetKind
        if kind == "link" and found.scheme == "anchor":
            final = "anchor"
        elif kind == "link" and found.article is not None:
            final = "internal"
        else:
            final = kind  # type: ignore[assignment]
        if not text:
            text = unquote(PurePosixPath(raw.split("?")[0].split("#")[0]).name) or raw
        self._targets[index] = Target(
            index=index,
            kind=final,
            text=" ".join(text.split()),
            raw=raw,
            dest=found.dest,
            local_path=found.local_path,
            exists=found.exists,
            article=found.article,
            fragment=found.fragment,
        )

    def add(self, kind: str, text: str, raw: str) -> int:
        index = self.reserve()
        self.fill(index, kind, text, raw)
        return index

    def target_text(self, index: int) -> str:
        target = self._targets[index]
        return target.text if target is not None else ""

    def targets(self) -> tuple[Target, ...]:
        return tuple(
            t if t is not None else Target(index=i, kind="link", text="", raw="", dest="")
            for i, t in enumerate(self._targets)
        )

    # ------------------------------------------------------------ destinations

    def resolve(self, raw: str) -> Resolved:
        """The guide's resolution, plus the links only templates can express: post_url, link, ref, `@/`."""
        found = self._resolved.get(raw)
        if found is None:
            found = self._resolve(raw)
            self._resolved[raw] = found
        return found

    def _resolve(self, raw: str) -> Resolved:
        head, fragment = raw, ""
        if raw.startswith(("{{<", "{{%", "{%")):
            tag = scan(raw, 0, len(raw))
            found_meaning = meaning(tag) if tag is not None else None
            if tag is not None and found_meaning is not None and found_meaning.kind == "link":
                raw = found_meaning.dest + raw[tag.end :]
                head = raw
        if raw.startswith(("{%", "@ref:", "@/")):
            closing = raw.rfind("%}")
            tail = raw[closing + 2 :] if closing >= 0 else ""
            if tail.startswith("#"):
                head, fragment = raw[: closing + 2], tail[1:]
            elif not raw.startswith("{%") and "#" in raw:
                head, _, fragment = raw.partition("#")
            found = self._template_article(head)
            if found is None:  # a post or page we cannot find: shown as a missing local target
                words = head.strip("{}% ").split() or [""]
                name = words[-1] if head.startswith("{%") else head.split(":", 1)[-1]
                return Resolved(dest=name.strip("\"' @/"), scheme="file", exists=False, fragment=fragment)
            if found is not None:
                return Resolved(
                    dest=str(found),
                    scheme="file",
                    local_path=found,
                    exists=found.exists(),
                    article=found if found.exists() else None,
                    fragment=fragment,
                )
        if raw.startswith("www."):
            raw = "http://" + raw  # `[site](www.example.org)`: meant as a web address, not a file
        elif "@" in raw and ":" not in raw and "/" not in raw and " " not in raw.strip():
            raw = "mailto:" + raw  # `[name](someone@example.org)`
        return resolve(raw, self.source, self.site_root, baseurl=self.baseurl, permalinks=self.permalinks)

    def _template_article(self, raw: str) -> Path | None:
        words = raw.strip("{}% ").split()
        if raw.startswith("@ref:"):
            return self._find_article(raw[5:].strip("\"' "), by_name=True)
        if raw.startswith("@/"):
            return self._find_article(raw[2:].split("#")[0], by_name=False, under="content")
        if len(words) < 2:
            return None
        name, target = words[0], words[1]
        if name == "post_url":
            return self._find_article(target, by_name=True)
        if name == "link" and self.site_root is not None:
            path = (self.site_root / target).resolve()
            return path if path.exists() else self._find_article(target, by_name=True) or path
        return None

    def _find_article(self, target: str, *, by_name: bool, under: str = "") -> Path | None:
        """An article by site-relative path, or by its file name without extension (post_url, Hugo ref)."""
        target = target.strip().lstrip("/")
        if not target:
            return None
        root = self.site_root or (self.source.parent if self.source else None)
        if root is not None and not by_name:
            return (root / under / target).resolve()
        stem = PurePosixPath(target).stem if "." in PurePosixPath(target).name else PurePosixPath(target).name
        articles = self.site.articles if self.site else ()
        for article in articles:
            if article.rel_path.endswith(target) or article.path.stem == stem:
                return article.path
        if root is not None:
            for folder in (root / "_posts", root / "content", root):
                if folder.is_dir():
                    for match in folder.rglob(stem + ".*"):
                        if match.suffix.lower() in (".md", ".markdown", ".mdown", ".mkd"):
                            return match
        return None

    # ------------------------------------------------------------ headings

    def heading_anchor(self, level: int, text: str, explicit: str | None) -> str:
        """A unique anchor for a heading (its IAL or HTML id when given), recorded in the outline."""
        anchor = base = explicit or slugify(text)
        n = self._slug_next.get(base, 1)
        while anchor in self._slugs:  # "intro", "intro-1", "intro-2"… counting on from the last one given
            anchor = f"{base}-{n}"
            n += 1
        self._slug_next[base] = n
        self._slugs.add(anchor)
        self.outline.append(Heading(level=level, text=" ".join(text.split()), anchor=anchor))
        return anchor
