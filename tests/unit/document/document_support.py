"""Helpers for the document tests: walk a Document's blocks and read its text as a reader would see it."""

from __future__ import annotations

from collections.abc import Iterator

from newstui.document import parse_document
from newstui.document.model import Block, Document, Span


def walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first, in document order."""
    stack = list(reversed(blocks))
    while stack:
        block = stack.pop()
        yield block
        stack.extend(reversed(block.children))


def spans_of(block: Block) -> Iterator[Span]:
    yield from block.spans
    for row in block.rows:
        for cell in row:
            yield from cell


def prose_spans(doc: Document) -> Iterator[Span]:
    """Spans outside code: what must never show template or attribute-list syntax."""
    for block in walk(doc.blocks):
        if block.kind != "code":
            yield from (span for span in spans_of(block) if "code" not in span.styles)


def block_text(block: Block) -> str:
    return "".join(span.text for span in block.spans)


def all_text(doc: Document) -> str:
    """The document's text, blocks separated by newlines, captions included (code blocks verbatim)."""
    parts = []
    for block in walk(doc.blocks):
        if block.kind == "code":
            parts.append(block.text)
        elif block.target is not None:
            parts.append(doc.targets[block.target].text)
        else:
            parts.append("".join(span.text for span in spans_of(block)))
    return "\n".join(part for part in parts if part)


def kinds(doc: Document) -> list[str]:
    return [block.kind for block in walk(doc.blocks)]


def parse(text: str) -> Document:
    return parse_document(text)
