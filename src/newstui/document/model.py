"""The Document: an article's body as plain records, independent of width, colour and Textual.

The document layer builds it from Markdown (with static-site dialects and raw HTML); the render layer lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

TargetKind = Literal["link", "image", "media", "internal", "anchor"]


@dataclass(frozen=True)
class Target:
    """Something a reader can open: a link, an image, a media embed, another article, an anchor.

    `dest` is the resolved destination: an absolute URL (http, https, mailto, ...), an absolute local path as a
    string, or "#anchor" for a place in this article. `raw` is the destination as the author wrote it.
    """

    index: int  # position in Document.targets (document order; the hero image, if any, is 0)
    kind: TargetKind
    text: str  # link text, image caption, or media title
    raw: str
    dest: str
    local_path: Path | None = None  # set when dest is a local file
    exists: bool | None = None  # for local files: whether the file is there
    article: Path | None = None  # for internal links: the source file of the linked article
    fragment: str = ""  # the "#part" of an internal link or anchor, decoded, without "#"


# Inline styles a Span may carry.
Style = Literal["bold", "italic", "code", "strike", "link", "mark", "sup", "sub", "underline"]


@dataclass(frozen=True)
class Span:
    """A run of inline text with its styles; `target` is the Target index when the run is a link."""

    text: str
    styles: frozenset[str] = frozenset()
    target: int | None = None


BlockKind = Literal[
    "heading",  # level, spans, anchor
    "paragraph",  # spans
    "list",  # ordered, start, children = "item" blocks
    "item",  # children; checked is True/False for task list items, None otherwise
    "quote",  # children
    "code",  # text, lang
    "table",  # rows (first row is the header when header=True), aligns
    "rule",
    "image",  # target (an image placeholder: caption is the Target's text)
    "media",  # target (video/audio/iframe placeholder)
    "footnotes",  # children = "footnote" blocks
    "footnote",  # label, children
    "deflist",  # children = "term" (spans) and "definition" (children) blocks
    "term",
    "definition",
    "details",  # spans = summary, children
    "html",  # text: raw HTML that could not be turned into anything better, shown as text
]


@dataclass(frozen=True)
class Block:
    """One block of the document. Which fields matter depends on `kind` (see BlockKind)."""

    kind: BlockKind
    spans: tuple[Span, ...] = ()
    children: tuple[Block, ...] = ()
    level: int = 0
    anchor: str | None = None
    ordered: bool = False
    start: int = 1
    checked: bool | None = None
    text: str = ""
    lang: str = ""
    label: str = ""
    target: int | None = None
    rows: tuple[tuple[tuple[Span, ...], ...], ...] = ()
    header: bool = False
    aligns: tuple[str, ...] = ()  # "left", "center", "right" or "" per column


@dataclass(frozen=True)
class Heading:
    """An outline entry (for `t` and `{:toc}`)."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Document:
    """A parsed article: header fields, body blocks, and every target in document order."""

    title: str
    blocks: tuple[Block, ...]
    targets: tuple[Target, ...]
    outline: tuple[Heading, ...] = ()
    date: str = ""  # already formatted for display, "" when unknown
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    hero: int | None = None  # index of the hero image target, shown above the title
    source: Path | None = None
    problems: tuple[object, ...] = field(default=())  # library Problems plus any found while parsing
    complete: bool = True  # False for a first-screen Document built from a prefix of the text
