"""Make text from articles harmless for a terminal.

Anything an article holds (title, body, URLs, file names, messages) can contain control characters; printed raw
they could move the cursor, set the clipboard (OSC 52) or retitle the window. Every string that reaches the
screen or stdout passes through `clean` (for one-line fields) or `clean_block` (keeps newlines and tabs).
"""

from __future__ import annotations

import re

# C0 controls except TAB/LF, DEL, and C1 controls (U+0080-U+009F, including the 8-bit CSI U+009B and OSC U+009D).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates can reorder what the user sees; zero-width ones are harmless.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    """Show a control character as its Unicode control picture (ESC -> ␛) so it is visible but inert."""
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def clean(text: str) -> str:
    """One-line field: every control character, newline and tab included, made visible and inert."""
    text = _CONTROL_LINE.sub(_visible, text)
    return _BIDI.sub("", text)


def clean_block(text: str) -> str:
    """Multi-line text: keeps newlines and tabs, makes every other control character visible and inert."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(_visible, text)
    return _BIDI.sub("", text)
