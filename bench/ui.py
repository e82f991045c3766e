"""Benchmark: moving the list selection to the next article until that article is shown in the reader.

Runs the app headless (120x40) on ../shared/corpus/smarttogether and steps through every article with `j`,
timing each step from the key until the reader holds the new article laid out and one screen refresh has run.
The first pass reads and parses each file (cold); the second pass takes them from the document cache (warm).
Target from issue 4: p95 <= 50 ms. With `--big N`, also times a generated N-article site (default 10,000) from
start to the list on screen, with an empty and with a warm metadata cache, and prints the peak memory.
Printed, not asserted. Run with `make bench` or `python bench/ui.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT.parent / "shared" / "corpus" / "smarttogether"
TARGET_MS = 50.0


def _isolate(folder: Path) -> None:
    """State, cache and config in a scratch folder: the benchmark never touches the user's."""
    os.environ["NEWSTUI_DATA_DIR"] = str(folder / "data")
    os.environ["NEWSTUI_CACHE_DIR"] = str(folder / "cache")
    os.environ["NEWSTUI_CONFIG"] = str(folder / "config.toml")


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def _wait(pilot, condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.001)


async def selection_steps(site: Path) -> tuple[list[tuple[float, float]], list[tuple[float, float]], int]:
    """Per `j`: (ms until the reader holds the new article laid out, ms until that frame is painted); for a
    cold pass and a warm pass; and the number of articles."""
    from newstui.ui.app import NewsApp
    from newstui.ui.screens import reading
    from newstui.ui.screens.main import MainScreen
    from newstui.ui.state import MemoryMarks

    reading.READ_AFTER = 3600.0  # no read marks redrawing the list in the middle of a measurement
    app = NewsApp(site, marks=MemoryMarks())
    passes: list[list[tuple[float, float]]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.loaded)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        painted: list[float] = []
        update = screen._on_timer_update

        def timed_update() -> None:  # Textual paints the screen from this timer callback
            update()
            painted.append(time.perf_counter())

        screen._on_timer_update = timed_update  # type: ignore[method-assign]
        screen._update_timer._callback = timed_update  # the timer holds the bound method it was made with
        rows = screen.article_list.rows
        for _ in range(2):
            screen.article_list.focus()
            screen.article_list.cursor = 0
            await _wait(pilot, lambda: screen.current == rows[0] and screen.reader.document is screen.document)
            await pilot.pause()
            times = []
            for index in range(1, len(rows)):
                wanted = rows[index].path
                start = time.perf_counter()
                screen.article_list.action_cursor_down()  # what `j` runs
                await _wait(
                    pilot,
                    lambda w=wanted: (
                        screen.current is not None
                        and screen.current.path == w
                        and screen.reader.document is screen.document
                        and screen.reader.rendered.width > 0
                    ),
                )
                laid_out = time.perf_counter()
                await _wait(pilot, lambda t=laid_out: bool(painted) and painted[-1] > t)
                times.append(((laid_out - start) * 1000, (painted[-1] - start) * 1000))
            passes.append(times)
    return passes[0], passes[1], len(rows)


async def list_on_screen(site: Path) -> float:
    """Seconds from starting the app until the list shows rows."""
    from newstui.ui.app import NewsApp
    from newstui.ui.screens.main import MainScreen
    from newstui.ui.state import MemoryMarks

    start = time.perf_counter()
    app = NewsApp(site, marks=MemoryMarks())
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: isinstance(app.screen, MainScreen) and bool(app.screen.article_list.rows), 120)
        await pilot.pause()
        return time.perf_counter() - start


def report(name: str, steps: list[tuple[float, float]]) -> None:
    for label, values in (("laid out", [s[0] for s in steps]), ("painted", [s[1] for s in steps])):
        p95 = _percentile(values, 0.95)
        verdict = "meets" if p95 <= TARGET_MS else "MISSES"
        print(
            f"{name:<5} {label:<9} n={len(values):<4} p50={statistics.median(values):6.1f} ms  "
            f"p95={p95:6.1f} ms  max={max(values):6.1f} ms  -> {verdict} the {TARGET_MS:.0f} ms p95 target"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE, help="site to step through (default: smarttogether)")
    parser.add_argument("--big", type=int, nargs="?", const=10_000, default=0, help="also time an N-article site")
    args = parser.parse_args()
    if not args.site.exists():
        sys.exit(f"bench/ui.py: {args.site} not found (../shared beside the checkout)")
    with tempfile.TemporaryDirectory(prefix="newstui-bench-ui-") as scratch:
        _isolate(Path(scratch))
        print(f"Selection change to the new article shown, headless 120x40, {args.site}")
        cold, warm, count = asyncio.run(selection_steps(args.site))
        print(f"{count} articles")
        report("cold", cold)
        report("warm", warm)
        if args.big:
            sys.path.insert(0, str(ROOT / "bench"))
            from library import generate  # the library benchmark's generator: same articles, same site

            big = Path(scratch) / "big"
            big.mkdir()
            generate(big, args.big)
            first = asyncio.run(list_on_screen(big))
            second = asyncio.run(list_on_screen(big))
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{args.big:,}-article site: list on screen {first:.2f} s cold (target 3 s), "
                f"{second:.2f} s warm (target 1 s); peak RSS {peak:.0f} MB (target 250 MB)"
            )


if __name__ == "__main__":
    main()
