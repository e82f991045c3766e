"""A tiny app that mounts ArticleView alone and records the messages it posts, plus hand-built documents.

The documents are built as records (not parsed) so these tests depend only on the render layer and the widget.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.message import Message

from newstui.document.model import Block, Document, Span, Target
from newstui.ui.widgets.article_view import ArticleView, Renderer

LINK = frozenset({"link"})


class ReaderApp(App[None]):
    """ArticleView full screen, focused, showing `document`; every message it posts lands in `posted`."""

    def __init__(
        self,
        document: Document | None,
        *,
        anchor: str | None = None,
        site_root: Path | None = None,
        renderer: Renderer | None = None,
    ) -> None:
        super().__init__()
        self.renderer = renderer
        self.document = document
        self.anchor = anchor
        self.site_root = site_root
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield ArticleView(id="article", renderer=self.renderer)

    def on_mount(self) -> None:
        view = self.query_one(ArticleView)
        if self.document is not None:
            view.show(self.document, anchor=self.anchor, site_root=self.site_root)
        view.focus()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_article_view_open_target(self, message: ArticleView.OpenTarget) -> None:
        self.posted.append(message)

    def on_article_view_follow_link(self, message: ArticleView.FollowLink) -> None:
        self.posted.append(message)

    def on_article_view_anchor_jumped(self, message: ArticleView.AnchorJumped) -> None:
        self.posted.append(message)

    def on_article_view_scrolled_to_end(self, message: ArticleView.ScrolledToEnd) -> None:
        self.posted.append(message)

    def of_type(self, kind: type[Message]) -> list[Message]:
        return [message for message in self.posted if isinstance(message, kind)]


def words(count: int, seed: str = "lorem") -> str:
    return " ".join(f"{seed}{n % 7}" for n in range(count))


def sample_document(*, filler: int = 6) -> Document:
    """Hero image, a link near the top, a long section, an #anchor link, an image, another article, a far link.

    `filler` paragraphs of ~80 words push the later targets below the first screen.
    """
    targets = (
        Target(0, "image", "Hero picture", "/images/hero one.jpg", "/site/images/hero one.jpg", Path("/h.jpg"), True),
        Target(1, "link", "first link", "https://first.example/", "https://first.example/"),
        Target(2, "anchor", "jump to part two", "#part-two", "#part-two"),
        Target(3, "image", "Inline picture", "p.png", "/site/p.png", Path("/site/p.png"), False),
        Target(4, "internal", "another article", "other.md", "/site/_posts/other.md", article=Path("/x/other.md")),
        Target(5, "link", "far link", "https://far.example/page", "https://far.example/page"),
    )
    blocks: list[Block] = [
        Block("paragraph", spans=(Span("Intro with the "), Span("first link", LINK, 1), Span(". " + words(20)))),
        Block("heading", level=2, spans=(Span("Part one"),), anchor="part-one"),
    ]
    blocks += [Block("paragraph", spans=(Span(f"Filler {n}: " + words(80)),)) for n in range(filler)]
    blocks += [
        Block("paragraph", spans=(Span("Now "), Span("jump to part two", LINK, 2), Span(" if you like."))),
        Block("image", target=3),
        Block("heading", level=2, spans=(Span("Part two"),), anchor="part-two"),
        Block("paragraph", spans=(Span("Read "), Span("another article", LINK, 4), Span(" next. needle here."))),
    ]
    blocks += [Block("paragraph", spans=(Span(f"More {n}: needle " + words(80)),)) for n in range(filler)]
    blocks.append(Block("paragraph", spans=(Span("Finally a "), Span("far link", LINK, 5), Span(". The end."))))
    return Document(title="Sample article", blocks=tuple(blocks), targets=targets, hero=0, date="2017-07-27")


def big_document(size: int = 1_300_000) -> Document:
    """About `size` characters of paragraphs with a link every tenth one and a heading every fiftieth."""
    blocks: list[Block] = []
    targets: list[Target] = []
    chars, n = 0, 0
    while chars < size:
        if n % 50 == 0:
            blocks.append(Block("heading", level=2, spans=(Span(f"Chapter {n // 50}"),), anchor=f"chapter-{n // 50}"))
        text = f"Paragraph {n} " + words(70, seed="word")
        spans: tuple[Span, ...] = (Span(text),)
        if n % 10 == 0:
            targets.append(
                Target(len(targets), "link", f"link {n}", f"https://x.example/{n}", f"https://x.example/{n}")
            )
            spans = (*spans, Span(" see "), Span(f"link {n}", LINK, len(targets) - 1), Span("."))
        blocks.append(Block("paragraph", spans=spans))
        chars += len(text)
        n += 1
    blocks.append(Block("paragraph", spans=(Span("THE LAST PARAGRAPH"),)))
    return Document(title="Big article", blocks=tuple(blocks), targets=tuple(targets))
