"""Terminal safety: control characters in any field of an article never reach the screen or stdout raw.

Every payload (CSI, OSC 52 clipboard, OSC 8 links, OSC 0 titles, DCS, all C0 and C1 controls) goes into the
title, tags, authors, hero image, headings, body, link text, URLs, captions, quotes, lists, tables, code and file
names. The reader's pipeline and `newstui list`, `search` and `cat` (both colour modes) must show it inert.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import newstui.cli.commands  # noqa: F401  (registers the subcommands)
from newstui.cli import cli, main
from newstui.document import parse_document
from newstui.library import load_site, read_article
from tests.hardening.hostile import (
    EVERYTHING,
    PAYLOADS,
    hostile_article,
    make_site,
    raw_controls,
    render_file,
    screen_text,
    toml_quoted,
    yaml_quoted,
)

MARKERS = ("TitleWord", "tagword", "Author", "bodyword", "linkword", "captionword", "quoteword", "itemword",
           "cellword", "codeword")  # fmt: skip
EVIL_NAME = "2024-05-03-\x1b]0;pwned\x07\x9b2Jname.md"  # a file name holding OSC 0 and an 8-bit CSI


@pytest.mark.parametrize("width", [40, 100])
@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_every_field_is_shown_inert_by_the_reader(tmp_path: Path, name: str, width: int) -> None:
    site = make_site(tmp_path, {"2024-05-01-hostile.md": hostile_article(PAYLOADS[name])})
    rendered = render_file(site / "_posts" / "2024-05-01-hostile.md", width, color=True)
    text = screen_text(rendered)
    assert raw_controls(text) == []
    assert raw_controls("\n".join(rendered.plain)) == []
    missing = [word for word in MARKERS if word not in text.replace("\n", " ")]
    assert missing == [], "fields dropped instead of shown"
    if "\x1b" in PAYLOADS[name]:
        assert "␛" in text  # visible, so a reader sees that something odd was there


def test_a_nul_byte_makes_the_file_binary_and_still_nothing_leaks(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"2024-05-01-nul.md": hostile_article("\x00" + EVERYTHING)})
    rendered = render_file(site / "_posts" / "2024-05-01-nul.md")
    assert raw_controls(screen_text(rendered)) == []


def _problem_site(root: Path) -> Path:
    """Articles whose problems quote hostile text: bad YAML, bad TOML, bad date, missing images, odd names."""
    p = PAYLOADS["osc0-title"] + PAYLOADS["c1-csi"] + PAYLOADS["osc52-clipboard"]
    return make_site(
        root,
        {
            "2024-05-01-yaml.md": f"---\ntitle: [unclosed {p}\n---\nbody yamlword\n",
            "2024-05-02-date.md": f"---\ntitle: Dated\ndate: {yaml_quoted('2024-13-45' + p)}\n---\nbody dateword\n",
            EVIL_NAME: "no front matter, evilnameword\n",
            "2024-05-04-img.md": (
                f"---\ntitle: Images\nimage: {yaml_quoted('/images/none' + p + '.png')}\n---\n"
                f"![gone {p}](/images/gone{p}.png) imgword\n"
            ),
            "2024-05-05-toml.md": f"+++\ntitle = {toml_quoted('toml ' + p)}\nbad = [\n+++\nbody tomlword\n",
            "2024-05-06-fields.md": hostile_article(p),
        },
    )


def test_problem_messages_are_safe_to_print(tmp_path: Path) -> None:
    """records.Problem promises messages "already safe to print": `check --json` and logs rely on it."""
    site_root = _problem_site(tmp_path)
    site = load_site(site_root)
    messages = [p.message for p in site.problems]
    for article in site.articles:
        _, body = read_article(article.path, site)
        doc = parse_document(body, source=article.path, site=site, article=article)
        messages += [str(getattr(p, "message", p)) for p in (*article.problems, *doc.problems)]
    assert any("none" in m for m in messages), messages  # the hero image problem is among them
    leaking = [m for m in messages if raw_controls(m)]
    assert leaking == []


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def problem_site(tmp_path: Path) -> Path:
    return _problem_site(tmp_path / "site")


def test_list_plain_and_json_show_nothing_raw(problem_site: Path) -> None:
    code, out, err = _invoke("list", str(problem_site))
    assert code == 0, err
    assert raw_controls(out) == [] and raw_controls(err) == []
    assert "Images" in out and "Dated" in out and "␛" in out  # the evil title (from the name) is listed, inert
    code, out, err = _invoke("list", str(problem_site), "--json")
    assert code == 0, err
    assert raw_controls(out) == [] and raw_controls(err) == []
    rows = json.loads(out)
    assert len(rows) == 6
    # `jq -r .title` prints decoded strings to a terminal: the values must be clean too, not just the escapes.
    leaking = [value for row in rows for value in _strings(row) if raw_controls(value)]
    assert leaking == []


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)] + [s for k in value for s in _strings(k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("query", ["bodyword", "evilnameword", "pwned", "TitleWord"])
def test_search_plain_and_json_show_nothing_raw(problem_site: Path, query: str) -> None:
    code, out, err = _invoke("search", query, str(problem_site))
    assert code == 0, err
    assert out.strip(), f"no hit for {query}"
    assert raw_controls(out) == [] and raw_controls(err) == []
    code, out, err = _invoke("search", query, str(problem_site), "--json")
    assert code == 0, err
    assert raw_controls(out) == [] and raw_controls(err) == []
    assert [v for row in json.loads(out) for v in _strings(row) if raw_controls(v)] == []


@pytest.mark.parametrize("color", ["--color", "--no-color"])
def test_cat_prints_only_its_own_colour_codes(problem_site: Path, color: str) -> None:
    files = sorted(str(p) for p in (problem_site / "_posts").iterdir())
    code, out, err = _invoke("cat", *files, "--width", "72", color)
    assert code == 0, err
    assert raw_controls(out, sgr_allowed=color == "--color") == []
    assert raw_controls(err) == []
    if color == "--no-color":
        assert "\x1b" not in out
    else:
        assert "\x1b[" in out  # colour really was on, so the SGR allowance was needed
    for word in ("yamlword", "dateword", "evilnameword", "imgword", "tomlword", "bodyword"):
        assert word in out
    assert "warning" in err and "␛" in err  # problems quoting hostile text are printed, inert


def test_cat_of_a_file_named_with_escapes_names_it_inertly(
    problem_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = problem_site / "_posts" / EVIL_NAME
    evil.write_text("---\ntitle: [broken\n---\nbody\n", encoding="utf-8")  # a warning that names the file
    code, out, err = _invoke("cat", str(evil), "--no-color")
    assert code == 0
    assert "front matter" in err and "␛]0;pwned" in err
    assert raw_controls(out) == [] and raw_controls(err) == []
    missing = str(tmp_path / "gone\x1b]0;pwned\x07.md")
    with pytest.raises(SystemExit) as exited:  # the real entry point, which turns usage errors into one line
        main(["cat", missing])
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert err.startswith("newstui: error:") and "␛]0;pwned" in err
    assert raw_controls(out) == [] and raw_controls(err) == []


def test_check_reports_hostile_problems_inertly(problem_site: Path) -> None:
    code, out, err = _invoke("check", str(problem_site))
    assert code == 1  # there are problems
    assert "not valid YAML" in out + err and "␛" in out + err
    assert raw_controls(out) == [] and raw_controls(err) == []
    code, out, err = _invoke("check", str(problem_site), "--json")
    assert code == 1
    assert raw_controls(out) == [] and raw_controls(err) == []
    assert [v for v in _strings(json.loads(out)) if raw_controls(v)] == []
