"""The sample site in content/: what it must hold for the reader, `check` and the tests that use it.

These guard the sample against accidental edits: the features listed in the foundation issue are present, the
images on disk are exactly what scripts/make_sample_images.py draws, and exactly one image is missing on purpose.
"""

from __future__ import annotations

import importlib.util
import re
import struct
import zlib
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote

import frontmatter
import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from ...conftest import CONTENT, PROJECT

NEWS = CONTENT / "_news"
IMAGES = CONTENT / "images"
MISSING_ON_PURPOSE = {"images/news/council meeting 2018.jpg"}
_IMAGE_REF = re.compile(
    r"""\]\((?:\{\{ site\.baseurl \}\})?/(images/[^)\s]+)\)|\]\(</(images/[^>]+)>\)|url="/(images/[^"]+)\""""
)


def articles() -> list[Path]:
    return sorted(NEWS.glob("*.md"))


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sample_images", PROJECT / "scripts" / "make_sample_images.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and raw scanlines of a PNG, checking the signature and every chunk's CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, size = 8, b"", (0, 0)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, kind
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return size[0], size[1], zlib.decompress(idat)


def test_images_on_disk_are_what_the_script_draws() -> None:
    script = load_script()
    on_disk = {p.relative_to(IMAGES).as_posix() for p in IMAGES.rglob("*.png")}
    assert on_disk == set(script.IMAGES)
    for name in script.IMAGES:
        data = (IMAGES / name).read_bytes()
        assert len(data) < 4096, name  # a few KB at most
        # Compare pixels, not bytes: another zlib build may compress the same pixels differently.
        assert png_pixels(data) == png_pixels(script.render(name)), name
    assert any(" " in name for name in on_disk)
    assert any(not name.isascii() for name in on_disk)


def test_script_writes_into_a_chosen_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert load_script().main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / "news" / "Kaistraße Straßenfest.png").is_file()
    assert "Tram stop at Dawn.png" in capsys.readouterr().out


def test_articles_have_the_reference_style_front_matter() -> None:
    paths = articles()
    assert 8 <= len(paths) <= 12
    years = set()
    for path in paths:
        match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)-[a-z0-9-]+\.md", path.name)
        assert match, path.name
        post = frontmatter.load(path)
        assert post["layout"] == "news-page"
        assert isinstance(post["title"], str) and post["title"]
        written = post["date"]  # YAML gives a date, a datetime, or (for Jekyll's "+0200" offsets) a string
        if isinstance(written, str):
            written = datetime.strptime(written, "%Y-%m-%d %H:%M:%S %z")
        day = written.date() if isinstance(written, datetime) else written
        assert isinstance(day, date) and day == date(*map(int, match.groups())), path.name
        years.add(day.year)
        hero = str(post["imageurl"])
        assert not hero.startswith("/") and " " in hero, path.name  # site-relative, spaces in the name
        assert (CONTENT / hero).is_file(), hero
    assert len(years) >= 3
    assert sum("tags" in frontmatter.load(p) for p in paths) >= 5
    assert sum(bool({"author", "authors"} & set(frontmatter.load(p).keys())) for p in paths) >= 5


def test_exactly_the_intended_image_is_missing() -> None:
    referenced = set()
    for path in articles():
        for match in _IMAGE_REF.finditer(path.read_text(encoding="utf-8")):
            referenced.add(unquote(next(g for g in match.groups() if g)))
    missing = {ref for ref in referenced if not (CONTENT / ref).is_file()}
    assert missing == MISSING_ON_PURPOSE
    assert len(referenced) >= 8


def test_the_dialect_features_are_all_covered() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in articles())
    assert re.search(r'<div class="multiline">\n<h2><span class="ornament-news">[^<]+</span></h2>', text)
    assert text.count('{:target="_blank"}') >= 8
    assert re.search(r"!\[[^\]]+\]\([^)]+\)!\[[^\]]+\]\([^)]+\)", text)  # two images on one line
    assert '{% include image.html url="/images/' in text and 'description="' in text
    assert "{% highlight json %}" in text and "```python" in text
    assert "{{ site.baseurl }}/images/" in text
    assert "<!--more-->" in text

    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    tokens = [token for path in articles() for token in md.parse(frontmatter.load(path).content)]
    kinds = {t.type for t in tokens} | {child.type for t in tokens for child in t.children or ()}
    assert {"table_open", "footnote_ref", "fence", "blockquote_open", "bullet_list_open"} <= kinds


@pytest.mark.parametrize(
    ("lang", "letters", "words"),
    [
        ("de", "äöüßÄÖÜ„“", {"und", "die", "der", "nicht", "mit", "wird"}),
        ("bg", "абвгдежзийклмнопрстуфхцчшщъюя", {"и", "на", "за", "от", "се", "да", "как"}),
    ],
)
def test_german_and_bulgarian_articles_are_really_in_that_language(lang: str, letters: str, words: set[str]) -> None:
    (path,) = [p for p in articles() if frontmatter.load(p).get("lang") == lang]
    body = frontmatter.load(path).content
    paragraphs = [p for p in body.split("\n\n") if len(p) > 120]
    assert len(paragraphs) >= 4
    tokens = set(re.findall(r"\w+", body.lower()))
    assert len(words & tokens) >= 5
    share = sum(ch.lower() in letters for ch in body) / len(body)
    assert share > (0.005 if lang == "de" else 0.5)
