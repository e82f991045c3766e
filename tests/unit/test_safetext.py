"""Control characters from articles are made visible and inert before they reach a terminal."""

from __future__ import annotations

import pytest

from newstui.safetext import clean, clean_block

HOSTILE = [
    "\x1b[2J\x1b[H",  # CSI: clear screen, home
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: set the clipboard
    "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]0;title\x07",  # OSC 0: window title
    "\x1bP+q\x1b\\",  # DCS
    "\x9b31m",  # 8-bit CSI
    "\x9d0;t\x9c",  # 8-bit OSC and ST
    "a\x00b\x7fc\x08d",
    "\u202eevil\u202c",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_raw_control_character_survives(text: str) -> None:
    for out in (clean(text), clean_block(text)):
        assert not any(ord(ch) < 0x20 and ch not in "\n\t" for ch in out)
        assert not any(0x7F <= ord(ch) <= 0x9F for ch in out)
        assert not any(0x202A <= ord(ch) <= 0x202E for ch in out)


def test_escape_is_shown_as_a_visible_picture() -> None:
    assert clean("\x1b[31mred") == "␛[31mred"


def test_ordinary_text_is_unchanged() -> None:
    text = "Cities’ Ünïcødé 東京 🚲 e\u0301"
    assert clean(text) == text
    assert clean_block(text + "\n\tnext") == text + "\n\tnext"


def test_one_line_fields_lose_their_newlines_but_blocks_keep_them() -> None:
    assert "\n" not in clean("a\nb\r\nc")
    assert clean_block("a\r\nb\rc") == "a\nb\nc"
