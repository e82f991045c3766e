"""Render layer: a Document at a width to styled lines and target positions (rich only, never textual)."""

from newstui.render.layout import ArticleLayout, render_document, render_tail
from newstui.render.model import RenderedArticle, TargetSpan
from newstui.render.output import to_ansi, to_plain
from newstui.render.theme import RenderTheme, default_theme

__all__ = [
    "ArticleLayout",
    "RenderTheme",
    "RenderedArticle",
    "TargetSpan",
    "default_theme",
    "render_document",
    "render_tail",
    "to_ansi",
    "to_plain",
]
