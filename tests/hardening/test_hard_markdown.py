"""Pathological Markdown: deep nesting, bracket and emphasis storms, huge lines, wide tables, huge articles.

Each case runs in a child process (a hang is a timeout, a crash is a failure, never a stuck suite) with the
default recursion limit. It must finish, stay within the width, raise no RecursionError (not even one caught
and turned into a "shown as text" fallback), and show the case's marker word, unless the view is clearly marked
as shortened (a problem on the document or an incomplete layout). Sizes are the issue's, except the table's row
count and the 5 MB article, which are cut here to keep the suite fast: bench/pathological.py runs them in full.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from newstui.document import first_screen
from newstui.render import render_document
from tests.hardening.pathological import CASES, Summary

PROJECT = Path(__file__).resolve().parents[2]
TIMEOUT = 120  # seconds; generous for a loaded 2-core machine, the bench reports the real costs

SCALES = {
    "quotes-20k": pytest.param("quotes-20k", 1.0),
    "lists-3k": pytest.param("lists-3k", 1.0),
    "lists-indented-1k": pytest.param("lists-indented-1k", 1.0),
    "brackets-100k": pytest.param("brackets-100k", 1.0),
    "emphasis-30k": pytest.param("emphasis-30k", 1.0),
    "line-2mb": pytest.param("line-2mb", 1.0),
    "word-2mb": pytest.param("word-2mb", 1.0),
    "table-400col": pytest.param("table-400col", 0.1),  # 400 columns, 20 rows
    "article-5mb": pytest.param("article-5mb", 0.1),  # 500 KB here; the whole 5 MB below via first_screen
}


def _run_child(name: str, scale: float, width: int) -> Summary:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.hardening.pathological", name, str(scale), str(width)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary: Summary = json.loads(done.stdout.splitlines()[-1])
    return summary


def test_every_case_of_the_issue_is_covered() -> None:
    assert set(SCALES) == set(CASES)


@pytest.mark.parametrize(("name", "scale"), list(SCALES.values()))
def test_pathological_input_renders_bounded(name: str, scale: float) -> None:
    width = 60
    summary = _run_child(name, scale, width)
    problems = summary["problems"]
    assert not any("Recursion" in p for p in problems), problems
    assert summary["widest"] <= width and summary["widest_segments"] <= width
    assert summary["lines"] >= 1
    shortened = bool(problems) or not summary["complete"]
    assert summary["word_shown"] or shortened, "text silently lost: neither shown nor marked as shortened"


def test_five_megabytes_show_their_first_screen_at_once() -> None:
    """The reader's path for a huge article: a marked first screen (complete=False) from a prefix, quickly."""
    text = CASES["article-5mb"][0](1.0)
    assert len(text) >= 5_000_000
    started = time.perf_counter()
    doc = first_screen(text)
    rendered = render_document(doc, 80, max_lines=40)
    elapsed = time.perf_counter() - started
    assert not doc.complete and not rendered.complete
    assert rendered.plain[0].startswith("articleword") or "articleword" in rendered.plain
    assert all(cell_len(line) <= 80 for line in rendered.plain)
    assert elapsed < 5, f"first screen of 5 MB took {elapsed:.1f}s"
