"""OCR repair of one text against a `Vocabulary`: split, joined, confused and misspelt words.

`repair_text(text, vocab)` returns the repaired text, every change as (before, after, kind)
and the words it left alone because two corrections were equally good (`doubtful`).
Kinds name the OCR fault that was undone:
- "ocr_split":     a word broken by a space ("i nternalisasi" -> "internalisasi");
- "ocr_join":      two words run together ("budayakerja" -> "budaya kerja"), one of them a
                   taxonomy or lexicon word (both, inside a sentence and capitalised);
- "ocr_confusion": look-alike glyphs (l/1/I/i, rn/m, cl/d, vv/w, ii/ü, O/0 and S/5 in numbers,
                   "et.apkin" for the lexicon's "e-Lapkin", O/Q in an acronym the lexicon
                   lists: "LPTO" for "LPTQ"; a yen sign, which no decree prints, read for a
                   Y that no letter follows: "¥/T" for the answer choices "Y/T"; a square
                   bracket for the I or l starting or ending a word: "EVALUAS]"; a capital
                   for its small letter of the same shape inside a lower-case run:
                   "penyebab Capaian yang");
- "ocr_spelling":  a dropped, added or changed letter ("Tersinya" -> "Terisinya"), found by
                   edit distance: 1 for words of 5+ letters, 2 (both edits glyph-like) for 8+;
                   a word outside the taxonomy and lexicon only by one glyph-like edit.

A word is changed only when it is not a word of the vocabulary and its replacement is,
save the case of a capital read for its small letter (above).
Candidates rank by (not a taxonomy or lexicon word, edit cost, first letter changed); a tie
at the top is doubtful and changes nothing. Never changed:
recognised words, acronyms (all capitals, inner capitals, letters with digits; save the O/Q
above), numbers and dates that are not garbled, proper names (capitalised words not at a
sentence start; save one of 8+ letters a single edit from a taxonomy or lexicon word
with its first letter, as a title-case programme name is, and one of 5-7 letters so near
a word the taxonomy or lexicon prints after the word before it), e-mail and web
addresses, hyphens. Decisions: docs/decisions/0009-ocr-repair.md, 0025, 0029.

Invariant: pure, deterministic and idempotent: repair_text(repair_text(x).text).text equals
repair_text(x).text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from normalize.indonesian_dates import MONTHS
from normalize.roman_numerals import MISREAD_NUMERAL, as_strokes, roman_value
from normalize.vocabulary import WRITTEN_ON, Vocabulary
from schemas.decree import Repair

Kind = Literal["ocr_split", "ocr_join", "ocr_confusion", "ocr_spelling"]


class OcrRepair(NamedTuple):
    """One change: the text before, the text after, and the kind of OCR fault."""

    before: str
    after: str
    kind: Kind


@dataclass(frozen=True)
class RepairResult:
    """The repaired text, its repairs in the order made, and words left alone as doubtful."""

    text: str
    repairs: tuple[OcrRepair, ...] = ()
    doubtful: tuple[str, ...] = ()


def as_repairs(result: RepairResult, field: str) -> list[Repair]:
    """`result`'s repairs as the output contract's `Repair` records of the row field `field`."""
    return [
        Repair(field=field, before=r.before, after=r.after, kind=r.kind) for r in result.repairs
    ]


# A word: letters and digits, inner hyphens and apostrophes allowed.
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Two capitalised words run together ("LembaranNegara"): one inner capital, no others.
_CAMEL = re.compile(r"([A-Z][a-z]{2,})([A-Z][a-z]{2,})")
# A white-space chunk with punctuation between two of its letters ("et.apkin", "pe!aksanaan").
_CHUNK = re.compile(r"\S*[^\W\d_][.,:;!|'`’]+[^\W\d_]\S*")
# An e-mail or web address ("kpu.kudus@gmail.com", "www.kpu.go.id", "jdih.kpu.go.id/x").
_ADDRESS = re.compile(
    r"(?<!\S)\S*?(?:@|https?://|www\.|\.(?:id|com|org|net|info|example)\b)\S*",
    re.IGNORECASE,
)
_EDGE_LEAD = "([{\"'“‘"
_EDGE_TRAIL = ".,;:!?)]}\"'”’"
_SENTENCE_END = frozenset(".!?:;•–-")
_LEAD_MARKER = re.compile(r"\s*(?:\d{1,3}|[IVXivx]{1,4}|[a-zA-Z])[.)]?")
_INNER_MARKER = re.compile(r"(?:^|\s)(?:\d{1,2}|[a-zA-Z])[.)]$")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_MIN_SPELL = 5
_MIN_SPELL_2 = 8
_MIN_PIECE = 3
_MIN_JOINED = 4
_PLAIN_COST = 0.5
_MAX_PASSES = 4

# Look-alike glyphs, read -> meant; applied to the lower-cased word.
_CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("rn", "m"),
    ("m", "rn"),
    ("cl", "d"),
    ("vv", "w"),
    ("ii", "ü"),
    ("ü", "ii"),
    ("ü", "u"),
    ("l", "i"),
    ("i", "l"),
    ("1", "l"),
    ("1", "i"),
    ("!", "l"),
    ("!", "i"),
    ("|", "l"),
    ("|", "i"),
    ("0", "o"),
    ("5", "s"),
)
_CAPITAL_CONFUSIONS: tuple[tuple[str, str], ...] = (("O", "Q"), ("Q", "O"))
"""Capitals OCR reads for each other: a Q whose tail is faint or broken reads O."""
_NUMBER_GLYPHS = {"o": "0", "O": "0", "l": "1", "I": "1", "S": "5"}
# Glyphs whose case OCR does not tell: "I"/"l"/"i" look alike, digits have none.
_CASELESS = frozenset("Iil")
# Letters OCR confuses with each other, and thin glyphs it drops or adds: `_ocr_cost`.
_ALIKE = [
    set("il1tfj!|"),
    set("rnmhu"),
    set("ecoa"),
    set("bh"),
    set("gqy"),
    set("uv"),
    set("s5"),
    set("o0"),
    set("dcl"),
]
_THIN = frozenset("iltfjr.,'-")
_FUNCTION_WORDS = frozenset(
    {"dan", "atau", "yang", "dari", "untuk", "dengan", "pada", "sejak", "serta", "oleh"}
)
"""Words that join the words around them: a word run into one of them is two words as
surely as one run into a domain word (no listed word ends or starts so and is unlisted).
Not 'di' and 'ke', which are prefixes too ('dikelola')."""
_CLIPPED = {word[:-1]: word for word in _FUNCTION_WORDS if len(word) >= 4}
"""A function word whose last letter OCR lost ('yan' for 'yang', 'untu' for 'untuk'): too
short for a spelling search, and no word itself."""
# Endings and particles that are not a word's half when a run-together word is split.
_BOUND = frozenset({"nya", "lah", "kah", "pun", "kan", "ku", "mu", "an", "man", "wan", "wati"})


def repair_text(text: str, vocab: Vocabulary, opens: bool = True) -> RepairResult:
    """`text` with its OCR slips repaired against `vocab` (see the module docstring).

    `opens`: the text starts a sentence. A printed line that goes on from the line above
    does not (`ends_sentence` of that line is False): a capitalised word starting it is
    as likely a name wrapped there ('Puskesmas' / 'Bangsri tentang') as one anywhere
    else in a sentence, and is not respelt.
    """
    repairs: list[OcrRepair] = []
    doubtful: list[str] = []
    current = text
    for _ in range(_MAX_PASSES):
        repaired, pass_repairs, pass_doubtful = _one_pass(current, vocab, opens)
        repairs.extend(pass_repairs)
        doubtful = pass_doubtful
        if repaired == current:
            break
        current = repaired
    return RepairResult(current, tuple(repairs), tuple(dict.fromkeys(doubtful)))


def ends_sentence(text: str) -> bool:
    """True when `text` (a printed line) is empty or ends a sentence, a clause or an item
    (a stop, colon, semicolon, ...): the next line then opens one (`repair_text`)."""
    stripped = text.rstrip()
    return not stripped or stripped[-1] in _SENTENCE_END


def _one_pass(text: str, vocab: Vocabulary, opens: bool) -> tuple[str, list[OcrRepair], list[str]]:
    """One pass of the three steps: garbled chunks, broken words, then each token."""
    repairs: list[OcrRepair] = []
    doubtful: list[str] = []
    text = _split_glued_dates(_repair_glyphs(text, repairs), repairs)
    text = _repair_bracket_letters(text, vocab, repairs)
    text = _lower_shape_capitals(text, vocab, repairs)
    text = _repair_chunks(text, vocab, repairs)
    text = _repair_splits(text, vocab, repairs)
    out: list[str] = []
    last = 0
    before: str | None = None
    addresses = _addresses(text)
    for match in _TOKEN.finditer(text):
        token = match.group()
        if _inside(addresses, match.start()):
            before = None
            continue
        at_start = _at_sentence_start(text, match.start(), opens)
        if text[last : match.start()] not in (" ", "\n"):
            before = None
        fixed, kind, doubt = _repair_token(token, at_start, vocab, before)
        out.append(text[last : match.start()])
        out.append(fixed)
        last = match.end()
        before = fixed.lower()
        if kind is not None:
            repairs.append(OcrRepair(token, fixed, kind))
        if doubt:
            doubtful.append(token)
    out.append(text[last:])
    return "".join(out), repairs, doubtful


def _addresses(text: str) -> list[tuple[int, int]]:
    """Spans of e-mail and web addresses: their pieces are not words."""
    return [m.span() for m in _ADDRESS.finditer(text)]


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """True when `position` falls in one of `spans`."""
    return bool(spans) and any(start <= position < end for start, end in spans)


def _at_sentence_start(text: str, start: int, opens: bool = True) -> bool:
    """True at the text's start when it `opens` a sentence, after a list number or bullet
    starting the text, after a sentence end, colon, semicolon or bullet, and after an
    inner list marker ("; 2. Daftar")."""
    before = text[:start].rstrip(" \t" + _EDGE_LEAD)
    if not before:
        return opens
    if _LEAD_MARKER.fullmatch(before):
        return True
    if before[-1] in _SENTENCE_END:
        return True
    return _INNER_MARKER.search(before) is not None


# --- glyphs no decree prints ("¥/T") ----------------------------------------------------------

# A yen sign before a letter is some other word's garble ("¥bagia"), not a lone Y.
_CODE_ZERO = re.compile(r"(?<=[.\-])0[A-Z]{1,3}(?=[.\-/]\d)")
"""A zero before capitals between a code's separators, a digit after them ('.0T.01'): the
letter O, as no number part of a code runs into letters."""
_LONE_YEN = re.compile(r"¥(?![^\W\d_])")
_LONE_YEN_CHUNK = re.compile(rf"\S*{_LONE_YEN.pattern}\S*")
_ROMAN_COUNTING_WORDS = (
    "triwulan",
    "semester",
    "tw",
    "tahap",
    "kuartal",
    "bab",
    "jilid",
    "lampiran",
    "eselon",
    "kelas",
    "tingkat",
    "wadir",
)
"""Words that count in Roman numerals ('Triwulan II', 'Bab IV', 'Eselon III', 'Wadir II')."""
_COUNTED_NUMERAL = re.compile(
    rf"\b((?i:{'|'.join(_ROMAN_COUNTING_WORDS)})\s+"
    r"(?:[IVX]{1,4}(?:\s*,\s*|\s+(?:dan|s/d|sampai|hingga)\s+|\s*[-–]\s*))?)"
    rf"({MISREAD_NUMERAL}|[|l])(?![\w|])"
)
"""A Roman numeral OCR misread after a word that counts in Roman numerals ('Triwulan Il',
'Semester 1I', and a lone 'I' read as a stroke: 'Semester |', 'Triwulan l'), or after
such a word's first numeral in a list or range ('Triwulan I dan Ill', 'TW II - lV'):
there it is no Arabic number, and 'Il' no word."""


# The 1 of a label numbered with a letter read as 'l' or a stroke ('l.a.' for '1.a.',
# '|.b)'): no word or abbreviation is spelt so.
_LABEL_ONE = re.compile(r"(?:(?<=\s)|^)[l|](\.[a-z][.)])(?=\s|$)", re.MULTILINE)


# A percent sign standing as a word, read by tesseract as 'Yo' ('Yo pegawai yang ...',
# 'dengan Yo kategori nilai'): no Indonesian word or listed acronym is spelt so.
_PERCENT_READ = re.compile(r"(?:(?<=\s)|^)Yo(?=\s)", re.MULTILINE)


_GLUED_DATE = re.compile(
    rf"(?<![^\s(])(\d{{1,2}})?((?i:{'|'.join(MONTHS)}))"
    r"(dan|s/d|s\.d\.|hingga|sampai)?(\d{1,2})?(?![\w/])"
)
"""A month's name with the day before it, a word joining it to the next date, or that
date's day run into it, spaces lost ('30Junidan31', 'Meis/d', '2Februari'): no word
starts with a day or a month's name so."""


def _split_glued_dates(text: str, repairs: list[OcrRepair]) -> str:
    """`text` with the parts of a date OCR ran together (`_GLUED_DATE`) spaced again, each
    change recorded as an 'ocr_join'."""

    def split(match: re.Match[str]) -> str:
        parts = [part for part in match.groups() if part]
        if len(parts) == 1:
            return match.group()
        spaced = " ".join(parts)
        repairs.append(OcrRepair(match.group(), spaced, "ocr_join"))
        return spaced

    return _GLUED_DATE.sub(split, text)


def _repair_glyphs(text: str, repairs: list[OcrRepair]) -> str:
    """Yen signs read for a capital Y, in the chunks (between spaces) holding them; a
    percent sign read as 'Yo' standing alone; the 1 of a label '1.a.' read 'l' or '|'; a
    zero read for the O of a code's letters ('M.HH-05.0T.01.01': classification codes
    print letters between the stops, 'OT');
    Roman numerals read with 'l', '1' or '|' for an I after a word that counts in them
    ('Triwulan Il' -> 'Triwulan II')."""

    def percent(match: re.Match[str]) -> str:
        repairs.append(OcrRepair("Yo", "%", "ocr_confusion"))
        return "%"

    def code_letter(match: re.Match[str]) -> str:
        repairs.append(OcrRepair(match.group(), "O" + match.group()[1:], "ocr_confusion"))
        return "O" + match.group()[1:]

    text = _CODE_ZERO.sub(code_letter, text)

    def fix(match: re.Match[str]) -> str:
        chunk = match.group()
        fixed = _LONE_YEN.sub("Y", chunk)
        repairs.append(OcrRepair(chunk, fixed, "ocr_confusion"))
        return fixed

    def label_one(match: re.Match[str]) -> str:
        repairs.append(OcrRepair(match.group(), "1" + match.group(1), "ocr_confusion"))
        return "1" + match.group(1)

    text = _LABEL_ONE.sub(label_one, text)
    text = _PERCENT_READ.sub(percent, _LONE_YEN_CHUNK.sub(fix, text))
    text, numerals = restore_counted_numerals(text)
    repairs += [OcrRepair(before, after, "ocr_confusion") for before, after in numerals]
    return text


def restore_counted_numerals(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` with the Roman numerals after a word that counts in them put back
    (`_COUNTED_NUMERAL`: 'Triwulan Il' -> 'Triwulan II', 'Semester |' -> 'Semester I'),
    and each change as (before, after). Cells run it before rule marks are stripped: a
    lone '|' is one, unless a counting word stands before it."""
    changes: list[tuple[str, str]] = []

    def numeral(match: re.Match[str]) -> str:
        printed = match.group(2)
        fixed = as_strokes(printed)
        if roman_value(fixed) is None:
            return match.group(0)
        changes.append((printed, fixed))
        return match.group(1) + fixed

    return _COUNTED_NUMERAL.sub(numeral, text), changes


# --- garbled chunks ("et.apkin") --------------------------------------------------------------


def _repair_chunks(text: str, vocab: Vocabulary, repairs: list[OcrRepair]) -> str:
    """Chunks with punctuation inside their letters, repaired to a word or lexicon entry."""

    def fix(match: re.Match[str]) -> str:
        chunk = match.group()
        lead = len(chunk) - len(chunk.lstrip(_EDGE_LEAD))
        core = chunk[lead:].rstrip(_EDGE_TRAIL)
        if not _is_garble(core) or vocab.entry(core) is not None or _ADDRESS.search(chunk):
            return chunk
        fixed = _garble_fix(core, _at_sentence_start(text, match.start() + lead), vocab)
        if fixed is None:
            return chunk
        repairs.append(OcrRepair(core, fixed, "ocr_confusion"))
        return chunk[:lead] + fixed + chunk[lead + len(core) :]

    return _CHUNK.sub(fix, text)


_SHAPE_CAPITAL = re.compile(
    r"(?:^|(?<=\s))([a-z]{3,}[ \n])([COSVWXZ][a-z]{3,})(?=[ \n][a-z]{2,}[ \n][a-z]{2,}\b)"
)
"""A capital whose small letter has its shape (c, o, s, v, w, x, z) opening a word
inside a lower-case run: one word of three or more small letters before it, two small
words after it. A title in title case keeps its function words small ('tentang
Organisasi dan Tata Kerja'), so two are needed after it; a list's first label read as
letters ('al Surat permohonan kerja sama' for '1. Surat') is no word before it."""


def _lower_shape_capitals(text: str, vocab: Vocabulary, repairs: list[OcrRepair]) -> str:
    """`text` with a domain word's first letter put back in lower case where OCR read it
    as the capital of the same shape inside a lower-case run ('memantau Capaian kinerja
    dan' -> 'memantau capaian kinerja dan'; `_SHAPE_CAPITAL`): tesseract tells such a
    pair by size alone. Only a word the taxonomy and lexicon mostly print in lower case
    is lowered ('Sipil' stays: 'Aparatur Sipil Negara'), and never a lexicon entry."""

    def lower(match: re.Match[str]) -> str:
        word = match.group(2)
        small = word[0].lower() + word[1:]
        if small not in vocab.lowercase or vocab.entry(word) is not None:
            return match.group()
        repairs.append(OcrRepair(word, small, "ocr_confusion"))
        return match.group(1) + small

    return _SHAPE_CAPITAL.sub(lower, text)


_BRACKETED = re.compile(r"(?<![\w\[\]])(\[?)([^\W\d_]{3,})(\]?)(?![\w\[\]])")


def _repair_bracket_letters(text: str, vocab: Vocabulary, repairs: list[OcrRepair]) -> str:
    """A square bracket read for the I or l that starts or ends a word: a '[' no ']'
    closes later in `text`, or a ']' no '[' opens before it, glued to 3+ letters that are
    no word, and that with 'I' or 'l' in its place (exactly one of them) are one
    ('EVALUAS]' -> 'EVALUASI', 'hasi]' -> 'hasil'). The bracket's stroke is the letter's,
    with the serifs of a cell rule or a bold face beside it."""

    def fix(match: re.Match[str]) -> str:
        opening, letters, closing = match.groups()
        if bool(opening) == bool(closing) or vocab.is_word(letters):
            return match.group()
        unmatched = "]" not in text[match.end() :] if opening else "[" not in text[: match.start()]
        if not unmatched:
            return match.group()
        words = [
            word
            for letter in "Il"
            if vocab.is_word(word := letter + letters if opening else letters + letter)
        ]
        if len(words) != 1:
            return match.group()
        repairs.append(OcrRepair(match.group(), words[0], "ocr_confusion"))
        return words[0]

    return _BRACKETED.sub(fix, text)


def _is_garble(core: str) -> bool:
    """A chunk of 5+ characters that starts and ends with a letter and has no digit or "/"
    (`_CHUNK` already found punctuation between two of its letters)."""
    return (
        len(core) >= 5
        and core[0].isalpha()
        and core[-1].isalpha()
        and not any(c.isdigit() or c == "/" for c in core)
    )


@functools.lru_cache(maxsize=1 << 14)
def _garble_fix(core: str, at_start: bool, vocab: Vocabulary) -> str | None:
    """The one word `core` is by glyph confusion ("pe!aksanaan"), else the one lexicon entry
    within edit distance 2 of it ("et.apkin" -> "e-Lapkin"); None when there is not one."""
    confused = _confusions(core, vocab)
    if confused:
        best = _best(core.lower(), confused)
        return None if best is None else _recase(best.text, core, at_start)
    if len(core) < 6:
        return None
    keys = [k for k in vocab.entries if len(k) >= 6 and abs(len(k) - len(core)) <= 1]
    found = process.extract(
        core.lower(), keys, scorer=Levenshtein.distance, score_cutoff=2, limit=None
    )
    if not found:
        return None
    best_score = min(score for _, score, _ in found)
    closest = sorted(key for key, score, _ in found if score == best_score)
    if len(closest) != 1 or best_score == 0:
        return None
    entry = vocab.entries[closest[0]]
    return entry[0].upper() + entry[1:] if core[0].isupper() else entry


# --- words broken by a space ("i nternalisasi") ----------------------------------------------


def _repair_splits(text: str, vocab: Vocabulary, repairs: list[OcrRepair]) -> str:
    """Adjacent words joined where they are one word broken by a single space.

    Left to right; a join is put off when the right word joins its own right neighbour into a
    listed word and the left join does not give one ("terhadap i novasi": "inovasi").
    """
    matches = list(_TOKEN.finditer(text))
    addresses = _addresses(text)
    spaced = [
        i + 1 < len(matches)
        and text[m.end() : matches[i + 1].start()] == " "
        and not _inside(addresses, m.start())
        and not _inside(addresses, matches[i + 1].start())
        for i, m in enumerate(matches)
    ]
    out: list[str] = []
    last = 0
    word: str | None = None  # the word being built, not yet written to `out`
    for i, match in enumerate(matches):
        token = match.group()
        joined = _joined(word, token, vocab) if word is not None and spaced[i - 1] else None
        if joined is not None and joined not in vocab.words and spaced[i]:
            ahead = _joined(token, matches[i + 1].group(), vocab)
            if ahead is not None and ahead in vocab.words:
                joined = None
        if joined is not None and word is not None:
            repairs.append(OcrRepair(f"{word} {token}", joined, "ocr_split"))
            word = joined
        else:
            if word is not None:
                out.append(word)
            out.append(text[last : match.start()])
            word = token
        last = match.end()
    if word is not None:
        out.append(word)
    out.append(text[last:])
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)
def _joined(left: str, right: str, vocab: Vocabulary) -> str | None:
    """`left + right` when that is a word and `left` or `right` is not one, or when it is an
    acronym or name the lexicon lists (capitals after its first letter) and neither half is
    one ('Ber AKHLAK' -> 'BerAKHLAK'); a listed spelling of words stays apart ('tindak
    lanjut').

    Capitals: a capitalised `right` starts a new word unless both halves are all capitals
    (a heading); lexicon entries, tokens with digits and Roman numerals of two or more
    letters ('KELAS II', a class, is no 'KELASII') are never halves.
    """
    joined = left + right
    if (
        any(c.isupper() for c in joined[1:])
        and vocab.is_entry(joined)
        and not (vocab.is_entry(left) or vocab.is_entry(right))
    ):
        return joined
    # A bound form printed apart ('pasca penyederhanaan') was printed so: it stands for a word.
    if (vocab.is_word(left) or left.lower() in WRITTEN_ON) and vocab.is_word(right):
        return None
    if any(
        vocab.is_entry(t) or any(c.isdigit() for c in t) or _is_numeral(t) for t in (left, right)
    ):
        return None
    if not (left.isupper() and right.isupper()) and (
        _locked(left, vocab) or _locked(right, vocab) or right[0].isupper()
    ):
        return None
    # Letter-spaced or interleaved OCR ("t e", "a i") would join into short junk words.
    return joined if len(joined) >= _MIN_JOINED and vocab.is_word(joined) else None


def _is_numeral(token: str) -> bool:
    """True for a Roman numeral of two or more letters ('II', 'IV'); a lone 'I', 'V' or 'X'
    is as likely a broken word's letter ('I NTERNALISASI')."""
    return len(token) >= 2 and roman_value(token) is not None


def _locked(token: str, vocab: Vocabulary) -> bool:
    """Acronyms, lexicon entries and tokens with digits: never joined, split or respelt."""
    letters = [c for c in token if c.isalpha()]
    return (
        vocab.is_entry(token)
        or any(c.isdigit() for c in token)
        or (len(letters) >= 2 and all(c.isupper() for c in letters))
        or any(c.isupper() for c in token[1:])
    )


# --- one word ---------------------------------------------------------------------------------


class _Candidate(NamedTuple):
    text: str  # lower case
    kind: Kind
    cost: float
    domain: bool


@functools.lru_cache(maxsize=1 << 16)
def _repair_token(
    token: str, at_start: bool, vocab: Vocabulary, before: str | None = None
) -> tuple[str, Kind | None, bool]:
    """(repaired token, kind or None, doubtful) for one token of the text; `before` is the
    word just before it (lower case, one space or line break between), if any.

    Candidates (glyph confusions, a split into two words, spelling at distance 1, else 2)
    are ranked by (not a domain word, cost, first letter changed); a tie is doubtful.
    """
    capital = _CAPITAL_AFTER.fullmatch(token)
    if capital is not None and not vocab.is_entry(token):
        left, right = capital.groups()
        # Before the word test: 'keKantor' lower-cased is a prefixed word ('kekantor').
        if _runs_into(left, right, vocab):
            return f"{left} {right}", "ocr_join", False
    listed = vocab.entry(token)
    if listed is not None and _acronym_read_with_i(token, listed):
        return listed, "ocr_confusion", False
    if vocab.is_word(token) or listed is not None:
        return token, None, False
    number = _number_fix(token)
    if number is not None:
        return number, "ocr_confusion", False
    if "-" in token:
        return _repair_hyphenated(token, at_start, vocab)
    glued = _glued_number(token, vocab)
    if glued is not None:
        return glued, "ocr_join", False
    camel = _CAMEL.fullmatch(token)
    if camel is not None and not vocab.is_entry(token):
        left, right = camel.groups()
        if _two_words(left.lower(), right.lower(), vocab):
            return f"{left} {right}", "ocr_join", False
    acronym = _acronym_fix(token, vocab)
    if acronym is not None:
        return acronym, "ocr_confusion", False
    if token in _CLIPPED:
        return _CLIPPED[token], "ocr_spelling", False
    name = token[0].isupper() and not at_start
    candidates = list(_confusions(token, vocab))
    if not _locked(token, vocab):
        lower = token.lower()
        candidates += _splits(lower, vocab, name=name)
        if not name:
            candidates += _spellings(lower, vocab, far=not candidates)
        elif len(lower) >= _MIN_SPELL_2:
            # Plans print programmes in title case ('Survei Ekaternal'); a long person's or
            # place's name one letter from a taxonomy or lexicon word, and sharing its
            # first letter, is far rarer than such a misread.
            candidates += [
                c for c in _spellings(lower, vocab, far=False) if c.domain and c.text[0] == lower[0]
            ]
        elif before is not None:
            # A shorter one is respelt only into a phrase the taxonomy or lexicon prints
            # with the word before it ('Persepsi Korupei' -> 'Persepsi Korupsi'): a name
            # after a domain word that misses such a phrase by one letter is rarer still.
            candidates += [
                c
                for c in _spellings(lower, vocab, far=False)
                if c.domain and c.text[0] == lower[0] and (before, c.text) in vocab.phrases
            ]
    if not candidates:
        return token, None, False
    best = _best(token.lower(), candidates)
    if best is None:
        return token, None, True
    return _recase(best.text, token, at_start), best.kind, False


# A lower-case word with a capitalised word or an acronym run into it ("keKantor",
# "penerapanSOP"): no word is written with a capital inside.
_CAPITAL_AFTER = re.compile(r"([a-z]{2,})([A-Z][A-Za-z]+)")
_BEFORE_NAMES = frozenset({"di", "ke"})
"""Prepositions written apart from a place or office ('ke Kantor', 'di Jakarta'); as
prefixes they never stand before a capital."""


def _runs_into(left: str, right: str, vocab: Vocabulary) -> bool:
    """`left` (lower case) and `right` (capitalised or in capitals) are two words a vendor's
    layer ran together: a function word or 'di'/'ke' before a word or name, or a word of 4+
    letters before a word or an entry the lexicon spells so ('SOP')."""
    if left in _FUNCTION_WORDS or left in _BEFORE_NAMES:
        return right[1:].islower() or vocab.is_entry(right)
    return (
        len(left) >= 4
        and vocab.is_word(left)
        and (vocab.is_entry(right) or (right[1:].islower() and vocab.is_word(right)))
    )


# A word with a number run into it: a year ("Desember2027"), a count after a word that
# counts ("Semester1", "Triwulan12027" for "Triwulan 1 2027").
_GLUED_NUMBER = re.compile(r"([^\W\d_]{3,})(\d{1,2})?((?:19|20)\d\d)?")
# A Roman numeral of two or more letters with a year run into it ("III2026").
_GLUED_NUMERAL = re.compile(r"([IVX]{2,4})((?:19|20)\d\d)")
_COUNTING_WORDS = frozenset(_ROMAN_COUNTING_WORDS) | {"pasal", "ayat", "nomor"}
# A number with 'Tahun' run onto it: the cited instrument's number before its year
# ("Nomor 17Tahun 2023"); no number or code ends in the word.
_NUMBER_BEFORE_TAHUN = re.compile(r"(\d{1,4})(Tahun|TAHUN|tahun)")


def _glued_number(token: str, vocab: Vocabulary) -> str | None:
    """`token` with a space put back between a word and the number OCR ran into it, or None.

    Only a dictionary word followed by a year (1900-2099), or a word that counts
    (Triwulan, Semester, ...) followed by a one- or two-digit count and maybe a year: an
    acronym or code with digits ("SP4N", "K3") is no such word, and keeps its digits. And
    a number followed by 'Tahun' ("17Tahun"), and a Roman numeral followed by a year
    ("III2026").
    """
    before_tahun = _NUMBER_BEFORE_TAHUN.fullmatch(token)
    if before_tahun is not None:
        return " ".join(before_tahun.groups())
    numeral = _numeral_and_year(token)
    if numeral is not None:
        return " ".join(numeral)
    match = _GLUED_NUMBER.fullmatch(token)
    if match is None or (match.group(2) is None and match.group(3) is None):
        return None
    word, count, year = match.groups()
    if count is not None and word.lower() not in _COUNTING_WORDS:
        return None
    if not vocab.is_word(word) or _locked(word, vocab):
        return None
    return " ".join(part for part in (word, count, year) if part)


def _numeral_and_year(token: str) -> tuple[str, str] | None:
    """(numeral, year) of a Roman numeral of two or more letters with a year run into it
    ("III2026"); None for any other token."""
    match = _GLUED_NUMERAL.fullmatch(token)
    if match is None or roman_value(match.group(1)) is None:
        return None
    return match.group(1), match.group(2)


def _best(word: str, candidates: list[_Candidate]) -> _Candidate | None:
    """The one best candidate, or None when the best two tie."""

    def key(c: _Candidate) -> tuple[bool, float, bool]:
        return (not c.domain, c.cost, c.text[:1] != word[:1])

    ranked = sorted(set(candidates), key=lambda c: (key(c), c.text))
    if len(ranked) > 1 and key(ranked[0]) == key(ranked[1]) and ranked[0].text != ranked[1].text:
        return None
    return ranked[0]


def _repair_hyphenated(
    token: str, at_start: bool, vocab: Vocabulary
) -> tuple[str, Kind | None, bool]:
    """Each part of a hyphenated word repaired alone; the hyphens stay. A word with a
    lexicon entry of a bound form run into it ('aplikasie-Kinerja') is the two."""
    glued = _glued_entry(token, vocab)
    if glued is not None:
        return glued, "ocr_join", False
    parts = token.split("-")
    fixed: list[str] = []
    kinds: list[Kind] = []
    doubt = False
    for i, part in enumerate(parts):
        if not part or vocab.is_word(part) or len(part) == 1:
            fixed.append(part)
            continue
        new, kind, part_doubt = _repair_token(part, at_start and i == 0, vocab)
        fixed.append(new)
        doubt = doubt or part_doubt
        if kind is not None:
            kinds.append(kind)
    return "-".join(fixed), (kinds[0] if kinds else None), doubt


def _glued_entry(token: str, vocab: Vocabulary) -> str | None:
    """`token` split before the lexicon entry it ends with when a word of 4+ letters runs
    into it ('aplikasie-Kinerja' -> 'aplikasi e-Kinerja'); None otherwise."""
    if vocab.is_word(token):
        return None
    for start in range(4, token.index("-")):
        head, entry = token[:start], token[start:]
        if vocab.is_entry(entry) and vocab.is_word(head):
            return f"{head} {entry}"
    return None


def _number_fix(token: str) -> str | None:
    """A number with letters read for digits ("2O25" -> "2025"), or None; a Roman numeral
    with a year run into it ("III2026") is two tokens, not such a number."""
    digits = sum(c.isdigit() for c in token)
    if (
        _numeral_and_year(token) is not None
        or digits < 2
        or digits == len(token)
        or not all(c.isdigit() or c in _NUMBER_GLYPHS for c in token)
    ):
        return None
    return "".join(_NUMBER_GLYPHS.get(c, c) for c in token)


def _recase(word: str, like: str, at_start: bool) -> str:
    """`word` (lower case) in the case pattern of `like`: upper, capitalised or lower.

    A first letter that was replaced, or is a look-alike glyph ("I", "l", "1"), says nothing
    about case: the word is then capitalised only at a sentence start.
    """
    letters = [c for c in like if c.isalpha() and c not in _CASELESS]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return word.upper()
    first = like[:1]
    kept = first.lower() == word[:1]
    capital = first.isupper() if kept else at_start
    return word[:1].upper() + word[1:] if capital else word


def _confusions(token: str, vocab: Vocabulary) -> list[_Candidate]:
    """Words `token` becomes by undoing one look-alike glyph (cost 0.5), else two (1.0).

    Only for words of 4+ characters with 3+ letters and a lower-case letter or a digit (an
    acronym in capitals is left alone).
    """
    lower = token.lower()
    if (
        len(token) < 4
        or sum(c.isalpha() for c in token) < 3
        or not any(c.islower() or c.isdigit() for c in token)
        or not any(read in lower for read, _ in _CONFUSIONS)
    ):
        return []
    once = set(_confuse(lower))
    for cost, edits in ((0.5, once), (1.0, {w for v in once for w in _confuse(v)})):
        found = [
            _Candidate(w, "ocr_confusion", cost, w in vocab.domain)
            for w in sorted(edits)
            if w != lower and vocab.is_word(w)
        ]
        if found:
            return found
    return []


def _acronym_fix(token: str, vocab: Vocabulary) -> str | None:
    """The lexicon acronym `token` is by one capital confusion ('LPTO' -> 'LPTQ'), or by
    reading its capital I as 'l' or '1' ('Zl' -> 'ZI', 'SPlP' -> 'SPIP', 'Z1' -> 'ZI') or
    its O as '0' ('S0P' -> 'SOP'); else None.

    Input: a token that is neither a word nor a lexicon entry. Only a token of capitals
    and no other character (3+ of them), or of capitals and 'l', '1' or '0' (2+ characters, a
    capital first), is looked at, and only acronyms the lexicon lists in capitals are
    reached; two acronyms reached is no answer. Acronyms are otherwise never respelt
    (`_locked`): this needs the exact listed acronym at look-alike glyphs.
    """
    read_i = token.replace("l", "I").replace("1", "I").replace("0", "O")
    if read_i != token and token[:1].isupper() and read_i.isalpha() and read_i.isupper():
        return read_i if vocab.is_entry(read_i) else None
    if len(token) < 3 or not (token.isalpha() and token.isupper()):
        return None
    reached = {
        variant
        for read, meant in _CAPITAL_CONFUSIONS
        for index, char in enumerate(token)
        if char == read and vocab.is_entry(variant := token[:index] + meant + token[index + 1 :])
    }
    return reached.pop() if len(reached) == 1 else None


def _acronym_read_with_i(token: str, listed: str) -> bool:
    """True when `token` is the lexicon acronym `listed` (capitals only, as the lexicon
    lists it) with its capital I's read as 'i' ('Zi' for 'ZI', 'SPiP' for 'SPIP'):
    tesseract takes a small sans-serif I for an 'i' at small sizes. Other letters in lower
    case ('Se', 'Nip') are the document's own spelling or another word."""
    return (
        "i" in token[1:]
        and token[:1].isupper()
        and listed.isupper()
        and token[:1] + token[1:].replace("i", "I") == listed
    )


def _confuse(word: str) -> list[str]:
    out = []
    for read, meant in _CONFUSIONS:
        start = word.find(read)
        while start != -1:
            out.append(word[:start] + meant + word[start + len(read) :])
            start = word.find(read, start + 1)
    return out


# --- run-together words ("budayakerja") --------------------------------------------------


def _splits(word: str, vocab: Vocabulary, name: bool) -> list[_Candidate]:
    """ "left right" for every cut of `word` into two listed words (cost 1), one of them a
    domain word ("dong gala" is no cut of "Donggala") or a function word; inside a `name`
    position both domain words or one a function word, where "Evaluasidan" is cut but
    "Sukamaju" is not."""
    found = []
    for cut in range(_MIN_PIECE, len(word) - _MIN_PIECE + 1):
        left, right = word[:cut], word[cut:]
        if _two_words(left, right, vocab) and (
            not name or _has_function_word(left, right) or _both_domain(left, right, vocab)
        ):
            found.append(
                _Candidate(f"{left} {right}", "ocr_join", 1.0, _both_domain(left, right, vocab))
            )
    return found


def _two_words(left: str, right: str, vocab: Vocabulary) -> bool:
    """`left` and `right` (lower case) are two listed words, one a domain word or a
    function word ('Sekolahdan', 'sejakditerima'), that did not just lose a hyphen."""
    return (
        (_piece(left, vocab) or left in _FUNCTION_WORDS)
        and (_piece(right, vocab) or right in _FUNCTION_WORDS)
        and (left in vocab.domain or right in vocab.domain or _has_function_word(left, right))
        and not _reduplicated(left, right, vocab)
    )


def _has_function_word(left: str, right: str) -> bool:
    return left in _FUNCTION_WORDS or right in _FUNCTION_WORDS


def _both_domain(left: str, right: str, vocab: Vocabulary) -> bool:
    return left in vocab.domain and right in vocab.domain


def _piece(word: str, vocab: Vocabulary) -> bool:
    """A possible half of a run-together word: a listed form (not merely an affixed stem) of
    4+ letters, or a 3-letter domain word."""
    return (
        word not in _BOUND
        and word in vocab.words
        and (len(word) > _MIN_PIECE or word in vocab.domain)
    )


def _reduplicated(left: str, right: str, vocab: Vocabulary) -> bool:
    """True for a compound or reduplication that lost its hyphen ("perundangundangan": the
    end of `left` starts `right` again, or "kick-off" is listed): hyphens are not OCR's."""
    if f"{left}-{right}" in vocab.words:
        return True
    return any(left.endswith(right[:n]) for n in range(3, min(len(left), len(right)) + 1))


# --- misspelt words -----------------------------------------------------------------------


def _spellings(word: str, vocab: Vocabulary, far: bool) -> list[_Candidate]:
    """Listed words one edit from `word` (cost 1); when none and `far`, two glyph-like edits
    away (cost = `_ocr_cost` <= 1, same first letter, no hyphen added).

    A word outside the domain must be one glyph-like edit away (`_ocr_cost` <= 0.5): an
    unknown but correct word ("verifikator", "surel") is more likely than any plain edit.
    """
    if len(word) < _MIN_SPELL or not word.isalpha():
        return []
    near = [
        w
        for w in sorted(_edits1(word) & vocab.words)
        if w in vocab.domain or _ocr_cost(word, w) <= _PLAIN_COST
    ]
    if near:
        return [_Candidate(w, "ocr_spelling", 1.0, w in vocab.domain) for w in near]
    if not far or len(word) < _MIN_SPELL_2:
        return []
    found = process.extract(
        word, _window(vocab, len(word)), scorer=Levenshtein.distance, score_cutoff=2, limit=None
    )
    return [
        _Candidate(w, "ocr_spelling", cost, w in vocab.domain)
        for w, _, _ in found
        if w[0] == word[0]
        and "-" not in w
        and (cost := _ocr_cost(word, w)) <= 1.0
        and (w in vocab.domain or cost <= _PLAIN_COST)
    ]


def _edits1(word: str) -> set[str]:
    """Every string one deletion, substitution or insertion of a letter from `word`."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in cuts if b}
    substitutes = {a + c + b[1:] for a, b in cuts if b for c in _LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in cuts for c in _LETTERS}
    return deletes | substitutes | inserts


@functools.lru_cache(maxsize=64)
def _window(vocab: Vocabulary, length: int) -> tuple[str, ...]:
    """Vocabulary words whose length is within 2 of `length`."""
    buckets = _by_length(vocab)
    return tuple(w for n in range(length - 2, length + 3) for w in buckets.get(n, ()))


@functools.lru_cache(maxsize=4)
def _by_length(vocab: Vocabulary) -> dict[int, tuple[str, ...]]:
    """The vocabulary's words grouped by length, each group sorted."""
    groups: dict[int, list[str]] = {}
    for word in sorted(vocab.words):
        groups.setdefault(len(word), []).append(word)
    return {n: tuple(words) for n, words in groups.items()}


def _ocr_cost(read: str, meant: str) -> float:
    """Edit distance where look-alike substitutions and thin glyphs cost 0.5, others 1."""
    prev = [float(j) for j in range(len(meant) + 1)]
    for i, a in enumerate(read, 1):
        row = [float(i)]
        for j, b in enumerate(meant, 1):
            sub = 0.0 if a == b else (0.5 if any(a in s and b in s for s in _ALIKE) else 1.0)
            row.append(
                min(
                    prev[j] + (0.5 if a in _THIN else 1.0),
                    row[j - 1] + (0.5 if b in _THIN else 1.0),
                    prev[j - 1] + sub,
                )
            )
        prev = row
    return prev[-1]
