"""Hand-built Documents for render tests (the document layer builds real ones from Markdown)."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from newstui.document.model import Block, Document, Span, Target
from newstui.render import RenderedArticle


def para(*parts: str | Span) -> Block:
    return Block("paragraph", tuple(Span(p) if isinstance(p, str) else p for p in parts))


def doc(*blocks: Block, targets: tuple[Target, ...] = (), **fields: object) -> Document:
    return Document(title=str(fields.pop("title", "")), blocks=blocks, targets=targets, **fields)  # type: ignore[arg-type]


def link(index: int, text: str, url: str = "https://example.org/page") -> Target:
    return Target(index, "link", text, url, url)


def image(index: int, caption: str, rel: str, root: Path, exists: bool = True) -> Target:
    return Target(index, "image", caption, "/" + rel, str(root / rel), root / rel, exists)


def widest(rendered: RenderedArticle) -> int:
    return max((cell_len(line) for line in rendered.plain), default=0)


def segment_widest(rendered: RenderedArticle) -> int:
    return max((sum(cell_len(s.text) for s in line) for line in rendered.lines), default=0)


def text_of(rendered: RenderedArticle) -> str:
    return "\n".join(rendered.plain)
