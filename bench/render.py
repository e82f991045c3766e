"""Benchmark: article text to the first 120x40 screen and to the full layout, against Textual's MarkdownViewer.

Generates articles of about 5 KB, 130 KB and 1.3 MB in the reference article's style (front matter with a hero
image, a raw HTML headline, kramdown `{:target="_blank"}` links, pairs of images, lists, quotes; text of its own)
in a temporary Jekyll site, then measures in one run:

- newstui: read_article -> parse_document -> render_document, to the first screen (40 lines at 120 columns)
  and to the full layout (best of several runs);
- Textual's MarkdownViewer loading the same body headless (App.run_test at 120x40) until all its blocks are
  mounted (one run: it is slow);
- the peak resident memory of a fresh process laying out the 1.3 MB article.

Targets (issue 3, this machine): first screen <= 30 / 150 / 800 ms; at 130 KB and 1.3 MB at least 20x faster than
MarkdownViewer; <= 150 MB resident for 1.3 MB. Prints figures, ratios and pass/fail words; not a timed test.
`--quick` caps MarkdownViewer at 10 s per article (the 1.3 MB load takes much longer) and reports a lower bound.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SIZES = (("5 KB", 5_000, 0.030), ("130 KB", 130_000, 0.150), ("1.3 MB", 1_300_000, 0.800))
WIDTH, HEIGHT = 120, 40
RATIO_TARGET = 20.0
RSS_TARGET_MB = 150.0

_VOCABULARY = """
harbour tram depot quarter council residents district heating retrofit pilot sensor bicycle lane
charging station square market library school meeting survey budget timber roof solar panel ferry
bridge river canal bakery workshop volunteers archive mayor neighbourhood garden street lamp bus
stop timetable parking courtyard playground renovation insulation window tenant
"""
_WORDS = _VOCABULARY.split()
_PLACES = ("Harbourside", "Old Town", "North Quay", "Millbrook", "Eastfield", "Canal Row", "Hilltop")


def _sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), rng.choice(_PLACES) + "’s")
    return " ".join(words) + rng.choice(".....?!")


def _paragraph(rng: random.Random, n: int, links: bool = True) -> str:
    parts = [_sentence(rng) for _ in range(rng.randint(2, 5))]
    if links:
        label = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 3)))
        parts.insert(1, f'See [{label}](https://example.org/{n}/{label.replace(" ", "-")}){{:target="_blank"}}.')
    return " ".join(parts)


def _section(rng: random.Random, n: int) -> str:
    place = rng.choice(_PLACES)
    return "\n\n".join(
        [
            f"## {place}: {_sentence(rng, 3, 6).rstrip('.?!')}",
            f"**{_sentence(rng, 12, 20)}**",
            _paragraph(rng, n),
            f"![{place} group photo.jpg](/images/news/IMG_{n}_a.jpg)"
            f"![{place} street photo.jpg](/images/news/IMG_{n}_b.jpg)",
            _paragraph(rng, n, links=False) + "\n- " + _sentence(rng) + "\n- " + _sentence(rng),
            _paragraph(rng, n),
            f"*{_sentence(rng, 14, 24)}* \n- {rng.choice(_PLACES)} resident, speaking at the meeting",
        ]
    )


def make_article(size: int, seed: int = 3) -> str:
    """An article of about `size` bytes in the reference article's shape."""
    rng = random.Random(seed)
    head = (
        '---\nlayout: news-page\ntitle: "Harbourside Workshop Outcomes"\ndate: 2024-03-14\n'
        "imageurl: images/news/Harbour workshop_web.jpg\n---\n\n"
        '<div class="multiline">\n<h2><span class="ornament-news">Harbour Projects </span></h2>\n'
        '<h2><span class="ornament-news">as Changemakers?</span></h2>\n</div>\n\n'
    )
    parts = [head]
    total, n = len(head), 0
    while total < size:  # block by block, so the size lands close to the target
        for block in _section(rng, n).split("\n\n"):
            if total >= size:
                break
            parts.append(block + "\n\n")
            total += len(block.encode()) + 2
        n += 1
    return "".join(parts)


def make_site(folder: Path) -> dict[str, Path]:
    """A small Jekyll site holding the three articles; returns label -> article path."""
    (folder / "_config.yml").write_text("title: Bench\n", encoding="utf-8")
    posts = folder / "_news"
    posts.mkdir()
    paths = {}
    for label, size, _target in SIZES:
        path = posts / f"2024-03-14-bench-{size}.md"
        path.write_text(make_article(size), encoding="utf-8")
        paths[label] = path
    return paths


def newstui_times(path: Path, runs: int) -> tuple[tuple[float, float], tuple[float, float], int]:
    """((wall, cpu) first screen, (wall, cpu) full layout, line count), best of `runs`, file to styled lines.

    The first screen is what the reader does first: parse a prefix of the text (`first_screen`) and lay out
    40 lines; the full layout parses and lays out everything.
    """
    import newstui.document as document_module
    from newstui.document import first_screen, parse_document
    from newstui.library import load_site, read_article
    from newstui.render import render_document

    site = load_site(path.parent.parent)

    def top() -> int:
        article, body = read_article(path, site)
        doc = first_screen(body, source=path, site=site, article=article)
        return len(render_document(doc, WIDTH, site_root=site.root, max_lines=HEIGHT).plain)

    def whole() -> int:
        document_module._LAST_TOKENS = None  # a text seen for the first time: no tokens kept from the last run
        article, body = read_article(path, site)
        doc = parse_document(body, source=path, site=site, article=article)
        return len(render_document(doc, WIDTH, site_root=site.root).plain)

    first = _best(top, runs)
    full = _best(whole, runs)
    return first, full, whole()


def _best(step: Callable[[], object], runs: int) -> tuple[float, float]:
    """Best wall-clock and best CPU time of `runs` runs (CPU time shows the cost when the machine is busy)."""
    wall = cpu = float("inf")
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        step()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


async def markdown_viewer_time(body: str, cap: float | None) -> tuple[float, float, int, bool]:
    """MarkdownViewer loading `body`: (seconds until every block is mounted, until the screen is painted after
    that, block count, finished within the cap)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Markdown, MarkdownViewer

    done = asyncio.Event()

    class TimedViewer(MarkdownViewer):
        def _on_markdown_table_of_contents_updated(self, message: Markdown.TableOfContentsUpdated) -> None:
            super()._on_markdown_table_of_contents_updated(message)
            if message.table_of_contents:  # the first, empty update is Markdown's own mount
                done.set()

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            yield TimedViewer(body, show_table_of_contents=True)

    app = Bench()
    start = time.perf_counter()
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        try:
            await asyncio.wait_for(done.wait(), cap)
            finished = True
        except TimeoutError:
            finished = False
        mounted = time.perf_counter() - start
        await pilot.pause()
        painted = time.perf_counter() - start
        blocks = len(app.query("MarkdownBlock"))
    return mounted, painted, blocks, finished


def peak_rss_mb(path: Path) -> float:
    """Peak resident memory of a fresh interpreter laying out `path` completely."""
    out = subprocess.run(
        [sys.executable, __file__, "--child-rss", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return float(json.loads(out.strip().splitlines()[-1])["rss_mb"])


def _child_rss(path: Path) -> None:
    newstui_times(path, 1)
    print(json.dumps({"rss_mb": _peak_rss_kb() / 1024}))


def _peak_rss_kb() -> float:
    """This process's peak resident set. Linux's VmHWM belongs to the process image, whereas ru_maxrss keeps the
    parent's peak across fork and exec (the parent holds MarkdownViewer's 700 MB by then)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="cap MarkdownViewer at 10 s per article")
    parser.add_argument("--no-textual", action="store_true", help="skip MarkdownViewer entirely")
    parser.add_argument("--child-rss", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_rss:
        _child_rss(args.child_rss)
        return 0
    cap = 10.0 if args.quick else None
    failures = 0
    with tempfile.TemporaryDirectory(prefix="newstui-bench-") as tmp:
        paths = make_site(Path(tmp))
        print(f"newstui render benchmark, {WIDTH}x{HEIGHT}; best of several runs for newstui, one for Textual")
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"load average {load} (figures are wall-clock; a busy machine inflates them, CPU times less so)")
        for label, _size, target in SIZES:
            path = paths[label]
            size_kb = path.stat().st_size / 1000
            runs = 3 if "MB" in label else 7
            (first, first_cpu), (full, full_cpu), lines = newstui_times(path, runs)
            ok_first = first <= target
            failures += not ok_first
            print(f"\n{label} article ({size_kb:.0f} KB, {lines} lines at {WIDTH} columns)")
            goal = f"target <= {target * 1000:.0f} ms  {_verdict(ok_first)}"
            print(f"  newstui first screen  {first * 1000:8.1f} ms   (cpu {first_cpu * 1000:6.1f} ms)   {goal}")
            print(f"  newstui full layout   {full * 1000:8.1f} ms   (cpu {full_cpu * 1000:6.1f} ms)")
            if args.no_textual:
                continue
            from newstui.library import read_article

            _article, body = read_article(path)
            viewer, painted, blocks, finished = asyncio.run(markdown_viewer_time(body, cap))
            bound = "" if finished else ">"
            print(f"  MarkdownViewer        {bound}{viewer * 1000:7.0f} ms   ({blocks} blocks mounted)")
            print(f"  MarkdownViewer paint  {bound}{painted * 1000:7.0f} ms   (first paint after mounting)")
            ratio_first, ratio_full = viewer / first, viewer / full
            line = f"  ratio (mounted)       {bound}{ratio_first:.0f}x (first screen), {bound}{ratio_full:.0f}x (full)"
            if label != "5 KB":
                ok_ratio = ratio_first >= RATIO_TARGET
                failures += not ok_ratio
                line += f"   target >= {RATIO_TARGET:.0f}x  {_verdict(ok_ratio)}"
            print(line)
        rss = peak_rss_mb(paths["1.3 MB"])
        ok_rss = rss <= RSS_TARGET_MB
        failures += not ok_rss
        goal = f"target <= {RSS_TARGET_MB:.0f} MB  {_verdict(ok_rss)}"
        print(f"\npeak RSS, 1.3 MB article, fresh process: {rss:.0f} MB   {goal}")
    print("\nall targets met" if not failures else f"\n{failures} target(s) missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
