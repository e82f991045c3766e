"""Config: paths from the environment, values parsed, and mistakes reported with file and line, never raised."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newstui import config as cfg
from newstui.config import Config, cache_dir, config_path, data_dir, load_config, save_theme


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def config_file() -> Path:
    return Path(os.environ["NEWSTUI_CONFIG"])


def test_paths_follow_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTUI_CONFIG", str(tmp_path / "c" / "my.toml"))
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("NEWSTUI_CACHE_DIR", str(tmp_path / "k"))
    assert config_path() == tmp_path / "c" / "my.toml"
    assert data_dir() == tmp_path / "d"
    assert cache_dir() == tmp_path / "k"


def test_paths_default_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_path, user_config_path, user_data_path

    for name in ("NEWSTUI_CONFIG", "NEWSTUI_DATA_DIR", "NEWSTUI_CACHE_DIR"):
        monkeypatch.setenv(name, "")  # set but empty counts as unset
    assert config_path() == user_config_path("newstui") / "config.toml"
    assert data_dir() == user_data_path("newstui")
    assert cache_dir() == user_cache_path("newstui")


def test_missing_file_means_defaults_without_problems(config_file: Path) -> None:
    assert not config_file.exists()
    config = load_config()
    assert config == Config(path=config_file)
    assert config.keys == {}


def test_a_full_config_is_read(config_file: Path) -> None:
    write(
        config_file,
        """# my reader
theme = "nord"
opener = "firefox --new-tab"
default_path = "~/sites/news/content"

[keys]
next_target = "tab,ctrl+n"
"list.filter" = ["slash", "f3"]
quit = " q , ctrl+q "
""",
    )
    config = load_config()
    assert config.problems == ()
    assert config.theme == "nord"
    assert config.opener == "firefox --new-tab"
    assert config.default_path == str(Path.home() / "sites/news/content")
    assert config.keys == {"next_target": "tab,ctrl+n", "list.filter": "slash,f3", "quit": "q,ctrl+q"}


def test_opener_as_a_list_keeps_its_arguments_apart(config_file: Path) -> None:
    write(config_file, 'opener = ["/opt/My Viewer/view", "--one window"]\n')
    assert load_config().opener == "'/opt/My Viewer/view' '--one window'"


def test_syntax_error_gives_defaults_and_names_file_and_line(config_file: Path) -> None:
    write(config_file, 'theme = "nord"\n\n[keys]\nquit = "q\n')
    config = load_config()
    assert config.theme is None and config.keys == {}
    (problem,) = config.problems
    assert problem.startswith(f"{config_file}:4: not valid TOML")
    assert "line 4" in problem  # tomllib's own message, with the column


def test_wrong_types_and_unknown_keys_are_named_with_their_lines(config_file: Path) -> None:
    write(
        config_file,
        """theme = 42
opener = "xdg-open"
colour = "blue"
default_path = true

[keys]
quit = "q"
help = 7
find = ""
""",
    )
    config = load_config()
    assert config.theme is None
    assert config.opener == "xdg-open"  # the good values survive the bad ones
    assert config.default_path is None
    assert config.keys == {"quit": "q"}
    assert config.problems == (
        f"{config_file}:1: 'theme' must be a string, not a number; ignored",
        f"{config_file}:3: unknown setting 'colour' ignored (known: theme, opener, default_path, keys)",
        f"{config_file}:4: 'default_path' must be a string, not true/false; ignored",
        f'{config_file}:8: keys.help must be keys like "j,down", not a number; ignored',
        f'{config_file}:9: keys.find must be keys like "j,down", not empty; ignored',
    )


def test_keys_that_is_not_a_table(config_file: Path) -> None:
    write(config_file, 'theme = "nord"\nkeys = "q"\n')
    config = load_config()
    assert config.theme == "nord"
    assert config.problems == (f"{config_file}:2: 'keys' must be a table [keys], not a string",)


def test_a_table_where_a_string_belongs_points_at_its_header(config_file: Path) -> None:
    write(config_file, '[theme]\nname = "nord"\n')
    assert load_config().problems == (f"{config_file}:1: 'theme' must be a string, not a table; ignored",)


def test_not_utf8_is_a_problem_not_a_crash(config_file: Path) -> None:
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_bytes(b'theme = "nord"\nopener = "caf\xe9"\n')
    config = load_config()
    assert config.opener is None
    assert config.problems == (f"{config_file}:2: not UTF-8 text (byte 28), using the defaults",)


def test_unreadable_path_is_a_problem(config_file: Path) -> None:
    config_file.mkdir(parents=True)  # a folder where the file should be
    config = load_config()
    assert config.theme is None
    (problem,) = config.problems
    assert problem.startswith(f"{config_file}: cannot read, using defaults")


def test_control_characters_in_problems_are_made_inert(config_file: Path) -> None:
    write(config_file, '"\\u001b[31mred" = 1\n')
    (problem,) = load_config().problems
    assert "\x1b" not in problem
    assert "unknown setting" in problem


def test_save_theme_is_remembered_in_the_data_folder(config_file: Path) -> None:
    write(config_file, "# hand-written, keep me\nopener = 'xdg-open'\n")
    before = config_file.read_text()
    save_theme("dracula")
    assert load_config().theme == "dracula"
    assert config_file.read_text() == before  # the user's file is never rewritten
    state = json.loads((data_dir() / cfg.STATE_FILE).read_text())
    assert state["theme"] == "dracula"
    save_theme("nord")
    assert load_config().theme == "nord"
    assert not list(data_dir().glob("*.tmp"))


def test_editing_the_config_theme_later_wins_over_the_remembered_one(config_file: Path) -> None:
    write(config_file, 'theme = "gruvbox"\n')
    save_theme("dracula")
    assert load_config().theme == "dracula"  # chosen in the app after the config said gruvbox
    write(config_file, 'theme = "monokai"\n')
    assert load_config().theme == "monokai"  # the user edited the file since


def test_a_corrupt_state_file_is_ignored(config_file: Path) -> None:
    write(config_file, 'theme = "nord"\n')
    write(data_dir() / cfg.STATE_FILE, "{not json")
    assert load_config().theme == "nord"
    save_theme("dracula")  # and rewritten on the next save
    assert load_config().theme == "dracula"
