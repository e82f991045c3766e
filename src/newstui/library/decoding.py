"""Bytes from disk to text: the encodings real sites hold, mojibake repaired, binary refused without a crash.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); else strict UTF-8; else charset-normalizer guesses the
legacy encoding. Line ends become "\n". Mojibake (UTF-8 read as cp1252 upstream, `Citiesâ€™`) is repaired by ftfy,
but only when a cheap pattern finds a likely sequence, so correct text is never handed to ftfy and never altered,
and the common case costs one regex.

Legacy guesses lean to cp1252: on short Western text charset-normalizer often ties cp1252 with cp1250, cp1257 or
cp852 and picks one of those (`Fęte`, `succčs`), while cp1252 is what the web's Latin files almost always are.
So when the best guess is a single-byte code page and cp1252 reads the bytes about as well (chaos and coherence
within a small margin of the best), cp1252 wins; a clearly better guess (cp1251 Cyrillic, cp1253 Greek, cp1250
Polish, where cp1252 reads as noise or is not a candidate at all) stays.

A stray NUL byte (a bad editor save, a copy from a terminal) does not make a file binary: when NULs are few, the
text is kept, each NUL becomes U+FFFD (CommonMark's rule for NUL) and a problem names its line. Many NULs (images,
UTF-16 without a byte-order mark, archives) still mean binary.
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
# cp1252 is preferred to a single-byte best guess when it reads the bytes within these margins of it (charset-
# normalizer ranks a chaos difference under 0.005 as a tie; ties with cp1250/cp1257/cp775/mac_iceland on short
# French, Dutch, Swedish or curly-quoted English text differ from cp1252 by up to 0.03 in either figure)
CHAOS_MARGIN = 0.05
COHERENCE_MARGIN = 0.05
NUL_ALLOWANCE = 4  # this many NUL bytes, or one per 50 bytes if more, are strays in text; more mean binary
_NUL = re.compile("\x00")
_NAMED_LINES = 5

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
                return _text(text, encoding, (problem,), len(data))
            return _text(text, encoding, (), len(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text:
            return _text(text, "utf-8", (), len(data))
        if b"\xc3" not in data:  # no U+00C0-U+00FF at all, so no cp1252 mojibake: skip the repair scan
            return Decoded(text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text, "utf-8")
        return Decoded(_finish(text), "utf-8")
    nuls = data.count(b"\x00")
    if not _few_nuls(nuls, len(data)):
        return _binary(data)
    guess = _guess(data.replace(b"\x00", b"") if nuls else data)
    if guess is None:
        return _binary(data)
    text, encoding = guess
    if nuls:  # NUL is 0x00 in every code page charset-normalizer may pick here: decoding keeps it in place
        text = data.decode(encoding, errors="replace")
    return _text(text, encoding, (Problem("encoding", f"not UTF-8; read as {encoding}"),), len(data))


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of `data` as (text, encoding), cp1252 preferred among near-equal guesses."""
    from charset_normalizer import from_bytes  # imported on first need: most sites are UTF-8
    from charset_normalizer.utils import is_multi_byte_encoding

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    if not is_multi_byte_encoding(best.encoding):
        for match in results:
            if (
                "cp1252" in match.could_be_from_charset  # the encodings that give exactly this text
                and match.chaos <= best.chaos + CHAOS_MARGIN
                and match.coherence >= best.coherence - COHERENCE_MARGIN
            ):
                return str(match), "cp1252"
    return str(best), best.encoding


def _few_nuls(count: int, size: int) -> bool:
    """Whether `count` NUL bytes in `size` bytes look like strays in text rather than binary data."""
    return count <= max(NUL_ALLOWANCE, size // 50)


def _text(text: str, encoding: str, problems: tuple[Problem, ...], size: int) -> Decoded:
    """Decoded text finished; its NULs, if few, each shown as U+FFFD with a problem naming their lines."""
    if "\x00" in text:
        count = text.count("\x00")
        if not _few_nuls(count, size):
            return _binary_size(size)
        text = _finish(text)  # line ends normalised first, so the lines named are the lines a reader counts
        lines = sorted({text.count("\n", 0, found.start()) + 1 for found in _NUL.finditer(text)})
        named = ", ".join(str(line) for line in lines[:_NAMED_LINES]) + (", …" if len(lines) > _NAMED_LINES else "")
        what = "a NUL byte" if count == 1 else f"{count} NUL bytes"
        where = f"line {named}" if len(lines) == 1 else f"lines {named}"
        problem = Problem("encoding", f"{what} on {where}, shown as \ufffd", lines[0])
        return Decoded(text.replace("\x00", "\ufffd"), encoding, (*problems, problem))
    return Decoded(_finish(text), encoding, problems)


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
    return _binary_size(len(data))


def _binary_size(size: int) -> Decoded:
    return Decoded("", "binary", (Problem("binary", f"not a text file ({size} bytes with NUL or binary data)"),), True)
