"""Collect inline content (text, styles, links, images, inline HTML tags) into Spans and image/media Blocks.

Both the Markdown builder and the HTML converter feed one `Inline`; it merges runs of equal style, numbers links
and images as targets in document order, and splits a paragraph around its images so every image is a block.
"""

from __future__ import annotations

import threading
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote

from newstui.document.context import Context
from newstui.document.model import Block, Span
from newstui.document.tags import escaped_shortcode, meaning, parse_ial, scan

STYLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "cite": "italic",
    "var": "italic",
    "code": "code",
    "kbd": "code",
    "samp": "code",
    "tt": "code",
    "s": "strike",
    "del": "strike",
    "strike": "strike",
    "mark": "mark",
    "sup": "sup",
    "sub": "sub",
    "u": "underline",
    "ins": "underline",
}
MEDIA_TAGS = ("iframe", "video", "audio", "embed", "object")
DROP_TAGS = ("script", "style", "template", "noscript", "head", "title", "svg", "math", "textarea", "select")


def file_caption(raw: str) -> str:
    """The caption of last resort: the file name, as a person would write it (percent-decoded)."""
    return unquote(PurePosixPath(raw.split("?")[0].split("#")[0]).name)


class _Run:
    __slots__ = ("parts", "styles", "target")

    def __init__(self, text: str, styles: frozenset[str], target: int | None) -> None:
        self.parts = [text]
        self.styles = styles
        self.target = target


class _TagReader(HTMLParser):
    """Reads single inline tags (`<a href=…>`, `</b>`, `<img …>`) as the real HTML parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.events.append(("end", tag, {}))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag, {}))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", data, {}))

    def read(self, html: str) -> list[tuple[str, str, dict[str, str]]]:
        self.events = []
        self.reset()
        try:
            self.feed(html)
            self.close()
        except AssertionError:  # Python 3.11's parser asserts on a malformed `<![…`: read it as text instead
            self.events = []
            self.reset()
            self.feed(html.replace("<![", "&lt;!["))
            self.close()
        return self.events


_LOCAL = threading.local()  # one reader per thread: the UI parses in workers while the main thread shows a prefix


def _reader() -> _TagReader:
    reader = getattr(_LOCAL, "reader", None)
    if reader is None:
        reader = _LOCAL.reader = _TagReader()
    return reader


class Inline:
    """An accumulator for one paragraph-like run of inline content."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.items: list[_Run | Block] = []
        self.styles: list[str] = []
        self.links: list[tuple[int, list[str], str] | None] = []  # None for an <a> without href
        self.drop = 0  # inside <script>/<style>: text is dropped
        self.ids: list[str] = []  # ids from kramdown IALs / header ids met in this content
        self._media_open = False
        self._styles: frozenset[str] = frozenset()
        self._linked: frozenset[str] = frozenset({"link"})
        self._link: tuple[int, list[str], str] | None = None

    # ------------------------------------------------------------ feeding

    def text(self, text: str) -> None:
        """Called for every text token of the article: kept cheap (styles and current link are cached)."""
        if not text or self.drop:
            return
        link = self._link
        if link is None:
            styles, target = self._styles, None
        else:
            link[1].append(text)
            styles, target = self._linked, link[0]
        items = self.items
        if items:
            last = items[-1]
            if last.__class__ is _Run and last.target == target and last.styles == styles:
                last.parts.append(text)
                return
        items.append(_Run(text, styles, target))

    def _restyle(self) -> None:
        self._styles = frozenset(self.styles)
        self._linked = self._styles | {"link"}
        self._link = next((entry for entry in reversed(self.links) if entry is not None), None)

    def push_style(self, style: str) -> None:
        self.styles.append(style)
        self._restyle()

    def pop_style(self, style: str) -> None:
        for i in range(len(self.styles) - 1, -1, -1):
            if self.styles[i] == style:
                del self.styles[i]
                break
        self._restyle()

    def open_link(self, raw: str | None) -> None:
        self.links.append((self.ctx.reserve(), [], raw) if raw is not None else None)
        self._restyle()

    def close_link(self) -> None:
        if not self.links:
            return
        entry = self.links.pop()
        self._restyle()
        if entry is not None:
            index, parts, raw = entry
            self.ctx.fill(index, "link", "".join(parts), raw)

    def close_all(self) -> None:
        while self.links:
            self.close_link()

    def image(self, raw: str, caption: str) -> None:
        if self.drop:
            return
        caption = " ".join(caption.split()) or file_caption(raw)
        index = self.ctx.add("image", caption, raw)
        self.items.append(Block("image", target=index))
        if any(entry is not None for entry in self.links):
            self.text(caption)  # a linked image: the link stays reachable through its caption

    def media(self, raw: str, title: str) -> None:
        if self.drop or not raw:
            return
        title = " ".join(title.split()) or file_caption(raw) or raw
        self.items.append(Block("media", target=self.ctx.add("media", title, raw)))

    def template_text(self, text: str) -> None:
        """Text from inside raw HTML, where the Markdown rules do not run: templates are read here instead."""
        if "{" not in text:
            self.text(text)
            return
        pos = 0
        while pos < len(text):
            brace = text.find("{", pos)
            if brace < 0:
                break
            escaped = escaped_shortcode(text, brace, len(text))
            if escaped is not None:
                self.text(text[pos:brace] + escaped[0])
                pos = escaped[1]
                continue
            tag = scan(text, brace, len(text))
            ial = parse_ial(text, brace, len(text)) if tag is None else None
            if tag is None and ial is None:
                self.text(text[pos : brace + 1])
                pos = brace + 1
                continue
            self.text(text[pos:brace])
            if tag is not None:
                found = meaning(tag)
                if found.kind == "image":
                    self.image(found.dest, found.text)
                elif found.kind == "media":
                    self.media(found.dest, found.text)
                elif found.kind == "link" and self._link is not None:  # already inside a link: its text
                    self.text(found.text)
                elif found.kind == "link":
                    self.open_link(found.dest)
                    self.text(found.text)
                    self.close_link()
                elif found.kind == "text":
                    self.text(found.text)
                pos = tag.end
            elif ial is not None:
                pos = ial[0]
        self.text(text[pos:])

    # ------------------------------------------------------------ inline HTML

    def html(self, fragment: str) -> None:
        """An `html_inline` token: a tag, a comment, or (from {::nomarkdown}) a little HTML."""
        for event, name, attrs in _reader().read(fragment):
            if event == "data":
                self.text(" ".join(name.split(" ")))
            elif event == "start":
                self.start_tag(name, attrs)
            else:
                self.end_tag(name)

    def start_tag(self, name: str, attrs: dict[str, str]) -> None:
        if name in DROP_TAGS:
            self.drop += 1
        elif self.drop:
            return
        elif name in STYLE_TAGS:
            self.push_style(STYLE_TAGS[name])
        elif name == "a":
            self.open_link(attrs["href"] if attrs.get("href") else None)
        elif name == "br":
            self.text("\n")
        elif name == "img":
            src = attrs.get("src") or attrs.get("data-src") or ""
            if src:
                self.image(src, attrs.get("alt") or attrs.get("title") or "")
        elif name in MEDIA_TAGS:
            src = attrs.get("src") or attrs.get("data") or ""
            self._media_open = not src
            self.media(src, attrs.get("title") or "")
        elif name == "source" and self._media_open and attrs.get("src"):
            self._media_open = False
            self.media(attrs["src"], attrs.get("title") or "")

    def end_tag(self, name: str) -> None:
        if name in DROP_TAGS:
            self.drop = max(0, self.drop - 1)
        elif self.drop:
            return
        elif name in STYLE_TAGS:
            self.pop_style(STYLE_TAGS[name])
        elif name == "a":
            self.close_link()
        elif name in MEDIA_TAGS:
            self._media_open = False

    # ------------------------------------------------------------ results

    def _spans(self, runs: list[_Run]) -> tuple[Span, ...]:
        """Spans of the runs, without whitespace at either edge of the paragraph."""
        spans: list[Span] = []
        for run in runs:
            text = "".join(run.parts)
            if "code" not in run.styles:  # runs of spaces read as one, as in the browser
                while "  " in text:
                    text = text.replace("  ", " ")
                if spans and text.startswith(" ") and spans[-1].text.endswith(" "):
                    text = text[1:]
            if text:
                spans.append(Span(text, run.styles, run.target))
        while spans and not spans[0].text.strip():
            spans.pop(0)
        while spans and not spans[-1].text.strip():
            spans.pop()
        if spans:
            spans[0] = Span(spans[0].text.lstrip(), spans[0].styles, spans[0].target)
            spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].styles, spans[-1].target)
        return tuple(spans)

    def blocks(self, kind: str = "paragraph") -> list[Block]:
        """Paragraphs of the text, split around images and media, which become blocks of their own."""
        self.close_all()
        out: list[Block] = []
        runs: list[_Run] = []
        for item in self.items:
            if isinstance(item, _Run):
                runs.append(item)
                continue
            spans = self._spans(runs)
            if spans:
                out.append(Block(kind, spans=spans))  # type: ignore[arg-type]
            runs = []
            out.append(item)
        spans = self._spans(runs)
        if spans:
            out.append(Block(kind, spans=spans))  # type: ignore[arg-type]
        self.items = []
        return out

    def spans_and_blocks(self) -> tuple[tuple[Span, ...], list[Block]]:
        """For headings and terms: all text as spans, images and media as the blocks that follow."""
        self.close_all()
        runs = [item for item in self.items if isinstance(item, _Run)]
        blocks = [item for item in self.items if isinstance(item, Block)]
        self.items = []
        return self._spans(runs), blocks

    def cell_spans(self) -> tuple[Span, ...]:
        """For table cells: images become their caption, marked as a target, in place."""
        self.close_all()
        runs: list[_Run] = []
        for item in self.items:
            if isinstance(item, _Run):
                runs.append(item)
            elif item.target is not None:
                target = self.ctx.target_text(item.target)
                runs.append(_Run(target, frozenset({"link"}), item.target))
        self.items = []
        return self._spans(runs)
