"""Faults below the UI: files vanishing or changing after the listing, permission denied, symlink loops, damaged
or locked SQLite files, SIGTERM in the middle of writing state. Each is a problem or notice, never a traceback,
and nothing already saved is lost.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import newstui.cli.commands  # noqa: F401  (registers the subcommands)
from newstui.cli import cli
from newstui.document import parse_document
from newstui.library import load_site, read_article
from newstui.store import SearchIndex, StateStore, index_path
from tests.hardening.hostile import make_site

PROJECT = Path(__file__).resolve().parents[2]
POSTS = {
    "2024-01-01-first.md": "---\ntitle: First\n---\nThe first article about trams.\n",
    "2024-02-01-second.md": "---\ntitle: Second\n---\nThe second article about bridges.\n",
    "2024-03-01-third.md": "---\ntitle: Third\n---\nThe third article about ferries.\n",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", POSTS)


def _invoke(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


# -- files that change under us ---------------------------------------------------------------------------------


def test_a_file_gone_after_listing_reads_as_a_problem(site: Path) -> None:
    listed = load_site(site)
    gone = next(a for a in listed.articles if a.title == "Second")
    gone.path.unlink()
    article, body = read_article(gone.path, listed)
    assert body == "" and [p.kind for p in article.problems] == ["read"]
    doc = parse_document(body, source=gone.path, site=listed, article=article)
    assert any("cannot read" in str(getattr(p, "message", p)) for p in doc.problems)
    again = load_site(site)  # the next listing simply no longer has it (the cache forgets it too)
    assert sorted(a.title for a in again.articles) == ["First", "Third"]


def test_a_file_changed_after_listing_reads_as_it_is_now(site: Path) -> None:
    listed = load_site(site)
    changed = next(a for a in listed.articles if a.title == "Third")
    changed.path.write_text("---\ntitle: Third, edited\n---\nNew words about canals.\n", encoding="utf-8")
    article, body = read_article(changed.path, listed)
    assert article.title == "Third, edited" and "canals" in body
    assert "Third, edited" in [a.title for a in load_site(site).articles]  # the cache notices the change


def test_search_after_files_vanish_and_change(site: Path) -> None:
    assert "First" in _invoke("search", "article", str(site)).stdout  # builds the index
    (site / "_posts" / "2024-01-01-first.md").unlink()
    (site / "_posts" / "2024-02-01-second.md").write_text("---\ntitle: Second\n---\nNow about gondolas.\n")
    result = _invoke("search", "article", str(site))
    assert result.exit_code == 0
    assert "First" not in result.stdout and "Third" in result.stdout and "Second" not in result.stdout
    assert "Second" in _invoke("search", "gondolas", str(site)).stdout


# -- permission denied ------------------------------------------------------------------------------------------
# The tests run as root, for whom chmod 000 does not stop a read: the refusal is simulated where the library reads
# (Path.read_bytes, open, os.scandir), with the errno a real refusal has.


def _deny(monkeypatch: pytest.MonkeyPatch, victim: Path) -> None:
    real_read_bytes, real_open, real_scandir = Path.read_bytes, open, os.scandir

    def refuse(path: object) -> None:
        if os.path.abspath(str(path)) == str(victim):
            raise PermissionError(13, "Permission denied", str(path))

    def read_bytes(self: Path) -> bytes:
        refuse(self)
        return real_read_bytes(self)

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | os.PathLike):
            refuse(file)
        return real_open(file, *args, **kwargs)

    def scandir(path: Any = ".") -> Any:
        refuse(path)
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr("builtins.open", guarded_open)
    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_article_is_a_problem_and_the_rest_is_listed(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = site / "_posts" / "2024-02-01-second.md"
    _deny(monkeypatch, victim)
    loaded = load_site(site, use_cache=False)
    assert sorted(a.title for a in loaded.articles) == ["First", "Third"]
    assert any("Permission denied" in p.message and "second" in p.message for p in loaded.problems)
    article, body = read_article(victim, loaded)
    assert body == "" and "Permission denied" in article.problems[0].message
    result = _invoke("list", str(site))
    assert result.exit_code == 0 and "First" in result.stdout and "Third" in result.stdout


def test_an_unreadable_subfolder_is_a_problem(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = site / "_posts" / "private"
    locked.mkdir()
    (locked / "2024-04-01-hidden.md").write_text("---\ntitle: Hidden\n---\nx\n")
    _deny(monkeypatch, locked)
    loaded = load_site(site, use_cache=False)
    assert sorted(a.title for a in loaded.articles) == ["First", "Second", "Third"]
    assert any("private" in p.message for p in loaded.problems)


def test_an_unreadable_article_in_cat_is_a_warning(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = site / "_posts" / "2024-02-01-second.md"
    _deny(monkeypatch, victim)
    result = _invoke("cat", str(victim), "--no-color")
    assert result.exit_code in (0, 2)
    assert "Permission denied" in result.stderr and "Traceback" not in result.output


# -- symlink loops ----------------------------------------------------------------------------------------------


def test_symlink_loops_end_the_walk_with_problems(site: Path) -> None:
    posts = site / "_posts"
    (posts / "sub").mkdir()
    (posts / "sub" / "up").symlink_to("..")  # a folder loop
    (posts / "root").symlink_to(site)  # another, through an absolute path
    (posts / "a.md").symlink_to("b.md")  # a file loop of two
    (posts / "b.md").symlink_to("a.md")
    (posts / "self.md").symlink_to("self.md")
    code = "import sys; from newstui.library import load_site; s = load_site(sys.argv[1]); print(len(s.articles))"
    done = subprocess.run(  # a child, so a walk that never ends is a timeout and not a stuck suite
        [sys.executable, "-c", code, str(site)], capture_output=True, text=True, timeout=60, cwd=PROJECT, check=False
    )
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.strip() == "3"  # each real article once, however many ways lead to it
    loaded = load_site(site)
    assert sorted(a.title for a in loaded.articles) == ["First", "Second", "Third"]
    assert any("self.md" in p.message for p in loaded.problems)
    result = _invoke("list", str(site))
    assert result.exit_code == 0 and result.stdout.count("Second") == 1


# -- SQLite: damaged, locked, killed ----------------------------------------------------------------------------


def test_a_damaged_search_index_is_rebuilt_by_the_command(site: Path) -> None:
    assert "Second" in _invoke("search", "bridges", str(site)).stdout
    path = index_path(site)
    assert path.exists()
    path.write_bytes(b"\x00garbage" * 4096)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    result = _invoke("search", "bridges", str(site))
    assert result.exit_code == 0 and "Second" in result.stdout
    with SearchIndex.open(site) as index:
        assert len(index) == 3


def _hold_lock(path: Path, seconds: float, ready: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN EXCLUSIVE")
    ready.set()
    time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()


def test_a_briefly_locked_state_file_waits_and_loses_nothing(site: Path, tmp_path: Path) -> None:
    db = tmp_path / "state" / "state.db"
    first, second = (site / "_posts" / name for name in ("2024-01-01-first.md", "2024-02-01-second.md"))
    with StateStore.open(db) as store:
        store.set_read(first)
        ready = threading.Event()
        holder = threading.Thread(target=_hold_lock, args=(db, 1.0, ready))
        holder.start()
        ready.wait(5)
        store.set_starred(second)  # another instance holds the file: wait for it, then commit
        holder.join()
        assert store.persistent and store.notices == []
    with StateStore.open(db) as reopened:
        assert reopened.is_read(first) and reopened.is_starred(second)


WRITER = """
import sys
from pathlib import Path
from newstui.store import StateStore
store = StateStore.open(Path(sys.argv[1]))
n = 0
while True:
    store.set_read(Path(f"/site/article-{n}.md"))
    print(n, flush=True)  # printed only after the commit returned
    n += 1
"""


def test_sigterm_during_state_writes_keeps_every_committed_change(tmp_path: Path) -> None:
    db = tmp_path / "state" / "state.db"
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True, cwd=PROJECT)
    assert child.stdout is not None
    committed = -1
    for line in child.stdout:
        committed = int(line)
        if committed >= 200:
            break
    assert committed >= 200, "the writer stopped before the signal"
    child.send_signal(signal.SIGTERM)  # lands in the middle of some later write
    child.wait(10)
    assert child.returncode == -signal.SIGTERM
    with StateStore.open(db) as store:
        assert store.persistent and store.notices == []
        read = [n for n in range(committed + 1) if store.is_read(Path(f"/site/article-{n}.md"))]
    assert read == list(range(committed + 1))
    check = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()
    assert check == ("ok",)
