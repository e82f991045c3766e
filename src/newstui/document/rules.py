"""markdown-it rules for the static-site dialects: Liquid, Hugo/Zola shortcodes, kramdown, lenient link targets.

Block rules consume whole lines that hold only template tags or kramdown markup; inline rules consume a tag where
the inline scanner meets a `{`. They emit ordinary markdown-it tokens (`image`, `link_open`, `fence`,
`html_block`, `html_inline`) or our own (`x_image`, `x_media`, `x_ial`), which build.py turns into blocks.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.ruler import RuleOptionsType
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from newstui.document.tags import Meaning, code_text, escaped_shortcode, meaning, parse_ial, scan

_LIQUID_BLOCKS = ("raw", "highlight", "comment", "capture")  # tags whose body is not ordinary Markdown
RAW = "newstui_raw"  # env flag: inside {% raw %}, templates are literal text
PROBLEMS = "newstui_problems"  # env entry: [(line, message)] for markup the article never closes
_NEXT_CLOSE = "newstui_next_close"  # env entry: lenient_link's last search, see _next_close
_NESTING_MARGIN = 3  # levels kept free below maxNesting: a paragraph and its inline text still fit
PAGE = "newstui_page"  # env entry: {"page.title": ..., "site.title": ...} for {{ page.title }}


# ---------------------------------------------------------------- block level


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _problem(state: StateBlock, line: int, message: str) -> None:
    """Note a markup problem (0-based body line) for the Document's problems."""
    state.env.setdefault(PROBLEMS, []).append((line, message))


def too_deep(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Near markdown-it's nesting limit, take the rest of the container as one plain paragraph.

    Past `maxNesting` markdown-it silently drops the deeper text (and, inside a list, everything after it);
    20,000 nested quotes or 3,000 nested lists would show nothing. Here the remaining lines are shown as they
    are written (markers included), with a problem saying so.
    """
    if silent or state.level < state.md.options.get("maxNesting", 20) - _NESTING_MARGIN:
        return False
    text = state.getLines(start, end, state.blkIndent, False).strip()
    _problem(state, start, "nested too deeply: the innermost part is shown as plain text")
    opening = state.push("paragraph_open", "p", 1)
    opening.map = [start, end]
    inline = state.push("inline", "", 0)
    inline.content, inline.map, inline.children = text, [start, end], []
    state.push("paragraph_close", "p", -1)
    state.line = end
    return True


def _find_close(state: StateBlock, start: int, end: int, names: tuple[str, ...]) -> int:
    """First line at or after `start` holding one of the closing markers; `end` when the article forgot it."""
    for line in range(start, end):
        text = _line(state, line)
        if any(name in text for name in names):
            return line
    return end


def _tags_only(state: StateBlock, start: int, end: int) -> tuple[list[Any], int] | None:
    """The template tags filling the line `start` (a Hugo tag may span lines), and the line after them."""
    pos = state.bMarks[start] + state.tShift[start]
    limit = state.eMarks[end - 1] if end > start else state.eMarks[start]
    tags = []
    src = state.src
    while True:
        tag = scan(src, pos, limit)
        if tag is None:
            return None
        tags.append(tag)
        pos = tag.end
        while pos < limit and src[pos] in " \t":
            pos += 1
        if pos >= limit or src[pos] == "\n":
            break
        if src[pos] != "{":
            return None
    line = start
    while line < end and state.eMarks[line] < pos:
        line += 1
    return tags, line + 1


def _push_meaning(state: StateBlock, found: Meaning, start: int) -> None:
    if found.kind in ("image", "media"):
        token = state.push("x_" + found.kind, "", 0)
        token.attrs = {"src": found.dest}
        token.content = found.text
        token.map = [start, state.line]


def template_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Lines made only of Liquid tags or shortcodes: raw, highlight, comment, includes, figures, videos."""
    if state.is_code_block(start):
        return False
    pos = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith(("{%", "{{"), pos):
        return False
    found = _tags_only(state, start, end)
    if found is None:
        return False
    tags, next_line = found
    meanings = [meaning(tag, state.env.get(PAGE)) for tag in tags]
    if any(m.kind in ("link", "text") for m in meanings):
        return False  # let the inline rule make a paragraph of it
    if silent:
        return True
    first = tags[0]
    hugo_code = first.dialect == "hugo" and first.name in ("highlight", "code")
    if len(tags) == 1 and (hugo_code or (first.dialect == "liquid" and first.name in _LIQUID_BLOCKS)):
        closers = ("/" + first.name,) if hugo_code else ("end" + first.name,)
        close = _find_close(state, next_line, end, closers)
        if close >= end:
            _problem(state, start, f"{{% {first.name} %}} is never closed")
            if first.name in ("comment", "capture"):  # hiding the rest of the article would lose it: show it
                state.line = next_line
                return True
        if first.name == "raw":
            _nested(state, next_line, close, raw=True)
        elif first.name in ("highlight", "code"):
            token = state.push("fence", "code", 0)
            words = [*first.positional, first.args.get("lang", "")] if hugo_code else first.inner.split()[1:]
            token.info = words[0] if words else ""
            token.content = state.getLines(next_line, close, state.sCount[start], True)
            token.markup = "```"
            token.map = [start, close + 1]
        state.line = min(close + 1, end)
        return True
    state.line = next_line
    for found_meaning in meanings:
        _push_meaning(state, found_meaning, start)
    return True


def _nested(state: StateBlock, start: int, end: int, raw: bool) -> None:
    """Parse lines [start, end) as ordinary blocks; with `raw`, their inline text keeps templates literally."""
    first = len(state.tokens)
    old_max, old_parent = state.lineMax, state.parentType
    state.lineMax = end
    state.level += 1  # counts towards markdown-it's nesting limit, so nested raw blocks cannot recurse forever
    state.md.block.tokenize(state, start, end)
    state.level -= 1
    state.lineMax, state.parentType = old_max, old_parent
    if raw:
        for token in state.tokens[first:]:  # inline text and code alike: templates inside are literal
            token.meta[RAW] = True


def kramdown_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Block IALs and ALDs (`{: .lead}`, `{:toc}`), extensions (`{::comment}`, `{::nomarkdown}`), abbreviations."""
    if state.is_code_block(start):
        return False
    text = _line(state, start).rstrip()
    if text.startswith("*[") and "]:" in text:  # abbreviation definition: hidden
        if not silent:
            state.line = start + 1
        return True
    if text.startswith("{::"):
        name = text[3:].split("}", 1)[0].split()[0].rstrip("/") if len(text) > 3 else ""
        if silent:
            return True
        if text.endswith("/}"):  # {::options ... /}
            state.line = start + 1
            return True
        closers = ("{:/" + name + "}", "{:/}")
        same_line = any(c in text for c in closers)
        close = start if same_line else _find_close(state, start + 1, end, closers)
        if close >= end:
            _problem(state, start, f"{{::{name}}} is never closed")
            if name != "nomarkdown":
                state.line = start + 1
                return True
        if name == "nomarkdown":
            token = state.push("html_block", "", 0)
            body = text.split("}", 1)[1] if same_line else state.getLines(start + 1, close, 0, True)
            for closer in closers:
                body = body.replace(closer, "")
            token.content = body
            token.map = [start, close + 1]
        state.line = min(close + 1, end)
        return True
    if not (text.startswith("{:") or text.startswith("{#")) or not text.endswith("}"):
        return False
    parsed = parse_ial(text, 0, len(text))
    if parsed is None or parsed[0] != len(text):
        return False
    if not silent:
        token = state.push("x_ial", "", 0)
        token.meta = {"attrs": parsed[1], "blank_before": start > 0 and state.isEmpty(start - 1)}
        token.map = [start, start + 1]
        state.line = start + 1
    return True


def template_reference(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`[label]: {% post_url x %}` or `[x]: {{ site.baseurl }}/y`: a reference definition markdown-it refuses."""
    if state.is_code_block(start):
        return False
    text = _line(state, start).rstrip()
    if not text.startswith("[") or "]:" not in text:
        return False
    label, _, dest = text[1:].partition("]:")
    dest = dest.strip()
    if not dest.startswith(("{%", "{{")) and "{{" not in label:
        return False
    if silent:
        return True
    if "{{" not in label and "{%" not in label:  # a templated label (inside a Liquid loop) cannot be resolved
        refs = state.env.setdefault("references", {})
        refs.setdefault(normalizeReference(label), {"title": "", "href": dest, "map": [start, start + 1]})
    state.line = start + 1
    return True


# ---------------------------------------------------------------- inline level


def _push_inline_meaning(state: StateInline, found: Meaning) -> None:
    if found.kind == "image":
        token = state.push("image", "img", 0)
        token.attrs = {"src": found.dest, "alt": ""}
        child = Token("text", "", 0)
        child.content = found.text
        token.children = [child]
        token.content = found.text
    elif found.kind == "media":
        token = state.push("x_media", "", 0)
        token.attrs = {"src": found.dest}
        token.content = found.text
    elif found.kind == "link":
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": found.dest}
        state.push("text", "", 0).content = found.text
        state.push("link_close", "a", -1)
    elif found.kind == "text":
        state.push("text", "", 0).content = found.text


def _skip_to(state: StateInline, start: int, names: tuple[str, ...]) -> tuple[int, int]:
    """(start of the closing tag, end of it) for `{% endraw %}`-like closers; the end of the text if absent."""
    at = start
    while True:
        found = state.src.find("{%", at, state.posMax)
        if found < 0:
            return state.posMax, state.posMax
        tag = scan(state.src, found, state.posMax)
        if tag is not None and tag.name in names:
            return found, tag.end
        at = found + 2


def template_inline(state: StateInline, silent: bool) -> bool:
    """A Liquid tag, output or shortcode inside a paragraph: shown as what it means, never as `{%`."""
    src, pos = state.src, state.pos
    if src[pos] != "{" or state.env.get(RAW) or not src.startswith(("{%", "{{"), pos):
        return False
    escaped = escaped_shortcode(src, pos, state.posMax)
    if escaped is not None:  # `{{</* x */>}}`: Hugo's way of showing a shortcode as text
        if not silent:
            state.push("text", "", 0).content = escaped[0]
        state.pos = escaped[1]
        return True
    tag = scan(src, pos, state.posMax)
    if tag is None:
        return False
    if tag.dialect == "liquid" and tag.name in ("raw", "comment", "capture"):
        inner_end, end = _skip_to(state, tag.end, ("end" + tag.name,))
        if end >= state.posMax and inner_end >= state.posMax:  # never closed here: only the tag goes
            inner_end = end = tag.end
        if tag.name == "raw" and not silent and inner_end > tag.end:
            old_max, first = state.posMax, len(state.tokens)
            state.pos, state.posMax = tag.end, inner_end
            state.env[RAW] = True
            try:
                state.md.inline.tokenize(state)
            finally:
                state.env.pop(RAW, None)
            state.posMax = old_max
            for token in state.tokens[first:]:  # code spans in here are already literal: see raw_in_code
                token.meta[RAW] = True
        state.pos = end
        return True
    if not silent:
        _push_inline_meaning(state, meaning(tag, state.env.get(PAGE)))
    state.pos = tag.end
    return True


def kramdown_inline(state: StateInline, silent: bool) -> bool:
    """Span IALs `{:target="_blank"}`, header ids `{#id}` at the end, `{::comment}`/`{::nomarkdown}` spans."""
    src, pos = state.src, state.pos
    if src[pos] != "{" or state.env.get(RAW):
        return False
    if src.startswith("{::", pos):
        close = src.find("}", pos, state.posMax)
        if close < 0:
            return False
        if src[close - 1] == "/":  # {::options ... /}
            state.pos = close + 1
            return True
        name = src[pos + 3 : close].split()[0] if src[pos + 3 : close].split() else ""
        ends = [i for i in (src.find("{:/" + name + "}", close), src.find("{:/}", close)) if i >= 0]
        inner_end = min(ends) if ends else state.posMax
        end = src.find("}", inner_end) + 1 if ends else state.posMax
        if name == "nomarkdown" and not silent:
            state.push("html_inline", "", 0).content = src[close + 1 : inner_end]
        state.pos = end
        return True
    parsed = parse_ial(src, pos, state.posMax)
    if parsed is None:
        return False
    end, attrs = parsed
    if src.startswith("{#", pos) and src[end : state.posMax].strip():
        return False  # a header id only counts at the very end of the heading
    if not silent:
        state.push("x_ial", "", 0).meta = {"attrs": attrs}
    state.pos = end
    return True


def _next_close(state: StateInline, start: int) -> tuple[int, int]:
    """The next `](` at or after `start` and the `)` after it (-1 when none), remembered per inline text.

    Every `[` asks; searching afresh each time made 100,000 `[` quadratic (tens of seconds), so the answer is
    reused while it still lies ahead of the asking `[`.
    """
    src = state.src
    cached = state.env.get(_NEXT_CLOSE)
    if cached is not None and cached[0] is src and cached[1] <= start and (cached[2] < 0 or cached[2] >= start):
        return cached[2], cached[3]
    middle = src.find("](", start)
    close = src.find(")", middle + 2) if middle >= 0 else -1
    state.env[_NEXT_CLOSE] = (src, start, middle, close)
    return middle, close


def lenient_link(state: StateInline, silent: bool) -> bool:
    """`[t](a b.jpg)`, `![c]({{ site.baseurl }}/x.png)`: destinations with spaces or templates, as kramdown allows."""
    src, start, maximum = state.src, state.pos, state.posMax
    image = src.startswith("![", start)
    if not image and src[start] != "[":
        return False
    label_open = start + 1 if image else start
    middle, close = _next_close(state, label_open)
    if middle < 0 or close < 0 or close >= maximum:  # cheap refusal
        return False
    plain = src[middle + 2 : close]
    if plain and not any(char in plain for char in " \t\n{<("):
        return False  # the common `[text](url)`: markdown-it's own rule, without parsing it twice
    label_end = state.md.helpers.parseLinkLabel(state, label_open, not image)
    if label_end < 0 or label_end + 1 >= maximum or src[label_end + 1] != "(":
        return False
    pos = label_end + 2
    while pos < maximum and src[pos] in " \t":
        pos += 1
    standard = state.md.helpers.parseLinkDestination(src, pos, maximum)
    if standard.ok and src[pos] != "{":
        after = standard.pos
        while after < maximum and src[after] in " \t\n":
            after += 1
        if after < maximum and src[after] in ")\"'(":
            return False  # a CommonMark link: the ordinary rule takes it
    dest_start, depth, templated = pos, 0, False
    while pos < maximum:
        char = src[pos]
        if char == "{" and (tag := scan(src, pos, maximum)) is not None:
            pos, templated = tag.end, True
            continue
        if char == "\n":
            return False
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        pos += 1
    if pos >= maximum:
        return False
    dest = src[dest_start:pos].strip()
    if not dest or (" " not in dest and not templated):
        return False
    if dest.endswith('"') and ' "' in dest:
        dest = dest.rsplit(' "', 1)[0].strip()
    if not silent:
        old_max = state.posMax
        label = src[label_open + 1 : label_end]
        if image:
            token = state.push("image", "img", 0)
            token.attrs = {"src": dest, "alt": ""}
            children: list[Any] = []
            state.md.inline.parse(label, state.md, state.env, children)
            token.children = children
            token.content = label
        else:
            state.push("link_open", "a", 1).attrs = {"href": dest}
            state.pos, state.posMax = label_open + 1, label_end
            state.linkLevel += 1
            state.md.inline.tokenize(state)
            state.linkLevel -= 1
            state.push("link_close", "a", -1)
        state.posMax = old_max
    state.pos = pos + 1
    return True


def inline_core(state: StateCore) -> None:
    """markdown-it's core `inline` step, telling the inline rules which blocks sit inside `{% raw %}`."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            raw = bool(token.meta.get(RAW))
            if raw:
                state.env[RAW] = True
            try:
                state.md.inline.parse(token.content, state.md, state.env, token.children)
            finally:
                if raw:
                    state.env.pop(RAW, None)


def raw_in_code(state: StateCore) -> None:
    """Code blocks and code spans as the site shows them (see tags.code_text): Liquid's `{% raw %}` markers
    and Hugo's `/* */` escapes go. Code already inside a `{% raw %}` region is left exactly as written."""
    stack = [token for token in reversed(state.tokens) if not token.meta.get(RAW)]
    while stack:
        token = stack.pop()
        if token.type in ("fence", "code_block", "code_inline"):
            if not token.meta.get(RAW):
                token.content = code_text(token.content)
        elif token.children and not token.meta.get(RAW):
            stack.extend(reversed(token.children))


def dialects_plugin(md: MarkdownIt) -> None:
    """Install every dialect rule into a markdown-it instance."""
    alt: RuleOptionsType = {"alt": ["paragraph", "reference", "blockquote", "list"]}
    md.block.ruler.before("table", "too_deep", too_deep)
    md.block.ruler.before("fence", "template_block", template_block, alt)
    md.block.ruler.before("fence", "kramdown_block", kramdown_block, alt)
    md.block.ruler.before("reference", "template_reference", template_reference)
    md.inline.ruler.before("link", "lenient_link", lenient_link)
    md.inline.ruler.before("link", "template_inline", template_inline)
    md.inline.ruler.before("link", "kramdown_inline", kramdown_inline)
    md.core.ruler.at("inline", inline_core)
    md.core.ruler.after("inline", "raw_in_code", raw_in_code)
