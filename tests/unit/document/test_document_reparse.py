"""Parsing the same long text again (the reader does, once the site's permalinks are known) reuses markdown-it's
work, and gives exactly what a parse from scratch gives."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

import newstui.document as document_module
from newstui.document import KEEP_TOKENS_FROM, _markdown, parse_document
from newstui.document.model import Document
from newstui.library import Site, load_site, read_article, site_for


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times markdown-it parses a text, from an empty token memory."""
    monkeypatch.setattr(document_module, "_LAST_TOKENS", None)
    md = _markdown()
    real = md.parse
    calls: list[int] = []

    def parse(text: str, env: Any = None) -> Any:
        calls.append(len(text))
        return real(text, env)

    monkeypatch.setattr(md, "parse", parse)
    return calls


def _site(tmp_path: Path, paragraphs: int) -> tuple[Path, Path]:
    root = tmp_path / "site"
    posts = root / "_posts"
    posts.mkdir(parents=True)
    (root / "_config.yml").write_text("title: Harbour news\n", encoding="utf-8")
    (posts / "2020-01-02-other.md").write_text("---\ntitle: Other\n---\nHello.\n", encoding="utf-8")
    text = "\n\n".join(
        f"Paragraph {n}: the *tram* line to the harbour opens in [March](#march)." for n in range(paragraphs)
    )
    long = posts / "2020-01-03-long.md"
    long.write_text(
        "---\ntitle: Long\nimage: /images/tram.jpg\n---\n"
        f"{text}\n\n## March\n\nSee [the other post](/2020/01/02/other.html) and ![a tram](/images/tram.jpg).\n",
        encoding="utf-8",
    )
    return root, long


def test_long_text_parsed_again_with_the_whole_site_reuses_the_tokens(tmp_path: Path, counted: list[int]) -> None:
    root, long = _site(tmp_path, paragraphs=600)
    early = site_for(long)  # what the reader knows before the site is listed: no permalinks yet
    article, body = read_article(long, early)
    assert len(body) >= KEEP_TOKENS_FROM
    first = parse_document(body, source=long, site=early, article=article)
    whole = load_site(root)
    article, body = read_article(long, whole)
    second = parse_document(body, source=long, site=whole, article=article)
    assert len(counted) == 1, "markdown-it ran once for the two parses"
    assert first.targets[-2].kind == "link" and second.targets[-2].kind == "internal"
    assert second.targets[-2].article == root / "_posts" / "2020-01-02-other.md"

    document_module._LAST_TOKENS = None
    fresh = parse_document(body, source=long, site=whole, article=article)
    assert len(counted) == 2
    assert fresh == second


def test_a_parse_of_the_same_text_in_another_thread_waits_for_the_running_one(
    tmp_path: Path, counted: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader starts the second parse while the first still runs: markdown-it must not run twice at once."""
    root, long = _site(tmp_path, paragraphs=600)
    md = _markdown()
    counting = md.parse
    release = threading.Event()

    def held(text: str, env: Any = None) -> Any:
        assert release.wait(10)
        return counting(text, env)

    monkeypatch.setattr(md, "parse", held)
    early, whole = site_for(long), load_site(root)
    results: dict[str, Document] = {}

    def parse(name: str, site: Site) -> None:
        article, body = read_article(long, site)
        results[name] = parse_document(body, source=long, site=site, article=article)

    first = threading.Thread(target=parse, args=("early", early))
    second = threading.Thread(target=parse, args=("whole", whole))
    first.start()
    time.sleep(0.2)
    second.start()
    time.sleep(0.3)  # the second is waiting for the first one's tokens by now
    release.set()
    first.join(10)
    second.join(10)
    assert len(counted) == 1
    assert results["early"].targets[-2].kind == "link" and results["whole"].targets[-2].kind == "internal"
    document_module._LAST_TOKENS = None
    article, body = read_article(long, whole)
    assert parse_document(body, source=long, site=whole, article=article) == results["whole"]


def test_other_text_or_title_is_parsed_anew(tmp_path: Path, counted: list[int]) -> None:
    _root, long = _site(tmp_path, paragraphs=600)
    article, body = read_article(long)
    parse_document(body, source=long, article=article)
    edited = body.replace("Paragraph 7:", "Paragraph seven:")
    assert "Paragraph seven:" in "\n".join(
        span.text for block in parse_document(edited, source=long, article=article).blocks for span in block.spans
    )
    parse_document(body, source=long)  # no article: no page title, which {{ page.title }} would show
    assert len(counted) == 3


def test_short_text_is_not_kept(tmp_path: Path, counted: list[int]) -> None:
    _root, long = _site(tmp_path, paragraphs=3)
    article, body = read_article(long)
    parse_document(body, source=long, article=article)
    parse_document(body, source=long, article=article)
    assert len(counted) == 2 and document_module._LAST_TOKENS is None
