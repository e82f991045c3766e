"""A big site's newest articles before the rest: `load_site`'s first batch and `glimpse_site` (the first frame).

Both must hold every article the list shows on its first screen (newest first, ties by path), whatever the
dates look like, so the rows painted early are the rows the whole list then shows.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstui.library import Article, load_site, site_for
from newstui.library.cache import newest_rows
from newstui.library.site import FIRST_ROWS, GLIMPSE_READS, glimpse_site
from newstui.library.textfold import fold


def _site(root: Path, count: int, *, title: str | None = "Glimpses", same_day_every: int = 7) -> Path:
    """`count` posts; many share a date (ties), and one in `same_day_every` has none."""
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text(f"title: {title}\n" if title else "baseurl: ''\n", encoding="utf-8")
    rng = random.Random(count)
    for n in range(count):
        day = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(90))
        date = "" if n % same_day_every == 0 else f"date: {day:%Y-%m-%d} 10:00:00 +0000\n"
        (root / "_posts" / f"post-{n:05d}.md").write_text(f"---\ntitle: Post {n}\n{date}---\nBody {n}.\n", "utf-8")
    return root


def _list_order(articles: Iterable[Article]) -> list[str]:
    """The paths in the list's default order (newest first, ties by path, undated last by title)."""
    from newstui.ui.listing import sort_articles

    return [str(a.path) for a in sort_articles(list(articles), "newest")]


def test_a_big_warm_site_hands_over_its_newest_articles_first(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", FIRST_ROWS * 3)
    whole = load_site(site)  # fills the cache
    calls: list[tuple[list[str], int, int]] = []
    load_site(site, progress=lambda batch, done, total: calls.append(([str(a.path) for a in batch], done, total)))
    first, done, total = calls[0]
    assert FIRST_ROWS <= len(first) < total == len(whole.articles) and done == len(first)
    shown = _list_order(whole.articles)
    assert set(shown[:FIRST_ROWS]) <= set(first)  # the list's first screen needs nothing else
    reported = [path for batch, _, _ in calls for path in batch]
    assert sorted(reported) == sorted(shown)  # every article exactly once


def test_a_small_warm_site_comes_in_one_batch_as_before(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", 30)
    load_site(site)
    calls: list[int] = []
    load_site(site, progress=lambda batch, done, total: calls.append(len(batch)))
    assert calls == [30]


def test_glimpse_holds_the_first_screen_of_the_whole_list(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", 700)
    assert glimpse_site(site) is None  # nothing cached yet: 700 files to read is the full load's work
    whole = load_site(site)
    glimpse = glimpse_site(site, count=40)
    assert glimpse is not None
    assert glimpse.total == 700 and glimpse.site.title == "Glimpses" and glimpse.site.articles == ()
    assert 40 <= len(glimpse.articles) < 700
    assert _list_order(glimpse.articles)[:40] == _list_order(whole.articles)[:40]
    by_path = {a.path: a for a in whole.articles}
    assert all(a == by_path[a.path] for a in glimpse.articles)  # the same records the app lists


def test_glimpse_reads_a_few_new_or_edited_files_itself(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", 100)
    load_site(site)
    (site / "_posts" / "post-00001.md").write_text("---\ntitle: Edited\ndate: 2031-01-01\n---\nNew.\n", "utf-8")
    (site / "_posts" / "latest.md").write_text("---\ntitle: Latest\ndate: 2030-01-01\n---\nNew.\n", "utf-8")
    glimpse = glimpse_site(site, count=5)
    assert glimpse is not None and glimpse.total == 101
    assert [a.title for a in sorted(glimpse.articles, key=lambda a: a.date or 0, reverse=True)][:2] == [
        "Edited",
        "Latest",
    ]
    for n in range(GLIMPSE_READS + 1):
        (site / "_posts" / f"more-{n}.md").write_text(f"---\ntitle: More {n}\n---\n", "utf-8")
    assert glimpse_site(site) is None  # too many to read before the first frame


def test_glimpse_of_a_site_titled_by_its_root_section(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", 20, title=None)
    (site / "_index.md").write_text('+++\ntitle = "Zola\'s own blog"\n+++\n', "utf-8")
    whole = load_site(site)
    glimpse = glimpse_site(site)
    assert glimpse is not None and glimpse.site.title == whole.title == "Zola's own blog"
    assert site_for(site).title == "Zola's own blog"  # the app's title while it loads: the same, no flicker
    assert load_site(site / "_posts").title == site_for(site / "_posts").title == "Zola's own blog"  # a subfolder


def test_glimpse_of_a_site_never_read_is_none_even_when_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold cache is the app's to fill: the glimpse does not even walk the folder then."""
    from newstui.library import site as site_module

    site = _site(tmp_path / "site", 5)
    walks: list[Path] = []
    real_discover = site_module.discover

    def discover(start: Path, *args: Any, **kwargs: Any) -> Any:
        walks.append(start)
        return real_discover(start, *args, **kwargs)

    monkeypatch.setattr(site_module, "discover", discover)
    assert glimpse_site(site) is None and walks == []
    load_site(site)
    glimpse = glimpse_site(site)
    assert glimpse is not None and len(glimpse.articles) == 5


def test_glimpse_stops_walking_a_folder_the_cache_does_not_know(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A known site inside a big unknown tree (newstui run in ~, say): the walk ends once more than a few files
    are not in the cache, instead of listing every folder before the app even starts."""
    from newstui.library import discovery

    site = _site(tmp_path / "site", 20)
    load_site(site)
    for name in ("a", "b", "c"):
        (site / "notes" / name).mkdir(parents=True)
        for n in range(GLIMPSE_READS + 5):
            (site / "notes" / name / f"note-{n}.md").write_text(f"# Note {n}\n", encoding="utf-8")
    listed: list[str] = []
    real_scandir = discovery.os.scandir

    def scandir(folder: str) -> Any:
        listed.append(folder)
        return real_scandir(folder)

    monkeypatch.setattr(discovery.os, "scandir", scandir)
    assert glimpse_site(site) is None
    assert len(listed) < 6  # the site, _posts, notes and its three folders: not all of them were listed
    files, _ = discovery.discover(site, site, stop=lambda found: True)
    assert len(files) == 1


def test_glimpse_of_a_file_or_a_missing_folder_is_none(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", 3)
    assert glimpse_site(site / "_posts" / "post-00001.md") is None
    assert glimpse_site(tmp_path / "nowhere") is None


_dates = st.one_of(st.none(), st.integers(0, 20).map(lambda d: f"2020-01-{1 + d:02d}T00:00:00+00:00"))
_titles = st.sampled_from(["Sofía", "sofia", "Zürich", "zurich", "Äpfel", "apfel", "b", "B", "Ωmega"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_dates, _titles), max_size=40), st.integers(1, 12))
def test_newest_rows_hold_the_first_rows_of_any_site(posts: list[tuple[str | None, str]], count: int) -> None:
    rows: list[tuple[Any, ...]] = [(f"/s/{n:03d}.md", 0, 0, f"{n:03d}.md", t, d) for n, (d, t) in enumerate(posts)]
    chosen = {row[0] for row in newest_rows(rows, count)}
    dated = sorted((r for r in rows if r[5]), key=lambda r: (datetime.fromisoformat(r[5]), r[3]), reverse=True)
    undated = sorted((r for r in rows if not r[5]), key=lambda r: fold(r[4]))
    order = dated + undated  # the list's order: newest first, ties by path, then undated by folded title
    assert {row[0] for row in order[:count]} <= chosen
    if len(dated) > count:  # no undated row is needed then, and only ties with the last one are extra
        edge = sorted((row[5] for row in dated), reverse=True)[count - 1]
        assert chosen == {row[0] for row in dated if row[5] >= edge}
    elif len(order) > count:  # the undated ones after the last needed title are left out
        last = fold(order[count - 1][4]) if count > len(dated) else ""
        assert chosen == {row[0] for row in dated} | {
            r[0] for r in undated if count > len(dated) and fold(r[4]) <= last
        }


def test_a_big_undated_site_is_glimpsed_without_all_its_records(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", 600, same_day_every=1)  # no dates at all: the list goes by title
    whole = load_site(site)
    glimpse = glimpse_site(site, count=40)
    assert glimpse is not None and 40 <= len(glimpse.articles) < 100
    assert _list_order(glimpse.articles)[:40] == _list_order(whole.articles)[:40]
