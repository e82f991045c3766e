"""The article layout: header plus blocks at one width, built block by block so the first screen comes first.

`ArticleLayout.extend(n)` lays out just enough blocks for `n` lines; the reader shows the first screen from that
and finishes the rest afterwards (or in a worker). `render_document` is the one-call form `cat` uses;
`render_tail` lays out only the last blocks, so `G` can show the end of a long article before the rest is done.
"""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment

from newstui.document.model import Block, Document
from newstui.render.blocks import BlockRenderer
from newstui.render.lines import Line, wrap_runs
from newstui.render.model import RenderedArticle, TargetSpan
from newstui.render.placeholder import placeholder_lines
from newstui.render.theme import RenderTheme, default_theme
from newstui.safetext import clean

MIN_WIDTH = 16


class ArticleLayout:
    """An article being laid out at one width; lines accumulate as blocks are laid out."""

    def __init__(
        self,
        doc: Document,
        width: int,
        theme: RenderTheme | None = None,
        *,
        site_root: Path | None = None,
    ) -> None:
        self.doc = doc
        self.width = max(width, MIN_WIDTH)
        self.theme = theme or default_theme()
        self._renderer = BlockRenderer(doc.targets, self.theme, site_root)
        self._next_block = 0
        self._previous: Block | None = None
        self._lines: list[tuple[Segment, ...]] = []
        self._plain: list[str] = []
        self._spans: list[TargetSpan] = []
        self._anchors: dict[str, int] = {}
        self._headings: list[tuple[int, str, int]] = []
        self._tail = False  # laid out from some block on, without the header: never the complete article
        self._add(self._header())

    @property
    def done(self) -> bool:
        return self._next_block >= len(self.doc.blocks)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def extend(self, lines: int | None = None) -> bool:
        """Lay out blocks until at least `lines` lines exist (all blocks when None). True when finished."""
        blocks = self.doc.blocks
        renderer = self._renderer
        while self._next_block < len(blocks) and (lines is None or len(self._lines) < lines):
            block = blocks[self._next_block]
            self._next_block += 1
            laid = renderer.block(block, self.width)
            if not laid:
                continue
            if self._lines and not (self._previous is not None and renderer.joined(self._previous, block)):
                laid.insert(0, Line())
            self._add(laid)
            self._previous = block
        return self.done

    def rendered(self) -> RenderedArticle:
        """What has been laid out so far (`complete`: the whole article, from a whole Document, is there)."""
        return RenderedArticle(
            width=self.width,
            lines=tuple(self._lines),
            plain=tuple(self._plain),
            target_spans=tuple(self._spans),
            anchors=dict(self._anchors),
            headings=tuple(self._headings),
            complete=self.done and not self._tail and getattr(self.doc, "complete", True),
        )

    def start_tail(self, lines: int) -> None:
        """Lay out from the block where the last blocks make at least `lines` lines, without the header.

        Blocks are laid out independently of one another, so the result is exactly the last lines of the whole
        layout, less the blank line that may separate its first block from the one before.
        """
        renderer, blocks, width = self._renderer, self.doc.blocks, self.width
        start, count = len(blocks), 0
        while start > 0 and count < lines:
            start -= 1
            laid = renderer.block(blocks[start], width)
            count += len(laid)  # blank lines between blocks come on top: at least `lines` in all
        self._tail, self._next_block, self._previous = True, start, None
        self._lines, self._plain, self._spans, self._anchors, self._headings = [], [], [], {}, []

    def _add(self, lines: list[Line]) -> None:
        base = len(self._lines)
        for offset, line in enumerate(lines):
            number = base + offset
            self._lines.append(tuple(line.segments))
            self._plain.append(line.text)
            for target, start, end in line.targets:
                self._spans.append(TargetSpan(target, number, start, end))
            if line.anchor is not None:
                self._anchors.setdefault(line.anchor, number)
            if line.heading is not None:
                self._headings.append((line.heading[0], line.heading[1], number))

    def _header(self) -> list[Line]:
        """Hero image box, title, "date · authors", tags (the body follows after a blank line)."""
        doc, theme, width = self.doc, self.theme, self.width
        out: list[Line] = []
        hero = doc.targets[doc.hero] if doc.hero is not None and 0 <= doc.hero < len(doc.targets) else None
        if hero is not None:
            out.extend(placeholder_lines(hero, width, theme, self._renderer.site_root))
        if doc.title.strip():
            title = wrap_runs([(clean(doc.title), theme.title, None)], width)
            rule = Line()
            rule.add("═" * max(line.width for line in title), theme.heading_rule)
            out.extend([*title, rule])
        meta = [clean(part) for part in (doc.date, ", ".join(doc.authors)) if part.strip()]
        if meta:
            out.extend(wrap_runs([(" · ".join(meta), theme.meta, None)], width))
        if doc.tags:
            tags = " ".join("#" + clean(tag).replace(" ", "-") for tag in doc.tags if tag.strip())
            out.extend(wrap_runs([(tags, theme.tag, None)], width))
        return out


def render_document(
    doc: Document,
    width: int,
    *,
    theme: RenderTheme | None = None,
    site_root: Path | None = None,
    max_lines: int | None = None,
) -> RenderedArticle:
    """Lay out `doc` at `width` cells. With `max_lines`, stop once that many lines exist (complete=False)."""
    layout = ArticleLayout(doc, width, theme, site_root=site_root)
    layout.extend(max_lines)
    return layout.rendered()


def render_tail(
    doc: Document,
    width: int,
    *,
    lines: int,
    theme: RenderTheme | None = None,
    site_root: Path | None = None,
) -> RenderedArticle:
    """The last blocks of `doc` at `width`, at least `lines` lines of them when there are that many: the same
    lines as the end of `render_document(doc, width)` (line numbers counted from the tail's first line;
    complete=False)."""
    layout = ArticleLayout(doc, width, theme, site_root=site_root)
    layout.start_tail(lines)
    layout.extend(None)
    return layout.rendered()
