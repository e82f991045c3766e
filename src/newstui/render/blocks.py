"""Block layout: one Document block at one width to Lines, containers by prefixing their children's lines.

Every container (list item, quote, footnote, definition, details) lays its children out at a narrower width and
puts a marker or bar in front; so a quote inside a list inside a quote needs no special case, and nothing is ever
wider than the width it was given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from newstui.document.model import Block, Span, Target
from newstui.render.code import code_lines
from newstui.render.lines import Line, Run, wrap_runs
from newstui.render.placeholder import placeholder_lines
from newstui.render.table import table_lines
from newstui.render.theme import RenderTheme
from newstui.safetext import clean

MIN_INNER = 12  # narrowest text column a container may leave its children
BULLETS = ("•", "◦", "▪", "‣")
_BOXED = ("image", "media")
_LINKISH = ("link", "internal", "anchor")
_BLANKS = re.compile(r"[ \t\r\f\v]{2,}|[\t\r\f\v]")  # whitespace that wraps like a space, not a control picture


class BlockRenderer:
    """Lays out blocks for one document and theme; caches the combined styles it builds."""

    def __init__(self, targets: Sequence[Target], theme: RenderTheme, site_root: Path | None = None) -> None:
        self.targets = targets
        self.theme = theme
        self.site_root = site_root
        self._styles: dict[tuple[Style | None, frozenset[str], bool], Style] = {}
        self._depth = 0  # list nesting, for the bullet shape

    # inline -----------------------------------------------------------------------------------------------
    def style_for(self, base: Style | None, styles: frozenset[str], link: bool) -> Style:
        key = (base, styles, link)
        found = self._styles.get(key)
        if found is not None:
            return found
        theme = self.theme
        style = base or theme.text
        if "code" in styles:
            style += theme.code_inline
        if "bold" in styles:
            style += Style(bold=True)
        if "italic" in styles:
            style += Style(italic=True)
        if "strike" in styles:
            style += Style(strike=True)
        if "underline" in styles:
            style += Style(underline=True)
        if "mark" in styles:
            style += theme.mark
        if "sup" in styles or "sub" in styles:
            style += theme.footnote
        if link or "link" in styles:
            style += theme.link
        self._styles[key] = style
        return style

    def _target(self, index: int | None) -> Target | None:
        if index is None or not 0 <= index < len(self.targets):
            return None
        return self.targets[index]

    def runs(self, spans: Sequence[Span], base: Style | None = None) -> list[Run]:
        """Spans to styled runs, every text cleaned; "\\n" inside a span stays a hard line break."""
        out: list[Run] = []
        for span in spans:
            target = self._target(span.target)
            index = target.index if target is not None else None
            style = self.style_for(base, span.styles, target is not None and target.kind in _LINKISH)
            text = span.text
            if "  " in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:  # else no match:
                text = _BLANKS.sub(" ", text)  # `in` is several times faster than the regex scan
            if not text.isprintable():  # fast path: printable text holds no control or bidi characters
                text = "\n".join(clean(part) for part in text.split("\n")) if "\n" in text else clean(text)
            if text:
                out.append((text, style, index))
        return out

    # blocks -----------------------------------------------------------------------------------------------
    def stack(self, blocks: Sequence[Block], width: int, base: Style | None = None, tight: bool = False) -> list[Line]:
        """Blocks one under the other, a blank line between (none around nested lists when `tight`)."""
        out: list[Line] = []
        previous: Block | None = None
        for block in blocks:
            lines = self.block(block, width, base)
            if not lines:
                continue
            if previous is not None and not self.joined(previous, block, tight):
                out.append(Line())
            out.extend(lines)
            previous = block
        return out

    @staticmethod
    def joined(previous: Block, block: Block, tight: bool = False) -> bool:
        """Whether two neighbouring blocks go without a blank line between them."""
        if previous.kind in _BOXED and block.kind in _BOXED:
            return True  # consecutive images: separate boxes, one under the other
        if previous.kind in ("term", "definition") and block.kind == "definition":
            return True  # a term and its definitions read as one entry
        return tight and (previous.kind in ("list", "paragraph") and block.kind in ("list", "paragraph"))

    def block(self, block: Block, width: int, base: Style | None = None) -> list[Line]:
        """One block at `width` cells."""
        kind = block.kind
        theme = self.theme
        if kind == "paragraph" or kind == "term":
            style = theme.term if kind == "term" else base
            lines = self.paragraph(block.spans, width, style)
        elif kind == "heading":
            lines = self.heading(block, width)
        elif kind == "list":
            lines = self.list_block(block, width, base)
        elif kind == "item":
            lines = self.stack(block.children, width, base, tight=True)
        elif kind == "quote":
            lines = self.quote(block, width, base)
        elif kind == "code":
            lines = code_lines(block.text, block.lang, width, theme)
        elif kind == "table":
            lines = table_lines(block, width, theme, self.runs)
        elif kind == "rule":
            line = Line()
            line.add("─" * width, theme.rule)
            lines = [line]
        elif kind in _BOXED:
            target = self._target(block.target)
            lines = placeholder_lines(target, width, theme, self.site_root) if target is not None else []
        elif kind == "footnotes":
            lines = self.footnotes(block, width, base)
        elif kind == "footnote":
            label = f"[{clean(block.label)}] " if block.label else ""
            label = label if fit_indent(cell_len(label), width) == cell_len(label) else ""
            lines = hang(self.stack(block.children, width - cell_len(label), base, True), label, theme.footnote)
        elif kind == "deflist":
            lines = self.stack(block.children, width, base, tight=True)
        elif kind == "definition":
            indent = fit_indent(4, width)
            lines = hang(self.stack(block.children, width - indent, base, True), " " * indent, None)
        elif kind == "details":
            lines = self.details(block, width, base)
        elif kind == "html":
            lines = []
            for part in block.text.strip("\n").split("\n"):
                lines.extend(wrap_runs([(clean(part), theme.html, None)], width))
        else:
            lines = self.stack(block.children, width, base) if block.children else self.paragraph(block.spans, width)
        if lines and block.anchor and lines[0].anchor is None:
            lines[0].anchor = block.anchor
        return lines

    def paragraph(self, spans: Sequence[Span], width: int, base: Style | None = None) -> list[Line]:
        """Wrapped text; images written inline become their own boxes, in order, between the text around them."""
        out: list[Line] = []
        chunk: list[Span] = []

        def flush() -> None:
            if chunk and any(span.text.strip() for span in chunk):
                out.extend(wrap_runs(self.runs(chunk, base), width))
            chunk.clear()

        for span in spans:
            target = self._target(span.target)
            if target is not None and target.kind in _BOXED:
                flush()
                out.extend(placeholder_lines(target, width, self.theme, self.site_root))
            else:
                chunk.append(span)
        flush()
        return out

    def heading(self, block: Block, width: int) -> list[Line]:
        """Bold, coloured by level; levels 1 and 2 underlined with a rule so they differ without colour too."""
        level = min(max(block.level, 1), 6)
        style = self.theme.headings[level - 1]
        lines = wrap_runs(self.runs(block.spans, style), width)
        text = " ".join(line.text for line in lines).strip()
        if not text:
            return []
        if level <= 2:
            rule = Line()
            rule.add(("━" if level == 1 else "─") * max(line.width for line in lines), self.theme.heading_rule)
            lines.append(rule)
        lines[0].heading = (level, text)
        return lines

    def list_block(self, block: Block, width: int, base: Style | None) -> list[Line]:
        """Bullets by depth or right-aligned numbers, task boxes, hanging indents."""
        items = [child for child in block.children if child.kind == "item"] or list(block.children)
        depth = self._depth
        last = block.start + len(items) - 1
        number_width = len(str(max(last, block.start)))
        out: list[Line] = []
        self._depth = depth + 1
        try:
            for n, item in enumerate(items):
                if block.ordered:
                    marker = f"{block.start + n}.".rjust(number_width + 1) + " "
                else:
                    marker = BULLETS[depth % len(BULLETS)] + " "
                if item.checked is not None:
                    marker += "[x] " if item.checked else "[ ] "
                indent = fit_indent(cell_len(marker), width)
                body = self.stack(item.children, width - indent, base, tight=True) if item.children else []
                if not body and item.spans:
                    body = self.paragraph(item.spans, width - indent, base)
                out.extend(hang(body or [Line()], marker[:indent], self.theme.bullet))
        finally:
            self._depth = depth
        return out

    def quote(self, block: Block, width: int, base: Style | None) -> list[Line]:
        bar = "▌ " if width - 2 >= MIN_INNER else ""
        style = (base or self.theme.text) + self.theme.quote_text
        lines = self.stack(block.children, width - len(bar), style)
        if not lines and block.spans:
            lines = self.paragraph(block.spans, width - len(bar), style)
        return [prefix(line, bar, self.theme.quote_bar) for line in lines]

    def footnotes(self, block: Block, width: int, base: Style | None) -> list[Line]:
        rule = Line()
        rule.add("─" * min(width, 24), self.theme.rule)
        notes = self.stack(block.children, width, self.theme.footnote if base is None else base, tight=True)
        return [rule, *notes] if notes else []

    def details(self, block: Block, width: int, base: Style | None) -> list[Line]:
        summary = self.runs(block.spans, self.theme.summary) or [("Details", self.theme.summary, None)]
        head = wrap_runs([("▾ ", self.theme.summary, None), *summary], width)
        indent = fit_indent(2, width)
        body = self.stack(block.children, width - indent, base)
        return head + [prefix(line, " " * indent, None) for line in body]


def fit_indent(indent: int, width: int) -> int:
    """An indent that leaves children at least MIN_INNER cells (0 when even that is impossible)."""
    return max(0, min(indent, width - MIN_INNER))


def prefix(line: Line, text: str, style: Style | None) -> Line:
    """Put `text` in front of `line` in place, shifting its targets."""
    if not text:
        return line
    size = cell_len(text)
    line.segments.insert(0, Segment(text, style))
    line.text = text + line.text
    line.width += size
    if line.targets:
        line.targets = [(t, s + size, e + size) for t, s, e in line.targets]
    return line


def hang(lines: list[Line], marker: str, style: Style | None) -> list[Line]:
    """`marker` before the first line, as many spaces before the others: a hanging indent."""
    if not marker:
        return lines
    pad = " " * cell_len(marker)
    return [prefix(line, marker if i == 0 else pad, style) for i, line in enumerate(lines)]
