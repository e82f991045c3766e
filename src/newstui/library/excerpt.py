"""Plain text for the list: an article's excerpt and its first heading, found without parsing the whole body.

A list of 10,000 articles cannot afford a full Markdown parse of each, so a line scanner skips what is not prose
(fenced code, HTML blocks, headings, lists, tables, images, Liquid and kramdown lines) and only the chosen
paragraph goes through a few regular expressions that strip inline markup. Liquid, Hugo shortcodes, kramdown attribute
lists and footnote markers are removed too. An HTML block met before any Markdown heading is read with the standard
library's HTML parser, so `<h2>Title</h2>` can be the title of a file without one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

EXCERPT_LIMIT = 400
MORE = "<!--more-->"
_MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)  # Hugo writes it tight, many themes with spaces

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PROSE = re.compile(
    r"""^[ ]{0,3}(?:
        [<]                         # HTML block
      | \{[%{:<]                    # Liquid tag or output, kramdown IAL, Hugo shortcode
      | [-*+][ \t] | \d{1,9}[.)][ \t]   # list item
      | [|]                         # table row
      | (?:[-*_][ \t]*){3,}$        # thematic break
      | \[[^\]]+\]:                 # link reference definition
      | >                           # block quote
    )""",
    re.VERBOSE,
)
_LINK_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"  # kramdown allows spaces in paths, so they are allowed here
# (a character the text must hold for the pattern to matter, pattern, replacement), applied in order
_STRIP = [
    (gate, re.compile(pattern, re.DOTALL), replacement)
    for gate, pattern, replacement in (
        ("\\", r"\\([!-/:-@\[-`{-~])", lambda m: chr(_SHELTER + ord(m.group(1)))),  # escapes: kept literal
        ("<", r"<!--.*?-->", ""),
        ("{", r"\{%-?.*?-?%\}|\{\{.*?\}\}|\{:[^}]*\}", ""),  # Liquid, Hugo shortcodes, kramdown IALs
        ("[", r"\[\^[^\]]+\]", ""),  # footnote markers
        ("![", r"!\[[^\]]*\](?:" + _LINK_TARGET + r"|\[[^\]]*\])", ""),  # images
        ("[", r"\[([^\]]*)\](?:" + _LINK_TARGET + r"|\[[^\]]*\])", r"\1"),  # links and reference links
        ("<", r"<(https?://[^>\s]+|[^>\s@]+@[^>\s]+)>", r"\1"),  # autolinks
        ("<", r"</?[A-Za-z][^>]*>", ""),  # HTML tags
        ("`", r"(`+)(.+?)\1", r"\2"),  # code spans
        ("***", r"\*\*\*([^*\s](?:[^*]*[^*\s])?)\*\*\*", r"\1"),
        # emphasis, then the strong around it; the look-behind after the opening mark, so the search jumps from
        # mark to mark instead of trying every position
        ("*", r"\*(?<![\w*]\*)([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])", r"\1"),
        ("_", r"_(?<![\w_]_)([^_\s](?:[^_]*[^_\s])?)_(?![\w_])", r"\1"),
        ("**", r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*", r"\1"),
        ("__", r"__([^_\s](?:[^_]*[^_\s])?)__", r"\1"),
        ("~~", r"~~([^~\s](?:[^~]*[^~\s])?)~~", r"\1"),  # strikethrough
    )
]
_SHELTER = 0xF0000  # escaped punctuation waits in a private-use plane until the markup is gone
_UNSHELTER = re.compile("[\U000f0021-\U000f007e]")
_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"[\\`*_\[\]<>!&{}~]")
_SOURCE_LIMIT = 3 * EXCERPT_LIMIT
_HTML_START = re.compile(r"^ {0,3}<(!--|[A-Za-z][A-Za-z0-9-]*|/[A-Za-z])")
_HTML_CLOSERS = {"!--": "-->", "pre": "</pre>", "script": "</script>", "style": "</style>", "textarea": "</textarea>"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SCAN_PREFIX = 8192


def excerpt_from(meta_text: object, body: str) -> str:
    """The excerpt: a front matter text if given, else what precedes `<!--more-->`, else the first paragraph."""
    if isinstance(meta_text, str) and meta_text.strip():
        return _limit(plain(meta_text))
    marker = _MORE.search(body) if "<!--" in body else None
    if marker is not None:
        paragraphs = (plain(p) for p in _paragraphs(body[: marker.start()]))
        text = " ".join(p for p in paragraphs if p)
        if text:
            return _limit(text)
        # nothing before it: the first paragraph, which may share the marker's line (`<!-- more -->The week…`)
        body = body[marker.end() :]
    for part in _prefix_then_whole(body):
        for paragraph in _paragraphs(part):
            text = plain(paragraph)
            if text:
                return _limit(text)
    return ""


def _prefix_then_whole(body: str) -> Iterator[str]:
    """The first few KB (whole lines), where the first paragraph nearly always is; the rest only if needed."""
    if len(body) <= _SCAN_PREFIX:
        yield body
        return
    cut = body.rfind("\n", 0, _SCAN_PREFIX)
    yield body[: cut if cut > 0 else _SCAN_PREFIX]
    yield body


def first_heading(body: str) -> str:
    """The text of the first ATX, setext or HTML (`<h1>`..`<h6>`) heading outside code, or ""."""
    fence: str | None = None
    previous = ""
    lines = _lines(body)
    for line in lines:
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)[0] * 3
            previous = ""
            continue
        if _HTML_START.match(line):
            heading = _html_heading(_html_block(line, lines))
            if heading:
                return heading
            previous = ""
            continue
        atx = _ATX.match(line)
        if atx and atx.group(2):
            return plain(atx.group(2))
        if previous.strip() and _SETEXT.match(line) and not _NOT_PROSE.match(previous):
            return plain(previous)
        previous = line
    return ""


def _html_block(first: str, rest: Iterator[str]) -> str:
    """An HTML block as CommonMark bounds it: a comment, `<pre>`, `<script>`, `<style>` or `<textarea>` up to its
    closing mark, anything else up to the next blank line. `rest` is advanced past the block."""
    start = _HTML_START.match(first)
    opener = start.group(1) if start else ""
    closing = _HTML_CLOSERS.get(opener.lower(), "")
    block = [first]
    if closing:
        if closing not in first[start.end() if start else 0 :].lower():
            for line in rest:
                block.append(line)
                if closing in line.lower():
                    break
        return "\n".join(block)
    for line in rest:
        if not line.strip():
            break
        block.append(line)
    return "\n".join(block)


def _html_heading(block: str) -> str:
    """The text of the first `<h1>`..`<h6>` in an HTML block, whitespace collapsed, or ""."""
    if "<h" not in block.lower():
        return ""
    finder = _HeadingFinder()
    try:
        finder.feed(block)
        finder.close()
    except _Found:
        pass
    return _SPACE.sub(" ", "".join(finder.text)).strip() if finder.done else ""


class _Found(Exception):
    """Raised to stop the HTML parser at the end of the first heading."""


class _HeadingFinder(HTMLParser):
    """Collects the text of the first h1-h6 element; script and style text is not heading text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.depth = 0  # > 0 inside the heading
        self.skipping = 0  # > 0 inside script or style within it
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HEADING_TAGS:
            self.depth += 1
        elif self.depth and tag in ("script", "style"):
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HEADING_TAGS and self.depth:
            self.depth -= 1
            if not self.depth and "".join(self.text).strip():
                self.done = True
                raise _Found
        elif tag in ("script", "style") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.text.append(data)

    def close(self) -> None:
        super().close()
        if self.depth and "".join(self.text).strip():  # `<h2>Title` never closed: the block's end closes it
            self.done = True


def plain(markdown: str) -> str:
    """Inline Markdown to one line of plain text: markup, images, inline HTML, Liquid and IALs removed.

    A handful of regular expressions, not a parse: a list preview needs no exact CommonMark, and markdown-it-py
    costs 50-200 µs per paragraph, too much for 10,000 articles. What a pattern misses shows as literal text.
    """
    if len(markdown) > _SOURCE_LIMIT:  # the excerpt keeps EXCERPT_LIMIT characters: strip a little more than that
        cut = markdown.rfind(" ", 0, _SOURCE_LIMIT)
        markdown = markdown[: cut if cut > 0 else _SOURCE_LIMIT]
    text = markdown
    if _MARKUP.search(text):
        for gate, pattern, replacement in _STRIP:
            if gate in text:
                text = pattern.sub(replacement, text)
        if "&" in text:
            text = html.unescape(text)
        if "\\" in markdown:
            text = _UNSHELTER.sub(lambda m: chr(ord(m.group(0)) - _SHELTER), text)
    return " ".join(text.split())  # what `\s+` -> " " and strip() give, ten times faster


def _paragraphs(body: str) -> Iterator[str]:
    """Prose paragraphs in order, skipping code, HTML blocks, headings, lists, tables and the like."""
    fence: str | None = None
    block: list[str] = []
    skipping = False  # inside a non-prose block, until the next blank line
    for line in _lines(body):
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened:
            yield from _flush(block)
            block, skipping = [], False
            fence = opened.group(1)[0] * 3
            continue
        if not line.strip():
            yield from _flush(block)
            block, skipping = [], False
            continue
        if skipping:
            continue
        if not block and (_NOT_PROSE.match(line) or _ATX.match(line) or line.startswith(("    ", "\t"))):
            skipping = True
            continue
        if block and _SETEXT.match(line):  # the block was a setext heading
            block, skipping = [], True
            continue
        block.append(line)
    yield from _flush(block)


def _flush(block: list[str]) -> Iterator[str]:
    if block:
        yield "\n".join(block)


def _lines(text: str) -> Iterator[str]:
    """Lines one at a time (split on "\n" only, as the decoder normalised line ends)."""
    return iter(text.split("\n"))


def _limit(text: str) -> str:
    if len(text) <= EXCERPT_LIMIT:
        return text
    cut = text.rfind(" ", 0, EXCERPT_LIMIT)
    return text[: cut if cut > EXCERPT_LIMIT // 2 else EXCERPT_LIMIT].rstrip(" ,;:") + "…"
