"""Where a long article may be cut so its first part parses exactly as it does inside the whole.

A blank line ends every Markdown block except fenced code, multi-line HTML constructs (`<pre>`, `<script>`,
`<style>`, `<!-- … -->`) and the template blocks that span blank lines (`{% raw %}`, `{% highlight %}`,
`{% comment %}`, `{::comment}`); the cut is the first blank line after the wanted length outside all of those.
"""

from __future__ import annotations

_OPENERS = {
    "{% raw": "endraw",
    "{%- raw": "endraw",
    "{% highlight": "endhighlight",
    "{%- highlight": "endhighlight",
    "{% comment": "endcomment",
    "{%- comment": "endcomment",
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
    fence = ""  # the opening fence (``` or ~~~ run) while inside fenced code
    closer = ""  # what ends the multi-line construct we are inside
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = _inside_containers(text[pos:end])
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = ""
        elif closer:
            if closer in line:
                closer = ""
        elif not stripped:
            if pos >= chars:
                return pos
        else:
            if stripped[:3] in ("```", "~~~"):
                mark = stripped[0]
                fence = stripped[: len(stripped) - len(stripped.lstrip(mark))]
            else:
                for opener, close in _OPENERS.items():
                    if stripped.lower().startswith(opener) and close not in stripped[len(opener) :]:
                        closer = close
                        break
        pos = end + 1
    return len(text)


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
