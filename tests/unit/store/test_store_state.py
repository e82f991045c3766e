"""Read and starred marks: survive restarts, renames, concurrent instances, damaged files and unwritable folders."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newstui.library.records import Article
from newstui.store import StateStore
from newstui.store.state import STATE_FILE


def _article(path: Path) -> Article:
    return Article(path=path, rel_path=path.name, title=path.stem, date=datetime(2020, 1, 1, tzinfo=UTC))


@pytest.fixture
def site(tmp_path: Path) -> list[Article]:
    folder = tmp_path / "site"
    folder.mkdir()
    articles = []
    for n in range(5):
        path = folder / f"2020-01-0{n + 1}-post-{n}.md"
        path.write_text(f"---\ntitle: Post {n}\n---\nBody number {n}.\n", encoding="utf-8")
        articles.append(_article(path))
    return articles


def test_marks_survive_a_new_store_on_the_same_folder(site: list[Article]) -> None:
    store = StateStore.open()
    assert not store.is_read(site[0]) and not store.is_starred(site[0])
    store.set_read(site[0])
    assert store.toggle_star(site[1]) is True
    store.close()  # even without close the change is committed; see the killed-process test

    again = StateStore.open()
    assert again.is_read(site[0]) and not again.is_starred(site[0])
    assert again.is_starred(site[1]) and not again.is_read(site[1])
    assert not again.is_read(site[2])
    assert again.notices == []
    assert again.path.parent == Path(os.environ["NEWSTUI_DATA_DIR"])


def test_toggles_and_mark_all(site: list[Article]) -> None:
    store = StateStore.open()
    store.mark_all_read(site[:3])
    assert [store.is_read(a) for a in site] == [True, True, True, False, False]
    assert store.toggle_read(site[0]) is False
    assert store.toggle_star(site[4]) is True and store.toggle_star(site[4]) is False
    states = store.states(site)
    assert [s.read for s in states.values()] == [False, True, True, False, False]
    assert not any(s.starred for s in states.values())


def test_a_killed_process_loses_nothing(site: list[Article], tmp_path: Path) -> None:
    code = (
        "import os, sys; from pathlib import Path; from newstui.store import StateStore;"
        "s = StateStore.open(); s.set_read(Path(sys.argv[1])); s.set_starred(Path(sys.argv[1])); os._exit(9)"
    )
    result = __import__("subprocess").run([sys.executable, "-c", code, str(site[2].path)], env=os.environ.copy())
    assert result.returncode == 9
    store = StateStore.open()
    assert store.is_read(site[2]) and store.is_starred(site[2])


def test_renamed_or_moved_file_keeps_its_marks(site: list[Article], tmp_path: Path) -> None:
    store = StateStore.open()
    store.set_read(site[0])
    store.set_starred(site[1])
    store.close()

    renamed = site[0].path.with_name("renamed.md")
    site[0].path.rename(renamed)
    moved_dir = tmp_path / "elsewhere" / "deeper"
    moved_dir.mkdir(parents=True)
    moved = moved_dir / site[1].path.name
    site[1].path.rename(moved)

    again = StateStore.open()
    assert again.is_read(_article(renamed))
    assert again.is_starred(_article(moved))
    # A different file at a new path inherits nothing.
    other = site[0].path.with_name("new.md")
    other.write_text("something else entirely", encoding="utf-8")
    assert not again.is_read(_article(other))


def test_a_copy_does_not_steal_the_marks_of_a_file_still_there(site: list[Article]) -> None:
    store = StateStore.open()
    store.set_read(site[0])
    copy = site[0].path.with_name("copy.md")
    copy.write_bytes(site[0].path.read_bytes())
    assert not store.is_read(_article(copy))
    assert store.is_read(site[0])


def _hammer(data_dir: str, paths: list[str], column: str) -> None:
    os.environ["NEWSTUI_DATA_DIR"] = data_dir
    store = StateStore.open()
    assert store.notices == [], store.notices
    for _ in range(15):
        for path in paths:
            if column == "read":
                store.set_read(Path(path), True)
            else:
                store.set_starred(Path(path), True)


def test_two_processes_writing_at_once_both_keep_their_changes(site: list[Article]) -> None:
    data_dir = os.environ["NEWSTUI_DATA_DIR"]
    paths = [str(a.path) for a in site]
    ctx = multiprocessing.get_context("spawn")
    workers = [
        ctx.Process(target=_hammer, args=(data_dir, paths, "read")),
        ctx.Process(target=_hammer, args=(data_dir, paths, "starred")),
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    store = StateStore.open()
    assert store.notices == []
    assert all(store.is_read(a) and store.is_starred(a) for a in site)
    check = sqlite3.connect(store.path).execute("PRAGMA integrity_check").fetchone()
    assert check == ("ok",)


@pytest.mark.parametrize(
    "content",
    [b"this is not a database, it is a text file\n" * 50, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["text", "damaged-header"],
)
def test_corrupt_file_is_moved_aside_with_a_notice(site: list[Article], content: bytes) -> None:
    path = Path(os.environ["NEWSTUI_DATA_DIR"]) / STATE_FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(content)

    store = StateStore.open()
    assert store.persistent
    assert len(store.notices) == 1 and "damaged" in store.notices[0]
    aside = [p for p in path.parent.iterdir() if p.name.startswith("state.db.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert not store.is_read(site[0])
    store.set_read(site[0])
    assert StateStore.open().is_read(site[0])


def test_unwritable_data_folder_keeps_marks_in_memory(site: list[Article], tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    store = StateStore.open(blocker / "data" / STATE_FILE)  # parent is a file: cannot be created, even as root
    assert not store.persistent
    assert store.notices and "kept until you quit" in store.notices[0]
    store.set_read(site[0])
    assert store.toggle_star(site[0]) is True
    assert store.is_read(site[0]) and store.is_starred(site[0])


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_keeps_earlier_marks_readable(site: list[Article], tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    store = StateStore.open(folder / STATE_FILE)
    store.set_read(site[0])
    store.close()
    for leftover in folder.glob("state.db-*"):
        leftover.unlink()
    folder.chmod(0o555)
    try:
        again = StateStore.open(folder / STATE_FILE)
        assert not again.persistent and again.notices
        assert again.is_read(site[0])  # what was saved is still shown
        again.set_read(site[1])
        assert again.is_read(site[1])
    finally:
        folder.chmod(0o755)


def test_disk_refusing_a_write_mid_session_switches_to_memory(site: list[Article]) -> None:
    store = StateStore.open()
    store.set_read(site[0])

    class FullDisk:
        """Stands in for the connection of a full disk: reads work, every write fails."""

        def __init__(self, real: sqlite3.Connection) -> None:
            self.real = real

        def execute(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
            if not sql.lstrip().upper().startswith(("SELECT", "PRAGMA")):
                raise sqlite3.OperationalError("database or disk is full")
            return self.real.execute(sql, params)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def close(self) -> None:
            self.real.close()

    store._conn = FullDisk(store._conn)  # type: ignore[assignment]
    store.set_starred(site[1])
    assert not store.persistent
    assert any("disk is full" in n for n in store.notices)
    assert store.is_starred(site[1]) and store.is_read(site[0])


def test_looking_up_unmarked_articles_reads_files_only_when_a_rename_is_possible(
    site: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newstui.store.state as state_module

    store = StateStore.open()
    store.set_read(site[0])
    reads: list[Path] = []
    real = state_module.content_hash
    monkeypatch.setattr(state_module, "content_hash", lambda path: reads.append(path) or real(path))

    store.states(site)  # nothing gone: no file is read
    assert reads == []
    site[0].path.unlink()
    big = site[0].path.with_name("big.md")
    big.write_text("x" * 5000, encoding="utf-8")
    store.rescan()
    store.states([*site[1:], _article(big)])
    assert big not in reads  # a different size cannot be the same content: ruled out by a stat
    assert len(reads) == 4  # same size as the gone file: hashed once each
    reads.clear()
    store.states(site[1:])
    assert reads == []  # and not again


def test_marks_from_worker_threads_are_saved(site: list[Article]) -> None:
    import threading

    store = StateStore.open()
    threads = [threading.Thread(target=store.set_read, args=(article,)) for article in site]
    threads += [threading.Thread(target=store.toggle_star, args=(article,)) for article in site[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.persistent and store.notices == []
    again = StateStore.open()
    assert all(again.is_read(a) for a in site)
    assert [again.is_starred(a) for a in site] == [True, True, False, False, False]


@pytest.mark.parametrize("count", [7, 1_201, 2_600])  # one query; several chunks of keys; the whole table
def test_states_of_a_batch_match_one_by_one(tmp_path: Path, count: int) -> None:
    """A loading site asks for its batches' marks; every size of batch gives the same answer as asking singly."""
    articles = [_article(tmp_path / f"post-{n}.md") for n in range(count)]
    store = StateStore.open()
    store.mark_all_read(articles[::3])
    for article in articles[::5]:
        store.toggle_star(article)
    states = store.states(articles)
    assert len(states) == count
    for article in articles[::97] + articles[-3:]:
        state = states[os.path.abspath(article.path)]
        assert (state.read, state.starred) == (store.is_read(article), store.is_starred(article))
    assert sum(s.read for s in states.values()) == len(articles[::3])
    assert sum(s.starred for s in states.values()) == len(articles[::5])


def test_peek_reads_marks_without_creating_or_changing_anything(
    site: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame's look at the marks: what the store holds, read-only; no state file is made when there is
    none, and a damaged one is left as it is."""
    from newstui.store.state import peek_marks

    state_file = Path(os.environ["NEWSTUI_DATA_DIR"]) / STATE_FILE
    assert peek_marks(site) == {} and not state_file.exists()
    store = StateStore.open()
    store.set_read(site[0])
    store.set_starred(site[1])
    peeked = peek_marks(site)
    assert peeked[str(site[0].path)].read and not peeked[str(site[0].path)].starred
    assert peeked[str(site[1].path)].starred and not peeked[str(site[1].path)].read
    assert str(site[2].path) not in peeked  # never marked: the caller's default (unread)
    store.close()
    monkeypatch.chdir(state_file.parent.parent)
    monkeypatch.setenv("NEWSTUI_DATA_DIR", state_file.parent.name)  # a relative folder works too
    assert peek_marks(site)[str(site[1].path)].starred
    state_file.write_bytes(b"not a database at all")
    assert peek_marks(site) == {}  # damage is the app's to report, a moment later
    assert state_file.read_bytes() == b"not a database at all"
