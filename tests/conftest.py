"""Shared fixtures: where the real corpora and the reference article live, skipping with a reason when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
# Resolved: newstui reports real paths, and ../shared may be a symlink to the data on a CI machine.
SHARED = (PROJECT.parent / "shared").resolve()
CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "000_0344fdc1063fbf15.txt"
CONTENT = PROJECT / "content"
SMARTTOGETHER = CORPUS / "smarttogether"
REFERENCE = SMARTTOGETHER / "_news" / "2017-07-27-Workshop-Outcomes-Sofia.md"
CORPORA = ("smarttogether", "jekyll-docs", "rust-blog")


def need(path: Path) -> Path:
    """Skip the calling test, with the reason, when a real-data path beside the checkout is absent."""
    if not path.exists():
        pytest.skip(f"real data not found at {path} (../shared beside the checkout)")
    return path


@pytest.fixture
def corpus() -> Path:
    return need(CORPUS)


@pytest.fixture
def seed() -> Path:
    return need(SEED)


@pytest.fixture
def reference() -> Path:
    return need(REFERENCE)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real config, state or cache from a test."""
    base = tmp_path_factory.mktemp("newstui-home")
    monkeypatch.setenv("NEWSTUI_CONFIG", str(base / "config.toml"))
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("NEWSTUI_CACHE_DIR", str(base / "cache"))
    monkeypatch.delenv("NEWSTUI_OPENER", raising=False)
