"""The library over the real corpora and the sample site: everything loads, counts match, known values hold."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from newstui.library import load_site, read_article
from newstui.library.decoding import decode
from newstui.library.discovery import ARTICLE_SUFFIXES, SKIPPED
from tests.conftest import CONTENT, CORPORA, CORPUS, REFERENCE, SEED, SMARTTOGETHER, need

pytestmark = pytest.mark.corpus


def markdown_files(root: Path) -> list[Path]:
    """Article files on disk, counted independently of the library's walk (same folder rules)."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED]
        found += [Path(folder, f) for f in files if Path(f).suffix.lower() in ARTICLE_SUFFIXES]
    return found


@pytest.mark.parametrize("name", CORPORA)
def test_every_corpus_article_loads_and_the_count_matches_the_disk(name: str) -> None:
    root = need(CORPUS / name)
    site = load_site(root, use_cache=False)
    assert len(site.articles) == len(markdown_files(root)) > 50
    assert site.problems == ()
    assert all(article.title.strip() for article in site.articles)
    dated = [a.date for a in site.articles if a.date is not None]
    assert dated == sorted(dated, reverse=True), "newest first"
    assert all(d.tzinfo is not None for d in dated)


def test_sample_content_loads_and_the_count_matches_the_disk() -> None:
    files = markdown_files(need(CONTENT))
    if not files:
        pytest.skip("content/ has no articles yet")
    site = load_site(CONTENT, use_cache=False)
    assert len(site.articles) == len(files)
    assert site.title


@pytest.mark.parametrize("folder", [CORPUS / name for name in CORPORA] + [CONTENT], ids=[*CORPORA, "content"])
def test_decoding_correct_utf8_changes_nothing(folder: Path) -> None:
    """ftfy must never touch correct text: every corpus file decodes to exactly its UTF-8 (LF line ends)."""
    for path in markdown_files(need(folder)):
        data = path.read_bytes()
        expected = data.decode("utf-8-sig").replace("\r\n", "\n")
        decoded = decode(data)
        assert decoded.text == expected, path
        assert decoded.problems == ()


def test_reference_article_known_values() -> None:
    article, body = read_article(need(REFERENCE))
    assert article.title == "Workshop Outcomes from Sofia, Bulgaria"
    assert article.date is not None and article.date.date() == date(2017, 7, 27)
    assert article.rel_path == "_news/2017-07-27-Workshop-Outcomes-Sofia.md"
    assert article.image == "images/news/Studierende HS Muenchen im Stadtteillabor_web.jpg"
    assert article.image_path is not None and article.image_path.is_file()
    assert article.image_path.parent == SMARTTOGETHER / "images" / "news"
    assert article.problems == ()
    assert article.excerpt.startswith("Common problems and joint solutions for smart mobility")
    assert article.permalink == "/news/2017-07-27-Workshop-Outcomes-Sofia/"
    assert body.startswith('<div class="multiline">')
    assert article.body_line == 8  # front matter on lines 1-6, a blank line, then the body


def test_reference_article_in_its_site() -> None:
    site = load_site(need(SMARTTOGETHER), use_cache=False)
    assert site.title == "Smarter Together"
    assert site.baseurl_path == ""
    assert site.permalink == "pretty"
    article = next(a for a in site.articles if a.path == REFERENCE)
    assert article.title == "Workshop Outcomes from Sofia, Bulgaria"
    index = site.permalink_index()
    assert index["/news/2017-07-27-Workshop-Outcomes-Sofia"] == REFERENCE


def test_seed_mojibake_is_repaired_and_nothing_else_changes() -> None:
    seed_text = need(SEED).read_text(encoding="utf-8")
    assert "Citiesâ€™" in seed_text
    article, body = read_article(SEED)
    assert "Energy Cities’ collective member" in body
    assert "â€" not in body
    _, original = read_article(need(REFERENCE))
    differing = [(a, b) for a, b in zip(body.splitlines(), original.splitlines(), strict=True) if a != b]
    # the seed also carries "- Ruska" for "-Ruska": a second, harmless difference from the corpus copy
    assert differing == [("- Ruska Boyadzhieva, Deputy Mayor of Burgas", "-Ruska Boyadzhieva, Deputy Mayor of Burgas")]
    assert article.title == "Workshop Outcomes from Sofia, Bulgaria"


def test_zola_post_is_dated_from_its_path() -> None:
    path = need(CORPUS / "rust-blog" / "1.0-Timeline.md")
    article, _ = read_article(path)
    assert article.date is not None and article.date.date() == date(2014, 12, 12)
    assert article.title == "Rust 1.0: Scheduling the trains"
    assert article.authors == ("Aaron Turon",)
    assert article.permalink == "/2014/12/12/1.0-Timeline"
    assert article.excerpt == "As 2014 is drawing to a close, it's time to begin the Rust 1.0 release cycle!"


def test_zola_site_takes_its_title_from_the_root_section_and_maps_aliases() -> None:
    root = need(CORPUS / "rust-blog")
    site = load_site(root, use_cache=False)
    assert site.title == "Rust Blog"
    index = site.permalink_index()
    assert index["/2014/12/12/1.0-Timeline"] == root / "1.0-Timeline.md"
    bundle = next(a for a in site.articles if a.rel_path == "MIR/index.md")
    assert bundle.date is not None and bundle.date.date() == date(2016, 4, 19)


def test_jekyll_post_dated_only_by_its_file_name() -> None:
    path = need(CORPUS / "jekyll-docs" / "2016-03-10-making-it-easier-to-contribute-to-jekyll.md")
    assert "\ndate:" not in path.read_text(encoding="utf-8").split("---")[1]
    article, _ = read_article(path)
    assert article.date is not None and article.date.date() == date(2016, 3, 10)
    assert article.categories == ("community",)
    assert article.authors == ("benbalter",)
    assert article.excerpt.startswith("We've made it easier to contribute to Jekyll")


def test_broken_date_value_is_a_problem_with_its_line_and_the_file_name_date_is_used() -> None:
    path = need(CORPUS / "jekyll-docs" / "2023-01-29-jekyll-3-9-3-released.markdown")
    article, _ = read_article(path)
    assert [(p.kind, p.line) for p in article.problems] == [("date", 3)]
    assert "2023-01-29 18:30:22 2023 -0800" in article.problems[0].message
    assert article.date is not None and article.date.date() == date(2023, 1, 29)


def test_impossible_file_name_date_is_a_problem_not_a_crash() -> None:
    path = need(SMARTTOGETHER / "_events" / "2017-28-06-Smarter-Together-Lyon-Meeting.md")
    article, _ = read_article(path)
    assert [p.kind for p in article.problems] == ["date"]
    assert "2017-28-06" in article.problems[0].message
    assert article.date is not None  # the front matter's date still counts


def test_timezones_order_consistently() -> None:
    site = load_site(need(CORPUS / "jekyll-docs"), use_cache=False)
    offsets = {a.date.utcoffset() for a in site.articles if a.date is not None}
    assert len(offsets) > 1, "the corpus mixes offsets, which must still sort"
    stamps = [a.date.timestamp() for a in site.articles if a.date is not None]
    assert stamps == sorted(stamps, reverse=True)
