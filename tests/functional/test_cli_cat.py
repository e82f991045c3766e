"""`newstui cat`: the reference article read end to end, every corpus article, hostile text, colour and width."""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

import newstui.cli.commands  # noqa: F401  (registers the subcommands)
from newstui.cli import cli, main
from newstui.cli.cat_cmd import want_color
from newstui.document import parse_document
from newstui.library import load_site, read_article
from newstui.render import RenderTheme, render_document
from tests.conftest import CORPORA, CORPUS, REFERENCE, SEED, need

HEADLINE = "Smart Mobility Projects as Changemakers?"
PARAGRAPHS = (
    "Common problems and joint solutions for smart mobility and citizen engagement were at the focus of a "
    "thematic workshop in Sofia in the framework of the Smarter Together project.",
    "Energy Cities, Eurocities and Sofia Municipality organised the workshop, at which the Bulgarian capital "
    "presented its Smart Specialization Strategy.",
    "The workshop brought together four Bulgarian cities participating in four H2020 Smart Cities projects: "
    "Smarter Together (Sofia), Sharing Cities (Burgas), SmartEnCity (Asenovgrad) and mySMARTLife (Varna) as well "
    "as the city of Plovdiv and Energy Cities’ collective member EcoEnergy-Municipal Energy Efficiency Network.",
    "The 2-days workshop was a big opportunity for these cities to discuss common problems and find joint "
    "solutions for mobility and citizen engagement. A number of smart city critical topics were discussed:",
    "How to have a political and citizen buy-in for smart city projects",
    "How to identify the right stakeholders benefiting from the specific project and how to work with them; how "
    "to tailor the solutions for the specific local reality and ecosystem",
    "Moreover, the planning and usage of data was also addressed as a smart city critical topic, in which "
    "synergies can be created between these cities.",
    "The Municipality of Sofia and the Sofia Urban Mobility Centre organized also a technical visit to the "
    "geothermal power station at the Sofia Regional Museum of History, the traffic Management Centre of Sofia, "
    "the parking management system at Sofia Urban Mobility Centre, the interconnection of the two metro lines and "
    "a refurbished social housing building for accommodation of vulnerable groups.",
    "Each city is unique: and we cannot pretend to be like the others. Burgas does not want to be Copenhagen for "
    "cycling, nor Shanghai for modal split.",
    "Ruska Boyadzhieva, Deputy Mayor of Burgas",
    "This article and photos are provided courtesy of Energy Cities. To access the original article, please click "
    "here.",
)
CAPTIONS = (
    "Sofia group photo.jpg",
    "Sofia outdoor photo.jpg",
    "Sofia Bojan photo.jpg",
    "Sofia bus photo.jpg",
    "Sofia presentation photo.jpg",
)
HERO = "Studierende HS Muenchen im Stadtteillabor_web.jpg"
LINKS = (
    "Smart Specialization Strategy.",
    "Smarter Together",
    "Sharing Cities",
    "SmartEnCity",
    "mySMARTLife",
    "EcoEnergy-Municipal Energy Efficiency Network.",
    "Energy Cities",
    "click here.",
)
LEAKS = ("{:", "<div", "<span", "â€", "{%", "{{")
SGR = re.compile(r"\x1b\[[0-9;]*m")


def cat(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(cli, ["cat", *args])


def squeeze(text: str) -> str:
    """Text without any whitespace: compares paragraphs however they were wrapped."""
    return "".join(text.split())


def body_text(lines: list[str]) -> str:
    """The text inside boxes and beside bars, frames removed."""
    return "\n".join(line.strip("│┌┐└┘─ ▌") for line in lines)


@pytest.mark.corpus
@pytest.mark.parametrize("copy", [REFERENCE, SEED], ids=["corpus", "seed"])
@pytest.mark.parametrize("width", [60, 100])
def test_reference_article_reads_whole(copy: Path, width: int) -> None:
    result = cat(str(need(copy)), "--width", str(width))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= width for line in lines), max(lines, key=cell_len)
    assert [line for line in lines if HEADLINE in line] == [HEADLINE]  # one heading, on one line
    text = body_text(lines)
    flat = squeeze(text)
    for paragraph in PARAGRAPHS:
        assert squeeze(paragraph) in flat, paragraph
    for caption in CAPTIONS:
        assert f"▣ {caption}" in text
    assert squeeze(HERO) in flat
    assert lines[0].startswith("┌") and "Workshop Outcomes from Sofia, Bulgaria" in lines[4:8]
    for link in LINKS:
        assert squeeze(link) in flat
    for leak in LEAKS:
        assert leak not in result.stdout
    assert sum(line.startswith("┌") for line in lines) == 6  # the hero and five images, each its own box


@pytest.mark.corpus
def test_reference_article_images_are_found_in_the_site() -> None:
    result = cat(str(need(REFERENCE)), "--width", "100")
    assert "missing" not in result.stdout
    assert "images/news/DSC_5591_edit.jpg" in result.stdout
    assert f"images/news/{HERO}" in result.stdout
    assert result.stderr == ""


@pytest.mark.corpus
def test_seed_copy_outside_its_site_reports_the_missing_hero() -> None:
    result = cat(str(need(SEED)), "--width", "100")
    assert result.exit_code == 0
    assert "(missing)" in result.stdout
    assert f"newstui: warning: {SEED}: " in result.stderr
    assert all(line.startswith("newstui: warning: ") for line in result.stderr.splitlines())


@pytest.mark.corpus
def test_reference_targets_in_document_order() -> None:
    path = need(REFERENCE)
    site = load_site(path)
    article, body = read_article(path, site)
    doc = parse_document(body, source=path, site=site, article=article)
    rendered = render_document(doc, 60, site_root=site.root)
    first_line: dict[int, int] = {}
    for span in rendered.target_spans:
        first_line.setdefault(span.target, span.line)
    order = sorted(first_line, key=lambda t: (first_line[t], t))
    assert order == sorted(order) and order[0] == doc.hero == 0
    link_texts = []
    for index in order:
        if doc.targets[index].kind != "link":
            continue
        spans = [s for s in rendered.target_spans if s.target == index]
        link_texts.append(" ".join(rendered.plain[s.line][s.start : s.end] for s in spans))
    assert [squeeze(text) for text in link_texts] == [squeeze(link) for link in LINKS]


def _code_style(style: object, theme: RenderTheme) -> bool:
    bgcolor = getattr(style, "bgcolor", None)
    return bgcolor is not None and bgcolor in (theme.code_block.bgcolor, theme.code_inline.bgcolor)


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPORA)
def test_every_corpus_article_renders_at_80_without_markup_outside_code(name: str) -> None:
    root = need(CORPUS / name)
    site = load_site(root)
    theme = RenderTheme.dark()
    assert len(site.articles) > 50
    failures: list[str] = []
    for entry in site.articles:
        article, body = read_article(entry.path, site)
        doc = parse_document(body, source=entry.path, site=site, article=article)
        rendered = render_document(doc, 80, theme=theme, site_root=site.root)
        for number, (segments, plain) in enumerate(zip(rendered.lines, rendered.plain, strict=True)):
            if cell_len(plain) > 80:
                failures.append(f"{entry.rel_path}:{number}: {cell_len(plain)} cells")
            for segment in segments:
                if any(mark in segment.text for mark in ("{%", "{:", "{{<")) and not _code_style(segment.style, theme):
                    failures.append(f"{entry.rel_path}:{number}: markup outside code: {segment.text[:60]!r}")
    assert not failures, "\n".join(failures[:20])


_RAW_MARKER = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")


@pytest.mark.corpus
def test_jekyll_raw_markers_never_show_not_even_in_code() -> None:
    """Jekyll runs Liquid before Markdown: `{% raw %}` and `{% endraw %}` vanish from code spans and blocks too.

    The one `{% raw %}` the site itself shows is the body of `{% raw %}{% raw %}{% endraw %}` (a release note
    saying highlight "now behaves like {% raw %}"), which must stay.
    """
    site = load_site(need(CORPUS / "jekyll-docs"))
    theme = RenderTheme.dark()
    failures: list[str] = []
    kept = 0
    for entry in site.articles:
        article, body = read_article(entry.path, site)
        doc = parse_document(body, source=entry.path, site=site, article=article)
        rendered = render_document(doc, 80, theme=theme, site_root=site.root)
        text = " ".join(" ".join(rendered.plain).split())
        kept += text.count("now behaves like {% raw %}")
        for found in _RAW_MARKER.finditer(text.replace("now behaves like {% raw %}", "")):
            failures.append(f"{entry.rel_path}: {text[max(0, found.start() - 40) : found.end() + 20]!r}")
    assert not failures, "\n".join(failures[:20])
    assert kept == 2  # the two release notes (4.0.0 pre-alpha1 and pre-beta1) that say so


@pytest.mark.corpus
def test_cat_prints_a_whole_corpus_in_one_run() -> None:
    files = [str(p) for p in sorted(need(CORPUS / "smarttogether" / "_news").glob("*.md"))]
    result = cat(*files, "--width", "80", "--no-color")
    assert result.exit_code == 0, result.stderr[-500:]
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert sum(line == "─" * 80 for line in lines) >= len(files) - 1  # one separator between articles
    for leak in ("{:", "<div", "<span", "â€"):
        assert leak not in result.stdout


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "_config.yml").write_text("title: T\n", encoding="utf-8")
    posts = tmp_path / "_posts"
    posts.mkdir(exist_ok=True)
    path = posts / name
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "2020-01-01-evil.md",
        '---\ntitle: "Evil \\e]0;pwned\\a title"\n---\n'
        "Body \x1b[2J\x1b]52;c;SGVsbG8=\x07 text \x9b31m and \u202ereversed.\n\n"
        "![cap\x1b[31mtion](/img/x\x1b.png)\n\n```\ncode \x1b[1m\n```\n",
    )
    for flag in ("--no-color", "--color"):
        result = cat(str(path), "--width", "60", flag)
        assert result.exit_code == 0
        stripped = SGR.sub("", result.stdout)
        for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert bad not in stripped, flag
        assert "␛" in stripped  # shown, so the reader sees something was there
        assert "\x1b" not in result.stderr


def test_wide_characters_and_tables_fit_the_width(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "2020-01-02-wide.md",
        "---\ntitle: 日本語のタイトル 😀\n---\n"
        + "東京都の新しい交通計画について説明します。" * 6
        + "\n\nCafe\u0301 na\u0303o 👨‍👩‍👧 family 🇧🇬 flag ❤️ heart. " * 6
        + "\n\n| Name | Description | When | Where | Notes |\n|---|---|---|---|---|\n"
        + "| 名前 | "
        + "a long description that cannot fit on one line of a narrow screen " * 2
        + "| 2017-07-27 | Sofia | 😀 fine |\n",
    )
    for width in (30, 45):
        result = cat(str(path), "--width", str(width))
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert all(cell_len(line) <= width for line in lines), max(lines, key=cell_len)
        assert "東京都" in result.stdout and "名前" in result.stdout and "Sofia" in result.stdout


def test_several_files_in_order_with_a_separator(tmp_path: Path) -> None:
    first = _write(tmp_path, "2020-01-03-one.md", "---\ntitle: First one\n---\nAlpha text.\n")
    second = _write(tmp_path, "2020-01-04-two.md", "---\ntitle: Second one\n---\nBeta text.\n")
    result = cat(str(first), str(second), "--width", "40")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines.index("First one") < lines.index("─" * 40) < lines.index("Second one")
    assert lines[-1] == "Beta text."


def test_problems_are_warnings_and_the_article_still_prints(tmp_path: Path) -> None:
    text = "---\ntitle: [unclosed\n---\nText stays.\n\n![a photo](/images/none.jpg)\n"
    path = _write(tmp_path, "2020-01-05-img.md", text)
    result = cat(str(path), "--width", "50")
    assert result.exit_code == 0
    assert "Text stays." in result.stdout
    assert "▣ a photo" in result.stdout and "(missing)" in result.stdout
    warnings = result.stderr.splitlines()
    assert warnings and all(line.startswith(f"newstui: warning: {path}: ") for line in warnings)
    assert any("front matter" in line for line in warnings)


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["cat", str(tmp_path / "nope.md")])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.err == f"newstui: error: no such file or folder: {tmp_path / 'nope.md'}\n"
    assert captured.out == ""


def test_colour_flags_and_no_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "2020-01-06-c.md", "---\ntitle: Colour\n---\nSome **bold** and [a link](https://x.org).\n")
    assert "\x1b[" not in cat(str(path), "--width", "40").stdout  # not a terminal: plain
    coloured = cat(str(path), "--width", "40", "--color").stdout
    assert "\x1b[" in coloured and SGR.sub("", coloured) == cat(str(path), "--width", "40").stdout
    assert "\x1b[" in cat(str(path), "--color", env={"NO_COLOR": "1"}).stdout  # an explicit flag wins
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert want_color(None, True) and not want_color(None, False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not want_color(None, True) and want_color(True, False)


def _on_a_terminal(args: list[str], env: dict[str, str], columns: int = 50) -> str:
    """Run `newstui` with stdout on a pseudo-terminal `columns` wide; returns what it printed there."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    code = "import sys; from newstui.cli import main; main(sys.argv[1:])"
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=slave, stderr=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def test_on_a_terminal_colour_and_width_come_from_the_terminal(tmp_path: Path) -> None:
    path = _write(tmp_path, "2020-01-07-t.md", "---\ntitle: Terminal\n---\n" + "word " * 80 + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    shown = _on_a_terminal(["cat", str(path)], env)
    assert "\x1b[" in shown
    lines = SGR.sub("", shown).splitlines()
    assert max(cell_len(line) for line in lines) <= 50 and max(cell_len(line) for line in lines) > 40
    for switch in (["--no-color"], []):  # NO_COLOR or --no-color: attributes only, never a colour
        env_now = {**env, "NO_COLOR": "1"} if not switch else env
        shown = _on_a_terminal(["cat", str(path), *switch], env_now)
        codes = {code for params in re.findall(r"\x1b\[([0-9;]*)m", shown) for code in params.split(";") if code}
        assert codes and codes <= {"0", "1", "2", "3", "4", "7", "9"}, codes
        assert "Terminal" in SGR.sub("", shown)


_MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("ab cd\n\n*_[]()!#>-|`~{}%<>:=\"'/.1\t漢字😀\u0301\x1b\x07\u202e")), max_size=300
)


@settings(max_examples=120, deadline=None)
@given(text=_MARKDOWNISH, width=st.integers(min_value=20, max_value=120))
def test_any_markdownish_text_parses_and_renders_within_width(text: str, width: int) -> None:
    rendered = render_document(parse_document(text), width)
    assert all(cell_len(line) <= width for line in rendered.plain)
    assert not any(bad in seg.text for line in rendered.lines for seg in line for bad in ("\x1b", "\x07", "\u202e"))
