"""Fold Indonesian administrative text into comparable word stems.

`fold_tokens(text)` lower-cases, maps the domain's long forms and abbreviations to one
token ("Standar Operasional Prosedur" and "SOP" -> "sop"), drops punctuation, list
numbering and function words, and strips the common affixes (me-, di-, pe-, ber-, ter-,
ke-, -kan, -an, -i, -nya), so "penetapan", "menetapkan" and "ditetapkan" fold alike.
`strip_code(text)` removes a leading area code ("6 ", "IV ", "2.").

Invariant: pure and deterministic; the same text always gives the same tokens. The
stemmer is rule based and needs no dictionary: a stem need not be a real word, only the
same for the inflected forms of one word.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Long forms and spelling variants -> one token; applied in this order to lower-cased text.
PHRASES: tuple[tuple[str, str], ...] = (
    (
        r"standar(?:t)? operasional prosedur|standar prosedur operasional|prosedur operasional tetap"
        r"|prosedur operasional standar",
        "sop",
    ),
    (
        r"sistem pengendalian intern(?:al)? pemerintah|sistem pengawasan intern(?:al)? pemerintah"
        r"|\bspi\b",
        "spip",
    ),
    (r"whistle[- ]?blowing(?:[- ]?system)?|\bwbs\b", "wbs"),
    # ZI is reformasi birokrasi at unit level; the LKE grew out of the RB self-assessment
    (r"zona integritas|\bzi\b|reformasi birokrasi|\brb\b", "zi"),
    (r"surve[iy] kepuasan masyarakat|\bskm\b|indeks kepuasan masyarakat|\bikm\b", "skm"),
    (r"sumber daya manusia|\bsdm\b", "sdm"),
    (r"aparatur sipil negara|\basn\b", "asn"),
    (r"teknologi informasi|\bti\b", "ti"),
    (r"monitoring dan evaluasi|monitoring,? evaluasi|pemantauan dan evaluasi|\bmonev\b", "monev"),
    (r"indikator kinerja utama|\biku\b", "iku"),
    (r"anali[sz][ia]s? beban kerja|\babk\b", "abk"),
    (r"training need(?:s)? analysis|analisis kebutuhan pelatihan|\btna\b", "tna"),
    (r"sistem pemerintahan berbasis elektronik|\bspbe\b", "spbe"),
    (r"unit pengendali(?:an)? gratifikasi|\bupg\b", "upg"),
    (r"sasaran kinerja pegawai|\bskp\b", "skp"),
    (r"sistem informasi (?:manajemen )?kepegawaian|\bsimpeg\b", "simpeg"),
    (r"sistem akuntabilitas kinerja instansi pemerintah|\bsakip\b", "sakip"),
    (
        r"laporan kinerja(?: instansi pemerintah)?|laporan akuntabilitas kinerja|\blkjip\b|\blakip\b"
        r"|\be-?lapkin\b|\blapkin\b",
        "lapkin",
    ),
    (r"pejabat pengelola informasi dan dokumentasi|\bppid\b", "ppid"),
    (r"pendidikan dan pelatihan|\bdiklat\b", "diklat"),
    (r"bimbingan teknis|\bbimtek\b", "bimtek"),
    (r"\be-office\b|\beoffice\b", "eoffice"),
    (r"\bsurvey\b", "survei"),
    (r"satuan kerja|\bsatker\b|unit kerja", "unitkerja"),
    (r"rencana aksi|rencana kerja|rencana strategis|\brenstra\b|\brenja\b|\brkt\b", "rencana"),
    (r"%|\bprosentase\b|\bpersentase\b", " persentase "),
    (r"\breward\b|penghargaan", "penghargaan"),
    (r"\bpunishment\b|\bsanksi\b|hukuman", "sanksi"),
    (r"surve[iy] kepuasan(?: layanan| pelayanan)?", "skm"),
    (r"ditindaklanjuti|menindaklanjuti|tindak lanjut|tindaklanjut", "tindaklanjut"),
)
_PHRASES = tuple((re.compile(pattern), token) for pattern, token in PHRASES)

_STOP_TEXT = """yang dan atau di ke dari untuk dengan dalam pada atas telah sudah secara serta oleh
    terhadap kepada ini itu tersebut adalah akan agar sebagai bagi para setiap seluruh semua
    baik maupun juga antara lain lainnya masing tentang melalui adanya ada terdapat tersedia
    tersedianya dapat bisa namun tetapi jika apakah hal sehingga yaitu seperti lebih
    belum tidak bila kali tahun bulan tiap yg dll dsb dst"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_ROMAN = r"(?:x{0,3})(?:ix|iv|v?i{0,3})"
_CODE = re.compile(rf"^\s*(?:\d+(?:\.\d+)*|{_ROMAN}|[a-z])\s*[.)]?\s+(?=\S)", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_VOWELS = "aeiou"


def strip_code(text: str) -> str:
    """Remove one leading code ("6 ", "IV ", "2.", "a.") from a printed name; the rest trimmed."""
    match = _CODE.match(text)
    if match and match.end() < len(text):
        return text[match.end() :].strip()
    return text.strip()


def fold_tokens(text: str | None) -> tuple[str, ...]:
    """The text's content stems, in order, duplicates kept."""
    if not text:
        return ()
    lowered = unicodedata.normalize("NFKC", text).lower()
    for pattern, token in _PHRASES:
        lowered = pattern.sub(f" {token} ", lowered)
    return tuple(
        stem(word)
        for word in _WORD.findall(lowered)
        if word not in STOP_WORDS and not word.isdigit() and len(word) > 1
    )


def fold(text: str | None) -> str:
    """`fold_tokens` joined by single spaces."""
    return " ".join(fold_tokens(text))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip Indonesian inflectional and derivational affixes from one lower-case word.

    Short words and abbreviations (length <= 4) are kept as they are.
    """
    if len(word) <= 4:
        return word
    for suffix in ("nya", "lah", "kah"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    word = _strip_prefix(word)
    for suffix in ("kan", "an"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    # -i after -kan/-an too, so "sosialisasikan" and "sosialisasi" fold alike
    return word[:-1] if word.endswith("i") and len(word) >= 5 else word


def _strip_prefix(word: str) -> str:
    """Remove one derivational prefix, undoing the nasal assimilation of me-/pe-."""
    for prefix in ("di", "ke", "ter", "ber", "be"):
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and not (prefix == "be" and rest[0] != "r"):
            return rest[1:] if prefix == "be" else rest
    for lead in ("me", "pe"):
        if not word.startswith(lead) or len(word) < 6:
            continue
        rest = word[2:]
        if lead == "pe" and rest.startswith("r") and len(rest) > 5 and rest[1] not in _VOWELS:
            return rest[1:]  # per-: perbaikan -> baikan
        if rest.startswith("ny") and rest[2:3] in tuple(_VOWELS):
            return "s" + rest[2:]  # menyusun -> susun
        if rest.startswith("ng"):
            return rest[2:]  # mengelola -> elola, pengembangan -> embangan
        if rest.startswith("m"):
            after = rest[1:]
            return "p" + after if after[:1] in tuple(_VOWELS) else after  # memantau -> pantau
        if rest.startswith("n"):
            after = rest[1:]
            return "t" + after if after[:1] in tuple(_VOWELS) else after  # menetapkan -> tetapkan
        if rest[:1] in tuple("lrwy"):
            return rest  # melaksanakan -> laksanakan
    return word
