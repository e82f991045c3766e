"""`load_site(progress=...)`: a big site's articles arrive in batches while it loads (the app lists them at once)."""

from __future__ import annotations

from pathlib import Path

from newstui.library import load_site
from newstui.library.site import PROGRESS_BATCH


def _site(root: Path, count: int) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Batches\n", encoding="utf-8")
    for n in range(count):
        day = 1 + n % 28
        (root / "_posts" / f"2020-02-{day:02d}-post-{n}.md").write_text(
            f"---\ntitle: Post {n}\n---\nBody {n}.\n", encoding="utf-8"
        )
    return root


def test_cold_load_reports_every_article_once_in_growing_batches(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", 2 * PROGRESS_BATCH + 17)
    calls: list[tuple[list[str], int, int]] = []
    loaded = load_site(site, progress=lambda batch, done, total: calls.append(([a.title for a in batch], done, total)))
    total = 2 * PROGRESS_BATCH + 17
    assert len(calls) >= 3  # the list fills in steps, not all at the end
    assert all(t == total for _, _, t in calls)
    dones = [done for _, done, _ in calls]
    assert dones == sorted(dones) and dones[-1] == total
    reported = [title for titles, _, _ in calls for title in titles]
    assert sorted(reported) == sorted(a.title for a in loaded.articles)  # each exactly once
    assert len(loaded.articles) == total and loaded.articles[0].date >= loaded.articles[-1].date  # sorted at the end


def test_warm_load_hands_over_the_cached_articles_first(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", 40)
    load_site(site)
    (site / "_posts" / "2021-01-01-new.md").write_text("---\ntitle: New one\n---\nFresh.\n", encoding="utf-8")
    calls: list[tuple[list[str], int, int]] = []
    load_site(site, progress=lambda batch, done, total: calls.append(([a.title for a in batch], done, total)))
    assert len(calls[0][0]) == 40 and calls[0][1:] == (40, 41)  # all cached ones at once
    assert calls[-1] == (["New one"], 41, 41)  # then the one file read
