"""Benchmark: metadata of a generated 10,000-article site, cold (empty cache) and warm (from the cache).

Targets from issue 2 on this machine: <= 3 s cold, <= 0.5 s warm. Prints the count, both times, the peak memory
of the process and pass/fail words; it is not a timed test. Run with `make bench` or `python bench/library.py`.

The machine is shared, so wall times swing with others' work. To judge a figure, the bench also times a baseline
in the same process, just before the cold load and again after the warm one: reading every article file's bytes
(open + read, no decoding), and prints each load as a multiple of it. The CPU seconds are steadier than wall
seconds too.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

COLD_TARGET = 3.0
WARM_TARGET = 0.5
CITIES = ("Sofia", "Munich", "Vienna", "Lyon", "Venice", "Santiago de Compostela", "Kiev", "Yokohama")
TOPICS = ("Smart Mobility", "District Heating", "Citizen Engagement", "Street Lamps", "Refurbishment", "Open Data")

ARTICLE = """---
layout: news-page
title: "{topic} Workshop in {city}, part {n}"
date: {date}
imageurl: images/news/{image}
---

<div class="multiline">
<h2><span class="ornament-news">{topic} Projects </span></h2>
<h2><span class="ornament-news">as Changemakers?</span></h2>
</div>

**Common problems and joint solutions for {topic_lower} and citizen engagement were at the focus of a thematic \
workshop in {city} in the framework of the Smarter Together project.**

Energy Cities, Eurocities and {city} Municipality organised the workshop, at which the city presented its \
[Smart Specialization Strategy.](http://www.example.eu/en/strategy-{n}.html){{:target="_blank"}}

The workshop brought together four cities participating in four H2020 Smart Cities projects: \
[Smarter Together](http://smarter-together.eu/){{:target="_blank"}} ({city}), \
[Sharing Cities](http://www.sharingcities.eu/){{:target="_blank"}} (Burgas), \
[SmartEnCity](http://smartencity.eu/){{:target="_blank"}} (Asenovgrad) and Energy Cities’ collective member \
[EcoEnergy](http://www.ecoenergy-bg.net/en){{:target="_blank"}}.

![{city} group photo.jpg](/images/news/DSC_{n}_edit.jpg)![{city} outdoor photo.jpg](/images/news/DSC_{n}b_edit.jpg)

The 2-days workshop was a big opportunity for these cities to discuss common problems and find joint solutions \
for mobility and citizen engagement. A number of smart city critical topics were discussed:
- How to have a political and citizen buy-in for smart city projects
- How to identify the right stakeholders benefiting from the specific project and how to work with them

Moreover, the planning and usage of data was also addressed as a smart city critical topic, in which synergies \
can be created between these cities. {filler}

*Each city is unique: and we cannot pretend to be like the others.*
- A deputy mayor of {city}

This article and photos are provided courtesy of [Energy Cities](http://www.energy-cities.eu){{:target="_blank"}}.
"""


def generate(root: Path, count: int) -> None:
    """A Jekyll site with `count` news articles of a few KB each; each has its own hero image, one in four missing."""
    rng = random.Random(2017)
    (root / "_config.yml").write_text(
        "title: Bench City News\nbaseurl: ''\npermalink: pretty\ncollections:\n  news:\n    output: true\n"
    )
    news = root / "_news"
    images = root / "images" / "news"
    images.mkdir(parents=True)
    news.mkdir()
    filler = " ".join(["The project partners met again to compare notes on what worked and what did not."] * 8)
    for n in range(count):
        year, month, day = 2015 + n % 10, 1 + n % 12, 1 + n % 28
        topic, city = rng.choice(TOPICS), rng.choice(CITIES)
        text = ARTICLE.format(
            topic=topic,
            topic_lower=topic.lower(),
            city=city,
            n=n,
            date=f"{year}-{month:02d}-{day:02d}",
            image=f"Photo {n} web.jpg",
            filler=filler,
        )
        if n % 4:
            (images / f"Photo {n} web.jpg").write_bytes(b"\xff\xd8\xff\xe0 bench")
        (news / f"{year}-{month:02d}-{day:02d}-{topic.replace(' ', '-')}-{n}.md").write_text(text, encoding="utf-8")


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the worker processes of a cold load)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _verdict(seconds: float, target: float) -> str:
    return "pass" if seconds <= target else "FAIL"


def _read_all(folder: Path) -> float:
    """Seconds to read the bytes of every file in `folder`: the baseline the loads are compared with."""
    started = time.perf_counter()
    for entry in os.scandir(folder):
        with open(entry.path, "rb") as file:
            file.read()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from newstui.library import load_site

    with tempfile.TemporaryDirectory(prefix="newstui-bench-") as tmp:
        site_dir, cache = Path(tmp) / "site", Path(tmp) / "cache"
        site_dir.mkdir()
        os.environ["NEWSTUI_CACHE_DIR"] = str(cache)
        started = time.perf_counter()
        generate(site_dir, args.count)
        size = sum(p.stat().st_size for p in (site_dir / "_news").iterdir())
        print(f"generated {args.count} articles ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")

        baseline_before = _read_all(site_dir / "_news")
        started, cpu = time.perf_counter(), _cpu()
        site = load_site(site_dir)
        cold, cold_cpu = time.perf_counter() - started, _cpu() - cpu
        started, cpu = time.perf_counter(), _cpu()
        again = load_site(site_dir)
        warm, warm_cpu = time.perf_counter() - started, _cpu() - cpu
        baseline_after = _read_all(site_dir / "_news")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    same = again.articles == site.articles
    baseline = (baseline_before + baseline_after) / 2
    print(f"articles: {len(site.articles)} (cache gives the same records: {'yes' if same else 'NO'})")
    if args.count != 10_000:
        print("(the targets are for 10,000 articles)")
    print(f"cold (empty cache): {cold:.2f} s   target <= {COLD_TARGET} s   {_verdict(cold, COLD_TARGET)}", end="")
    print(f"   (CPU {cold_cpu:.2f} s, worker processes included; {cold / baseline:.1f}x baseline)")
    print(f"warm (from cache):  {warm:.2f} s   target <= {WARM_TARGET} s   {_verdict(warm, WARM_TARGET)}", end="")
    print(f"   (CPU {warm_cpu:.2f} s; {warm / baseline:.1f}x baseline)")
    print(
        f"baseline, reading the {args.count} files' bytes: {baseline_before:.3f} s before the cold load,"
        f" {baseline_after:.3f} s after the warm one"
    )
    print(f"load average when done: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (others' work slows wall times)")
    print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB")
    return 0 if same and len(site.articles) == args.count else 1


if __name__ == "__main__":
    raise SystemExit(main())
