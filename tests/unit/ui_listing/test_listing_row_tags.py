"""List rows show whole tags only, with "…" when some did not fit: "#cyclin" helps nobody."""

from __future__ import annotations

from newstui.ui.list_rows import _whole_tags


def test_tags_that_fit_are_shown_whole() -> None:
    assert _whole_tags(["#mobility", "#cycling", "#schools"], 40) == "#mobility #cycling #schools"


def test_tags_that_do_not_fit_are_left_out_and_marked() -> None:
    assert _whole_tags(["#mobility", "#cycling", "#schools"], 20) == "#mobility #cycling …"
    assert _whole_tags(["#mobility", "#cycling", "#schools"], 13) == "#mobility …"


def test_no_room_means_no_tags() -> None:
    assert _whole_tags(["#mobility", "#cycling"], 8) == ""
    assert _whole_tags(["#партньори"], 10) == "#партньори"  # counted in cells
    assert _whole_tags(["#日本語"], 6) == ""  # wide characters take two cells each
