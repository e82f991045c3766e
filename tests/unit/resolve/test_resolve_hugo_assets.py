"""Hugo's `assets/` folder as a place images live, after the site root and `static/`, on a hand-made tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.library.resolve import resolve


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for name in ("assets/images/chart one.png", "assets/both.png", "static/both.png", "assets/img/Größe.svg"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"img")
    return tmp_path


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ("/images/chart one.png", "assets/images/chart one.png"),  # root-relative
        ("images/chart%20one.png", "assets/images/chart one.png"),  # relative, percent-encoded
        ("/img/Gr%C3%B6%C3%9Fe.svg", "assets/img/Größe.svg"),  # non-ASCII
        ("/both.png", "static/both.png"),  # static/ is tried before assets/
    ],
)
def test_images_only_in_assets_are_found(site: Path, raw: str, where: str) -> None:
    found = resolve(raw, site / "content" / "posts" / "a.md", site)
    assert (found.scheme, found.local_path, found.exists) == ("file", site / where, True)


def test_a_file_in_none_of_them_is_expected_at_the_site_root(site: Path) -> None:
    found = resolve("/images/gone.png", site / "content" / "posts" / "a.md", site)
    assert (found.local_path, found.exists) == (site / "images" / "gone.png", False)
