"""Resolution of link and image destinations, on the reference site and on hand-made site trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.library.resolve import resolve
from tests.conftest import REFERENCE, SMARTTOGETHER, need


def test_reference_hero_with_spaces_resolves_against_site_root() -> None:
    need(REFERENCE)
    found = resolve("images/news/Studierende HS Muenchen im Stadtteillabor_web.jpg", REFERENCE, SMARTTOGETHER)
    assert found.exists is True
    assert found.local_path == SMARTTOGETHER / "images" / "news" / "Studierende HS Muenchen im Stadtteillabor_web.jpg"
    assert found.dest == str(found.local_path)


@pytest.mark.parametrize(
    "raw",
    [
        "/images/news/DSC_5591_edit.jpg",
        "{{ site.baseurl }}/images/news/DSC_5591_edit.jpg",
        "{{site.baseurl}}/images/news/DSC_5591_edit.jpg",
        "{{ '/images/news/DSC_5591_edit.jpg' | relative_url }}",
        "/images/news/DSC%5F5591_edit.jpg",
        "</images/news/DSC_5591_edit.jpg>",
    ],
)
def test_site_relative_forms_reach_the_same_file(raw: str) -> None:
    need(REFERENCE)
    found = resolve(raw, REFERENCE, SMARTTOGETHER)
    assert found.local_path == SMARTTOGETHER / "images" / "news" / "DSC_5591_edit.jpg"
    assert found.exists is True


@pytest.mark.parametrize(
    ("raw", "scheme", "dest"),
    [
        ("http://example.org/a b", "http", "http://example.org/a b"),
        ("HTTPS://example.org/", "https", "HTTPS://example.org/"),
        ("//cdn.example.org/x.png", "https", "https://cdn.example.org/x.png"),
        ("mailto:team@example.org", "mailto", "mailto:team@example.org"),
        ("javascript:alert(1)", "javascript", "javascript:alert(1)"),
        ("#intro", "anchor", "#intro"),
        ("", "", ""),
    ],
)
def test_urls_and_anchors_pass_through(raw: str, scheme: str, dest: str, tmp_path: Path) -> None:
    found = resolve(raw, tmp_path / "post.md", tmp_path)
    assert (found.scheme, found.dest, found.local_path) == (scheme, dest, None)


def test_page_bundle_image_prefers_the_article_folder(tmp_path: Path) -> None:
    bundle = tmp_path / "content" / "post"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("x")
    (bundle / "chart (1).png").write_bytes(b"png")
    found = resolve("chart%20(1).png", bundle / "index.md", tmp_path)
    assert found.local_path == bundle / "chart (1).png"
    assert found.exists is True


def test_hugo_static_folder_and_non_ascii_names(tmp_path: Path) -> None:
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "Straße.png").write_bytes(b"png")
    found = resolve("/img/Stra%C3%9Fe.png", tmp_path / "content" / "a.md", tmp_path)
    assert found.local_path == tmp_path / "static" / "img" / "Straße.png"


def test_missing_file_is_reported_where_it_was_expected(tmp_path: Path) -> None:
    found = resolve("/images/gone.png", tmp_path / "_posts" / "a.md", tmp_path)
    assert found.exists is False
    assert found.local_path == tmp_path / "images" / "gone.png"


def test_link_to_another_article_names_its_source(tmp_path: Path) -> None:
    (tmp_path / "_posts").mkdir()
    other = tmp_path / "_posts" / "2020-01-01-other.md"
    other.write_text("x")
    found = resolve("2020-01-01-other.md#part", tmp_path / "_posts" / "a.md", tmp_path)
    assert (found.article, found.fragment) == (other, "part")


def test_permalink_maps_to_source_and_baseurl_is_stripped(tmp_path: Path) -> None:
    source = tmp_path / "_posts" / "2020-01-01-other.md"
    links = {"/2020/01/01/other": source}
    for raw in ("/2020/01/01/other/", "/2020/01/01/other.html", "/blog/2020/01/01/other/"):
        assert resolve(raw, tmp_path / "a.md", tmp_path, baseurl="/blog", permalinks=links).article == source


def test_dot_dot_is_normalised_not_followed_blindly(tmp_path: Path) -> None:
    found = resolve("../../../etc/passwd", tmp_path / "_posts" / "a.md", tmp_path)
    assert found.local_path is not None
    assert ".." not in found.local_path.parts
