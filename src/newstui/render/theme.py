"""The render theme: every style the layout uses, in one small record the UI can swap.

Dark and light presets carry colours; `mono()` keeps only bold, italic, underline, dim and reverse so the layout
stays readable when colour is off (NO_COLOR, `--no-color`, dumb terminals).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style


@dataclass(frozen=True)
class RenderTheme:
    """Styles by role. `code_theme` names a Pygments style; None turns syntax highlighting off."""

    name: str
    text: Style
    title: Style
    headings: tuple[Style, Style, Style, Style, Style, Style]
    heading_rule: Style
    meta: Style
    tag: Style
    link: Style
    code_inline: Style
    code_block: Style
    code_marker: Style
    code_theme: str | None
    quote_bar: Style
    quote_text: Style
    rule: Style
    bullet: Style
    table_border: Style
    table_header: Style
    frame: Style
    caption: Style
    location: Style
    missing: Style
    footnote: Style
    html: Style
    mark: Style
    term: Style
    summary: Style

    @classmethod
    def dark(cls) -> RenderTheme:
        return cls(
            name="dark",
            text=Style(),
            title=Style(bold=True, color="bright_white"),
            headings=(
                Style(bold=True, color="bright_cyan"),
                Style(bold=True, color="cyan"),
                Style(bold=True, color="bright_green"),
                Style(bold=True, color="green"),
                Style(bold=True, italic=True, color="yellow"),
                Style(italic=True, color="yellow"),
            ),
            heading_rule=Style(color="cyan", dim=True),
            meta=Style(color="bright_black"),
            tag=Style(color="magenta"),
            link=Style(color="bright_blue", underline=True),
            code_inline=Style(color="bright_yellow", bgcolor="grey19"),
            code_block=Style(bgcolor="grey11"),
            code_marker=Style(color="grey50", bgcolor="grey11"),
            code_theme="monokai",
            quote_bar=Style(color="bright_magenta"),
            quote_text=Style(italic=True),
            rule=Style(color="bright_black"),
            bullet=Style(color="bright_cyan"),
            table_border=Style(color="bright_black"),
            table_header=Style(bold=True, color="bright_cyan"),
            frame=Style(color="bright_black"),
            caption=Style(color="bright_white"),
            location=Style(color="cyan", dim=True),
            missing=Style(color="bright_red", bold=True),
            footnote=Style(color="bright_black"),
            html=Style(color="bright_black"),
            mark=Style(color="black", bgcolor="yellow"),
            term=Style(bold=True),
            summary=Style(bold=True, color="bright_cyan"),
        )

    @classmethod
    def light(cls) -> RenderTheme:
        return cls(
            name="light",
            text=Style(),
            title=Style(bold=True, color="black"),
            headings=(
                Style(bold=True, color="blue"),
                Style(bold=True, color="dark_blue"),
                Style(bold=True, color="dark_green"),
                Style(bold=True, color="green4"),
                Style(bold=True, italic=True, color="dark_orange3"),
                Style(italic=True, color="dark_orange3"),
            ),
            heading_rule=Style(color="blue", dim=True),
            meta=Style(color="grey42"),
            tag=Style(color="dark_magenta"),
            link=Style(color="blue", underline=True),
            code_inline=Style(color="dark_red", bgcolor="grey89"),
            code_block=Style(bgcolor="grey93"),
            code_marker=Style(color="grey50", bgcolor="grey93"),
            code_theme="friendly",
            quote_bar=Style(color="magenta"),
            quote_text=Style(italic=True),
            rule=Style(color="grey62"),
            bullet=Style(color="blue"),
            table_border=Style(color="grey62"),
            table_header=Style(bold=True, color="blue"),
            frame=Style(color="grey62"),
            caption=Style(color="black"),
            location=Style(color="dark_cyan"),
            missing=Style(color="red", bold=True),
            footnote=Style(color="grey42"),
            html=Style(color="grey42"),
            mark=Style(bgcolor="yellow"),
            term=Style(bold=True),
            summary=Style(bold=True, color="blue"),
        )

    @classmethod
    def mono(cls) -> RenderTheme:
        bold, plain = Style(bold=True), Style()
        return cls(
            name="mono",
            text=plain,
            title=bold,
            headings=(bold, bold, bold, bold, Style(bold=True, italic=True), Style(italic=True)),
            heading_rule=plain,
            meta=Style(dim=True),
            tag=Style(italic=True),
            link=Style(underline=True),
            code_inline=Style(bold=True),
            code_block=plain,
            code_marker=Style(dim=True),
            code_theme=None,
            quote_bar=plain,
            quote_text=Style(italic=True),
            rule=plain,
            bullet=plain,
            table_border=plain,
            table_header=bold,
            frame=plain,
            caption=bold,
            location=Style(dim=True),
            missing=Style(bold=True, reverse=True),
            footnote=Style(dim=True),
            html=Style(dim=True),
            mark=Style(reverse=True),
            term=bold,
            summary=bold,
        )


def default_theme(color: bool = True, dark: bool = True) -> RenderTheme:
    """The theme for a colour setting: mono without colour, else dark or light."""
    if not color:
        return RenderTheme.mono()
    return RenderTheme.dark() if dark else RenderTheme.light()
