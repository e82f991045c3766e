"""`newstui check`: broken images, links to missing files, front matter/encoding/date problems; exit 1/0/2."""

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


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _clean_site(root: Path) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "images" / "tram photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    (root / "_config.yml").write_text("title: Check site\n", encoding="utf-8")
    (root / "_posts" / "2022-03-01-tram.md").write_text(
        "---\ntitle: Tram\nimageurl: images/tram photo.jpg\n---\n"
        "The tram opens.\n\n![The tram](/images/tram%20photo.jpg)\n\nSee [the other post](2021-01-01-other.md)"
        " and [the web](https://example.org/missing.png).\n",
        encoding="utf-8",
    )
    (root / "_posts" / "2021-01-01-other.md").write_text("---\ntitle: Other\n---\nHello.\n", encoding="utf-8")
    return root


@pytest.fixture
def clean_site(tmp_path: Path) -> Path:
    return _clean_site(tmp_path / "clean")


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    root = _clean_site(tmp_path / "broken")
    posts = root / "_posts"
    (posts / "2022-05-01-images.md").write_text(
        "---\ntitle: Images\nimageurl: images/gone hero.jpg\n---\nIntro.\n\n"
        "![Missing one](/images/nowhere.png)\n\nA [dead link](../files/report.pdf).\n",
        encoding="utf-8",
    )
    (posts / "2022-06-01-yaml.md").write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    (posts / "2017-17-07-date.md").write_text("---\ntitle: Bad date\n---\nBody.\n", encoding="utf-8")
    (posts / "2022-07-01-latin.md").write_bytes("---\ntitle: Café\n---\nGrüße aus München.\n".encode("latin-1"))
    (posts / "2022-08-01-\x1b[31mevil.md").write_text(
        "---\ntitle: Evil\n---\n![x](/images/red.png)\n", encoding="utf-8"
    )
    return root


def test_a_clean_site_exits_zero(clean_site: Path) -> None:
    code, out, err = _run("check", str(clean_site))
    assert (code, out) == (0, ""), out
    assert "no problems in 2 articles" in err


def test_every_kind_of_problem_is_reported_where_it_is(broken_site: Path) -> None:
    code, out, err = _run("check", str(broken_site))
    assert code == 1
    lines = out.splitlines()
    assert "_posts/2022-05-01-images.md:7: missing-image: image not found: /images/nowhere.png" in lines
    assert "_posts/2022-05-01-images.md:9: missing-file: link to a missing file: ../files/report.pdf" in lines
    assert any(line.startswith("_posts/2022-05-01-images.md") and "gone hero.jpg" in line for line in lines)
    assert any(line.startswith("_posts/2022-06-01-yaml.md") and "front-matter" in line for line in lines)
    assert any(line.startswith("_posts/2017-17-07-date.md") and ": date: " in line for line in lines)
    assert any(line.startswith("_posts/2022-07-01-latin.md") and ": encoding: " in line for line in lines)
    assert not any("2022-03-01-tram.md" in line or "2021-01-01-other.md" in line for line in lines)
    assert "\x1b" not in out and "␛" in out  # the hostile file name is shown, inert
    assert "7 problems in 5 of 7 articles" in err


def test_json_findings(broken_site: Path) -> None:
    code, out, _ = _run("check", str(broken_site), "--json")
    assert code == 1
    findings = json.loads(out)
    assert {"path", "line", "kind", "message"} <= set(findings[0])
    missing = [f for f in findings if f["kind"] == "missing-image" and "nowhere" in f["message"]]
    assert missing == [
        {
            "path": "_posts/2022-05-01-images.md",
            "line": 7,
            "kind": "missing-image",
            "message": "image not found: /images/nowhere.png",
        }
    ]
    one = broken_site / "_posts" / "2022-05-01-images.md"
    code, out, err = _run("check", str(one), "--json")
    assert code == 1 and "of 1 articles" in err
    assert json.loads(out) == [f for f in findings if f["path"] == "_posts/2022-05-01-images.md"]
    assert _run("check", str(broken_site / "_posts" / "2022-03-01-tram.md"))[0] == 0  # a clean file alone


def test_real_site_reports_its_known_problems_and_not_the_reference_article() -> None:
    need(SMARTTOGETHER)
    code, out, _ = _run("check", str(SMARTTOGETHER))
    assert code == 1
    lines = out.splitlines()
    # The impossible date in a file name (2017-28-06) is the site's one known problem; its 311 images all exist.
    assert (
        "_events/2017-28-06-Smarter-Together-Lyon-Meeting.md: date: file name date 2017-28-06 is not a real date"
        in lines
    )
    assert not any("missing-image" in line for line in lines)
    reference = REFERENCE.relative_to(SMARTTOGETHER).as_posix()
    assert not any(line.startswith(reference) for line in lines)  # its hero and two images exist


def test_missing_path_is_a_one_line_error_in_a_real_process(tmp_path: Path, broken_site: Path) -> None:
    run = [sys.executable, "-c", "import sys; from newstui.cli import main; sys.exit(main())", "check"]
    result = subprocess.run([*run, str(tmp_path / "nope")], capture_output=True, text=True, env=os.environ.copy())
    assert result.returncode == 2
    assert result.stderr.strip() == f"newstui: error: no such file or folder: {tmp_path / 'nope'}"
    result = subprocess.run([*run, str(broken_site)], capture_output=True, text=True, env=os.environ.copy())
    assert result.returncode == 1 and "missing-image" in result.stdout, (result.stdout, result.stderr)
