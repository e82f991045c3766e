"""Property tests: whatever bytes or front matter a file holds, reading it never raises and stays quick."""

from __future__ import annotations

import json
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstui.library import read_article
from newstui.library.decoding import decode

YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
KEYS = st.sampled_from(
    ["title", "date", "tags", "categories", "author", "authors", "image", "cover", "images", "header", "draft",
     "published", "description", "permalink", "path", "lang", "extra", "taxonomies", "aliases", "slug"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_any_bytes_read_without_raising(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "2020-01-01-any.md"
    path.write_bytes(data)
    started = time.perf_counter()
    article, body = read_article(path)
    assert time.perf_counter() - started < 2.0
    assert article.title
    assert isinstance(body, str)
    assert decode(data).text == body or article.body_line > 1 or body == ""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meta=st.dictionaries(KEYS, YAML_VALUES, max_size=6), body=st.text(max_size=300), as_yaml=st.booleans())
def test_any_front_matter_values_read_without_raising(
    tmp_path: Path, meta: dict[str, object], body: str, as_yaml: bool
) -> None:
    path = tmp_path / "post.md"
    if as_yaml:
        front = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"
    else:
        front = json.dumps(meta, indent=0) + "\n"
    path.write_text(front + body, encoding="utf-8")
    article, _ = read_article(path)
    assert article.title
    assert not any("metadata could not be read" in p.message for p in article.problems), article.problems
