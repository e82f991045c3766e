"""`newstui check [PATH] [--json]`: what an editor must fix before publishing.

Reports, per article: images whose file is missing, links to local files that are not there, and the problems
the library records while reading (front matter, encoding, binary data, impossible dates), plus site-level
problems (unreadable folders, a bad config). Exit status 1 when anything is reported, 0 when the site is clean,
2 for a bad path: usable in CI and pre-commit hooks. Remote URLs are not fetched: the check works offline.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newstui.cli import cli, fail
from newstui.cli.paths import path_or_default
from newstui.cli.search_cmd import TerminalProgress
from newstui.safetext import clean

if TYPE_CHECKING:
    from newstui.document.model import Document, Target
    from newstui.library.records import Article, Site

_MISSING = {"image": "missing-image", "media": "missing-media", "link": "missing-file", "internal": "missing-file"}
_WHAT = {"image": "image not found", "media": "media file not found", "link": "link to a missing file"}


@dataclass(frozen=True)
class Finding:
    """One thing to fix: where (site-relative path, 1-based line when known), what kind, and a sentence."""

    path: str  # "" for problems of the site itself
    line: int | None
    kind: str
    message: str


def _line_of(raw: str, body: str, body_line: int, start: int) -> tuple[int | None, int]:
    """Line in the source file where `raw` (as the author wrote it) appears in the body at or after `start`
    (targets come in document order, so a file linked twice is reported at the right place), and the next start.
    """
    if not raw:
        return None, start
    index = body.find(raw, start)
    if index < 0:
        index = body.find(raw)
    if index < 0:
        return None, start
    return body_line + body.count("\n", 0, index), index + len(raw)


def _target_findings(article: Article, body: str, document: Document) -> list[Finding]:
    findings = []
    cursor = 0
    for target in document.targets:
        line, cursor = _line_of(target.raw, body, article.body_line, cursor)
        if target.index == document.hero or not _is_missing(target):
            continue  # the hero image is checked by the library and reported among the article's problems
        what = _WHAT.get(target.kind, "link to a missing article")
        findings.append(Finding(article.rel_path, line, _MISSING[target.kind], f"{what}: {target.raw}"))
    return findings


def _is_missing(target: Target) -> bool:
    """A local file that is not there. A destination still holding a template (`{{ site.repository }}/...`, a
    variable only the site generator knows) cannot be checked offline, so it is not reported."""
    if "{{" in target.raw or "{%" in target.raw:
        return False
    return target.kind in _MISSING and target.local_path is not None and target.exists is False


def check_site(
    site: Site, files: list[Path] | None = None, progress: Callable[[int, int], None] | None = None
) -> tuple[list[Finding], int]:
    """Every finding in `site` (or only in `files` of it), ordered by path and line, and how many articles
    were checked; `progress(done, total)` is told as articles are parsed."""
    from newstui.document import parse_document
    from newstui.library import read_article

    findings = [] if files is not None else [Finding("", p.line, p.kind, p.message) for p in site.problems]
    paths = files if files is not None else [a.path for a in site.articles]
    for done, path in enumerate(paths, start=1):
        if progress is not None:
            progress(done, len(paths))
        article, body = read_article(path, site)
        document = parse_document(body, source=article.path, site=site, article=article)
        seen = set()
        for problem in document.problems:
            kind, message = getattr(problem, "kind", "markup"), getattr(problem, "message", str(problem))
            if (kind, message) not in seen:
                seen.add((kind, message))
                findings.append(Finding(article.rel_path, getattr(problem, "line", None), kind, message))
        findings.extend(_target_findings(article, body, document))
    findings.sort(key=lambda f: (f.path, f.line or 0))
    return findings, len(paths)


def _plain(finding: Finding) -> str:
    where = clean(finding.path) + (f":{finding.line}" if finding.line else "")
    prefix = f"{where}: " if where else ""
    return f"{prefix}{clean(finding.kind)}: {clean(finding.message)}"


@cli.command("check")
@click.argument("path", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of findings.")
@click.pass_context
def check_command(ctx: click.Context, path: str | None, as_json: bool) -> None:
    """Report broken images, links to missing files, and front matter, encoding and date problems (exit 1 if any).

    PATH is a site or a folder of it (every article under it) or one article file.
    """
    from newstui.library import load_site, site_for

    target = path_or_default(path)
    if not target.exists():
        fail(f"no such file or folder: {target}")
    progress = TerminalProgress("checking")
    try:
        if target.is_dir():
            findings, checked = check_site(load_site(target), progress=progress)
        else:  # one file (an editor's save hook, a pre-commit run): that file only, in its site's context
            findings, checked = check_site(site_for(target), [target.resolve()])
    except OSError as exc:
        fail(f"cannot read {target}: {exc.strerror or exc}")
    finally:
        progress.finish()
    if as_json:
        rows = [{k: clean(v) if isinstance(v, str) else v for k, v in asdict(f).items()} for f in findings]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(_plain(finding))
    articles = len({f.path for f in findings if f.path})
    if findings:
        noun = "problem" if len(findings) == 1 else "problems"
        click.echo(f"newstui: {len(findings)} {noun} in {articles} of {checked} articles", err=True)
        ctx.exit(1)
    click.echo(f"newstui: no problems in {checked} articles", err=True)
