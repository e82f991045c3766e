"""Hostile front matter found by the property tests and by hand: explicit YAML tags, alias bombs, cycles.

`read_article` promises never to raise for bad content and `load_site` to list a site whatever one file holds:
a single article must not crash, hang or exhaust the memory of the whole listing.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from newstui.library import load_site, read_article
from tests.hardening.hostile import make_site

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "line",
    [
        "date: !!timestamp '2024-01-01 00:00:00+05:58:36'",  # what yaml.dump writes
        "date: !!timestamp 'soon'",
        "draft: !!bool 'maybe'",
        "date: !!int 'abc'",
        "title: !!float 'x'",
        "title: !!python/object/apply:os.system ['echo pwned']",
        "title: !!binary '%%%'",
        "<<: 1",
        "? [a, b]\n: 1",
    ],
)
def test_explicit_yaml_tags_are_a_problem_not_a_crash(tmp_path: Path, line: str) -> None:
    site = make_site(tmp_path, {"2024-01-01-tagged.md": f"---\n{line}\n---\nbody survives\n"})
    article, body = read_article(site / "_posts" / "2024-01-01-tagged.md")
    assert body.strip() == "body survives"
    assert isinstance(article.title, str) and article.title
    assert not (tmp_path / "pwned").exists()


def test_recursive_aliases_do_not_hang(tmp_path: Path) -> None:
    text = "---\ntitle: &x [*x]\ntags: &y [*y, town]\ncategories: &c [*c]\nauthors: &z {name: *z}\n---\nbody\n"
    site = make_site(tmp_path, {"2024-01-01-cycle.md": text})
    loaded = load_site(site)
    assert [a.rel_path for a in loaded.articles] == ["_posts/2024-01-01-cycle.md"]
    assert "town" in loaded.articles[0].tags


def _laughs(depth: int = 9) -> str:
    """The "billion laughs": each alias level multiplies by nine; 9**9 strings when expanded."""
    lines = ["---", 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, depth + 1)]
    lines += [f"tags: *l{depth}", f"categories: *l{depth}", f"authors: *l{depth}", f"title: *l{depth}", "---", "body"]
    return "\n".join(lines) + "\n"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB: a bomb fails fast instead of swapping


def test_an_alias_bomb_in_one_file_does_not_stall_the_site(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"2024-01-01-bomb.md": _laughs(), "2024-01-02-fine.md": "---\ntitle: Fine\n---\nok\n"})
    script = (
        "import sys; from newstui.library import load_site; s = load_site(sys.argv[1]);"
        "print(sorted(a.rel_path for a in s.articles))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(site)],
        capture_output=True,
        text=True,
        timeout=10,
        preexec_fn=_limit_memory,
        cwd=PROJECT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert "_posts/2024-01-02-fine.md" in done.stdout
