"""markdown-it tokens to Blocks, with an explicit stack (no recursion over the token nesting).

Paragraphs are split around their images; kramdown block IALs give the heading before them its id; `{:toc}`
replaces the list before it with the outline; HTML blocks go through html.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from newstui.document.context import Context
from newstui.document.html import HtmlConverter
from newstui.document.inline import Inline
from newstui.document.model import Block, Heading, Span

_STYLE_OPEN = {"strong_open": "bold", "em_open": "italic", "s_open": "strike"}
_STYLE_CLOSE = {"strong_close": "bold", "em_close": "italic", "s_close": "strike"}
_CONTAINERS = {
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "list_item_open": "item",
    "blockquote_open": "quote",
    "footnote_block_open": "footnotes",
    "footnote_open": "footnote",
    "dl_open": "deflist",
    "dd_open": "definition",
}


@dataclass
class _Frame:
    kind: str
    children: list[Block] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


class Builder:
    """Walks the flat token list once, keeping a stack of open containers."""

    def __init__(self, md: MarkdownIt, ctx: Context, toc: tuple[Heading, ...] = ()) -> None:
        self.md = md
        self.ctx = ctx
        self.toc = toc
        self.html = HtmlConverter(ctx, self.markdown_inline)
        self.tokens: list[Token] = []

    # ------------------------------------------------------------ block tokens

    def build(self, tokens: list[Token]) -> list[Block]:
        stack = [_Frame("root")]
        table: dict[str, Any] | None = None
        i = 0
        while i < len(tokens):
            token = tokens[i]
            i += 1
            kind = token.type
            top = stack[-1]
            if kind in _CONTAINERS:
                frame = _Frame(_CONTAINERS[kind])
                if kind == "ordered_list_open":
                    frame.extra = {"ordered": True, "start": _int(token.attrGet("start"), 1)}
                elif kind == "footnote_open":
                    frame.extra = {"label": str(_int(token.meta.get("id", 0), 0) + 1)}
                elif kind == "list_item_open":
                    frame.extra = {"task": "task-list-item" in str(token.attrGet("class") or "")}
                stack.append(frame)
            elif kind.endswith("_close") and kind.replace("_close", "_open") in _CONTAINERS and len(stack) > 1:
                while stack[-1].kind == "details" and len(stack) > 2:  # a <details> its author never closed
                    self._close(stack)
                self._close(stack)
            elif kind in ("paragraph_open", "heading_open", "dt_open", "th_open", "td_open"):
                inline = tokens[i] if i < len(tokens) and tokens[i].type == "inline" else None
                if inline is not None:
                    i += 1
                if kind == "paragraph_open":
                    top.children.extend(self.paragraph(inline, top))
                elif kind == "heading_open":
                    top.children.extend(self.heading(int(token.tag[1:] or 1), inline))
                elif kind == "dt_open":
                    spans, extra = self.inline(inline).spans_and_blocks()
                    top.children.append(Block("term", spans=spans, children=tuple(extra)))
                elif table is not None:
                    table["row"].append(self.inline(inline).cell_spans())
                    if kind == "th_open" and not table["rows"]:
                        table["header"] = True
                        style = str(token.attrGet("style") or "")
                        table["aligns"].append(style.split(":")[-1].strip() if "text-align" in style else "")
            elif kind == "table_open":
                table = {"rows": [], "row": [], "header": False, "aligns": []}
            elif kind == "tr_close" and table is not None:
                table["rows"].append(tuple(table["row"]))
                table["row"] = []
            elif kind == "table_close" and table is not None:
                top.children.append(
                    Block(
                        "table",
                        rows=tuple(table["rows"]),
                        header=table["header"],
                        aligns=tuple(table["aligns"]),
                    )
                )
                table = None
            elif kind in ("fence", "code_block"):
                lang = token.info.split()[0] if token.info.strip() else ""
                top.children.append(Block("code", text=token.content.rstrip("\n"), lang=lang.strip("{}.")))
            elif kind == "hr":
                top.children.append(Block("rule"))
            elif kind == "html_block":
                self.html_block(token.content, stack)
            elif kind in ("x_image", "x_media"):
                inline_box = Inline(self.ctx)
                if kind == "x_image":
                    inline_box.image(str(token.attrGet("src") or ""), token.content)
                else:
                    inline_box.media(str(token.attrGet("src") or ""), token.content)
                top.children.extend(inline_box.blocks())
            elif kind == "x_ial":
                self.block_ial(token, top)
        while len(stack) > 1:
            self._close(stack)
        return stack[0].children

    def html_block(self, content: str, stack: list[_Frame]) -> None:
        """An HTML block; `<details>` left open holds the Markdown that follows until its `</details>` block."""
        lower = content.lower()
        opened, closed = lower.count("<details"), lower.count("</details")
        blocks = self.html.convert(content)
        if opened > closed and blocks and blocks[-1].kind == "details" and len(stack) < 64:
            stack[-1].children.extend(blocks[:-1])
            details = blocks[-1]
            stack.append(_Frame("details", list(details.children), {"spans": details.spans}))
            return
        stack[-1].children.extend(blocks)
        if closed > opened and stack[-1].kind == "details":
            self._close(stack)

    def _close(self, stack: list[_Frame]) -> None:
        frame = stack.pop()
        parent = stack[-1]
        children = tuple(frame.children)
        if frame.kind == "list":
            block = Block(
                "list",
                children=children,
                ordered=frame.extra.get("ordered", False),
                start=frame.extra.get("start", 1),
            )
        elif frame.kind == "item":
            block = Block("item", children=children, checked=frame.extra.get("checked"))
        elif frame.kind == "details":
            block = Block("details", spans=frame.extra.get("spans", ()), children=children)
        elif frame.kind == "footnote":
            block = Block("footnote", children=children, label=frame.extra.get("label", ""))
        else:
            block = Block(frame.kind, children=children)  # type: ignore[arg-type]
        parent.children.append(block)

    def block_ial(self, token: Token, top: _Frame) -> None:
        """`{: #id}` after a heading names it; `{:toc}` after a list replaces the list with the outline."""
        attrs = token.meta.get("attrs", {})
        previous = top.children[-1] if top.children else None
        if "toc" in attrs and previous is not None and previous.kind == "list":
            top.children[-1] = self.toc_list()
        elif "id" in attrs and previous is not None and previous.kind == "heading" and previous.anchor:
            if token.meta.get("blank_before"):  # kramdown: after a blank line the list belongs to what follows
                return
            self.rename_anchor(previous, attrs["id"], top)

    def rename_anchor(self, heading: Block, anchor: str, top: _Frame) -> None:
        outline = self.ctx.outline
        for n in range(len(outline) - 1, -1, -1):
            if outline[n].anchor == heading.anchor:
                outline[n] = Heading(outline[n].level, outline[n].text, anchor)
                break
        top.children[-1] = Block("heading", spans=heading.spans, level=heading.level, anchor=anchor)

    def toc_list(self) -> Block:
        items = []
        for entry in self.toc:
            index = self.ctx.add("link", entry.text, "#" + entry.anchor)
            span = Span(entry.text, frozenset({"link"}), index)
            items.append(Block("item", children=(Block("paragraph", spans=(span,)),), level=entry.level))
        return Block("list", children=tuple(items))

    # ------------------------------------------------------------ inline tokens

    def paragraph(self, token: Token | None, frame: _Frame) -> list[Block]:
        box = self.inline(token, frame)
        return box.blocks()

    def heading(self, level: int, token: Token | None) -> list[Block]:
        box = self.inline(token)
        spans, extra = box.spans_and_blocks()
        text = "".join(span.text for span in spans)
        anchor = self.ctx.heading_anchor(level, text, box.ids[-1] if box.ids else None)
        return [Block("heading", spans=spans, level=level, anchor=anchor), *extra]

    def inline(self, token: Token | None, frame: _Frame | None = None) -> Inline:
        box = Inline(self.ctx)
        if token is not None and token.children:
            self.feed(token.children, box, frame)
        return box

    def markdown_inline(self, text: str, box: Inline) -> None:
        """Loose text of an HTML block, read as Markdown inline content."""
        if not any(ch in text for ch in "*_[`!<&~"):
            box.text(" ".join(text.split(" ")))
            return
        tokens = self.md.parseInline(text)
        if tokens and tokens[0].children:
            self.feed(tokens[0].children, box, None)

    def feed(self, children: list[Token], box: Inline, frame: _Frame | None) -> None:
        for child in children:
            kind = child.type
            if kind == "text":
                box.text(child.content)
            elif kind == "softbreak":
                box.text(" ")
            elif kind == "hardbreak":
                box.text("\n")
            elif kind == "code_inline":
                box.push_style("code")
                box.text(child.content)
                box.pop_style("code")
            elif kind in _STYLE_OPEN:
                box.push_style(_STYLE_OPEN[kind])
            elif kind in _STYLE_CLOSE:
                box.pop_style(_STYLE_CLOSE[kind])
            elif kind == "link_open":
                box.open_link(str(child.attrGet("href") or ""))
            elif kind == "link_close":
                box.close_link()
            elif kind == "image":
                box.image(str(child.attrGet("src") or ""), _plain(child.children or []))
            elif kind == "x_media":
                box.media(str(child.attrGet("src") or ""), child.content)
            elif kind == "html_inline":
                if frame is not None and frame.kind == "item" and "task-list-item-checkbox" in child.content:
                    frame.extra["checked"] = "checked=" in child.content
                else:
                    box.html(child.content)
            elif kind == "x_ial":
                attrs = child.meta.get("attrs", {})
                if "id" in attrs:
                    box.ids.append(attrs["id"])
            elif kind == "footnote_ref":
                label = _int(child.meta.get("id", 0), 0) + 1  # numbered as GitHub does, matching the footnote
                box.push_style("sup")
                box.text(f"[{label}]")
                box.pop_style("sup")


def _plain(tokens: list[Token]) -> str:
    """Alt text of an image: the text of its label tokens without markup."""
    parts: list[str] = []
    stack = list(reversed(tokens))
    while stack:
        token = stack.pop()
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        if token.children:
            stack.extend(reversed(token.children))
    return "".join(parts)


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default
