"""`newstui list`: aligned lines, JSON for scripts, sorting, tag filter, one-line errors; once as a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import newstui.cli.commands  # noqa: F401  (registers the subcommands)
from newstui.cli import cli, main
from tests.conftest import CORPUS, REFERENCE, SMARTTOGETHER, need


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["list", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Tiny\n", encoding="utf-8")
    posts = {
        "2021-05-01-alpha.md": "---\ntitle: Zebra crossings\ntags: [Mobility]\n---\nFirst.\n",
        "2022-06-02-beta.md": "---\ntitle: Apple trees\ncategories: [green]\ndraft: true\n---\nSecond.\n",
        "2020-01-03-evil.md": '---\ntitle: "Evil \\e]52;c;AAAA\\a title"\n---\nThird.\n',
    }
    for name, text in posts.items():
        (root / "_posts" / name).write_text(text, encoding="utf-8")
    return root


def test_plain_lines_are_date_title_path_newest_first_and_aligned(site: Path) -> None:
    code, out, err = run(str(site))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [line[:10] for line in lines] == ["2022-06-02", "2021-05-01", "2020-01-03"]
    assert lines[0].startswith("2022-06-02  Apple trees (draft)")
    assert lines[1].endswith("  _posts/2021-05-01-alpha.md")
    assert len({line.index("_posts/") for line in lines}) == 1, "the path column is aligned"


def test_control_characters_in_titles_are_made_inert(site: Path) -> None:
    _, out, _ = run(str(site))
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil ␛]52;c;AAAA␇ title" in out


def test_sort_by_title_and_filter_by_tag_or_category(site: Path) -> None:
    _, out, _ = run(str(site), "--sort", "title")
    assert [line.split("  ")[1].strip() for line in out.splitlines()][:2] == [
        "Apple trees (draft)",
        "Evil ␛]52;c;AAAA␇ title",
    ]
    _, out, _ = run(str(site), "--tag", "mobility")
    assert [line[:10] for line in out.splitlines()] == ["2021-05-01"]
    _, out, _ = run(str(site), "--tag", "GREEN")
    assert [line[:10] for line in out.splitlines()] == ["2022-06-02"]


def test_json_has_every_field(site: Path) -> None:
    code, out, _ = run(str(site), "--json")
    assert code == 0
    items = json.loads(out)
    assert [i["title"] for i in items][:2] == ["Apple trees", "Zebra crossings"]
    first = items[0]
    assert set(first) >= {
        "path",
        "title",
        "date",
        "tags",
        "categories",
        "authors",
        "draft",
        "image",
        "excerpt",
        "problems",
    }
    assert first["path"] == "_posts/2022-06-02-beta.md"
    assert first["date"] == "2022-06-02T00:00:00+00:00"
    assert (first["draft"], first["categories"], first["excerpt"]) == (True, ["green"], "Second.")


def test_reference_site_as_json() -> None:
    code, out, _ = run(str(need(SMARTTOGETHER)), "--json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 82
    reference = next(i for i in items if i["file"] == str(REFERENCE))
    assert reference["title"] == "Workshop Outcomes from Sofia, Bulgaria"
    assert reference["date"].startswith("2017-07-27")
    assert reference["image"] == "images/news/Studierende HS Muenchen im Stadtteillabor_web.jpg"
    assert Path(reference["image_path"]).is_file()
    broken = next(i for i in items if i["path"] == "_events/2017-28-06-Smarter-Together-Lyon-Meeting.md")
    assert broken["problems"][0]["kind"] == "date"


def test_a_file_path_lists_its_site() -> None:
    code, out, _ = run(str(need(REFERENCE)))
    assert code == 0
    assert len(out.splitlines()) == 82
    assert "Workshop Outcomes from Sofia, Bulgaria" in out


def test_default_path_is_content_when_present(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(site, site.parent / "work" / "content")
    monkeypatch.chdir(site.parent / "work")
    code, out, _ = run()
    assert code == 0 and len(out.splitlines()) == 3


def test_missing_path_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(SystemExit) as exit_info:
        main(["list", str(missing)])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"newstui: error: no such file or folder: {missing}\n"


def test_unlistable_folder_is_the_same_one_line_error(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import newstui.library.site as library_site

    monkeypatch.setattr(library_site.os, "access", lambda *_args: False)  # as if chmod 000 (tests may run as root)
    with pytest.raises(SystemExit) as exit_info:
        main(["list", str(site)])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == f"newstui: error: no such file or folder: {site}\n"


def test_real_process_lists_a_corpus() -> None:
    root = need(CORPUS / "jekyll-docs")
    exe = shutil.which("newstui", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-c", "from newstui.cli import main; main()"]
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [*command, "list", str(root), "--tag", "release"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) > 50
    assert lines[-1].startswith("2013-05-06  Jekyll 1.0.0 Released")
    missing = subprocess.run([*command, "list", "/no/such/folder"], capture_output=True, text=True, env=env, timeout=60)
    assert missing.returncode == 2
    assert missing.stderr == "newstui: error: no such file or folder: /no/such/folder\n"
    assert "Traceback" not in missing.stderr
