"""Split front matter from the body and parse it: YAML `---`, TOML `+++`, JSON `{...}`.

Splitting and format detection are python-frontmatter's handlers (TOML through a small handler on the standard
`tomllib`, not the old `toml` package). Parsing is done here so a bad front matter never loses the body: the
problem is recorded with its line in the file and the metadata is empty.

YAML timestamps are kept as strings: a single impossible date such as `2017-17-07` would otherwise make PyYAML
raise and lose every other field; `metadata.parse_date` reads the strings instead.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import frontmatter as pyfrontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

from newstui.library.records import Problem
from newstui.safetext import clean

try:  # the C loader is ten times faster, which matters for 10,000 articles
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml is in the wheels we use
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


MAX_VALUES = 50_000  # front matter expanding to more values than this is refused


class _Loader(_BaseLoader):
    """Safe YAML without the timestamp resolver: dates stay strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class TOMLHandler(BaseHandler):
    """TOML front matter between `+++` lines (Hugo, Zola), parsed with the standard `tomllib`."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)


class _YAMLHandler(YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=_Loader)  # a SafeLoader subclass: no arbitrary objects


_YAML, _TOML, _JSON = _YAMLHandler(), TOMLHandler(), JSONHandler()
HANDLERS: tuple[BaseHandler, ...] = (_YAML, _TOML, _JSON)
_FORMAT = {id(_YAML): "YAML", id(_TOML): "TOML", id(_JSON): "JSON"}
# PyYAML error contexts naming a construct that was opened and never properly closed
_OPENED = ("flow sequence", "flow mapping", "quoted scalar", "simple key")
_CONTAINERS = (dict, list, tuple, set)
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class FrontMatter:
    """Metadata (always a dict with string keys), the body after it, and where the body starts (1-based)."""

    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    format: str = ""  # "YAML", "TOML", "JSON", or "" when the file has none
    problems: tuple[Problem, ...] = ()


def split_front_matter(text: str) -> FrontMatter:
    """Separate and parse the front matter of `text`; never raises."""
    handler = pyfrontmatter.detect_format(text, HANDLERS)
    if handler is None:
        return FrontMatter(body=text)
    kind = _FORMAT[id(handler)]
    try:
        raw, body = handler.split(text)
    except ValueError:
        opener = text.split("\n", 1)[0].strip()
        problem = Problem("front-matter", f"front matter opened with {opener} is never closed; shown as text", 1)
        return FrontMatter(body=text, problems=(problem,))
    body_start = len(text) - len(body)
    if body.startswith("\n"):
        body, body_start = body[1:], body_start + 1
    body_line = text.count("\n", 0, body_start) + 1
    opening = handler.FM_BOUNDARY.match(text) if handler.FM_BOUNDARY is not None else None
    first_line = text.count("\n", 0, opening.end()) if opening else 0  # 0-based line the raw text starts on
    meta, problems = _parse(handler, raw, first_line)
    return FrontMatter(meta, body, body_line, kind, problems)


def _parse(handler: BaseHandler, raw: str, first_line: int) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """Parse the front matter text; a failure is a problem with its 1-based line in the file."""
    try:
        data = handler.load(raw)
    except yaml.YAMLError as exc:
        mark, reason = _yaml_error(exc)
        line = first_line + mark.line + 1 if mark is not None else None
        return {}, (Problem("front-matter", f"front matter is not valid YAML: {clean(reason)}", line),)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = first_line + int(found.group(1)) if found else None
        reason = _TOML_LINE.sub("", str(exc)).strip()
        return {}, (Problem("front-matter", f"front matter is not valid TOML: {clean(reason)}", line),)
    except json.JSONDecodeError as exc:
        return {}, (Problem("front-matter", f"front matter is not valid JSON: {clean(exc.msg)}", exc.lineno),)
    # odd scalars and explicit tags (`!!timestamp 'soon'` is an AttributeError in PyYAML, `!!bool 'maybe'` a
    # KeyError), deep nesting: still not fatal
    except (ValueError, TypeError, RecursionError, AttributeError, KeyError, OverflowError) as exc:
        return {}, (Problem("front-matter", f"front matter could not be read: {clean(str(exc))}", 1),)
    if data is None:
        return {}, ()
    if not isinstance(data, dict):
        what = {list: "a list", str: "a single text"}.get(type(data), f"a {type(data).__name__}")
        return {}, (Problem("front-matter", f"front matter is {what}, not key: value fields", 1),)
    if _expanded_size(data) > MAX_VALUES:
        message = f"front matter holds over {MAX_VALUES:,} values once its YAML aliases are expanded; ignored"
        return {}, (Problem("front-matter", message, 1),)
    return {str(key): value for key, value in data.items()}, ()


def _yaml_error(exc: yaml.YAMLError) -> tuple[Any, str]:
    """Where a YAML error is, and why. PyYAML's `problem_mark` is where it noticed, often the line after: an
    unclosed `[`, `{`, quote or a key without `:` shows only when the next line starts. For those, the
    `context_mark` (where the construct opened) is the line to fix; for the rest (a block mapping's context
    mark is its first key, far from a bad line) the problem mark is."""
    problem = str(getattr(exc, "problem", None) or "syntax error")
    context = str(getattr(exc, "context", None) or "")
    opened = getattr(exc, "context_mark", None) if context.endswith(_OPENED) else None
    if opened is not None:
        return opened, f"{context}, {problem}"
    return getattr(exc, "problem_mark", None), problem


def _expanded_size(data: object, limit: int = 0) -> int:
    """How many values `data` holds with aliases expanded, counting to just past `limit` (MAX_VALUES).

    YAML aliases share objects, so nine levels of nine aliases ("billion laughs") load small but expand to 9**9
    values in anything that walks them (tags, categories, permalinks). A container already on the current path
    (a cycle, `a: &x [*x]`) is not entered again.
    """
    limit = limit or MAX_VALUES
    if isinstance(data, dict) and not any(isinstance(item, _CONTAINERS) for item in (*data, *data.values())):
        return 1 + 2 * len(data)  # flat, as nearly all front matter is: the mapping, its keys and its values
    count = 0
    on_path: set[int] = set()
    stack: list[tuple[object, bool]] = [(data, False)]
    while stack and count <= limit:
        value, leaving = stack.pop()
        if leaving:
            on_path.discard(id(value))
            continue
        count += 1
        if isinstance(value, dict | list | tuple | set) and id(value) not in on_path:
            on_path.add(id(value))
            stack.append((value, True))
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else list(value)
            stack.extend((item, False) for item in items[: limit - count + 1])
    return count
