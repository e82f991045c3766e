"""What one row of the article list says: marks, date, title and tags, cut to the row's width.

Plain text in named parts, no Textual: the list widget styles the parts with its component classes, and the
first frame (painted before Textual is imported) with escape sequences, so both show a row the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len, set_cell_size

from newstui.library.records import Article
from newstui.safetext import clean

DATE_WIDTH = 10
MARK_WIDTH = 3
Part = Literal["unread", "starred", "problem", "date", "title", "tags"]


@dataclass(frozen=True)
class RowMarks:
    """What the mark column shows for one article."""

    unread: bool = False
    starred: bool = False


def row_parts(article: Article, marks: RowMarks, width: int) -> list[tuple[str, Part]]:
    """The row's text in parts, filling `width` cells (the date goes first when there is room for it)."""
    parts: list[tuple[str, Part]] = [
        ("●" if marks.unread else " ", "unread"),
        ("★" if marks.starred else " ", "starred"),
        ("!" if article.problems else " ", "problem"),
    ]
    date = article.date.strftime("%Y-%m-%d") if article.date else ""
    rest = width - MARK_WIDTH
    if rest >= DATE_WIDTH + 12:
        parts.append((f"{date:<{DATE_WIDTH}} ", "date"))
        rest -= DATE_WIDTH + 1
    title = clean(article.title) or article.rel_path
    room = rest - cell_len(title) - 1  # for tags, after the title and a space
    tags = _whole_tags([f"#{clean(t)}" for t in article.tags[:4]], room)
    if tags:
        parts.append((title + " ", "title"))
        parts.append((set_cell_size(tags, room), "tags"))
    else:
        parts.append((_truncate(title, rest), "title"))
    return parts


def _truncate(text: str, width: int) -> str:
    """Fit `text` into `width` cells, with an ellipsis when it had to be cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def _whole_tags(tags: list[str], width: int) -> str:
    """As many whole tags as fit in `width` cells ("#cyclin" helps nobody), with "…" when some were left out."""
    shown: list[str] = []
    for tag in tags:
        more = len(shown) + 1 < len(tags)
        if cell_len(" ".join([*shown, tag])) + (2 if more else 0) > width:
            break
        shown.append(tag)
    if not shown:
        return ""
    return " ".join(shown) + (" …" if len(shown) < len(tags) else "")
