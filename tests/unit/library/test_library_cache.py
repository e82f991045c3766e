"""The metadata cache: the second load comes from SQLite, edits are noticed, a corrupt file is rebuilt silently."""

from __future__ import annotations

import gc
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newstui.library import load_site, reader
from newstui.library.cache import FILE_NAME, LIST_MIN, ImageCheck, Records, cache_dir


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "_config.yml").write_text("title: Cached\n", encoding="utf-8")
    for day in range(1, 6):
        (root / "_posts" / f"2020-01-0{day}-post-{day}.md").write_text(
            f"---\ntitle: Post {day}\nimage: /images/p{day}.jpg\ntags: [t{day}]\n---\nBody {day}.\n",
            encoding="utf-8",
        )
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files actually read (parsed), as opposed to taken from the cache."""
    seen: list[str] = []
    real = reader.read_file

    def spy(path: Path, *args: object, **kwargs: object) -> object:
        seen.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader, "read_file", spy)
    return seen


def test_cache_lives_where_the_environment_says(site: Path) -> None:
    load_site(site)
    assert cache_dir() == Path(os.environ["NEWSTUI_CACHE_DIR"])
    assert (cache_dir() / FILE_NAME).is_file()


def test_second_load_comes_from_the_cache_with_equal_records(site: Path, reads: list[str]) -> None:
    first = load_site(site)
    assert len(reads) == 5
    reads.clear()
    second = load_site(site)
    assert reads == []
    assert second.articles == first.articles
    assert [a.title for a in second.articles] == ["Post 5", "Post 4", "Post 3", "Post 2", "Post 1"]


def test_an_edited_file_is_read_again_and_a_deleted_one_disappears(site: Path, reads: list[str]) -> None:
    load_site(site)
    reads.clear()
    edited = site / "_posts" / "2020-01-03-post-3.md"
    edited.write_text("---\ntitle: Post 3, edited at length\n---\nNew body.\n", encoding="utf-8")
    (site / "_posts" / "2020-01-01-post-1.md").unlink()
    again = load_site(site)
    assert reads == ["2020-01-03-post-3.md"]
    assert [a.title for a in again.articles] == ["Post 5", "Post 4", "Post 3, edited at length", "Post 2"]


def test_config_change_refreshes_cached_rows(site: Path, reads: list[str]) -> None:
    load_site(site)
    reads.clear()
    (site / "_config.yml").write_text("title: Cached\npermalink: pretty\n", encoding="utf-8")
    again = load_site(site)
    assert len(reads) == 5
    assert again.articles[0].permalink == "/2020/01/05/post-5/"


def test_hero_image_problem_follows_the_disk_even_from_the_cache(site: Path) -> None:
    first = load_site(site)
    assert all(p.kind == "missing-image" for a in first.articles for p in a.problems)
    (site / "images" / "p2.jpg").write_bytes(b"jpeg")
    again = load_site(site)
    fixed = next(a for a in again.articles if a.title == "Post 2")
    assert fixed.problems == ()


def test_corrupt_cache_is_moved_aside_and_rebuilt_silently(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = load_site(site)
    db = cache_dir() / FILE_NAME
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    again = load_site(site)
    assert again.articles == first.articles
    assert (cache_dir() / (FILE_NAME + ".corrupt")).is_file()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    assert capsys.readouterr() == ("", "")


def test_unusable_cache_folder_means_no_cache_not_a_crash(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = site.parent / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("NEWSTUI_CACHE_DIR", str(blocker / "cache"))
    assert len(load_site(site).articles) == 5
    assert len(load_site(site).articles) == 5


def test_damaged_row_is_read_again(site: Path, reads: list[str]) -> None:
    load_site(site)
    with sqlite3.connect(cache_dir() / FILE_NAME) as conn:
        conn.execute("UPDATE articles SET data = '[1, 2' WHERE path LIKE '%post-2.md'")
    reads.clear()
    again = load_site(site)
    assert reads == ["2020-01-02-post-2.md"]
    assert len(again.articles) == 5


def test_without_cache_nothing_is_written(site: Path) -> None:
    load_site(site, use_cache=False)
    assert not (cache_dir() / FILE_NAME).exists()


PARALLEL_CHECK = """
import sys
from pathlib import Path
from newstui.library import load_site, reader
site = Path(sys.argv[1])
serial = load_site(site, use_cache=False)
reader.PARALLEL_MIN = 10
pools = []
real = reader._read_parallel
def spy(jobs, root, workers):
    rows = list(real(jobs, root, 2))  # raises, failing the check, if the pool is broken
    pools.append(len(rows))
    return iter(rows)
reader._read_parallel = spy
reader.os.cpu_count = lambda: 2
parallel = load_site(site, use_cache=False)
assert pools == [65], pools
assert parallel.articles == serial.articles
print("same")
"""


def test_parallel_read_gives_the_same_records(site: Path) -> None:
    """In a fresh interpreter: forking is only done in a single-threaded process, which pytest may not be."""
    for n in range(60):
        (site / f"extra-{n:02d}.md").write_text(f"# Extra {n}\n\nText {n}.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PARALLEL_CHECK, str(site)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "same"


def test_cache_of_an_older_schema_is_rebuilt_silently(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cache file written by an older newstui (schema 1: one JSON `data` column) is emptied and refilled."""
    db = cache_dir() / FILE_NAME
    db.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "CREATE TABLE articles (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, context TEXT, data TEXT)"
        )
        conn.execute("INSERT INTO articles VALUES (?, 1, 2, 'old', '[]')", (str(site / "_posts" / "x.md"),))
        conn.execute("PRAGMA user_version=1")
    first = load_site(site)
    assert [a.title for a in first.articles] == ["Post 5", "Post 4", "Post 3", "Post 2", "Post 1"]
    assert load_site(site).articles == first.articles
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    assert capsys.readouterr() == ("", "")


def test_cached_records_equal_fresh_ones_field_by_field(site: Path) -> None:
    """Every field survives the round trip, lists and problems included."""
    (site / "_posts" / "2020-02-01-full.md").write_text(
        "---\ntitle: Full\ndate: 2020-02-01 10:30:00 +0200\ntags: [a, b]\ncategories: news\nauthor: Ann\n"
        "redirect_from: /old/\nlang: de\npublished: false\nimage: /images/p1.jpg\n---\nBody *text*.\n",
        encoding="utf-8",
    )
    (site / "_posts" / "2020-02-02-bad.md").write_text("---\ntitle: [unclosed\n---\n# Heading\n", encoding="utf-8")
    fresh = load_site(site, use_cache=False)
    load_site(site)
    cached = load_site(site)
    assert cached.articles == fresh.articles
    full = next(a for a in cached.articles if a.title == "Full")
    assert (full.tags, full.categories, full.authors, full.aliases) == (("a", "b"), ("news",), ("Ann",), ("/old/",))
    assert full.draft and full.language == "de" and full.date is not None and full.date.utcoffset() is not None
    assert isinstance(full.path, Path) and isinstance(full.image_path, Path)
    assert [p.kind for p in full.problems] == ["missing-image"]
    bad = next(a for a in cached.articles if a.rel_path.endswith("bad.md"))
    assert bad.title == "Heading" and [p.kind for p in bad.problems] == ["front-matter"]


@pytest.mark.parametrize(
    "text", ["/a/b/c.md", "/x", "//x", "/a//b", "/a/b/", "/a/.", "/a/..", "a/b", "/", "/a/b/../c", "/a/b c/d é.md"]
)
def test_record_paths_equal_plain_paths(text: str) -> None:
    records = Records()
    records.path("/a/b/other")  # the folder is known, so the next one is made as its child
    assert records.path(text) == Path(text)
    assert str(records.path(text)) == str(Path(text))


def test_image_check_agrees_with_os_path_exists(tmp_path: Path) -> None:
    """A folder asked about many times is listed once; the answers are still exactly what os.path.exists says."""
    folder = tmp_path / "images"
    folder.mkdir()
    names = [f"p {n}.jpg" for n in range(LIST_MIN * 2)]
    for name in names[::2]:
        (folder / name).write_bytes(b"jpeg")
    (folder / "dangling.jpg").symlink_to(folder / "nowhere.jpg")
    (folder / "linked.jpg").symlink_to(folder / names[0])
    (folder / "sub").mkdir()
    asked = [str(folder / name) for name in [*names, "dangling.jpg", "linked.jpg", "sub", "gone.jpg"]]
    asked.append(str(tmp_path / "elsewhere" / "x.jpg"))
    check = ImageCheck()
    assert [check.exists(path) for path in asked] == [os.path.exists(path) for path in asked]
    assert [check.exists(path) for path in reversed(asked)] == [os.path.exists(path) for path in reversed(asked)]


def test_hero_images_of_a_listed_folder_follow_the_disk(site: Path) -> None:
    """With enough images in one folder it is listed instead of checked per image; added and deleted images
    still change the problems of cached articles."""
    for day in range(10, 10 + 2 * LIST_MIN):
        (site / "_posts" / f"2020-01-{day}-more.md").write_text(
            f"---\ntitle: More {day}\nimage: /images/m{day}.jpg\n---\nBody.\n", encoding="utf-8"
        )
        if day % 2:
            (site / "images" / f"m{day}.jpg").write_bytes(b"jpeg")
    first = load_site(site)
    (site / "images" / "m10.jpg").write_bytes(b"jpeg")
    (site / "images" / "m11.jpg").unlink()
    again = {a.title: [p.kind for p in a.problems] for a in load_site(site).articles}
    fresh = {a.title: [p.kind for p in a.problems] for a in load_site(site, use_cache=False).articles}
    assert again == fresh
    assert again["More 10"] == [] and again["More 11"] == ["missing-image"]
    assert {a.title for a in first.articles} == set(again)


def test_loading_leaves_the_collector_as_it_found_it(site: Path) -> None:
    """The collector is paused during a load: afterwards it is on again only if it was, and objects the app
    keeps frozen (its collector policy) stay frozen."""
    kept = [[n] for n in range(100)]  # containers the collector tracks, frozen like the app's own objects
    gc.freeze()
    try:
        load_site(site)
        # Still frozen: the collector's own lists do not hold them. (The freeze count is no measure in a long
        # test run: frozen objects of earlier tests may die during the load.)
        scanned = {id(thing) for thing in gc.get_objects()}
        assert gc.isenabled() and not any(id(thing) in scanned for thing in kept)
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        load_site(site)
        assert not gc.isenabled()
    finally:
        gc.enable()
    load_site(site)
    assert gc.isenabled() and gc.get_freeze_count() == 0
