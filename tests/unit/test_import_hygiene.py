"""The core is reachable without the TUI: the pure layers never import textual (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE_MODULES = [
    "newstui.library",
    "newstui.library.resolve",
    "newstui.document",
    "newstui.render",
    "newstui.store",
    "newstui.opener",
    "newstui.config",
    "newstui.safetext",
]


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_layer_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False", f"{module} pulled in textual"
