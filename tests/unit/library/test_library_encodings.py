"""Legacy code pages and stray NUL bytes, on hand-written files: the text a reader sees, and what is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.library import read_article
from newstui.library.decoding import decode

# (text, the code page a Windows editor of that language saves it in)
LEGACY = {
    "french": ("---\ntitle: Fête\n---\nLa fête a été un succès près de l'église.\n", "cp1252"),
    "spanish": ("---\ntitle: Año nuevo\n---\nEl niño comió piñas.\n", "cp1252"),
    "quotes": (
        "---\ntitle: Quotes\n---\n"
        "She said \u201chello\u201d and it\u2019s fine \u2013 really \u2026 ok. Price: 5\u20ac.\n",
        "cp1252",
    ),
    "german": (
        "---\ntitle: Grüße aus Köln\n---\nDie Straßenbahn fährt ab Montag öfter \u2013 sagt die Stadt.\n",
        "cp1252",
    ),
    "portuguese": ("---\ntitle: Notícias\n---\nA população da região não está satisfeita.\n", "cp1252"),
    "bulgarian": (
        "---\ntitle: Вести от София\n---\nПървият абзац на статията разказва за града и хората в него.\n",
        "cp1251",
    ),
    "russian": ("---\ntitle: Новости\n---\nСегодня в городе прошёл большой праздник, люди были рады.\n", "cp1251"),
    "greek": ("---\ntitle: Νέα\n---\nΗ πόλη γιόρτασε σήμερα με μεγάλη χαρά και πολλούς ανθρώπους.\n", "cp1253"),
    "polish": ("---\ntitle: Wiadomości\n---\nZażółć gęślą jaźń. Miasto świętowało dziś wielkie święto.\n", "cp1250"),
}


@pytest.mark.parametrize("name", sorted(LEGACY))
def test_legacy_code_pages_read_as_written(name: str) -> None:
    text, codec = LEGACY[name]
    decoded = decode(text.encode(codec))
    assert decoded.text == text  # `Fęte`, `succčs`, `Ańo` before: cp1250/cp1257 won charset-normalizer's ties
    assert decoded.encoding == codec
    assert [p.message for p in decoded.problems] == [f"not UTF-8; read as {codec}"]


def test_latin1_french_file_lists_and_reads_right(tmp_path: Path) -> None:
    path = tmp_path / "fete.md"
    path.write_bytes(b"---\ntitle: F\xeate\n---\nLa f\xeate a \xe9t\xe9 un succ\xe8s pr\xe8s de l'\xe9glise.\n")
    article, body = read_article(path)
    assert article.title == "Fête"
    assert body == "La fête a été un succès près de l'église.\n"
    assert article.excerpt == "La fête a été un succès près de l'église."


def test_one_stray_nul_keeps_title_and_body_and_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "nul.md"
    path.write_bytes(b"---\ntitle: Stray\n---\nText with one\x00 NUL.\n")
    article, body = read_article(path)
    assert article.title == "Stray"
    assert body == "Text with one\ufffd NUL.\n"
    assert article.excerpt == "Text with one\ufffd NUL."
    assert [(p.kind, p.line) for p in article.problems] == [("encoding", 4)]
    assert article.problems[0].message == "a NUL byte on line 4, shown as \ufffd"


def test_nuls_on_several_lines_of_a_crlf_file() -> None:
    decoded = decode(b"---\r\ntitle: x\r\n---\r\nhello\x00world\r\nmore\x00\x00\r\n")
    assert decoded.text == "---\ntitle: x\n---\nhello\ufffdworld\nmore\ufffd\ufffd\n"
    assert [(p.message, p.line) for p in decoded.problems] == [("3 NUL bytes on lines 4, 5, shown as \ufffd", 4)]
    assert not decoded.binary


def test_stray_nul_in_a_legacy_file() -> None:
    decoded = decode("---\ntitle: Crème\n---\nLa crème\x00 brûlée était très bonne, merci à tous.\n".encode("cp1252"))
    assert decoded.text == "---\ntitle: Crème\n---\nLa crème\ufffd brûlée était très bonne, merci à tous.\n"
    assert [(p.message, p.line) for p in decoded.problems] == [
        ("not UTF-8; read as cp1252", None),
        ("a NUL byte on line 4, shown as \ufffd", 4),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),  # an image
        "---\ntitle: Sixteen\n---\nNo byte-order mark.\n".encode("utf-16-le"),  # valid UTF-8, half NULs
        b"---\ntitle: Padded\n---\nText.\n" + b"\x00" * 4096,  # mostly NULs
    ],
    ids=["png", "utf16-without-bom", "mostly-nul"],
)
def test_many_nuls_still_mean_binary(data: bytes) -> None:
    decoded = decode(data)
    assert decoded.binary and decoded.text == ""
    assert [p.kind for p in decoded.problems] == ["binary"]
