"""`load_site(progress=...)`: a big site's articles arrive in batches while it loads (the app lists them at once)."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_articles_are_handed_over_as_they_are_read_not_all_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the app (a threaded process, read without worker processes) the first batch must not wait for the last
    file: the reader yields each article as soon as it is read."""
    from newstui.library import reader
    from newstui.library.siteconfig import read_config

    site = _site(tmp_path / "site", 30)
    jobs = [(str(p), p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted((site / "_posts").iterdir())]
    reads: list[str] = []
    real_read = reader.read_file

    def counted(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(str(path))
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(reader, "read_file", counted)
    articles = reader.read_many(jobs, read_config(site), workers=1)
    first, _row = next(iter(articles))
    assert len(reads) == 1 and first.title.startswith("Post")
    assert len(list(articles)) == 29 and len(reads) == 30
