"""Where a long article may be cut so its first part parses exactly as it does inside the whole.

A blank line ends every Markdown block except fenced code, multi-line HTML constructs (`<pre>`, `<script>`,
`<style>`, `<!-- … -->`) and the template blocks that span blank lines (`{% raw %}`, `{% highlight %}`,
`{% comment %}`, `{% capture %}`, Hugo's `{{< highlight >}}`, `{::comment}`); the first screen is cut at the first
blank line after the wanted length outside all of those, the tail (`G` before the whole parse is done) after the
last one before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Liquid blocks whose body may hold blank lines ({% raw %}, {%- highlight js -%}, {% capture x %}) and Hugo's
# code shortcodes ({{< highlight go >}} … {{< /highlight >}}): group 1 is Hugo's "<" or "%", group 2 the name.
_TEMPLATE_BLOCK = re.compile(r"\{(?:%-?|\{([<%])-?)\s*(raw|highlight|comment|capture|code)\b")
# Lines that may open a construct (a superset: each is then read as before) and lines that may be blank once
# quote and list markers are taken off.
# (searched from a newline: a regular expression anchored with ^ is several times slower on a long text)
_LOOK_AHEAD = 64 * 1024
_MAY_OPEN_HERE = re.compile(r"[ \t>*+\-\d.)]*(?:```|~~~|\{|<)")
_MAY_OPEN = re.compile(r"\n[ \t>*+\-\d.)]*(?:```|~~~|\{|<)")
_MAY_BE_BLANK_HERE = re.compile(r"[ \t>*+\-\d.)\r]*(?:\n|\Z)")
_MAY_BE_BLANK = re.compile(r"\n(?=[ \t>*+\-\d.)\r]*\n)")
_OPENERS = {
    "{::comment": "{:/",
    "{::nomarkdown": "{:/",
    "<!--": "-->",
    "<pre": "</pre>",
    "<script": "</script>",
    "<style": "</style>",
    "<textarea": "</textarea>",
}


def safe_prefix(text: str, chars: int) -> int:
    """Length of the longest prefix of at least `chars` characters ending at a safe blank line (or the text)."""
    if chars >= len(text):
        return len(text)
    return next((pos for pos in safe_blank_lines(text) if pos >= chars), len(text))


def safe_suffix(text: str, chars: int) -> int:
    """Start of the shortest suffix of at least `chars` characters that begins after a safe blank line and whose
    first line is not indented (an indented line would continue a list item or note, or be read as code when
    parsed alone); 0 (the whole text) when there is no such place."""
    last = len(text) - chars
    cut = 0
    for pos in safe_blank_lines(text):
        if pos > last:
            break
        following = pos + 1
        while text.startswith("\n", following) or text.startswith(" \n", following):
            following = text.find("\n", following) + 1
        if following < len(text) and text[following] not in " \t":
            cut = following
    return cut


def safe_blank_lines(text: str) -> Iterator[int]:
    """Offsets of the blank lines of `text` that lie outside every construct spanning blank lines (see above).

    Only lines that may open such a construct are read one by one (regular expressions find them and the blank
    lines in between), so the 1.3 MB benchmark article is scanned in a few milliseconds.
    """
    pos, size = 0, len(text)
    while pos < size:
        stop = _may_open(text, pos)
        for start in _may_be_blank(text, pos, abs(stop)):
            if text.startswith("\n", start) or not _inside_containers(text[start : _line_end(text, start)]).strip():
                yield start
        if stop >= size:
            return
        if stop < 0:  # none in the next stretch of text, whose blank lines were all safe
            pos = -stop
            continue
        end = _line_end(text, stop)
        stripped = _inside_containers(text[stop:end]).strip()
        if stripped[:3] in ("```", "~~~"):
            mark = stripped[0]
            fence = stripped[: len(stripped) - len(stripped.lstrip(mark))]
            pos = end + 1
            while pos < size:  # to the closing fence
                end = _line_end(text, pos)
                inner = _inside_containers(text[pos:end]).strip()
                pos = end + 1
                if inner.startswith(fence) and not inner.strip(mark):
                    break
            continue
        closer = _opened(stripped)
        if closer:
            close = text.find(closer, end + 1)
            if close < 0:
                return
            end = _line_end(text, close)
        pos = end + 1


def _may_open(text: str, pos: int) -> int:
    """Start of the first line at or after `pos` (a line start) that may open a construct; len(text) if none.

    Looks only so far ahead (a first screen needs the first few KB), returning minus the start of the line it
    stopped at when there was none until there.
    """
    if pos == 0 and _MAY_OPEN_HERE.match(text):
        return 0
    ahead = text.find("\n", pos + _LOOK_AHEAD)
    if ahead < 0:
        ahead = len(text)
    found = _MAY_OPEN.search(text, max(0, pos - 1), ahead)
    if found is not None:
        return found.start() + 1
    return len(text) if ahead >= len(text) else -(ahead + 1)


def _may_be_blank(text: str, pos: int, stop: int) -> Iterator[int]:
    """Starts of the lines in [pos, stop) that may be blank (a line ending the text without a newline too)."""
    if pos == 0 and _MAY_BE_BLANK_HERE.match(text):
        yield 0
    for found in _MAY_BE_BLANK.finditer(text, max(0, pos - 1), stop):
        if found.start() + 1 >= pos:
            yield found.start() + 1
    if stop == len(text):
        last = text.rfind("\n") + 1
        if last > 0 and pos <= last < stop:
            yield last  # no newline after it: the lookahead above never sees it


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _opened(stripped: str) -> str:
    """What closes the multi-line construct this line opens and does not close itself ("" when none)."""
    lowered = stripped.lower()
    if lowered.startswith(("{%", "{{")):
        tag = _TEMPLATE_BLOCK.match(lowered)
        if tag is not None:
            close = ("/" if tag[1] else "end") + tag[2]  # as the parser looks for it (rules._find_close)
            return close if close not in lowered[tag.end() :] else ""
    for opener, close in _OPENERS.items():
        if lowered.startswith(opener) and close not in lowered[len(opener) :]:
            return close
    return ""


def _inside_containers(line: str) -> str:
    """The line without indentation, quote and list markers: a fence inside a list item is still a fence."""
    core = line.lstrip(" \t>")
    while core[:2] in ("- ", "* ", "+ ") or (core[:1].isdigit() and core.lstrip("0123456789")[:2] in (". ", ") ")):
        core = core.lstrip("0123456789")[2:].lstrip(" >") if core[:1].isdigit() else core[2:].lstrip(" >")
    return core


def reference_lines(text: str, used_in: str) -> str:
    """The link reference and footnote definitions (`[x]: url`, `[^n]: …`) of `text` that `used_in` uses.

    A prefix parsed alone still finds links defined at the bottom of the article; definitions it does not use
    are left out, since markdown-it reads each one at some cost.
    """
    wanted = used_in.lower()
    out = []
    pos = 0 if text.startswith("[") else text.find("\n[")
    while pos >= 0:
        start = pos + 1 if text[pos] == "\n" else pos
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)]
        label, sep, _ = line[1:].partition("]:")
        if sep and "[" + label.lower() + "]" in wanted:  # links and footnotes (first line of each note)
            out.append(line)
        pos = text.find("\n[", start)
    return "\n".join(out)
