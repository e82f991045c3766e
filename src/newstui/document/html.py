"""Raw HTML blocks to Blocks, through the standard library's HTML parser.

The parser builds a small element tree (depth-capped, so hostile nesting cannot exhaust the stack); the tree is
then read as blocks: headings, paragraphs, lists, quotes, tables, details, figures, media. Script, style and
comments vanish; text outside any element (`<!-- more -->The week began…`) is read as Markdown inline text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import TypeGuard

from newstui.document.context import Context
from newstui.document.inline import DROP_TAGS, MEDIA_TAGS, STYLE_TAGS, Inline
from newstui.document.model import Block, Span
from newstui.document.tags import code_text

MAX_DEPTH = 40
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
VOID = {"br", "img", "hr", "input", "source", "meta", "link", "wbr", "embed", "area", "col", "param", "track"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = {
    *HEADINGS,
    "p",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "details",
    "figure",
    "hr",
    "dl",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "center",
    "address",
    "form",
    "fieldset",
    "iframe",
    "video",
    "audio",
    "embed",
    "object",
    "li",
    "tr",
    "summary",
    "figcaption",
}


class Node:
    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node | str] = []


class _TreeBuilder(HTMLParser):
    """Forgiving tree building: unmatched end tags are ignored, elements deeper than MAX_DEPTH are flattened."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("", {})
        self.stack = [self.root]
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_TAGS:
            self.dropping += 1
            return
        if self.dropping:
            return
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_TAGS or self.dropping:
            return
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_TAGS:
            self.dropping = max(0, self.dropping - 1)
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            children = self.stack[-1].children
            if children and isinstance(children[-1], str):  # the parser may deliver one text in pieces
                children[-1] += data
            else:
                children.append(data)


def parse_tree(html: str) -> Node:
    builder = _TreeBuilder()
    try:
        builder.feed(html)
        builder.close()
    except AssertionError:  # Python 3.11's parser asserts on a malformed `<![…`: read it as text instead
        builder = _TreeBuilder()
        builder.feed(html.replace("<![", "&lt;!["))
        builder.close()
    return builder.root


def text_of(node: Node | str) -> str:
    """All text below a node, whitespace collapsed (iterative: trees may be wide)."""
    parts: list[str] = []
    stack: list[Node | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        else:
            stack.extend(reversed(item.children))
    return _HTML_SPACE.sub(" ", "".join(parts)).strip(" ")


def _is_blank(item: Node | str) -> bool:
    return isinstance(item, str) and not item.strip()


class HtmlConverter:
    """Turns one HTML fragment into blocks; `markdown_inline` reads loose top-level text as Markdown."""

    def __init__(self, ctx: Context, markdown_inline: Callable[[str, Inline], None]) -> None:
        self.ctx = ctx
        self.markdown_inline = markdown_inline

    def convert(self, html: str) -> list[Block]:
        return self.blocks_of(parse_tree(html), top=True)

    def blocks_of(self, node: Node, top: bool = False) -> list[Block]:
        out: list[Block] = []
        inline = Inline(self.ctx)
        children = node.children
        i = 0
        while i < len(children):
            child = children[i]
            i += 1
            if isinstance(child, str):
                if top and child.strip():
                    self.markdown_inline(child, inline)
                else:
                    inline.template_text(_collapse(child))
                continue
            if child.tag not in BLOCK_TAGS:
                self.inline_of(child, inline)
                continue
            out.extend(inline.blocks())
            if child.tag in HEADINGS and not top:
                group = [child]
                j = i
                while j < len(children) and (_is_blank(children[j]) or _same_heading(children[j], child)):
                    if not _is_blank(children[j]):
                        group.append(children[j])  # type: ignore[arg-type]
                    j += 1
                if len(group) > 1:  # `<div class="multiline"><h2>…</h2><h2>…</h2>`: one heading over lines
                    i = j
                    out.extend(self.heading(group))
                    continue
            out.extend(self.block_of(child))
        out.extend(inline.blocks())
        return out

    def heading(self, group: list[Node]) -> list[Block]:
        inline = Inline(self.ctx)
        for n, node in enumerate(group):
            if n:
                inline.text(" ")
            for child in node.children:
                self.inline_of(child, inline)
        spans, extra = inline.spans_and_blocks()
        spans = _squeeze(spans)
        level = HEADINGS[group[0].tag]
        text = "".join(span.text for span in spans)
        explicit = next((node.attrs.get("id") for node in group if node.attrs.get("id")), None)
        anchor = self.ctx.heading_anchor(level, text, explicit)
        return [Block("heading", spans=spans, level=level, anchor=anchor), *extra]

    def block_of(self, node: Node) -> list[Block]:
        tag = node.tag
        if tag in HEADINGS:
            return self.heading([node])
        if tag in ("ul", "ol"):
            items = [Block("item", children=tuple(self.blocks_of(li))) for li in node.children if _el(li, "li")]
            start = node.attrs.get("start", "1")
            return [
                Block("list", children=tuple(items), ordered=tag == "ol", start=int(start) if start.isdigit() else 1)
            ]
        if tag == "blockquote":
            return [Block("quote", children=tuple(self.blocks_of(node)))]
        if tag == "pre":
            code = next((c for c in node.children if _el(c, "code")), None)
            lang = _lang((code or node).attrs.get("class", ""))
            return [Block("code", text=code_text(_raw_text(node)).strip("\n"), lang=lang)]
        if tag == "hr":
            return [Block("rule")]
        if tag == "table":
            return self.table(node)
        if tag == "details":
            summary = next((c for c in node.children if _el(c, "summary")), None)
            inline = Inline(self.ctx)
            if summary is not None:
                for child in summary.children:
                    self.inline_of(child, inline)
            spans, extra = inline.spans_and_blocks()
            rest = Node("div", {})
            rest.children = [c for c in node.children if c is not summary]
            return [Block("details", spans=spans, children=tuple(extra + self.blocks_of(rest)))]
        if tag == "figure":
            return self.figure(node)
        if tag == "dl":
            return self.deflist(node)
        if tag in MEDIA_TAGS:
            inline = Inline(self.ctx)
            self.inline_of(node, inline)
            return inline.blocks()
        return self.blocks_of(node)  # div, section, p, li, summary, figcaption…: their content

    def inline_of(self, node: Node | str, inline: Inline) -> None:
        """Inline content of an element; nesting is bounded by the tree's depth cap."""
        if isinstance(node, str):
            inline.template_text(_collapse(node))
            return
        inline.start_tag(node.tag, node.attrs)
        if node.tag not in VOID:
            for child in node.children:
                self.inline_of(child, inline)
            inline.end_tag(node.tag)
        elif node.tag in STYLE_TAGS:
            inline.end_tag(node.tag)

    def figure(self, node: Node) -> list[Block]:
        caption_node = _find(node, "figcaption")
        caption = text_of(caption_node) if caption_node is not None else ""
        out: list[Block] = []
        images = _find_all(node, "img")
        for img in images:
            src = img.attrs.get("src") or img.attrs.get("data-src") or ""
            if src:
                index = self.ctx.add("image", caption or img.attrs.get("alt", "") or "", src)
                out.append(Block("image", target=index))
        rest = Node("div", {})
        rest.children = [c for c in node.children if c is not caption_node and not (images and _has(c, "img"))]
        out.extend(self.blocks_of(rest))
        if caption_node is not None and not images:
            out.extend(self.blocks_of(caption_node))
        return out

    def table(self, node: Node) -> list[Block]:
        rows: list[tuple[tuple[Span, ...], ...]] = []
        header = False
        for n, tr in enumerate(_find_all(node, "tr")):
            cells = [c for c in tr.children if _el(c, "td") or _el(c, "th")]
            if n == 0:
                header = bool(cells) and all(c.tag == "th" for c in cells)
            row = []
            for cell in cells:
                inline = Inline(self.ctx)
                for child in cell.children:
                    self.inline_of(child, inline)
                row.append(inline.cell_spans())
            rows.append(tuple(row))
        return [Block("table", rows=tuple(rows), header=header)] if rows else []

    def deflist(self, node: Node) -> list[Block]:
        children: list[Block] = []
        for child in node.children:
            if _el(child, "dt"):
                inline = Inline(self.ctx)
                for grand in child.children:
                    self.inline_of(grand, inline)
                spans, extra = inline.spans_and_blocks()
                children.append(Block("term", spans=spans, children=tuple(extra)))
            elif _el(child, "dd"):
                children.append(Block("definition", children=tuple(self.blocks_of(child))))
        return [Block("deflist", children=tuple(children))]


def _el(item: Node | str, tag: str) -> TypeGuard[Node]:
    return isinstance(item, Node) and item.tag == tag


def _same_heading(item: Node | str, heading: Node) -> bool:
    return isinstance(item, Node) and item.tag == heading.tag


def _find(node: Node, tag: str) -> Node | None:
    found = _find_all(node, tag, first=True)
    return found[0] if found else None


def _find_all(node: Node, tag: str, first: bool = False) -> list[Node]:
    """Descendants with this tag, in document order (iterative)."""
    out: list[Node] = []
    stack: list[Node | str] = list(reversed(node.children))
    while stack:
        item = stack.pop()
        if isinstance(item, Node):
            if item.tag == tag:
                out.append(item)
                if first:
                    break
            stack.extend(reversed(item.children))
    return out


def _has(item: Node | str, tag: str) -> bool:
    return isinstance(item, Node) and (item.tag == tag or bool(_find_all(item, tag, first=True)))


def _collapse(text: str) -> str:
    """HTML whitespace: any run of ASCII spaces and newlines reads as one space (a no-break space stays)."""
    return _HTML_SPACE.sub(" ", text)


def _squeeze(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Collapse the double spaces that joining heading lines leaves, keeping styles."""
    out: list[Span] = []
    for span in spans:
        text = " ".join(span.text.split(" "))
        while "  " in text:
            text = text.replace("  ", " ")
        if out and out[-1].text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        if text:
            out.append(Span(text, span.styles, span.target))
    return tuple(out)


def _raw_text(node: Node) -> str:
    parts: list[str] = []
    stack: list[Node | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        else:
            if item.tag == "br":
                parts.append("\n")
            stack.extend(reversed(item.children))
    return "".join(parts)


def _lang(classes: str) -> str:
    for cls in classes.split():
        for prefix in ("language-", "lang-", "highlight-"):
            if cls.startswith(prefix):
                return cls[len(prefix) :]
    return ""
