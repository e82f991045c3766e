"""Bytes from disk to text: the encodings real sites hold, mojibake repaired, binary refused without a crash.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); else strict UTF-8; else NUL bytes mean binary; else
charset-normalizer guesses the legacy encoding. Line ends become "\n". Mojibake (UTF-8 read as cp1252 upstream,
`Citiesâ€™`) is repaired by ftfy, but only when a cheap pattern finds a likely sequence, so correct text is never
handed to ftfy and never altered, and the common case costs one regex.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from newstui.library.records import Problem

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A lead byte of a UTF-8 sequence (Â..ô as cp1252/latin-1) followed by what a continuation byte becomes in
# cp1252 or latin-1. Text without such a pair cannot hold cp1252 mojibake, so ftfy is not even asked.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)

# Only the encoding fix: no quote uncurling, no HTML unescaping, no normalisation, no control-character removal.
_FTFY_OPTIONS = {
    "unescape_html": False,
    "remove_terminal_escapes": False,
    "fix_latin_ligatures": False,
    "fix_character_width": False,
    "uncurl_quotes": False,
    "fix_line_breaks": False,
    "fix_surrogates": False,
    "remove_control_chars": False,
    "normalization": None,
    "explain": False,
}


@dataclass(frozen=True)
class Decoded:
    """Text ready for parsing, the encoding it was read with, and what was odd about the bytes."""

    text: str
    encoding: str
    problems: tuple[Problem, ...] = ()
    binary: bool = False


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes; never raises. Binary input gives empty text and a "binary" problem."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                text = data[len(bom) :].decode(encoding, errors="replace")
                problem = Problem("encoding", f"invalid {encoding.upper()} bytes at offset {exc.start}; replaced")
                return Decoded(_finish(text), encoding, (problem,))
            return Decoded(_finish(text), encoding)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text:
            return _binary(data)
        if b"\xc3" not in data:  # no U+00C0-U+00FF at all, so no cp1252 mojibake: skip the repair scan
            return Decoded(text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text, "utf-8")
        return Decoded(_finish(text), "utf-8")
    if b"\x00" in data:
        return _binary(data)
    from charset_normalizer import from_bytes  # imported on first need: most sites are UTF-8

    match = from_bytes(data).best()
    if match is None:
        return _binary(data)
    text = str(match)
    if "\x00" in text:
        return _binary(data)
    encoding = match.encoding
    problem = Problem("encoding", f"not UTF-8; read as {encoding}")
    return Decoded(_finish(text), encoding, (problem,))


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-cp1252 damage (`â€™` -> `’`); text without a suspicious pair is returned unchanged."""
    if text.isascii() or not _SUSPECT.search(text):
        return text
    import ftfy  # imported on first need: it is slow to import and rarely needed

    return ftfy.fix_text(text, ftfy.TextFixerConfig(**_FTFY_OPTIONS))  # type: ignore[arg-type]


def _finish(text: str) -> str:
    """Normalise line ends and repair mojibake."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return repair_mojibake(text)


def _binary(data: bytes) -> Decoded:
    """A file that is not text: recorded, shown empty."""
    return Decoded(
        "", "binary", (Problem("binary", f"not a text file ({len(data)} bytes with NUL or binary data)"),), True
    )
