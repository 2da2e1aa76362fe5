"""DecreeMetadata -> the same facts under the JDIHN integration feed's keys (`JdihMetadata`).

The choices (title casing, jenis, singkatanJenis, teuBadan, subjek) are recorded in
docs/decisions/0006-metadata-and-jdih.md. The casing helpers live here because both the
feed and `parse_metadata` (institution names printed in capitals) need them.
Pure functions; every missing fact becomes '' because the feed's values are all strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from normalize.roman_numerals import roman_value
from schemas.decree import DecreeMetadata, JdihMetadata

_LOWER_WORDS = frozenset(
    {
        "dan",
        "atau",
        "di",
        "ke",
        "dari",
        "yang",
        "untuk",
        "pada",
        "dalam",
        "atas",
        "tentang",
        "serta",
        "bagi",
        "oleh",
        "dengan",
        "sebagai",
        "terhadap",
        "antara",
        "melalui",
    }
)
"""Function words written in lower case inside an Indonesian title."""

_ROMAN = re.compile(r"^[IVXLCDM]+$")
_PLACE_MARKERS = ("Kabupaten", "Kota", "Provinsi")
_HEAD_OFFICES = ("Bupati", "Gubernur", "Walikota", "Wali Kota", "Menteri", "Presiden")
_ABBREVIATIONS = {
    ("Keputusan", "Presiden"): "Keppres",
    ("Keputusan", "Menteri"): "Kepmen",
    ("Keputusan", "Gubernur"): "Kepgub",
    ("Keputusan", "Bupati"): "Kepbup",
    ("Keputusan", "Walikota"): "Kepwal",
    ("Keputusan", "Wali Kota"): "Kepwal",
    ("Peraturan", "Presiden"): "Perpres",
    ("Peraturan", "Pemerintah"): "PP",
    ("Peraturan", "Menteri"): "Permen",
    ("Peraturan", "Daerah"): "Perda",
    ("Peraturan", "Gubernur"): "Pergub",
    ("Peraturan", "Bupati"): "Perbup",
    ("Peraturan", "Walikota"): "Perwal",
    ("Peraturan", "Wali Kota"): "Perwal",
}
_KIND_ABBREVIATIONS = {"Keputusan": "Kep", "Peraturan": "Per", "Instruksi": "Inst"}
_SUBJECT_BREAKS = re.compile(
    r"\s+(?:di\s+lingkungan|di|pada|menuju|untuk|bagi|dalam|tentang)\s+", re.IGNORECASE
)
_SUBJECT_YEAR = re.compile(r"\s*\btahun(?:\s+anggaran)?\s+\d{4}\b", re.IGNORECASE)


def _capitalise(word: str) -> str:
    """'KABUPATEN/KOTA' -> 'Kabupaten/Kota'; numerals, Roman numerals and codes unchanged."""
    if any(char.isdigit() for char in word) or _ROMAN.match(word):
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(), word)


def title_case(text: str) -> str:
    """Indonesian title case: every word capitalised except inner function words ('dan'),
    but for a name made of one ('Menteri Dalam Negeri')."""
    words = text.split()

    def lower(index: int) -> bool:
        # 'Dalam Negeri' (the Home Affairs ministry) is a name, not 'dalam' + a word.
        name = index + 1 < len(words) and words[index + 1].casefold() == "negeri"
        return index > 0 and words[index].lower() in _LOWER_WORDS and not name

    return " ".join(
        words[i].lower() if lower(i) else _capitalise(words[i]) for i in range(len(words))
    )


def running_text_form(phrase: str, texts: Iterable[str]) -> str:
    """How `phrase` (printed in capitals) is written in the decree's running text.

    The first case-insensitive occurrence in `texts` that is not itself all capitals wins
    (so 'RSUD' keeps its capitals); with none, the rule-based `title_case` of `phrase`.
    """
    words = phrase.split()
    if not words:
        return ""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.I)
    for text in texts:
        for match in pattern.finditer(text):
            found = " ".join(match.group(0).split())
            if found != found.upper():
                return found
    return title_case(phrase)


def _metadata_texts(meta: DecreeMetadata) -> list[str]:
    """The decree's running text: considerations, legal bases and dicta."""
    return [
        *meta.considerations,
        *(basis.text for basis in meta.legal_bases),
        *(dictum.text for dictum in meta.dicta),
    ]


def _head_office(institution: str) -> str | None:
    """'Bupati Donggala' -> 'Bupati': the office when the institution is a person's office."""
    for office in _HEAD_OFFICES:
        if institution == office or institution.startswith(office + " "):
            return office
    return None


def jenis(kind: str, institution: str | None) -> str:
    """Kind of instrument without the issuing region or ministry portfolio.

    'Keputusan' + 'Komisi Pemilihan Umum Kabupaten Kudus' -> 'Keputusan Komisi Pemilihan
    Umum Kabupaten'; 'Bupati Donggala' -> 'Keputusan Bupati'; 'Menteri Agama ...' ->
    'Keputusan Menteri'.
    """
    if not institution:
        return kind
    office = _head_office(institution)
    if office is not None:
        return f"{kind} {office}"
    words = institution.split()
    for index, word in enumerate(words):
        if word in _PLACE_MARKERS:
            return " ".join([kind, *words[: index + 1]])
    return f"{kind} {institution.removesuffix(' Republik Indonesia')}"


def singkatan_jenis(kind: str, institution: str | None) -> str:
    """The feed's abbreviation: 'Kepbup', 'Perbup', 'Permen', ...; 'Kep'/'Per' otherwise."""
    office = _head_office(institution or "") or " ".join((institution or "").split()[:1])
    return _ABBREVIATIONS.get((kind, office), _KIND_ABBREVIATIONS.get(kind, kind))


def teu_badan(institution: str | None) -> str:
    """Corporate author: a regional head's region, 'Indonesia. Kementerian ...' for a minister."""
    if not institution:
        return ""
    office = _head_office(institution)
    if office in ("Bupati", "Walikota", "Wali Kota", "Gubernur"):
        region = {"Bupati": "Kabupaten", "Gubernur": "Provinsi"}.get(office, "Kota")
        place = institution[len(office) :].strip()
        return f"{region} {place}".strip()
    if office == "Menteri":
        portfolio = institution[len(office) :].strip().removesuffix("Republik Indonesia").strip()
        return f"Indonesia. Kementerian {portfolio}".strip()
    return institution


def subjek(title: str | None) -> str:
    """Upper-case subject headings: the title cut at place/purpose words, years dropped."""
    if not title:
        return ""
    headings: list[str] = []
    for part in _SUBJECT_BREAKS.split(_SUBJECT_YEAR.sub("", title)):
        heading = " ".join(part.split()).strip(" ,.;").upper()
        if heading and heading not in headings:
            headings.append(heading)
    return " - ".join(headings)


def judul(meta: DecreeMetadata) -> str:
    """'<Kind> <Institution> Nomor <number> tentang <Title>', the title in title case."""
    parts = [meta.kind, meta.institution or ""]
    if meta.number:
        parts.append(f"Nomor {meta.number}")
    if meta.title:
        parts.append(f"tentang {running_text_form(meta.title, _metadata_texts(meta))}")
    return " ".join(part for part in parts if part)


_TAHUN = re.compile(r"\s+tahun\s+\d{4}\s*$", re.IGNORECASE)


def no_peraturan(number: str | None) -> str:
    """The number proper, as a JDIH site files it: '14 Tahun 2025' -> '14'; a printed Roman
    'I Tahun 2021' -> '1'; a registry number '188.45/0602/Bag.Hukum/2025' stays whole."""
    if not number:
        return ""
    bare = _TAHUN.sub("", number).strip()
    value = roman_value(bare)
    return str(value) if value else bare


def build_jdih(meta: DecreeMetadata) -> JdihMetadata:
    """The decree's metadata under the JDIHN feed keys (all strings, '' when unknown).

    A Keputusan is not promulgated, so tanggal_pengundangan and sumber are ''.
    """
    return JdihMetadata(
        judul=judul(meta),
        jenis=jenis(meta.kind, meta.institution),
        singkatanJenis=singkatan_jenis(meta.kind, meta.institution),
        noPeraturan=no_peraturan(meta.number),
        tahun_pengundangan=str(meta.year) if meta.year else "",
        tanggal_penetapan=meta.date.isoformat() if meta.date else "",
        tanggal_pengundangan="",
        tempatTerbit=meta.place or "",
        teuBadan=teu_badan(meta.institution),
        sumber="",
        subjek=subjek(meta.title),
        status="Berlaku",
        bahasa="Bahasa Indonesia",
        bidangHukum="Hukum Administrasi Negara",
    )
