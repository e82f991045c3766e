"""Startup of the command line: each command loads only the layers it uses.

`newstui search` and `newstui list` run from scripts and shells many times a day; importing the Markdown parser,
the renderer or Textual for them costs most of a second. Each case runs a command in a fresh interpreter and
reports which of those layers ended up in `sys.modules`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("textual", "newstui.ui", "newstui.render", "newstui.document", "markdown_it", "pygments")

_PROBE = """
import json, sys
from newstui.__main__ import main  # the console script's entry point
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = [name for name in {heavy!r} if name in sys.modules]
print("\\n" + json.dumps(heavy), file=sys.stderr)
"""


def _loaded(args: list[str], tmp_path: Path) -> tuple[int, list[str], str]:
    """Run `newstui ARGS` in a fresh interpreter; exit status, heavy modules it imported, stdout."""
    env = {
        **os.environ,
        "NEWSTUI_CACHE_DIR": str(tmp_path / "cache"),
        "NEWSTUI_DATA_DIR": str(tmp_path / "data"),
        "NEWSTUI_CONFIG": str(tmp_path / "config.toml"),
    }
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    heavy = json.loads(result.stderr.strip().splitlines()[-1])
    return result.returncode, heavy, result.stdout


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Startup site\n", encoding="utf-8")
    (root / "_posts" / "2022-03-01-tram.md").write_text(
        "---\ntitle: The new tram line\n---\nThe tram line to the *Café* district opens in March.\n", encoding="utf-8"
    )
    return root


def test_search_loads_no_parser_renderer_or_textual(site: Path, tmp_path: Path) -> None:
    code, heavy, out = _loaded(["search", "tram", str(site)], tmp_path)
    assert code == 0
    assert "The new tram line" in out
    assert heavy == []


def test_list_loads_no_parser_renderer_or_textual(site: Path, tmp_path: Path) -> None:
    code, heavy, out = _loaded(["list", str(site)], tmp_path)
    assert code == 0
    assert "The new tram line" in out
    assert heavy == []


def test_help_lists_every_command_without_loading_them(tmp_path: Path) -> None:
    code, heavy, out = _loaded(["--help"], tmp_path)
    assert code == 0
    for command in ("browse", "cat", "check", "list", "open", "search"):
        assert f"  {command} " in out
    assert heavy == []


def test_cat_still_renders_after_importing_lazily(site: Path, tmp_path: Path) -> None:
    code, heavy, out = _loaded(["cat", "--no-color", str(site / "_posts" / "2022-03-01-tram.md")], tmp_path)
    assert code == 0
    assert "Café district" in out
    assert "newstui.render" in heavy and "textual" not in heavy


def test_only_commands_that_start_the_app_paint_a_first_frame(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`newstui open FILE`, `newstui FILE`, `newstui FOLDER`, `newstui` and `newstui browse [PATH]` show what the
    app will show before click and Textual load; options, other commands and missing paths go straight to the
    command line."""
    from newstui.__main__ import app_path

    article = tmp_path / "note.md"
    article.write_text("# Note\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    for args in (["open", "note.md"], ["note.md"], ["browse", str(article)]):
        assert app_path(args) == article.resolve(), args
    for args in ([str(tmp_path)], ["browse", "content"], ["browse"], []):
        assert app_path(args) == (tmp_path if args == [str(tmp_path)] else tmp_path / "content").resolve(), args
    (tmp_path / "list").write_text("a file named like a command\n", encoding="utf-8")
    for args in (
        ["open", "missing.md"],
        ["open", str(tmp_path)],
        ["cat", "note.md"],
        ["list"],
        ["open", "--help"],
        ["browse", "--help"],
        ["--debug", "open", "note.md"],
        ["open", "note.md", "extra"],
        ["browse", "note.md", "extra"],
    ):
        assert app_path(args) is None, args


def test_the_entry_point_knows_every_command() -> None:
    """`newstui.__main__` tells a command from a FILE without importing click: its list must be click's."""
    from newstui.__main__ import COMMANDS
    from newstui.cli import (
        cli,
        commands,  # noqa: F401  (registers them)
    )

    assert set(cli.commands) == COMMANDS
