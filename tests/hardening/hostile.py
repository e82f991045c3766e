"""Hostile payloads and the checks the hardening tests share: what may and may not reach a terminal.

A terminal acts on C0 controls (ESC starts CSI, OSC, DCS sequences), DEL, and C1 controls (U+0080-U+009F: the
8-bit CSI U+009B and OSC U+009D act like ESC [ and ESC ] on many terminals, even UTF-8 encoded). None of them may
reach stdout or the screen from article data. The only escapes allowed are the SGR colour sequences
`ESC [ digits;... m` that rich writes itself in --color mode.
"""

from __future__ import annotations

import re
from pathlib import Path

from newstui.document import parse_document
from newstui.library import load_site, read_article
from newstui.render import default_theme, render_document
from newstui.render.model import RenderedArticle

# One payload per kind of escape, each also carried as 8-bit C1 where that exists.
PAYLOADS: dict[str, str] = {
    "csi-clear": "\x1b[2J\x1b[H",
    "csi-colour": "\x1b[31;1m",
    "csi-altscreen": "\x1b[?1049h",
    "csi-report": "\x1b[6n",
    "osc52-clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "osc8-link": "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "osc0-title": "\x1b]0;pwned\x07",
    "osc2-title-st": "\x1b]2;pwned\x1b\\",
    "dcs": "\x1bP+q544e\x1b\\",
    "c1-csi": "\x9b2J",
    "c1-osc": "\x9d0;pwned\x9c",
    "c1-dcs": "\x90+q\x9c",
    "c0-all": "".join(chr(c) for c in range(1, 0x20) if chr(c) not in "\n\r\t"),  # NUL: see the binary test
    "c1-all": "".join(chr(c) for c in range(0x7F, 0xA0)),
}
EVERYTHING = "".join(PAYLOADS.values())

SGR = re.compile(r"\x1b\[[0-9;]*m")  # exactly what rich emits for colours and attributes
# Any control character a terminal acts on. Newline is structure; tab is allowed only where noted by callers.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def raw_controls(text: str, *, sgr_allowed: bool = False) -> list[str]:
    """The control characters in `text` (after removing SGR sequences when allowed), as readable reprs."""
    if sgr_allowed:
        text = SGR.sub("", text)
    found = {repr(m.group(0)) for m in CONTROL.finditer(text)}
    return sorted(found)


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: controls as \\xNN / \\uNNNN escapes (raw ones are invalid YAML)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_quoted(text: str) -> str:
    """`text` as a TOML basic string (controls as \\uNNNN escapes)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def hostile_article(payload: str, *, image: str = "images/pic.png") -> str:
    """An article with `payload` in every field that reaches the reader: front matter, body, links, captions.

    Each field also holds a marker word so a test can check the field is still shown (not dropped whole).
    """
    p = payload
    return (
        "---\n"
        f"title: {yaml_quoted('TitleWord ' + p + ' end')}\n"
        "date: 2024-05-01\n"
        f"tags: [{yaml_quoted('tagword' + p)}, plain]\n"
        f"author: {yaml_quoted('Author ' + p + ' Name')}\n"
        f"authors: [{yaml_quoted('Second ' + p + ' Author')}]\n"
        f"image: {yaml_quoted(image + p)}\n"
        "---\n"
        f"# Heading {p} word\n\n"
        f"Body paragraph {p} bodyword and more.\n\n"
        f"A [link {p} linkword](https://example.com/{p}path) and <https://example.org/{p}auto>.\n\n"
        f'![caption {p} captionword]({image}{p} "title {p}")\n\n'
        f'<figure><img src="{image}"><figcaption>figure {p} figword</figcaption></figure>\n\n'
        f"> quoted {p} quoteword\n\n"
        f"- item {p} itemword\n\n"
        f"| head {p} | h2 |\n|---|---|\n| cell {p} cellword | x |\n\n"
        f"```\ncodeword {p} code\n```\n\n"
        f"Inline `code {p}` and *emph {p}* and [ref {p}][r].\n\n"
        f"[r]: http://example.net/{p}\n"
    )


def make_site(root: Path, articles: dict[str, str]) -> Path:
    """A Jekyll site at `root` with `_posts/<name>` for each article; returns the root."""
    (root / "_posts").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "_config.yml").write_text("title: Hostile test site\n", encoding="utf-8")
    for name, text in articles.items():
        (root / "_posts" / name).write_text(text, encoding="utf-8")
    return root


def render_file(path: Path, width: int = 80, *, color: bool = False) -> RenderedArticle:
    """The reader's pipeline on one file: load its site, read, parse, lay out."""
    site = load_site(path.parent)
    article, body = read_article(path, site)
    doc = parse_document(body, source=path, site=site, article=article)
    return render_document(doc, width, theme=default_theme(color=color), site_root=site.root)


def screen_text(rendered: RenderedArticle) -> str:
    """Everything the reader would draw: every segment's text, line by line."""
    return "\n".join("".join(seg.text for seg in line) for line in rendered.lines)
