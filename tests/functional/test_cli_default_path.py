"""Without PATH, `list`, `search` and `check` use the config's `default_path` like `newstui` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import newstui.cli.commands  # noqa: F401  (registers the subcommands)
from newstui.cli import cli


@pytest.fixture
def configured_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "news"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Configured\n", encoding="utf-8")
    (site / "_posts" / "2022-03-04-kiosk.md").write_text(
        "---\ntitle: The kiosk reopens\n---\nThe kiosk on the quay sells papers again.\n![gone](/img/none.png)\n",
        encoding="utf-8",
    )
    config = tmp_path / "config.toml"
    config.write_text(f'default_path = "{site}"\n', encoding="utf-8")
    monkeypatch.setenv("NEWSTUI_CONFIG", str(config))
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "content").mkdir(parents=True)  # a ./content that must lose to the config
    monkeypatch.chdir(elsewhere)
    return site


def test_list_without_path_lists_the_configured_site(configured_site: Path) -> None:
    result = CliRunner().invoke(cli, ["list", "--json"])
    assert result.exit_code == 0, result.output
    assert [row["title"] for row in json.loads(result.stdout)] == ["The kiosk reopens"]


def test_search_without_path_searches_the_configured_site(configured_site: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "quay", "--json"])
    assert result.exit_code == 0, result.output
    assert [hit["title"] for hit in json.loads(result.stdout)] == ["The kiosk reopens"]


def test_check_without_path_checks_the_configured_site(configured_site: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--json"])
    assert result.exit_code == 1, result.output  # the missing image is a finding
    assert "none.png" in result.stdout


def test_a_given_path_still_wins_and_a_missing_default_is_one_line(configured_site: Path, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(f'default_path = "{tmp_path / "gone"}"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["list"])
    assert result.exit_code == 2 and "no such file or folder" in result.stderr
    result = CliRunner().invoke(cli, ["list", str(configured_site)])
    assert result.exit_code == 0 and "The kiosk reopens" in result.stdout
