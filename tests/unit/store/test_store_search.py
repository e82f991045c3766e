"""Full-text search: incremental index, ranking, accents, snippets, hostile input, and a real corpus."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstui.library.records import Article
from newstui.store import SearchIndex, find_terms, index_path, parse_query
from tests.conftest import CORPUS, need


def _write(root: Path, rel: str, title: str, body: str) -> Article:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    info = path.stat()
    return Article(
        path=path,
        rel_path=rel,
        title=title,
        date=datetime(2021, 5, 4, tzinfo=UTC),
        size=info.st_size,
        mtime_ns=info.st_mtime_ns,
    )


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, list[Article]]:
    root = tmp_path / "site"
    articles = [
        _write(root, "_posts/a.md", "Workshop in Sofia", "The **workshop** met in <b>Sofia</b> for two days."),
        _write(root, "_posts/b.md", "Cycling news", "New bike lanes. The workshop on cycling was short."),
        _write(root, "_posts/c.md", "Café culture", "We visited a café in München and a naïve artist's studio."),
        _write(root, "_posts/d.md", "Unrelated", "Nothing to see here, [a link](https://example.org/workshop) only."),
    ]
    return root, articles


def test_cold_build_then_warm_refresh_reads_nothing(site: tuple[Path, list[Article]]) -> None:
    root, articles = site
    reads: list[Path] = []

    def counting(path: Path) -> str:
        reads.append(path)
        return _read(path)

    progress: list[tuple[int, int]] = []
    index = SearchIndex.open(root)
    stats = index.refresh(articles, counting, lambda done, total: progress.append((done, total)))
    assert (stats.added, stats.updated, stats.removed) == (4, 0, 0)
    assert len(reads) == 4 and len(index) == 4
    assert progress[-1] == (4, 4)
    assert index.path is not None and index.path == index_path(root)
    assert index.path.is_relative_to(Path(os.environ["NEWSTUI_CACHE_DIR"]))
    index.close()

    reads.clear()
    again = SearchIndex.open(root)
    stats = again.refresh(articles, counting)
    assert stats.unchanged == 4 and reads == []
    assert [h.rel_path for h in again.search("sofia")] == ["_posts/a.md"]


def test_touched_file_is_reindexed_and_deleted_file_dropped(site: tuple[Path, list[Article]]) -> None:
    root, articles = site
    index = SearchIndex.open(root)
    index.refresh(articles, _read)
    assert index.search("tramway") == []

    changed = articles[1].path
    changed.write_text("The tramway replaces the bike lanes.", encoding="utf-8")
    os.utime(changed, ns=(articles[1].mtime_ns + 5_000_000_000, articles[1].mtime_ns + 5_000_000_000))
    info = changed.stat()
    updated = replace(articles[1], size=info.st_size, mtime_ns=info.st_mtime_ns)
    stats = index.refresh([articles[0], updated, articles[2]], _read)  # d.md deleted from the site
    assert (stats.updated, stats.removed, stats.unchanged) == (1, 1, 2)
    assert [h.rel_path for h in index.search("tramway")] == ["_posts/b.md"]
    assert index.search("cycling") != []  # title still indexed
    assert [h.rel_path for h in index.search("bike")] == ["_posts/b.md"]
    assert index.search("nothing to see") == []


def test_ranking_title_and_frequency_first(tmp_path: Path) -> None:
    root = tmp_path / "rank"
    articles = [
        _write(root, "once.md", "Notes", "A long text about many things, and once about trams. " * 5),
        _write(root, "title.md", "Trams of Vienna", "The city has a network."),
        _write(root, "many.md", "Transport", "Trams, trams and more trams: trams everywhere."),
    ]
    index = SearchIndex.open(root)
    index.refresh(articles, _read)
    hits = index.search("trams")
    assert [h.rel_path for h in hits] == ["title.md", "many.md", "once.md"]
    assert hits[0].score > hits[1].score > hits[2].score > 0


def test_every_word_must_match_and_last_word_is_a_prefix(site: tuple[Path, list[Article]]) -> None:
    root, articles = site
    index = SearchIndex.open(root)
    index.refresh(articles, _read)
    assert {h.rel_path for h in index.search("workshop")} == {"_posts/a.md", "_posts/b.md"}
    assert [h.rel_path for h in index.search("workshop sof")] == ["_posts/a.md"]
    assert [h.rel_path for h in index.search('"workshop on cycling"')] == ["_posts/b.md"]
    assert index.search('"workshop cycling"') == []  # a phrase is a phrase
    # Link URLs and HTML tags are not text: d.md mentions "workshop" only inside a URL.
    assert "_posts/d.md" not in {h.rel_path for h in index.search("workshop")}
    assert index.search("href") == [] and index.search("example") == []


def test_accent_and_case_insensitive_both_ways(site: tuple[Path, list[Article]]) -> None:
    root, articles = site
    index = SearchIndex.open(root)
    index.refresh(articles, _read)
    for query in ("cafe", "CAFÉ", "munchen", "München", "naive"):
        assert [h.rel_path for h in index.search(query)] == ["_posts/c.md"], query


def test_sharp_s_is_found_either_way(tmp_path: Path) -> None:
    """ "strasse" finds "Straße" (title or body) as the list's filter does, and "straße" still finds it."""
    root = tmp_path / "site"
    articles = [
        _write(root, "_posts/fest.md", "Straßenfest in der Kaistraße", "Die Kaistraße wurde zur Festmeile."),
        _write(root, "_posts/other.md", "Harbour news", "Nothing German here."),
    ]
    index = SearchIndex.open(root)
    index.refresh(articles, _read)
    for query in ("strassenfest", "Straßenfest", "kaistrasse", "KAISTRASSE", "festmeile"):
        assert [h.rel_path for h in index.search(query)] == ["_posts/fest.md"], query
    assert index.search("harbour")[0].snippet == "Nothing German here."  # the folded words never show


def test_hits_carry_a_one_line_snippet_with_highlights(site: tuple[Path, list[Article]]) -> None:
    root, articles = site
    index = SearchIndex.open(root)
    index.refresh(articles, _read)
    (hit,) = index.search("sofia")
    assert hit.title == "Workshop in Sofia" and hit.path == root / "_posts/a.md"
    assert hit.date.startswith("2021-05-04")
    assert "\n" not in hit.snippet and "**" not in hit.snippet and "<b>" not in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Sofia"]
    assert [hit.title[s:e] for s, e in hit.title_highlights] == ["Sofia"]
    assert hit.matched == ("Sofia",) and hit.terms == ("sofia*",)
    (cafe,) = index.search("cafe")
    assert [cafe.snippet[s:e] for s, e in cafe.highlights] == ["café"]


HOSTILE = [
    '"',
    "*",
    "NEAR(",
    "AND OR",
    "((workshop",
    "workshop)",
    '"unbalanced',
    "NOT",
    "-",
    "^",
    ":",
    "a:b",
    "title:sofia",
    "{col}",
    "''",
    '""',
    "OR",
    "sofia AND",
    "*sofia",
    "NEAR(a b, 3)",
    "\x00",
    "   ",
    "",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(site: tuple[Path, list[Article]], query: str) -> None:
    root, articles = site
    index = SearchIndex.open(root)
    index.refresh(articles, _read)
    hits = index.search(query)
    assert isinstance(hits, list)
    assert index.notices == []  # no FTS syntax error was even attempted


def test_operator_words_are_searched_as_words(tmp_path: Path) -> None:
    root = tmp_path / "ops"
    articles = [_write(root, "x.md", "Logic", "This AND that OR nothing NEAR here.")]
    index = SearchIndex.open(root)
    index.refresh(articles, _read)
    assert len(index.search("AND OR")) == 1 and len(index.search("near(")) == 1


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_input_gives_a_result_list(text: str) -> None:
    index = SearchIndex.open(Path("/nonexistent-site-for-hypothesis"), folder=None)
    try:
        assert isinstance(index.search(text), list) and index.notices == []
    finally:
        index.close()


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    root = tmp_path_factory.mktemp("populated")
    words = "workshop workshops working work sofia café naïve and or not near zeppelin"
    articles = [
        _write(root, f"{n}.md", f"Title {n}", " ".join(words.split()[n:] + words.split()[:n])) for n in range(8)
    ]
    index = SearchIndex.open(root, folder=root / "cache")
    index.refresh(articles, _read)
    return index


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["work", "sof", "caf", '"', "(", ")", "*", "AND", "OR", "NEAR(", "-", "^", "x:"]), max_size=6
    ).map(" ".join)
    | st.text(max_size=30)
)
def test_any_input_over_a_populated_index(populated: SearchIndex, text: str) -> None:
    assert isinstance(populated.search(text), list)
    assert populated.notices == [], populated.notices


def test_prefix_stands_for_every_word_it_starts(populated: SearchIndex, tmp_path: Path) -> None:
    assert len(populated.search("sofia wor")) == 8
    phrase = {h.rel_path for h in populated.search('"workshops working"')}
    assert len(phrase) == 7 and {h.rel_path for h in populated.search('"workshops working" wor')} == phrase
    root = tmp_path / "many"
    many = " ".join(f"zz{chr(97 + a)}{chr(97 + b)}" for a in range(8) for b in range(8))  # 64 words: no expansion
    index = SearchIndex.open(root)
    index.refresh([_write(root, "m.md", "Many", many), _write(root, "o.md", "Other", "nothing")], _read)
    assert [h.rel_path for h in index.search("zz")] == ["m.md"]
    assert [h.rel_path for h in index.search("other zz")] == []
    assert index.notices == []


def test_damaged_index_is_rebuilt_silently(site: tuple[Path, list[Article]]) -> None:
    root, articles = site
    path = index_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"garbage, not sqlite" * 100)
    index = SearchIndex.open(root)
    assert index.path == path and index.notices == []
    index.refresh(articles, _read)
    assert len(index.search("sofia")) == 1
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_unwritable_cache_keeps_the_index_in_memory(site: tuple[Path, list[Article]], tmp_path: Path) -> None:
    root, articles = site
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    index = SearchIndex.open(root, folder=blocker / "cache")
    assert index.path is None and index.notices
    index.refresh(articles, _read)
    assert len(index.search("sofia")) == 1


def test_unreadable_article_is_skipped_not_fatal(site: tuple[Path, list[Article]]) -> None:
    root, articles = site

    def flaky(path: Path) -> str:
        if path.name == "b.md":
            raise OSError("gone")
        return _read(path)

    stats = SearchIndex.open(root).refresh(articles, flaky)
    assert stats.failed == 1 and stats.added == 3


def test_find_terms_highlights_what_the_index_matched() -> None:
    text = "Le Café de Flore, cafés à München; CAFE-au-lait"
    spans = find_terms(text, "cafe munch")
    assert [text[s:e] for s, e in spans] == ["Café", "München", "CAFE"]
    assert [text[s:e] for s, e in find_terms(text, '"de flore"')] == ["de Flore"]
    assert find_terms(text, '"') == [] and parse_query("*").empty


def test_rust_blog_phrase_finds_its_article() -> None:
    content = need(CORPUS / "rust-blog")
    files = sorted(p for p in content.rglob("*.md") if p.name != "_index.md")
    articles = []
    for path in files:
        info = path.stat()
        rel = path.relative_to(content).as_posix()
        articles.append(
            Article(path=path, rel_path=rel, title=rel, date=None, size=info.st_size, mtime_ns=info.st_mtime_ns)
        )
    index = SearchIndex.open(content)
    stats = index.refresh(articles, lambda p: p.read_text(encoding="utf-8", errors="replace"))
    assert stats.added == len(files) > 700
    hits = index.search('"Our aspirational goals are currently just that"')
    assert [h.rel_path for h in hits] == ["inside-rust/compiler-team-ambitions-2022.md"]
    assert hits[0].snippet[slice(*hits[0].highlights[0])] == "Our aspirational goals are currently just that"
    # The musl announcement and the 1.93 release notes share a paragraph (there across a line break).
    hits = index.search('"improvements to musl\'s DNS resolver"')
    assert {h.rel_path for h in hits} == {"Updating-musl-1.2.5.md", "Rust-1.93.0.md"}


def test_refreshing_a_subfolder_keeps_the_rest_of_the_site(tmp_path: Path) -> None:
    root = tmp_path / "scoped"
    news = _write(root, "_news/n.md", "News", "Tram news from the city.")
    event = _write(root, "_events/e.md", "Event", "Tram festival in spring.")
    index = SearchIndex.open(root)
    index.refresh([news, event], _read)
    stats = index.refresh([news], _read, under="_news/")  # the user browses only _news/
    assert stats.removed == 0
    assert {h.rel_path for h in index.search("tram")} == {"_news/n.md", "_events/e.md"}
    assert [h.rel_path for h in index.search("tram", under="_news/")] == ["_news/n.md"]
    news.path.unlink()
    assert index.refresh([], _read, under="_news/").removed == 1
    assert [h.rel_path for h in index.search("tram")] == ["_events/e.md"]


def _index_worker(cache: str, root: str, rels: list[str]) -> None:
    os.environ["NEWSTUI_CACHE_DIR"] = cache
    articles = []
    for rel in rels:
        path = Path(root) / rel
        info = path.stat()
        articles.append(
            Article(path=path, rel_path=rel, title=rel, date=None, size=info.st_size, mtime_ns=info.st_mtime_ns)
        )
    for _ in range(3):
        index = SearchIndex.open(Path(root))
        index.refresh(articles, _read)
        assert index.notices == [], index.notices
        assert len(index.search("tram")) == min(50, len(rels))
        index.close()


def test_two_processes_building_the_same_index_at_once(tmp_path: Path) -> None:
    import multiprocessing

    root = tmp_path / "shared"
    rels = [_write(root, f"p{n:03}.md", f"P{n}", f"Tram stop number {n}. " * 40).rel_path for n in range(120)]
    ctx = multiprocessing.get_context("spawn")
    cache = os.environ["NEWSTUI_CACHE_DIR"]
    workers = [ctx.Process(target=_index_worker, args=(cache, str(root), rels)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    index = SearchIndex.open(root)
    assert len(index) == 120 and len(index.search("stop", limit=500)) == 120
    assert sqlite3.connect(index_path(root)).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_index_damaged_in_place_is_rebuilt_by_the_next_refresh(tmp_path: Path) -> None:
    root = tmp_path / "damaged"
    articles = [_write(root, f"{n}.md", f"Post {n}", f"Sofia tram line {n}. " * 300) for n in range(30)]
    with SearchIndex.open(root) as index:
        index.refresh(articles, _read)
    path = index_path(root)
    data = bytearray(path.read_bytes())
    data[8192:] = b"\xa5" * (len(data) - 8192)  # keep the header and schema page, wreck the rest
    path.write_bytes(bytes(data))

    index = SearchIndex.open(root)
    assert isinstance(index.search("sofia"), list)  # may fail quietly, never raises
    index.refresh(articles, _read)
    assert len(index.search("sofia", limit=100)) == 30
    assert index.path == path
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_index_from_another_version_is_rebuilt(site: tuple[Path, list[Article]]) -> None:
    root, articles = site
    with SearchIndex.open(root) as index:
        index.refresh(articles, _read)
    conn = sqlite3.connect(index_path(root))
    with conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'schema'")
    conn.close()
    index = SearchIndex.open(root)
    assert len(index) == 0 and index.notices == []  # nothing stale survives; the next refresh fills it
    assert index.refresh(articles, _read).added == 4


class _Malformed:
    """A connection to an index that went bad while open: every statement reports corruption."""

    def execute(self, *args: object) -> None:
        error = sqlite3.DatabaseError("database disk image is malformed")
        error.sqlite_errorcode = 11
        raise error

    def close(self) -> None:
        pass


def test_corruption_found_while_open_is_reported_then_rebuilt(site: tuple[Path, list[Article]]) -> None:
    root, articles = site
    index = SearchIndex.open(root)
    index.refresh(articles, _read)
    real = index._conn
    index._conn = _Malformed()  # type: ignore[assignment]
    assert index.search("sofia") == []
    assert index.notices and "rebuilt at the next refresh" in index.notices[-1]
    real.close()
    stats = index.refresh(articles, _read)
    assert stats.added == 4
    assert [h.rel_path for h in index.search("sofia")] == ["_posts/a.md"]


def test_a_big_refresh_leaves_one_merged_index_with_the_same_results(tmp_path: Path) -> None:
    """After many writes the index is merged (queries read one segment); a few edits leave it to FTS5."""
    root = tmp_path / "site"
    topics = ("tram", "harbour", "library", "budget")
    articles = [
        _write(root, f"_posts/{n:03}.md", f"Note {n}", f"The {topics[n % 4]} item number {n}, then more words.")
        for n in range(150)
    ]
    index = SearchIndex.open(root)

    def segments() -> int:
        return int(index._conn.execute("SELECT count(*) FROM fts_data").fetchone()[0])

    def merge() -> None:
        with index._conn:
            index._conn.execute("INSERT INTO fts(fts) VALUES('optimize')")

    index.refresh(articles, _read)
    merged = segments()
    merge()
    assert segments() == merged, "the cold build was already merged"
    found = [hit.rel_path for hit in index.search("harbour", limit=100)]
    assert len(found) == 150 // 4 + 1 and "_posts/001.md" in found

    edited = [_write(root, a.rel_path, a.title, "Now about a zeppelin.") for a in articles[:3]]
    stats = index.refresh(edited + articles[3:], _read)
    assert stats.updated == 3
    assert sorted(hit.rel_path for hit in index.search("zeppelin")) == [
        "_posts/000.md",
        "_posts/001.md",
        "_posts/002.md",
    ]
    assert len(index.search("harbour", limit=100)) == len(found) - 1  # 001 is about a zeppelin now
    index.close()
