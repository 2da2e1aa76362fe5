"""Mengingat items -> the instruments they cite: kind, number, year and title.

'Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum (Lembaran Negara ...);' gives
kind 'Undang-Undang', number '7', year 2017, title 'Pemilihan Umum'. The kind is the
item's own wording before 'Nomor' (a doubled word such as 'Keputusan Keputusan' counted
once); the title runs from the first 'tentang' to the first gazette citation
'(Lembaran/Berita/Tambahan ...' or the first amendment (' sebagaimana', ' yang telah
(beberapa kali) diubah', ' jo.', ' juncto'), without its trailing ';' or '.'.
Pure functions; any string gives a `LegalBasis`, with nulls for what is not there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from schemas.decree import LegalBasis

_NOMOR = re.compile(r"\bNo(?:m|rn)or\s*[.:]?\s*", re.IGNORECASE)
"""'Nomor', also as OCR reads its 'm' ('Nornor': 'rn' looks like 'm')."""
_NUMBER = re.compile(r"(\S+?)[,;.]?(?=\s|$|(?<=\d)Tahun\s)", re.IGNORECASE)
"""The number cited after 'Nomor', up to a space; or up to 'Tahun' glued to its last digit
where a scanner's text layer lost the space ('Nomor 17Tahun 2023')."""
_TAHUN = re.compile(r"^\s*Tahun\s+(\d{4})\b", re.IGNORECASE)
_TRAILING_YEAR = re.compile(r"/((?:19|20)\d{2})$")
_ANY_YEAR = re.compile(r"\bTahun\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_TENTANG = re.compile(r"\btentang\s+", re.IGNORECASE)
_TITLE_END = re.compile(
    r"\s\((?:Lembaran|Berita|Tambahan)\b|\s+sebagaimana\b"
    r"|,?\s+yang\s+telah\s+(?:beberapa\s+kali\s+)?diubah\b|\s+(?:jo\.|juncto\b)",
    re.IGNORECASE,
)
"""Where a cited title ends: a gazette citation, or the amendments that follow it
('sebagaimana telah diubah', 'yang telah (beberapa kali) diubah', 'jo.'/'juncto')."""
_ARTICLE_PREFIX = re.compile(
    r"^Pasal\s+\d+[A-Z]?(?:\s+ayat\s+\(\d+\))?(?:\s+huruf\s+[a-z])?\s+", re.IGNORECASE
)


_REDUPLICATED = frozenset({"undang"})
"""Words whose doubling is one noun ('Undang Undang' is 'Undang-Undang' without its hyphen)."""


def _collapse_doubled_words(text: str) -> str:
    """'Keputusan Keputusan Komisi' -> 'Keputusan Komisi' (a word repeated at once, any case)."""
    kept: list[str] = []
    for word in text.split():
        key = word.casefold()
        if not kept or kept[-1].casefold() != key or key in _REDUPLICATED:
            kept.append(word)
    return " ".join(kept)


def _kind(head: str) -> str | None:
    """The instrument kind from the words before 'Nomor' (article references dropped)."""
    kind = _collapse_doubled_words(_ARTICLE_PREFIX.sub("", head).strip(" ,;:"))
    return kind or None


def _number_and_year(after_nomor: str) -> tuple[str | None, int | None]:
    """Number as written after 'Nomor', and the year from 'Tahun YYYY' or a trailing '/YYYY'."""
    match = _NUMBER.match(after_nomor)
    if match is None:
        return None, None
    number = match.group(1)
    rest = after_nomor[match.end() :]
    year_match = _TAHUN.match(rest) or _TRAILING_YEAR.search(number)
    return number, int(year_match.group(1)) if year_match else None


def _title(text: str) -> str | None:
    """The text after the first 'tentang', up to a gazette citation or an amendment."""
    match = _TENTANG.search(text)
    if match is None:
        return None
    rest = text[match.end() :]
    end = _TITLE_END.search(rest)
    title = (rest[: end.start()] if end else rest).strip().rstrip(";.,: ").strip()
    return title or None


def parse_legal_basis(text: str) -> LegalBasis:
    """One Mengingat item (numbering already removed) -> `LegalBasis`.

    Invariant: `text` is the input with whitespace folded; every other field is taken from
    it or null. Without 'Nomor' the number is null, the kind is the words before 'Tahun' or
    'tentang', and the year comes from 'Tahun YYYY' when printed.
    """
    folded = " ".join(text.split())
    nomor = _NOMOR.search(folded)
    tentang = _TENTANG.search(folded)
    if nomor is not None and (tentang is None or nomor.start() < tentang.start()):
        kind = _kind(folded[: nomor.start()])
        number, year = _number_and_year(folded[nomor.end() :])
    else:
        head_end = min(
            (m.start() for m in (_ANY_YEAR.search(folded), tentang) if m is not None),
            default=len(folded),
        )
        kind = _kind(folded[:head_end].rstrip(";.")) if head_end < len(folded) else None
        number = None
        year_match = _ANY_YEAR.search(folded)
        year = int(year_match.group(1)) if year_match else None
    return LegalBasis(text=folded, kind=kind, number=number, year=year, title=_title(folded))


def parse_legal_bases(items: Iterable[str]) -> list[LegalBasis]:
    """Every Mengingat item, in order."""
    return [parse_legal_basis(item) for item in items]
