"""The benchmarks' article generator (bench/render.py), for tests that need a long article in the reference shape."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

BENCH_RENDER = Path(__file__).resolve().parents[1] / "bench" / "render.py"


@cache
def _bench_render() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_render_for_tests", BENCH_RENDER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_article(size: int) -> str:
    """A generated article of about `size` bytes, as bench/render.py and bench/terminal.py time them."""
    return str(_bench_render().make_article(size))
