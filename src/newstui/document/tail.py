"""The end of a long article as a Document of its own, for `G` pressed while the whole text is still being parsed.

Parsing the 1.3 MB article takes seconds; its last 40 KB parse in a few tens of milliseconds. The text is cut
where a suffix parses as it does inside the whole (see split.safe_suffix): after a blank line outside fenced
code, raw HTML and template blocks, before a line that is not indented. The reader lays out the end of this
Document at once and replaces it when the whole Document arrives.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newstui.document.model import Document
from newstui.document.split import reference_lines, safe_suffix
from newstui.library.records import Article, Site

TAIL_CHARS = 40_000  # several screens of text above the end, parsed in a few tens of milliseconds


def tail_of(
    body: str,
    *,
    source: Path | None = None,
    site: Site | None = None,
    article: Article | None = None,
    chars: int = TAIL_CHARS,
) -> Document:
    """The last `chars` characters or so of `body` (front matter removed) parsed alone; complete=False.

    Meant for an interim view of the article's end, not as part of the whole Document: link references defined
    above the cut still resolve (their lines are added), but its footnotes are numbered from 1, a footnote or
    abbreviation whose definition spans several lines above the cut shows only its first line or not at all, and
    its targets are numbered on their own (they are not the whole Document's). Markup problems are left to the
    whole parse (their line numbers would count from the cut). Nothing of the site's markup is shown raw: the
    cut never falls inside a block that the dialect rules read as one.
    """
    from newstui.document import _parse  # the package imports this module

    cut = safe_suffix(body, chars)
    if cut == 0:
        return _parse(body, source=source, site=site, article=article, complete=False)
    end = body[cut:]
    text = reference_lines(body[:cut], end) + "\n\n" + end  # definitions first: the end may leave a block open
    document = _parse(text, source=source, site=site, article=article, complete=False)
    return replace(document, problems=tuple(article.problems) if article is not None else ())
