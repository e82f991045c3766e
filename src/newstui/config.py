"""The user's TOML config and the folders newstui keeps its state and cache in.

A config file with mistakes must never stop the reader from starting: `load_config` always returns a `Config`,
with defaults in place of whatever was wrong and one line per problem naming the file, the line and the mistake.

The theme chosen in the app is remembered in a small JSON file in the data folder (`ui-state.json`), not by
rewriting `config.toml`: the config is the user's own hand-edited file (comments, ordering, possibly a read-only
symlink from a dotfiles repo), and writing it back without a TOML writer risks mangling it. The remembered theme
wins over the config's `theme` until the user edits that line: the state file records which config theme it was
chosen over, so a later edit of the config takes effect again.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path, user_config_path, user_data_path

from newstui.safetext import clean

APP_NAME = "newstui"
STATE_FILE = "ui-state.json"
_STRING_KEYS = ("theme", "opener", "default_path")
_KNOWN_TOP = (*_STRING_KEYS, "keys")


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def config_path() -> Path:
    """`NEWSTUI_CONFIG`, else `config.toml` in the platform's config folder for newstui."""
    return _env_path("NEWSTUI_CONFIG") or user_config_path(APP_NAME) / "config.toml"


def data_dir() -> Path:
    """Read/starred state and remembered UI state: `NEWSTUI_DATA_DIR`, else the platform's data folder."""
    return _env_path("NEWSTUI_DATA_DIR") or user_data_path(APP_NAME)


def cache_dir() -> Path:
    """Metadata cache and full-text index (safe to delete): `NEWSTUI_CACHE_DIR`, else the platform's cache."""
    return _env_path("NEWSTUI_CACHE_DIR") or user_cache_path(APP_NAME)


def default_path(configured: str | None) -> Path:
    """PATH when a command is given none: the config's `default_path`, else ./content when present (the sample
    site), else `.`. Here, below the command line, so the first frame finds it before click is imported."""
    if configured:
        return Path(configured).expanduser()
    return Path("content") if Path("content").is_dir() else Path(".")


@dataclass(frozen=True)
class Config:
    """Settings in effect: each field is the config's value, or the default when absent or wrong."""

    path: Path
    theme: str | None = None
    opener: str | None = None
    default_path: str | None = None
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> "key1,key2"
    problems: tuple[str, ...] = ()


def _line_of(text: str, key: str, table: str | None = None) -> int | None:
    """1-based line where `key = ...` is written (inside `[table]` when given), for messages only.

    tomllib reports positions only for syntax errors; for a value of the wrong type we look the key up in the
    already-valid text. Good enough for a message; it never decides what a value is.
    """
    in_table = table is None
    key_re = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    header_re = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
    for number, line in enumerate(text.splitlines(), start=1):
        header = header_re.match(line)
        if header:
            name = header.group(1).strip("\"'")
            in_table = table is not None and name == table
            continue
        if in_table and key_re.match(line):
            return number
    if table is None:
        return _line_of_table(text, key)
    return None


def _line_of_table(text: str, name: str) -> int | None:
    header = re.compile(rf"""^\s*\[+\s*["']?{re.escape(name)}["']?\s*\]""")
    for number, line in enumerate(text.splitlines(), start=1):
        if header.match(line):
            return number
    return None


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _type_name(value: Any) -> str:
    names = {str: "a string", bool: "true/false", int: "a number", float: "a number", list: "a list"}
    return names.get(type(value), "a table" if isinstance(value, dict) else type(value).__name__)


def _parse(text: str, path: Path) -> tuple[dict[str, Any], list[str]]:
    """Check the parsed TOML against what newstui understands; return the good values and the problems."""
    problems: list[str] = []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)  # Python 3.14+; before that only in the message
        if line is None:
            found = re.search(r"at line (\d+)", str(error))
            line = int(found.group(1)) if found else None
        return {}, [f"{_where(path, line)}: not valid TOML, using the defaults: {error}"]

    good: dict[str, Any] = {}
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in _KNOWN_TOP:
            known = ", ".join(_KNOWN_TOP)
            problems.append(f"{_where(path, line)}: unknown setting {key!r} ignored (known: {known})")
        elif key == "keys":
            if isinstance(value, dict):
                good["keys"] = _parse_keys(value, text, path, problems)
            else:
                problems.append(f"{_where(path, line)}: 'keys' must be a table [keys], not {_type_name(value)}")
        elif key == "opener" and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            good["opener"] = shlex.join(value)
        elif isinstance(value, str):
            if value.strip():
                good[key] = os.path.expanduser(value) if key == "default_path" else value
        else:
            problems.append(f"{_where(path, line)}: {key!r} must be a string, not {_type_name(value)}; ignored")
    return good, problems


def _parse_keys(table: dict[str, Any], text: str, path: Path, problems: list[str]) -> dict[str, str]:
    """`[keys]`: binding id -> "a,b" (a list of key names is accepted and joined)."""
    keys: dict[str, str] = {}
    for binding, value in table.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if isinstance(value, str) and value.strip():
            keys[binding] = ",".join(part.strip() for part in value.split(",") if part.strip())
        else:
            line = _line_of(text, binding, "keys")
            what = "empty" if isinstance(value, str | list) else _type_name(value)
            problems.append(f'{_where(path, line)}: keys.{binding} must be keys like "j,down", not {what}; ignored')
    return keys


def load_config(path: Path | None = None) -> Config:
    """Read the config (default: `config_path()`); never raises. A missing file means all defaults."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _with_remembered(Config(path=path))
    except OSError as error:
        reason = error.strerror or str(error)
        return _with_remembered(Config(path=path, problems=(clean(f"{path}: cannot read, using defaults: {reason}"),)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = f"{_where(path, line)}: not UTF-8 text (byte {error.start}), using the defaults"
        return _with_remembered(Config(path=path, problems=(clean(problem),)))

    good, problems = _parse(text, path)
    config = Config(
        path=path,
        theme=good.get("theme"),
        opener=good.get("opener"),
        default_path=good.get("default_path"),
        keys=good.get("keys", {}),
        problems=tuple(clean(p) for p in problems),
    )
    return _with_remembered(config)


def _state_path() -> Path:
    return data_dir() / STATE_FILE


def _read_state() -> dict[str, Any]:
    """The remembered UI state; unreadable or corrupt means nothing remembered (it is rewritten on next save)."""
    try:
        state = json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _with_remembered(config: Config) -> Config:
    """Apply the theme chosen in the app, unless the config's `theme` was edited since it was chosen."""
    state = _read_state()
    theme = state.get("theme")
    if not isinstance(theme, str) or not theme:
        return config
    if state.get("config_theme") != config.theme:
        return config
    return replace(config, theme=theme)


def save_theme(name: str, config: Config | None = None) -> None:
    """Remember the theme picked in the app, atomically, in the data folder. Raises OSError if unwritable.

    `config` is the config as loaded (defaults to loading it now); its file's own `theme` is stored alongside so
    that a later edit of that line wins over the remembered choice.
    """
    config_theme = _config_file_theme(config.path if config else config_path())
    state = _read_state()
    state.update({"theme": name, "config_theme": config_theme})
    target = _state_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _config_file_theme(path: Path) -> str | None:
    """The `theme` written in the config file itself (ignoring the remembered one)."""
    try:
        good, _ = _parse(path.read_text(encoding="utf-8"), path)
    except (OSError, UnicodeDecodeError):
        return None
    theme = good.get("theme")
    return theme if isinstance(theme, str) else None
