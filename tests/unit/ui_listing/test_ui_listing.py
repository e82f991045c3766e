"""The list's filter and sort rules on plain Article records (no Textual)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newstui.library.records import Article
from newstui.ui.history import History, Place
from newstui.ui.listing import Facet, Listing, fold, next_sort


def article(title: str, day: str | None, tags: tuple[str, ...] = (), authors: tuple[str, ...] = ()) -> Article:
    date = datetime.fromisoformat(day).replace(tzinfo=UTC) if day else None
    return Article(Path(f"/site/{title}.md"), f"{title}.md", title, date, tags=tags, authors=authors)


A = article("Straße in Köln", "2021-05-01", ("Verkehr",), ("Jörg Müller",))
B = article("Ünïcode Ärticle", "2019-01-01", ("tests",))
C = article("undated note", None)
D = article("Another 2021 piece", "2021-12-31", ("verkehr",))


def test_fold_drops_case_and_accents() -> None:
    assert fold("Sofía ÜBER Straße") == "sofia uber strasse"


def test_every_word_must_match_anywhere() -> None:
    listing = Listing([A, B, C, D])
    assert listing.select("koln strasse") == [A]
    assert listing.select("muller") == [A]  # author
    assert listing.select("VERKEHR") == [D, A]  # tag, newest first
    assert listing.select("verkehr koln") == [A]
    assert listing.select("   ") == [D, A, B, C]  # undated last


def test_sorts() -> None:
    listing = Listing([A, B, C, D])
    assert listing.select(order="oldest") == [B, A, D, C]
    assert listing.select(order="title") == [D, A, C, B]  # "undated" < "unicode" once folded
    assert next_sort("newest") == "oldest" and next_sort("oldest") == "title" and next_sort("title") == "newest"


def test_facets() -> None:
    listing = Listing([A, B, C, D])
    read = {A.path}
    assert listing.select(facet=Facet("tag", "verkehr")) == [D, A]  # tag case folded
    assert listing.select(facet=Facet("year", "2021")) == [D, A]
    assert listing.select(facet=Facet("unread"), is_read=lambda a: a.path in read) == [D, B, C]
    assert listing.select(facet=Facet("starred"), is_starred=lambda a: a is B) == [B]
    assert listing.years() == ["2021", "2019"]
    assert listing.tags()[0] == ("Verkehr", 2)


def test_replace_keeps_one_entry_per_path() -> None:
    listing = Listing([A, B])
    edited = article("Straße in Köln", "2021-05-01", ("Neu",))
    listing.extend([edited])
    assert len(listing.articles) == 2
    assert listing.select("neu") == [edited]
    assert listing.find(A.path) is edited


def test_history_is_browser_like() -> None:
    history = History()
    one, two, three = Path("/1.md"), Path("/2.md"), Path("/3.md")
    history.visit(Place(one))
    history.visit(Place(two))
    history.remember_line(two, 40)
    history.visit(Place(two, 0))  # the same article at another line: a new place
    assert history.back() == Place(two, 40)
    assert history.back() == Place(one)
    assert history.back() is None
    history.visit(Place(three))  # drops what was ahead
    assert history.forward() is None
    assert history.back() == Place(one)
    history.visit(Place(one))  # the same place again: a no-op, the way forward stays
    assert history.forward() == Place(three)
    assert not history.can_go_forward
