"""Benchmark: full-text search over a generated 10,000-article site.

Targets from issue 4: a query <= 50 ms in process, and `newstui search` <= 1 s as a whole process with a warm
index. Also printed, without targets: the cold index build, a refresh when nothing changed, and one after editing
100 articles. Figures are printed with pass/fail words; it is not a timed test.
Run with `make bench` or `python bench/search.py [--count N]`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERY_TARGET = 0.050
PROCESS_TARGET = 1.0
HERE = Path(__file__).resolve().parent
QUERIES = ("workshop", "sofia mobility", '"joint solutions"', "refurb", "deputy mayor vienna", "zeppelin")


def _generator():  # the same site as bench/library.py, so both benchmarks measure the same input
    spec = importlib.util.spec_from_file_location("bench_library", HERE / "library.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def _verdict(seconds: float, target: float) -> str:
    return "pass" if seconds <= target else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent / "src"))
    from newstui.cli.search_cmd import refreshed_index

    with tempfile.TemporaryDirectory(prefix="newstui-bench-search-") as tmp:
        site_dir, cache = Path(tmp) / "site", Path(tmp) / "cache"
        site_dir.mkdir()
        os.environ["NEWSTUI_CACHE_DIR"] = str(cache)
        _generator()(site_dir, args.count)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"site: {args.count} generated articles; the index is refreshed as `newstui search` does it")
        print(f"machine: {os.cpu_count()} cores, load average {load:.1f} (figures are wall time unless marked CPU)")

        started = time.perf_counter()
        index, _ = refreshed_index(site_dir)
        cold = time.perf_counter() - started
        size_mb = (index.path.stat().st_size if index.path else 0) / 1e6
        print(f"index build, cold:          {cold:6.2f} s  ({len(index)} articles, {size_mb:.0f} MB on disk)")
        index.close()

        started = time.perf_counter()
        refreshed_index(site_dir)[0].close()
        print(f"refresh, nothing changed:   {time.perf_counter() - started:6.3f} s  (directory walk + stamp check)")

        edited = sorted(site_dir.glob("_news/*.md"))[:: max(1, args.count // 100)][:100]
        for path in edited:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("\nA zeppelin was seen over the square.\n")
        started = time.perf_counter()
        index, _ = refreshed_index(site_dir)
        print(f"refresh after editing {len(edited)}: {time.perf_counter() - started:6.3f} s")
        with index:
            found = len(index.search("zeppelin", limit=1000))
            if found != len(edited):
                print(f"the edited articles were not all found: {found} of {len(edited)}")
                return 1
            print("queries in process, 20 runs each: median wall / worst wall / median CPU (target <= 50 ms):")
            worst_all = 0.0
            for query in QUERIES:
                times, cpu = [], []
                for _ in range(20):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    hits = index.search(query)
                    times.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - started_cpu)
                worst_all = max(worst_all, statistics.median(times))
                print(
                    f"  {query!r:24} {len(hits):3} hits  {statistics.median(times) * 1000:6.1f} ms"
                    f" / {max(times) * 1000:6.1f} ms / {statistics.median(cpu) * 1000:6.1f} ms CPU"
                    f"  {_verdict(statistics.median(times), QUERY_TARGET)}"
                )
            print(f"query in process, slowest median: {worst_all * 1000:.1f} ms  {_verdict(worst_all, QUERY_TARGET)}")

        script = Path(sys.executable).parent / "newstui"  # the console script, as a user runs it
        runner = [str(script)] if script.exists() else [sys.executable, "-c", "from newstui.cli import main; main()"]
        command = [*runner, "search", "sofia mobility"]
        env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
        walls, cpus = [], []
        for _ in range(5):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            result = subprocess.run([*command, str(site_dir)], capture_output=True, env=env, check=False)
            walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if result.returncode != 0:
                print(f"newstui search failed: {result.stderr.decode(errors='replace')[:500]}")
                return 1
        wall = statistics.median(walls)
        print(
            f"`newstui search` whole process, warm index (median of 5): {wall:.2f} s  target <= {PROCESS_TARGET} s"
            f"  {_verdict(wall, PROCESS_TARGET)}  (runs: {', '.join(f'{w:.2f}' for w in walls)};"
            f" CPU median {statistics.median(cpus):.2f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
