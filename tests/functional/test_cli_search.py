"""`newstui search`: ranked hits from the shell, plain or JSON, safe output, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import newstui.cli.commands  # noqa: F401  (registers the subcommands)
from newstui.cli import cli
from tests.conftest import REFERENCE, SMARTTOGETHER, need


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Test site\n", encoding="utf-8")
    (root / "_posts" / "2022-03-01-tram.md").write_text(
        "---\ntitle: The new tram line\n---\nThe tram line to the Café district opens in March.\n", encoding="utf-8"
    )
    (root / "_posts" / "2021-06-01-bikes.md").write_text(
        '---\ntitle: "Bikes \\e[31mred\\e[0m \\a"\n---\nBike lanes and one tram.\x1b]0;pwned\x07\n',
        encoding="utf-8",
    )
    for n, topic in enumerate(("budget", "weather", "library hours")):
        (root / "_posts" / f"2020-01-0{n + 1}-other.md").write_text(
            f"---\ntitle: About {topic}\n---\nA post about {topic}.\n", encoding="utf-8"
        )
    return root


def test_reference_article_is_the_top_hit_on_the_real_site() -> None:
    need(SMARTTOGETHER)
    code, out = _run("search", "sofia workshop", str(SMARTTOGETHER))
    assert code == 0, out
    first = out.splitlines()[0]
    assert first.startswith("2017-07-27  Workshop Outcomes from Sofia, Bulgaria  ")
    assert first.endswith(REFERENCE.relative_to(SMARTTOGETHER).as_posix())
    assert "workshop" in out.splitlines()[1].lower()


def test_json_objects_carry_path_title_date_score_snippet(site: Path) -> None:
    code, out = _run("search", "tram", str(site), "--json")
    assert code == 0, out
    hits = json.loads(out)
    assert [h["path"] for h in hits] == ["_posts/2022-03-01-tram.md", "_posts/2021-06-01-bikes.md"]
    first = hits[0]
    assert set(first) >= {"path", "title", "date", "score", "snippet"}
    assert first["title"] == "The new tram line" and first["date"].startswith("2022-03-01")
    assert first["score"] > hits[1]["score"] > 0
    assert "tram" in first["snippet"]


def test_accents_phrases_and_no_match(site: Path) -> None:
    assert "tram" in _run("search", "cafe", str(site))[1]
    assert _run("search", '"tram line"', str(site), "--json")[1].count('"path"') == 1
    code, out = _run("search", "zeppelin", str(site))
    assert (code, out) == (0, "")
    assert json.loads(_run("search", "zeppelin", str(site), "--json")[1]) == []


@pytest.mark.parametrize("query", ['"', "NEAR(", "AND OR", "((", "*", "title:x"])
def test_hostile_queries_exit_zero(site: Path, query: str) -> None:
    code, out = _run("search", query, str(site))
    assert code == 0, out


def test_control_characters_never_reach_the_terminal(site: Path) -> None:
    code, out = _run("search", "bike", str(site))
    assert code == 0 and "Bikes" in out
    assert "\x1b" not in out and "\x07" not in out
    code, out = _run("search", "bike", str(site), "--json")
    assert "\x1b" not in json.loads(out)[0]["title"]


def test_a_subfolder_searches_only_under_it(site: Path) -> None:
    (site / "_events").mkdir()
    (site / "_events" / "tram-party.md").write_text("---\ntitle: Tram party\n---\nTram!\n", encoding="utf-8")
    whole = json.loads(_run("search", "tram", str(site), "--json")[1])
    assert len(whole) == 3
    only = json.loads(_run("search", "tram", str(site / "_events"), "--json")[1])
    assert [h["path"] for h in only] == ["_events/tram-party.md"]
    assert len(json.loads(_run("search", "tram", str(site), "--json")[1])) == 3  # nothing lost from the index


def test_an_edited_article_is_found_by_its_new_words(site: Path) -> None:
    assert json.loads(_run("search", "zeppelin", str(site), "--json")[1]) == []
    path = site / "_posts" / "2021-06-01-bikes.md"
    path.write_text("---\ntitle: Bikes\n---\nA zeppelin flew over the bike lanes.\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9, path.stat().st_mtime_ns + 10**9))
    hits = json.loads(_run("search", "zeppelin", str(site), "--json")[1])
    assert [h["path"] for h in hits] == ["_posts/2021-06-01-bikes.md"]


def test_missing_path_is_a_one_line_error_in_a_real_process(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from newstui.cli import main; sys.exit(main())",
            "search",
            "tram",
            str(missing),
        ],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"newstui: error: no such file or folder: {missing}"
    assert result.stdout == ""


def test_search_as_a_real_process(site: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from newstui.cli import main; sys.exit(main())",
            "search",
            "tram line",
            str(site),
        ],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2022-03-01  The new tram line  _posts/2022-03-01-tram.md"
    assert "tram line" in lines[1]
