"""Recognise one static-site template tag at a position: Liquid, Hugo/Zola shortcodes, kramdown attribute lists.

The markdown-it rules (rules.py) call these scanners at a `{` they meet while walking the text, so the dialects
are handled where they occur, never by rewriting the whole text. Each scanner looks only at the short tag it was
handed; what a tag *means* is decided by `meaning`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

MAX_TAG = 4000  # a tag longer than this is not a tag (keeps scanning linear on hostile input)

_ARG = re.compile(r"""([\w.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s,)]+)|("[^"]*"|'[^']*'|[^\s,()=]+)""")
_LIQUID_VARIABLE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*\Z")
_ZOLA_CALL = re.compile(r"^([A-Za-z_][\w-]*)\s*\((.*)\)$", re.S)
_IAL_ITEM = re.compile(r"""\s*(?:[.#][\w-]+|[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s}"']+)|[\w-]+)""")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".tif", ".tiff", ".ico")
_IMAGE_KEYS = ("src", "url", "image", "img", "file", "path")
_CAPTION_KEYS = ("caption", "description", "alt", "title", "text")
_MEDIA = {"youtube", "vimeo", "video", "audio", "tweet", "instagram", "gist", "x"}
_MEDIA_TITLES = {"youtube": "YouTube video", "vimeo": "Vimeo video", "video": "video", "audio": "audio"}
_INTERNAL = {"ref", "relref", "post_url", "link"}


@dataclass(frozen=True)
class Tag:
    """One template tag: its dialect, name, arguments and where it ends in the scanned text."""

    dialect: str  # "liquid" ({% %}), "output" ({{ }}), "hugo" ({{< >}}/{{% %}}), "zola" (a call in either)
    name: str  # "" for output tags; "/name" for a Hugo closing tag
    inner: str  # the text between the delimiters, stripped
    end: int  # index just after the tag
    args: dict[str, str] = field(default_factory=dict)
    positional: tuple[str, ...] = ()
    bare: frozenset[str] = frozenset()  # named arguments given unquoted: in Liquid, variables rather than text


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_args(text: str) -> tuple[dict[str, str], tuple[str, ...], frozenset[str]]:
    """`key=value`, `key="v w"` and bare positional words, as Liquid includes and shortcodes write them.

    Also returns the names whose value was written without quotes (`url=page.image`).
    """
    named: dict[str, str] = {}
    positional: list[str] = []
    bare: set[str] = set()
    for match in _ARG.finditer(text):
        if match.group(1):
            key, value = match.group(1).lower(), match.group(2)
            if key not in named and value[0] not in "\"'":
                bare.add(key)
            named.setdefault(key, _unquote(value))
        elif match.group(3):
            positional.append(_unquote(match.group(3)))
    return named, tuple(positional), frozenset(bare)


def scan(src: str, pos: int, limit: int) -> Tag | None:
    """The template tag starting at `src[pos]` (which is "{"), or None when there is none."""
    head = src[pos : pos + 3]
    if head.startswith("{{<") or head.startswith("{{%"):
        closer = ">}}" if head[2] == "<" else "%}}"
        end = src.find(closer, pos + 3, min(limit, pos + MAX_TAG))
        if end < 0:
            return None
        inner = src[pos + 3 : end].strip()
        if inner.startswith("/*") and inner.endswith("*/"):  # {{</* escaped */>}} is shown literally by Hugo
            return None
        name, _, rest = inner.partition(" ")
        named, positional, bare = parse_args(rest)
        return Tag("hugo", name.strip().lower(), inner, end + 3, named, positional, bare)
    if head.startswith("{%") or head.startswith("{{"):
        closer = "%}" if head[1] == "%" else "}}"
        end = src.find(closer, pos + 2, min(limit, pos + MAX_TAG))
        if end < 0:
            return None
        inner = src[pos + 2 : end].strip().strip("-").strip()
        call = _ZOLA_CALL.match(inner)
        if call:
            named, positional, bare = parse_args(call.group(2))
            return Tag("zola", call.group(1).lower(), inner, end + 2, named, positional, bare)
        if head[1] == "{":
            return Tag("output", "", inner, end + 2)
        name, _, rest = inner.partition(" ")
        named, positional, bare = parse_args(rest)
        return Tag("liquid", name.strip().lower(), inner, end + 2, named, positional, bare)
    return None


@dataclass(frozen=True)
class Meaning:
    """What a tag stands for in the reader: an image, a media embed, a link, some text, or nothing."""

    kind: str  # "image", "media", "link", "text", "drop", "open", "close"
    dest: str = ""
    text: str = ""


def _variable(tag: Tag, key: str) -> bool:
    """An unquoted Liquid argument naming a variable (`url=page.image`, `src=photo.jpg` too, as Jekyll reads it).

    A bare path or URL (`src=/images/x.jpg`) cannot be a variable name: it is kept as the literal it plainly is.
    """
    return tag.dialect == "liquid" and key in tag.bare and _LIQUID_VARIABLE.match(tag.args[key]) is not None


def _argument(tag: Tag, key: str, page: dict[str, str]) -> str:
    """A named argument's value; a variable resolves only to the page fields we know, else to nothing."""
    value = tag.args.get(key, "")
    return page.get(value, "") if value and _variable(tag, key) else value


def _image_source(tag: Tag, page: dict[str, str]) -> str:
    for key in _IMAGE_KEYS:
        if key in tag.args:
            return _argument(tag, key, page)
    for key, value in tag.args.items():
        if value.lower().endswith(IMAGE_SUFFIXES) and not _variable(tag, key):
            return value
    return ""


def _caption(tag: Tag, src: str, page: dict[str, str]) -> str:
    for key in _CAPTION_KEYS:
        text = _argument(tag, key, page)
        if text:
            return text
    return PurePosixPath(src.split("?")[0]).name if src else ""


def _video_url(name: str, tag: Tag) -> str:
    ident = tag.args.get("id") or (tag.positional[0] if tag.positional else "")
    src = tag.args.get("src") or tag.args.get("url") or ""
    if name == "youtube" and ident:
        return ident if "://" in ident else f"https://www.youtube.com/watch?v={ident}"
    if name == "vimeo" and ident:
        return ident if "://" in ident else f"https://vimeo.com/{ident}"
    user = tag.args.get("user") or (tag.positional[0] if len(tag.positional) > 1 else "")
    second = tag.args.get("id") or (tag.positional[1] if len(tag.positional) > 1 else "")
    if name == "gist" and user and second:
        return f"https://gist.github.com/{user}/{second}"
    if name in ("tweet", "x") and second:
        return f"https://x.com/{user or 'i'}/status/{second}"
    if name == "instagram" and ident:
        return f"https://www.instagram.com/p/{ident}/"
    return src or ident


def meaning(tag: Tag, page: dict[str, str] | None = None) -> Meaning:
    """Map a tag to what the reader shows. Unknown tags mean nothing (they vanish, their inner text stays)."""
    name = tag.name
    page = page or {}
    if tag.dialect == "output":
        return _output(tag.inner, page)
    if name.startswith("/") or name in ("end", "endraw", "endcomment", "endhighlight", "endcapture"):
        return Meaning("close")
    if name in ("figure", "image", "img", "resize_image", "include", "include_relative", "picture", "gallery"):
        src = _image_source(tag, page)
        if not src and name in ("figure", "image", "img") and tag.positional:
            src = tag.positional[0]
        if src:
            return Meaning("image", src, _caption(tag, src, page))
        return Meaning("drop")
    if name in _MEDIA:
        url = _video_url(name, tag)
        title = tag.args.get("title") or tag.args.get("caption") or _MEDIA_TITLES.get(name, name)
        return Meaning("media", url, title) if url else Meaning("drop")
    if name in _INTERNAL:
        target = tag.args.get("path") or (tag.positional[0] if tag.positional else "")
        if not target:
            return Meaning("drop")
        return Meaning("link", f"{{% {name} {target} %}}" if tag.dialect == "liquid" else f"@ref:{target}", target)
    return Meaning("open" if tag.dialect in ("hugo", "zola") else "drop")


def _output(inner: str, page: dict[str, str]) -> Meaning:
    """`{{ value | filter }}`: quoted strings through `relative_url` stay; page/site fields we know are shown."""
    value = inner.split("|", 1)[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return Meaning("text", text=value[1:-1])
    if value in page:
        return Meaning("text", text=page[value])
    return Meaning("drop")


def parse_ial(src: str, pos: int, limit: int) -> tuple[int, dict[str, str]] | None:
    """A kramdown attribute list `{: .cls #id key="v"}`, `{:toc}`, `{:ref: ...}` or a header id `{#id}` at pos.

    Returns (end, attributes) where attributes holds "id", "class", "toc" and any key=value; None when the braces
    do not hold a valid list (so `{:?}` in prose stays text).
    """
    if src.startswith("{#", pos):
        body_start = pos + 1
    elif src.startswith("{:", pos) and not src.startswith("{::", pos):
        body_start = pos + 2
    else:
        return None
    end = src.find("}", body_start, min(limit, pos + MAX_TAG))
    if end < 0:
        return None
    body = src[body_start:end]
    if re.match(r"\s*[\w-]+:", body):  # an attribute list definition `{:name: ...}`
        body = body.split(":", 1)[1]
    attrs: dict[str, str] = {}
    at = 0
    while at < len(body):
        match = _IAL_ITEM.match(body, at)
        if not match or match.end() == at:
            if body[at:].strip():
                return None
            break
        item = match.group(0).strip()
        at = match.end()
        if item.startswith("#"):
            attrs["id"] = item[1:]
        elif item.startswith("."):
            attrs["class"] = (attrs.get("class", "") + " " + item[1:]).strip()
        elif "=" in item:
            key, _, value = item.partition("=")
            attrs[key.strip().lower()] = _unquote(value.strip())
        else:
            attrs[item.lower()] = ""
    if not attrs and body.strip():
        return None
    return end + 1, attrs


# ---------------------------------------------------------------- code as the generators leave it


def escaped_shortcode(src: str, pos: int, limit: int) -> tuple[str, int] | None:
    """`{{</* figure src="x" */>}}` at pos: Hugo shows it as `{{< figure src="x" >}}` (only the comment
    markers go). Returns (shown text, end), or None when no escaped shortcode starts at pos."""
    head = src[pos : pos + 3]
    if head not in ("{{<", "{{%"):
        return None
    closer = ">}}" if head[2] == "<" else "%}}"
    end = src.find(closer, pos + 3, min(limit, pos + MAX_TAG))
    if end < 0:
        return None
    inner = src[pos + 3 : end]
    body = inner.strip()
    if not (body.startswith("/*") and body.endswith("*/")) or len(body) < 4:
        return None
    opening, closing = inner.index("/*"), inner.rindex("*/")
    shown = inner[:opening] + inner[opening + 2 : closing] + inner[closing + 2 :]
    return head + shown + closer, end + 3


def _raw_marker(src: str, pos: int) -> tuple[str, int, bool, bool] | None:
    """A Liquid `{% raw %}`/`{% endraw %}` (or `{%- raw -%}`) at pos: (name, end, trims before, trims after)."""
    if not src.startswith("{%", pos):
        return None
    tag = scan(src, pos, len(src))
    if tag is None or tag.dialect != "liquid" or tag.name not in ("raw", "endraw") or tag.inner != tag.name:
        return None
    return tag.name, tag.end, src.startswith("{%-", pos), src[tag.end - 3] == "-"


def code_text(text: str) -> str:
    """Code content as the site shows it: Jekyll runs Liquid before Markdown, so `{% raw %}…{% endraw %}`
    markers vanish and their body stays literally (`{{ site.baseurl }}` included); escaped Hugo shortcodes lose
    their `/* */`. Nothing else in code is touched (no other Liquid runs here)."""
    if "{%" not in text and "{{" not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        brace = text.find("{", pos)
        if brace < 0:
            break
        marker = _raw_marker(text, brace)
        if marker is None:
            escaped = escaped_shortcode(text, brace, len(text))
            out.append(text[pos:brace] if escaped else text[pos : brace + 1])
            if escaped:
                out.append(escaped[0])
            pos = escaped[1] if escaped else brace + 1
            continue
        name, end, trim_before, trim_after = marker
        out.append(text[pos:brace])
        if trim_before:  # `{%-`: Liquid drops the whitespace before the tag
            out = ["".join(out).rstrip()]
        pos = end
        if name == "raw":  # the body, up to the first `{% endraw %}`, is kept as it is
            close = _next_endraw(text, end)
            body = text[end : close[0]] if close else text[end:]
            if trim_after:
                body = body.lstrip()
            if close and close[1]:
                body = body.rstrip()
            out.append(body)
            if close is None:
                return "".join(out)
            pos, trim_after = close[2], close[3]
        if trim_after:  # `-%}`: and the whitespace after it
            while pos < len(text) and text[pos].isspace():
                pos += 1
    out.append(text[pos:])
    return "".join(out)


def _next_endraw(text: str, start: int) -> tuple[int, bool, int, bool] | None:
    """The first `{% endraw %}` from start: (its start, trims before, its end, trims after)."""
    at = text.find("{%", start)
    while at >= 0:
        marker = _raw_marker(text, at)
        if marker is not None and marker[0] == "endraw":
            return at, marker[2], marker[1], marker[3]
        at = text.find("{%", at + 2)
    return None
