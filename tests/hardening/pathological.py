"""Pathological Markdown inputs (issue 5 §2) and one timed run of the reader's pipeline over them.

Shared by tests/hardening/test_hard_markdown.py (which runs each case in a child process, so a hang or a crash
of the interpreter is a failed test, not a stuck suite) and bench/pathological.py (which measures cost per MB
at several sizes). `scale=1.0` is the size the issue names; the bench also runs 0.25 and 0.5.

Run as `python -m tests.hardening.pathological CASE SCALE WIDTH` to print one JSON summary.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

from rich.cells import cell_len

from newstui.document import parse_document
from newstui.library import read_article
from newstui.render import default_theme, render_document


def _quotes(scale: float) -> str:
    return "> " * int(20_000 * scale) + "deepquote\n"


def _lists(scale: float) -> str:
    return "- " * int(3_000 * scale) + "deeplist\n"


def _indented_lists(scale: float) -> str:
    # The other way to nest: each level indented two more spaces (sum of indents grows as n², so 1,000 levels).
    n = int(1_000 * scale)
    return "".join("  " * i + f"- level{i}\n" for i in range(n)) + "\nindentafter\n"


def _brackets(scale: float) -> str:
    return "[" * int(100_000 * scale) + " bracketword\n"


def _emphasis(scale: float) -> str:
    return "*a _b " * int(15_000 * scale) + "emphword\n"  # 30,000 unmatched openers of two kinds


def _long_line(scale: float) -> str:
    words = int(2_000_000 * scale) // 10
    return "lineword " + "longline0 " * words + "\n"


def _long_word(scale: float) -> str:
    return "wordstart" + "x" * int(2_000_000 * scale) + "\n"  # one 2 MB word: nowhere to wrap


def _table(scale: float) -> str:
    columns = 400
    rows = max(2, int(200 * scale))
    head = "|" + "|".join(f" c{i} " for i in range(columns)) + "|\n"
    rule = "|" + "|".join("---" for _ in range(columns)) + "|\n"
    body = "".join("|" + "|".join(f" r{r}c{i} " for i in range(columns)) + "|\n" for r in range(rows))
    return "tableword\n\n" + head + rule + body


_UNIT = (
    "## A heading {n}\n\n"
    "A paragraph with *emphasis*, **strong** text, `code`, a [link](https://example.com/{n}) and "
    '[another](/other/{n}.html){{:target="_blank"}} in {{{{ site.title }}}} news.\n\n'
    "- one item\n- two [items](../x.md)\n  - nested\n\n"
    "> A quote about it.\n\n"
    "![An image {n}](/images/pic{n}.png)\n\n"
    '{{% include note.html text="hi" %}}\n\n'
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    '<div class="box"><p>Some <b>HTML</b> block {n}</p></div>\n\n'
    "```python\nprint({n})\n```\n\n"
)


def _article(scale: float) -> str:
    target = int(5_000_000 * scale)
    parts = ["articleword\n\n"]
    size = 0
    n = 0
    while size < target:
        unit = _UNIT.format(n=n)
        parts.append(unit)
        size += len(unit)
        n += 1
    return "".join(parts)


# name -> (generator, a word the rendering must show unless it is marked shortened)
CASES: dict[str, tuple[Callable[[float], str], str]] = {
    "quotes-20k": (_quotes, "deepquote"),
    "lists-3k": (_lists, "deeplist"),
    "lists-indented-1k": (_indented_lists, "indentafter"),
    "brackets-100k": (_brackets, "bracketword"),
    "emphasis-30k": (_emphasis, "emphword"),
    "line-2mb": (_long_line, "lineword"),
    "word-2mb": (_long_word, "wordstart"),
    "table-400col": (_table, "tableword"),
    "article-5mb": (_article, "articleword"),
}


class Summary(TypedDict):
    """One run: sizes, seconds per stage, and what the rendering looked like."""

    name: str
    scale: float
    bytes: int
    read: float
    parse: float
    render: float
    total: float
    lines: int
    widest: int  # widest plain line, in cells
    widest_segments: int  # widest line as drawn from its segments, in cells
    width: int
    complete: bool
    word_shown: bool  # the case's marker word is on screen
    problems: list[str]


def run_case(name: str, scale: float = 1.0, width: int = 80) -> Summary:
    """Write the case to a file, run read_article + parse_document + render_document, and summarise."""
    make, word = CASES[name]
    text = make(scale)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        article, body = read_article(path)
        read_done = time.perf_counter()
        doc = parse_document(body, source=path, article=article)
        parse_done = time.perf_counter()
        rendered = render_document(doc, width, theme=default_theme(color=True))
        render_done = time.perf_counter()
    problems = [str(getattr(p, "message", p)) for p in doc.problems]
    return {
        "name": name,
        "scale": scale,
        "bytes": len(text.encode("utf-8")),
        "read": read_done - start,
        "parse": parse_done - read_done,
        "render": render_done - parse_done,
        "total": render_done - start,
        "lines": len(rendered.plain),
        "widest": max((cell_len(line) for line in rendered.plain), default=0),
        "widest_segments": max((sum(cell_len(s.text) for s in line) for line in rendered.lines), default=0),
        "width": rendered.width,
        "complete": rendered.complete and doc.complete,
        "word_shown": any(word in line for line in rendered.plain),
        "problems": problems,
    }


if __name__ == "__main__":
    sys.setrecursionlimit(1_000)  # the default: a deep recursion must not be hidden by a raised limit
    summary = run_case(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]))
    print(json.dumps(summary))
