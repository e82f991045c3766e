"""Hand-written broken and unusual inputs: each loads, shows what it can, and records what is wrong."""

from __future__ import annotations

import codecs
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newstui.library import load_site, read_article


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_unclosed_front_matter_shows_the_whole_text_and_names_line_1(tmp_path: Path) -> None:
    path = write(tmp_path, "open.md", "---\ntitle: Never closed\n\nThe body still shows.\n")
    article, body = read_article(path)
    assert "The body still shows." in body
    assert [(p.kind, p.line) for p in article.problems] == [("front-matter", 1)]
    assert "never closed" in article.problems[0].message
    assert article.title == "Open"  # no usable title: the file name, made readable


def test_invalid_yaml_keeps_the_body_and_reports_the_line(tmp_path: Path) -> None:
    text = "---\ntitle: Fine\ntags: [unclosed\nauthor: x\n---\n# Heading in body\n\nParagraph here.\n"
    article, body = read_article(write(tmp_path, "bad-yaml.md", text))
    assert body.startswith("# Heading in body")
    (problem,) = article.problems
    assert problem.kind == "front-matter" and "YAML" in problem.message
    assert problem.line == 3  # the line holding the unclosed `[`, not the next one where PyYAML noticed
    assert article.title == "Heading in body"  # the first heading stands in for the lost title
    assert article.excerpt == "Paragraph here."


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("title: T\ndate: 2020-01-01\ntags: [a, b\nauthor: x\n", 4),  # unclosed `[`: its line, not the next
        ("title: T\nmeta: {a: 1, b: 2\nauthor: x\n", 3),  # unclosed `{`
        ('title: T\nauthor: "Unclosed\ndate: 2020\n', 3),  # unclosed quote, noticed only at the end
        ("title: T\njust text here\nauthor: x\n", 3),  # a key without `:`
        ("title: T\ntags: [a, b]\n- stray item\n", 4),  # the stray line itself, not the mapping's first key
        ("title: T\nauthor: x\n  bad: indent\n", 4),
        ("title: T\n\tauthor: x\n", 3),  # a tab
    ],
)
def test_yaml_error_names_the_line_to_fix(tmp_path: Path, front: str, line: int) -> None:
    article, body = read_article(write(tmp_path, "y.md", f"---\n{front}---\nBody.\n"))
    assert body == "Body.\n"
    assert [(p.kind, p.line) for p in article.problems] == [("front-matter", line)]


def test_front_matter_that_is_a_list(tmp_path: Path) -> None:
    article, body = read_article(write(tmp_path, "2020-02-02-list.md", "---\n- one\n- two\n---\nBody text.\n"))
    assert body == "Body text.\n"
    assert [p.kind for p in article.problems] == ["front-matter"]
    assert "list" in article.problems[0].message
    assert article.date == datetime(2020, 2, 2, tzinfo=UTC)
    assert article.title == "List"


def test_impossible_date_in_front_matter(tmp_path: Path) -> None:
    text = "---\ntitle: Odd date\ndate: 2017-17-07\ntags: [a, b]\n---\nText.\n"
    article, _ = read_article(write(tmp_path, "odd.md", text))
    assert article.date is None
    assert [(p.kind, p.line) for p in article.problems] == [("date", 3)]
    assert article.tags == ("a", "b")  # one bad value does not lose the other fields


def test_numeric_title_is_a_title(tmp_path: Path) -> None:
    article, _ = read_article(write(tmp_path, "n.md", "---\ntitle: 2019\n---\nText.\n"))
    assert article.title == "2019"
    assert article.problems == ()


def test_list_title_is_a_problem_and_falls_back(tmp_path: Path) -> None:
    article, _ = read_article(write(tmp_path, "my-post.md", "---\ntitle: [a, b]\n---\nText.\n"))
    assert article.title == "My post"
    assert [(p.kind, p.line) for p in article.problems] == [("front-matter", 2)]


def test_latin1_file_is_decoded_and_noted(tmp_path: Path) -> None:
    text = "---\ntitle: Café in München\n---\nDas Straßenfest war schön, die Bürger waren zufrieden und fröhlich.\n"
    article, body = read_article(write(tmp_path, "latin.md", text.encode("latin-1")))
    assert article.title == "Café in München"
    assert "Straßenfest war schön" in body
    assert [p.kind for p in article.problems] == ["encoding"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_file_with_bom(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = "---\r\ntitle: Вести от София\r\n---\r\nПърви абзац.\r\n"
    article, body = read_article(write(tmp_path, "utf16.md", bom + text.encode(codec)))
    assert article.title == "Вести от София"
    assert body == "Първи абзац.\n"  # CRLF normalised
    assert article.problems == ()


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + b"---\r\ntitle: Bom\r\n---\r\nLine one\r\nline two\r\n"
    article, body = read_article(write(tmp_path, "bom.md", data))
    assert article.title == "Bom" and body == "Line one\nline two\n"


def test_empty_file(tmp_path: Path) -> None:
    article, body = read_article(write(tmp_path, "2021-05-06-empty-note.md", b""))
    assert body == ""
    assert article.title == "Empty note"
    assert article.date == datetime(2021, 5, 6, tzinfo=UTC)
    assert article.excerpt == ""
    assert article.problems == ()


def test_binary_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    article, body = read_article(write(tmp_path, "picture.md", png))
    assert body == ""
    assert [p.kind for p in article.problems] == ["binary"]
    assert article.title == "Picture"


def test_nul_bytes_in_otherwise_utf8_text(tmp_path: Path) -> None:
    article, body = read_article(write(tmp_path, "nul.md", b"---\ntitle: x\n---\nhello\x00world\n"))
    assert article.title == "x"  # the front matter still reads
    assert body == "hello\ufffdworld\n"  # the text kept, the NUL shown as U+FFFD (CommonMark's rule)
    assert [(p.kind, p.line) for p in article.problems] == [("encoding", 4)]
    assert "NUL" in article.problems[0].message and "line 4" in article.problems[0].message


def test_toml_and_json_front_matter(tmp_path: Path) -> None:
    toml = '+++\ntitle = "Zola page"\ndate = 2021-03-04T05:06:07Z\n[taxonomies]\ntags = ["rust", "web"]\n+++\nBody.\n'
    article, body = read_article(write(tmp_path, "toml.md", toml))
    assert article.title == "Zola page" and body == "Body.\n"
    assert article.date == datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert article.tags == ("rust", "web")
    json_text = '{\n"title": "Hugo JSON",\n"tags": ["a"],\n"draft": true\n}\nBody.\n'
    article, body = read_article(write(tmp_path, "json.md", json_text))
    assert (article.title, article.tags, article.draft) == ("Hugo JSON", ("a",), True)
    assert body.strip() == "Body."


def test_invalid_toml_reports_its_line(tmp_path: Path) -> None:
    article, body = read_article(write(tmp_path, "t.md", '+++\ntitle = "ok"\nbroken = \n+++\nBody.\n'))
    assert body == "Body.\n"
    assert [(p.kind, p.line) for p in article.problems] == [("front-matter", 3)]


def test_fields_in_every_shape(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Shapes\ndate: '2019-06-01 10:00:00 +0200'\ntags: city mobility\ncategory: news\n"
        "author: {name: Ana Ivanova}\npublished: false\nlang: bg\nheader:\n  image: https://example.org/h.jpg\n"
        "description: A *short* summary.\n---\nBody.\n"
    )
    article, _ = read_article(write(tmp_path, "shapes.md", text))
    assert article.date == datetime(2019, 6, 1, 8, 0, tzinfo=UTC)
    assert article.tags == ("city", "mobility")
    assert article.categories == ("news",)
    assert article.authors == ("Ana Ivanova",)
    assert article.draft is True
    assert article.language == "bg"
    assert (article.image_url, article.image_path) == ("https://example.org/h.jpg", None)
    assert article.excerpt == "A short summary."


def test_missing_hero_image_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "title: T\n")
    path = write(tmp_path, "_posts/2020-01-01-x.md", "---\ntitle: X\nimage: /images/none here.jpg\n---\nText.\n")
    article, _ = read_article(path)
    assert article.image_path == tmp_path.resolve() / "images" / "none here.jpg"
    assert [p.kind for p in article.problems] == ["missing-image"]
    assert article.permalink == "/2020/01/01/x.html"  # Jekyll's default `date` style


def test_excerpt_before_more_marker(tmp_path: Path) -> None:
    text = "---\ntitle: M\n---\nFirst **part**.\n\nSecond [part](x.md).\n<!--more-->\nThe rest.\n"
    article, _ = read_article(write(tmp_path, "m.md", text))
    assert article.excerpt == "First part. Second part."


def test_discovery_skips_build_output_and_templates_and_survives_a_symlink_loop(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "title: Skips\nexclude: [README.md, drafts-old]\n")
    write(tmp_path, "_posts/2020-01-01-kept.md", "---\ntitle: Kept\n---\n")
    write(tmp_path, "notes/deep/also-kept.markdown", "# Also kept\n")
    for skipped in (
        "_site",
        "public",
        "node_modules",
        ".git",
        "vendor",
        ".hidden",
        "_layouts",
        "_includes",
        "_data",
        "_sass",
        "drafts-old",
    ):
        write(tmp_path, f"{skipped}/skipped.md", "# Skipped\n")
    write(tmp_path, "README.md", "# Readme\n")
    os.symlink(tmp_path / "notes", tmp_path / "notes" / "deep" / "loop")
    site = load_site(tmp_path, use_cache=False)
    assert sorted(a.rel_path for a in site.articles) == ["_posts/2020-01-01-kept.md", "notes/deep/also-kept.markdown"]
    assert site.title == "Skips"


def test_broken_symlink_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "ok.md", "# OK\n")
    os.symlink(tmp_path / "gone.md", tmp_path / "dangling.md")
    site = load_site(tmp_path, use_cache=False)
    assert [a.rel_path for a in site.articles] == ["ok.md"]
    assert [p.kind for p in site.problems] == ["read"]
    assert "dangling.md" in site.problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_site_problem(tmp_path: Path) -> None:
    write(tmp_path, "ok.md", "# OK\n")
    locked = write(tmp_path, "locked.md", "# Locked\n")
    locked.chmod(0)
    try:
        site = load_site(tmp_path, use_cache=False)
    finally:
        locked.chmod(0o644)
    assert [a.rel_path for a in site.articles] == ["ok.md"]
    assert [p.kind for p in site.problems] == ["read"]


def test_read_error_is_a_site_problem_even_for_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "ok.md", "# OK\n")
    locked = write(tmp_path, "locked.md", "# Locked\n")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    site = load_site(tmp_path, use_cache=False)
    assert [a.rel_path for a in site.articles] == ["ok.md"]
    assert [(p.kind, p.message) for p in site.problems] == [("read", "cannot read locked.md: Permission denied")]
    article, body = read_article(locked)
    assert (article.title, body, [p.kind for p in article.problems]) == ("Locked", "", ["read"])


def test_a_file_loads_its_whole_site(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "title: Whole\n")
    one = write(tmp_path, "_posts/2020-01-01-one.md", "---\ntitle: One\n---\n")
    write(tmp_path, "_posts/2021-01-01-two.md", "---\ntitle: Two\n---\n")
    site = load_site(one, use_cache=False)
    assert [a.title for a in site.articles] == ["Two", "One"]
    assert site.root == tmp_path.resolve()


def test_missing_path_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_site(tmp_path / "nope")
