"""Benchmark: the reader's pipeline (read, parse, render at 80 columns) on the pathological inputs of issue 5.

For each case (20,000 nested quotes, 3,000 nested lists, 100,000 `[`, 30,000 unmatched emphasis markers, a 2 MB
line, a 400-column table, a 5 MB article, ...) it runs 2-3 sizes, each in a fresh child process, and prints the
seconds, the cost per MB and the growth: the time ratio divided by the size ratio between the largest and the
smallest size (1.0 is linear; above ~1.6 is flagged as superlinear). It is not a timed test.

Run with `python bench/pathological.py` (all cases) or `python bench/pathological.py brackets-100k line-2mb`;
`--scales 0.25,0.5,1` picks the sizes (1 = the issue's size).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.hardening.pathological import CASES, Summary  # noqa: E402

SUPERLINEAR = 1.6  # growth above this (time ratio / size ratio) is reported as not linear
TIMEOUT = 600


def measure(name: str, scale: float, width: int) -> Summary | str:
    """One run in a child process, so memory and caches of one case never help or hurt the next."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.hardening.pathological", name, str(scale), str(width)],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {TIMEOUT}s"
    if done.returncode != 0:
        return (done.stderr.strip().splitlines() or ["crashed"])[-1]
    result: Summary = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", help=f"cases to run (default: all): {', '.join(CASES)}")
    parser.add_argument("--scales", default="0.25,0.5,1", help="sizes as fractions of the issue's (default 0.25,0.5,1)")
    parser.add_argument("--width", type=int, default=80)
    args = parser.parse_args()
    names = args.cases or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    scales = sorted(float(s) for s in args.scales.split(","))

    print(f"{'case':<18} {'scale':>5} {'MB':>6} {'parse s':>8} {'render s':>8} {'total s':>8} {'s/MB':>7}  notes")
    verdicts: list[str] = []
    for name in names:
        runs = []
        for scale in scales:
            run = measure(name, scale, args.width)
            if isinstance(run, str):
                print(f"{name:<18} {scale:>5} ERROR {run}")
                continue
            runs.append(run)
            mb = run["bytes"] / 1e6
            total = run["total"]
            notes = []
            if not run["word_shown"]:
                notes.append("marker text missing" + ("" if run["problems"] else " (not marked: data lost)"))
            if not run["complete"]:
                notes.append("shortened")
            if run["widest"] > args.width:
                notes.append(f"line of {run['widest']} cells")
            notes += [p[:60] for p in run["problems"]]
            print(
                f"{name:<18} {scale:>5} {mb:>6.2f} {run['parse']:>8.2f} {run['render']:>8.2f} "
                f"{total:>8.2f} {total / mb if mb else 0:>7.2f}  {'; '.join(notes)}"
            )
        if len(runs) >= 2:
            first, last = runs[0], runs[-1]
            size_ratio = last["bytes"] / first["bytes"]
            time_ratio = last["total"] / max(first["total"], 1e-6)
            growth = time_ratio / size_ratio
            word = "linear" if growth <= SUPERLINEAR else "SUPERLINEAR"
            verdicts.append(
                f"{name:<18} size x{size_ratio:.1f} -> time x{time_ratio:.1f}: growth {growth:.2f} ({word})"
            )
    print()
    print("growth from the smallest to the largest size (1.00 = linear):")
    for line in verdicts:
        print("  " + line)


if __name__ == "__main__":
    main()
