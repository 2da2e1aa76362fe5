"""Body pages' text lines -> `DecreeMetadata` (title block, Menimbang, Mengingat, dicta, closing).

The body is every page before the one that opens with the LAMPIRAN header block (whose
NOMOR/TENTANG repeat the heading and must not override it). Running headers and footers
('- 2 -', 'jdih.kpu.go.id', 'SALINAN') are dropped first. A label printed apart from its
text on the same row ('Menimbang :' | 'a. bahwa ...') is joined to it. The body is then cut
at its anchors, each accepted only in document order: Menimbang, Mengingat, Memperhatikan,
MEMUTUSKAN, Menetapkan, the dicta (KESATU, KEDUA, ...) or Pasal/BAB, and 'Ditetapkan di'.

Anything not found is null: a Peraturan (Pasal instead of diktum) gives no dicta, an OCR'd
scan gives what its text allows. A document that is only a Lampiran takes its title block
from the LAMPIRAN header and its signatory from the last page. Never raises on any input.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from rapidfuzz.distance import Levenshtein

from normalize.build_jdih import build_jdih, running_text_form
from normalize.fold_text import fold, join_lines, word_counts
from normalize.indonesian_dates import parse_indonesian_date
from normalize.parse_legal_bases import parse_legal_bases
from normalize.read_signatory import (
    best_name,
    clean_name,
    is_degree,
    is_issuer_piece,
    is_upper_name,
    names_nobody,
    repaired_position,
)
from normalize.repair_title import repair_title, restore_roman_months, restore_signed_month
from schemas.decree import DecreeMetadata, Dictum, Signatory
from schemas.raw import RawPage


class _Section(IntEnum):
    """Parts of a decree body, in the order they are printed."""

    HEADING = 0
    MENIMBANG = 1
    MENGINGAT = 2
    MEMPERHATIKAN = 3
    MEMUTUSKAN = 4
    MENETAPKAN = 5
    DICTA = 6
    ARTICLES = 7
    CLOSING = 8


@dataclass(frozen=True)
class _Line:
    """A body text line with the geometry the parser uses (points, upright page)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    page_width: float

    @property
    def height(self) -> float:
        """Height of the line's box."""
        return max(self.bottom - self.top, 0.0)


_SECTION_WORDS = (
    ("menimbang", _Section.MENIMBANG),
    ("mengingat", _Section.MENGINGAT),
    ("memperhatikan", _Section.MEMPERHATIKAN),
    ("memutuskan", _Section.MEMUTUSKAN),
    ("menetapkan", _Section.MENETAPKAN),
)
_UNITS = ("SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN")
_DICTUM_ORDINALS: dict[str, int] = {
    "PERTAMA": 1,
    **{f"KE{unit}": index + 1 for index, unit in enumerate(_UNITS)},
    "KESEPULUH": 10,
    "KESEBELAS": 11,
    **{f"KE{unit} BELAS": index + 11 for index, unit in enumerate(_UNITS) if index},
    "KEDUA PULUH": 20,
}
_ORDINAL_WORDS = "|".join(sorted(_DICTUM_ORDINALS, key=len, reverse=True))
_DICTUM = re.compile(
    r"^(" + _ORDINAL_WORDS + r")(?![A-Z])\s*([-–—](?=\s)|[:;]?)\s*(?:[.,]\s*)?(.*)$"
)
"""A diktum label and its text; OCR reads its ':' as ';' ('KEDELAPAN ; ...'), as a dash
standing apart ('KEDUA - ...'; a hyphen joined to a word is no mark), or as '.'/','
(taken only in the label column, like a label without one). The dash is tried first: the
other choice may match nothing, which would leave the dash in the text."""
_ARTICLE = re.compile(r"^(?:Pasal\s+(?:\d+[A-Z]?|[IVXLC]+)|BAB\s+[IVXLC]+)\.?$")
_CLOSING = re.compile(r"^(D[A-Za-z]{6,10})\s+[dD][iIl1](?:\b|(?=[A-Z]))[\s:;]*(.*)$")
"""'Ditetapkan di <place>', also printed in capitals ('DITETAPKAN DI : KUDUS'), with OCR's
';' for its ':' ('Ditetapkan di ; Donggala'), or with the space before the place lost to
OCR ('Ditetapkan diKotarindau'). The capital 'D' keeps a wrapped line of running text
('ditetapkan di ...') from being the closing."""
_CLOSING_WORDS = ("ditetapkan", "dikeluarkan")
"""'Ditetapkan di', or 'Dikeluarkan di' as police, military and some ministry decrees print."""
_PADA_TANGGAL = re.compile(r"\bpada\s+tanggal(?![A-Za-z])\s*[:,]?", re.IGNORECASE)
_LAMPIRAN = re.compile(r"^L\s?A\s?M\s?P\s?I\s?R\s?A\s?N\b")
_LABEL_LETTERS = str.maketrans("l10", "IIO")
"""OCR's lookalikes of a capital label's letters ('KETlGA', 'KEL1MA'), read as the letters;
one character for one, so positions in the folded text are positions in the text."""
_DICTUM_HEAD = re.compile(_ORDINAL_WORDS)
_CLOSING_HEAD = re.compile(r"(?i:Di(?:tetapkan|keluarkan)\s+d[iIl1]|pada\s+tanggal)")
_SECTION_HEAD = re.compile(r"[A-Za-z]+")
_ITEM_FRAGMENT = re.compile(r":?\s*(?:[a-z]\s*[.)]?|\d{1,2}\s*[.)])?$")
"""A ':' or an item label ('a.', '1.') printed apart; a letter label may have lost its stop
to OCR ('Menimbang' | 'a' | 'bahwa ...')."""
_LABEL_TAIL = re.compile(r"\s*[:;.]?\s*(?:[a-z]\s*[.)]?|\d{1,2}\s*[.)])?$")
"""What may follow a label word in its fragment: its ':' (OCR reads it ';' or '.') and the
first item's label."""
_SECTION_LABEL = re.compile(r"^\W*[A-Za-z]+\s*:?\s*")
_LETTER_SPACED = re.compile(r"^(?:[^\W\d_] ){3,}[^\W\d_](?![^\W\d_])")
"""Four or more single letters opening a line, one space apart ('M E N I M B A N G')."""
_LETTER_ITEM = re.compile(r"^([a-z])(?:\s*[.,)]\s*|\s+)(.*)$")
_NUMBER_ITEM = re.compile(r"^(\d{1,2})\s*[.,)]\s*(.*)$")
_ACRONYM = re.compile(r"\(([A-Z0-9]*[A-Z][A-Z0-9]*)\)")
_DIGIT_LOOKALIKES = str.maketrans("10582", "IOSBZ")
_WORD = re.compile(r"[^\W\d_]+")
_LOOKALIKE_NUMBER_ITEM = re.compile(r"^((?=\d?[lIO])[\dlIO]{1,2})\s*[.)]\s+(.*)$")
"""A number label with a letter OCR read for a digit ('l. Undang-Undang ...' for '1.'):
taken only when it numbers the next item."""
_LABEL_DIGITS = str.maketrans("lIO", "110")
_DOTLESS_NUMBER_ITEM = re.compile(r"^(\d{1,2})\s+([A-Z].*)$")
"""A number label whose dot OCR lost ('10 Keputusan ...'): taken only when it numbers the
next item and is printed left of the items' wrapped lines."""
_ITEM_END = (";", ":")
"""How a Menimbang/Mengingat item's last line ends (':' is OCR's usual reading of ';')."""
_MISREAD_ITEM_END = re.compile(r"[:,]$")
_MISREAD_SUBITEM_END = re.compile(r"[:,](?= (?:(?:dan|atau) )?(?:[2-9]|[1-9]\d|[b-z])\. )")
_SUBITEM_LABEL = re.compile(
    r"(?<=[:;,] )((?:dan |atau )?)"
    r"(\d{1,2}|[a-z]|Cc|Oo|Ss|Vv|Ww|Xx|Zz|[COSVWXZ](?=\. [a-z]))\.?(?= [^\W\d_])"
)
"""A sub-item label OCR read without its dot: a number, a letter, or a letter whose capital
looks like it read twice ('Cc' for 'c.': the stop read as a second letter) or read alone
before a lower-case word ('C. menyampaikan')."""
"""A sub-item label inside a diktum ('...: 1. acuan ...; 2. bahan ...; dan 3. dasar ...'),
its dot possibly lost to OCR."""
_OCR_COLON = re.compile(r"^(?:[:;|!Il1L+-]+\s*(?=[a-z][.,)]\s)|[|¦]+\s*(?=\d{1,2}\s*[.,)]))")
"""OCR's readings of the ':' column before the first label ('La.' for ': a.', '+ a.'), and a
rule read as '|' before a number label ('| 1.', '|2.'; of the lookalikes only the bar,
since '1' or 'l' there may be the label's own digit)."""
_GARBLED_FIRST_LABEL = re.compile(
    r"^(?:[a-z]{2,3}|[^\w\s]{1,2}|[A-Za-z]{2}[.,)])\s+(?=bahwa\b|[A-Z])"
)
"""The first item's label OCR read as a short lower-case word ('as bahwa' for ': a. bahwa',
'dy Undang-Undang' for '1. Undang-Undang'), as a mark ('= bahwa') or with the colon before
it as a letter ('Aa. bahwa'): a Menimbang item opens with 'bahwa' and a Mengingat item
with an instrument's capital, so such a word before them is no text."""
_LABEL_REMNANT = re.compile(r"^[.,:;]\s+(?=\w)")
"""What OCR kept of a lost label at an item's start: its stop ('. bahwa' for 'b. bahwa');
no item's text opens with a stop."""
_JUSTIFIED_SLACK = 8.0
"""Points a justified line may end short of the right edge."""
_SHORT_LINE = 15.0
"""Points short of the right edge that mark a justified paragraph's last line."""
_PUNCTUATION = (";", ":", ",", ".")
_ITEM_GAP = 1.15
"""A line step this many pitches or more is the space a writer leaves between items."""
_LOST_LABELS = 3
"""How many labels OCR may have lost before a label still counts as the next item's."""
_KINDS = ("KEPUTUSAN", "PERATURAN", "INSTRUKSI")
_NOMOR_INLINE = re.compile(r"\s+NOMOR\b.*$")
_LEADING_WORD = re.compile(r"^\W*([A-Za-z]+)")
_HEAD_OF = re.compile(
    r"^(?:KEPALA(?:\s+PELAKSANA)?|KETUA|REKTOR|DIREKTUR(?:\s+UTAMA)?(?!\s+JENDERAL\b))\s+(?=\S)",
    re.IGNORECASE,
)
"""'KEPUTUSAN KEPALA DINAS ...' is issued by the Dinas: the head's title is not the
institution ('DIREKTUR RSUD X' heads 'RSUD X', 'REKTOR UNIVERSITAS X' 'UNIVERSITAS X',
'KEPALA PELAKSANA BPBD X', the title of a BPBD's head, 'BPBD X').
A Direktur Jenderal heads a Direktorat Jenderal named after him: 'DIREKTUR JENDERAL
PAJAK' stays whole."""
_MAX_ISSUER_LINES = 4
"""Lines an issuer takes at most ('KEPALA DINAS PEMBERDAYAAN PEREMPUAN' / ... / 'SIGI,')."""
_OFFICE_DAMAGE = 0.1
"""Share of an office's letters OCR may have damaged in the issuer's copy of it."""
_TAHUN_WORD = re.compile(r"\bTAHUN(?:\b|(?=\d))\s*", re.IGNORECASE)
"""'TAHUN' in a number, also glued to its year by OCR ('15 TAHUN2026')."""
_SPACED_SLASH = re.compile(r"\s*/\s*")
_YEAR_IN_NUMBER = re.compile(r"\bTahun\s+((?:19|20)\d{2})\b|/((?:19|20)\d{2})$")
_TENTANG_SPLIT = re.compile(r"\s+TENTANG\s+", re.IGNORECASE)
_TTD = re.compile(r"^(?:ttd|t\.t\.d|dto)\.?$", re.IGNORECASE)
_BLOCK_END = re.compile(
    r"^(?:Salinan\s+sesuai|Tembusan|Diundangkan|LEMBARAN|BERITA\s+DAERAH|NIP\b)", re.IGNORECASE
)
_DATE_LINE = re.compile(r"^\d{1,2}\s+\D+?\s+\d{4}\b\D{0,8}$")
"""A day, words and a year ('12 Januari 2025 M', '12 Rajab 1446 H'), nothing else."""
_STRAY_MARK = re.compile(r"(?<=\s)[^\w\s]{1,2}\s+")
"""A lone mark between words of the date line ('29 ] Maret 2017'): a stamp's edge or a stroke."""
_CERTIFIED = re.compile(r"^Salinan\s+sesuai\b", re.IGNORECASE)
_UPPER_SHARE = 0.8
_SIGNATURE_SIDE = 0.4
"""Share of the page width left of which a line is not in a signature column."""

_FURNITURE = (
    re.compile(r"^[-–—]*\s*\d{1,3}\s*[-–—]*$"),
    re.compile(r"^(?:halaman|hal\.?)\s*\d+(?:\s*(?:dari|/)\s*\d+)?$", re.IGNORECASE),
    re.compile(r"^S\s?A\s?L\s?I\s?N\s?A\s?N$"),
    re.compile(r"^\d{4},\s*No\.\s*\d+$"),
    re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:id|com|org|net)(?:/\S*)?$", re.I),
)
"""Whole lines that are page furniture: page numbers, stamps, gazette headers, site URLs."""

_WATERMARK = re.compile(r"(?:https?://)?(?:www\.)?\b[\w-]+(?:\.[\w-]+)*\.go\.id\b(?:/\S*)?", re.I)
"""A government site watermark interleaved into a text line ('jdih.kpu.go.id')."""

_EDGE_BARS = re.compile(r"^[|¦]+\s*|\s*[|¦]+$")
"""OCR's reading of a rule, a fold or a margin mark at a line's ends ('|KEDUA :', '| 2.',
'... KOTA PALU |'): no decree body prints a bar there."""

_TEXT_WORD = re.compile(r"[^\W\d_]{3,}")
"""Three letters running: a word, which a mark in the margin is not read as."""

_LEFT_TOLERANCE = 15.0
"""Points a label may sit right of the page's leftmost line and still be in the label column."""

_QUOTED_INDENT = 40.0
"""Points right of the dicta's label column from which a diktum label is in their text
column: a diktum's text starts after its label and ':' (some 55 pt on, at a 12 pt size)."""

_INDENT_MARGIN = 6.0
"""Points an item's enumerator sits left of its wrapped lines (hanging indent)."""


def _near(word: str, target: str) -> bool:
    """`word` is `target` up to OCR damage (case-insensitive; 2 edits for long words)."""
    limit = 0 if len(target) < 5 else 1 if len(target) < 9 else 2
    return Levenshtein.distance(word.casefold(), target, score_cutoff=limit) <= limit


def _leading_word(text: str) -> str:
    """The first run of letters in `text` ('' when it starts with none)."""
    match = _LEADING_WORD.match(text)
    return match.group(1) if match else ""


def _join(parts: Iterable[str]) -> str:
    """Wrapped lines -> one text (single spaces; no space after a line-end hyphen)."""
    return join_lines(list(parts))


# --- page lines -----------------------------------------------------------------------


def _clean_text(text: str) -> str:
    """A line's text without interleaved watermarks and bars at its ends (`_EDGE_BARS`);
    '' when the whole line is furniture."""
    folded = _EDGE_BARS.sub("", fold(_WATERMARK.sub(" ", text)))
    if any(pattern.match(folded) for pattern in _FURNITURE):
        return ""
    return folded


def _same_row(left: _Line, right: _Line) -> bool:
    """Two lines on one printed row (their boxes overlap by half the smaller height)."""
    overlap = min(left.bottom, right.bottom) - max(left.top, right.top)
    smaller = min(left.height, right.height)
    return left.page == right.page and smaller > 0 and overlap >= 0.5 * smaller


def _merge(left: _Line, right: _Line) -> _Line:
    """`left` and `right` printed on one row, as one line."""
    return _Line(
        text=f"{left.text} {right.text}",
        x0=left.x0,
        x1=max(left.x1, right.x1),
        top=min(left.top, right.top),
        bottom=max(left.bottom, right.bottom),
        page=left.page,
        page_width=left.page_width,
    )


def _rows(lines: Sequence[_Line]) -> list[list[_Line]]:
    """Consecutive lines printed on one row, each row ordered left to right."""
    rows: list[list[_Line]] = []
    for line in lines:
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda line: line.x0) for row in rows]


def _label_end(text: str) -> int | None:
    """Where a label word opening `text` ends, None when `text` opens with none.

    Label words are the section words, read with OCR damage (`_near`: 'Menimbaug',
    'Mengmgat'), the diktum ordinals, read with OCR's lookalike letters (`_LABEL_LETTERS`),
    and the closing's 'Ditetapkan di' and 'pada tanggal'.
    """
    word = _SECTION_HEAD.match(text)
    if word and any(_near(word.group(0), target) for target, _ in _SECTION_WORDS):
        return word.end()
    head = _DICTUM_HEAD.match(text.translate(_LABEL_LETTERS)) or _CLOSING_HEAD.match(text)
    return head.end() if head else None


def _is_label_fragment(text: str) -> bool:
    """`text` is a label printed apart from its text: a label word (`_label_end`; letter-spaced
    ones closed up by `_unspaced`: 'M E N I M B A N G') with what may follow it
    (`_LABEL_TAIL`), or a ':' or item label alone (`_ITEM_FRAGMENT`). Closing labels may be
    set at a tab stop ('Ditetapkan di' | ': Sigi', 'pada tanggal' | ':' | '3 Maret 2026')."""
    text = _unspaced(text)
    end = _label_end(text)
    if end is None:
        return bool(_ITEM_FRAGMENT.match(text))
    return bool(_LABEL_TAIL.match(text, end))


def _join_label_fragments(lines: Sequence[_Line]) -> list[_Line]:
    """Join a label ('Menimbang', 'M E N I M B A N G', ':', 'a.', 'KESATU :') to the text
    printed right of it."""
    joined: list[_Line] = []
    for row in _rows(lines):
        start = len(joined)
        for line in row:
            if len(joined) > start and _is_label_fragment(joined[-1].text):
                joined[-1] = _merge(joined[-1], line)
            else:
                joined.append(line)
    return joined


def _page_lines(page: RawPage) -> list[_Line]:
    """A page's text lines without furniture, labels joined to their text."""
    lines = []
    for raw in page.lines:
        text = _clean_text(raw.text)
        if text:
            x0, top, x1, bottom = raw.bbox
            lines.append(_Line(text, x0, x1, top, bottom, page.number, page.width))
    return _join_label_fragments(lines)


def _opens_lampiran(lines: Sequence[_Line]) -> bool:
    """The page starts with the LAMPIRAN header block."""
    return any(_LAMPIRAN.match(line.text) for line in lines[:3])


def _split_body(pages: Sequence[RawPage]) -> tuple[list[_Line], list[_Line]]:
    """(body lines, lines of the first Lampiran page) in reading order.

    The body stops at the first page opening with LAMPIRAN, or at a LAMPIRAN line once the
    closing ('Ditetapkan di') has been printed.
    """
    body: list[_Line] = []
    closing_seen = False
    for page in sorted(pages, key=lambda p: p.number):
        lines = _page_lines(page)
        if _opens_lampiran(lines):
            return body, lines
        for index, line in enumerate(lines):
            if closing_seen and _LAMPIRAN.match(line.text):
                return body, lines[index:]
            closing_seen = closing_seen or bool(_CLOSING.match(line.text))
            body.append(line)
    return body, []


# --- sections -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Anchor:
    """Where a section starts: its kind, the line index, and the line's text after the label."""

    section: _Section
    index: int
    rest: str
    label: str = ""


def _left_edges(lines: Sequence[_Line]) -> dict[int, float]:
    """The leftmost x0 of each page's body lines that hold a word (the label column).

    Input: body lines of any pages. Output: page number -> x0, for every page of `lines`.
    A line without three letters running (_TEXT_WORD) is a mark, not text: a punch hole, a
    stamp's edge or the scanner's border in the margin reads as a letter or two or a
    symbol ('of' 60 pt left of 'Menimbang' on Kepbup Donggala 0561 p. 1); taken as the
    label column, it left 'Menimbang' (its colon lost) unseen as a label, and the body
    unparsed. A page holding only marks keeps their leftmost x0.
    """
    edges: dict[int, float] = {}
    worded: dict[int, float] = {}
    for line in lines:
        edges[line.page] = min(edges.get(line.page, line.x0), line.x0)
        if _TEXT_WORD.search(line.text):
            worded[line.page] = min(worded.get(line.page, line.x0), line.x0)
    return edges | worded


def _label_like(text: str, x0: float, left: float) -> bool:
    """A label's line (`text` starting at `x0`): 'Label :' or the label alone, or printed
    in the label column."""
    return (
        bool(re.match(r"^\W*[A-Za-z]+\s*:", text))
        or len(text.split()) == 1
        or x0 <= left + _LEFT_TOLERANCE
    )


def _unspaced(text: str) -> str:
    """`text` with a letter-spaced first word closed up: 'M E M U T U S K A N :' ->
    'MEMUTUSKAN :'.

    Word-made decrees often space section words out letter by letter. Only a run of four
    or more single letters opening the line is closed up, so an item label ('a. ...') or a
    lone letter in running text is left as it is.
    """
    return _LETTER_SPACED.sub(lambda match: match.group(0).replace(" ", ""), text, count=1)


def _section_anchor(line: _Line, current: _Section, left: float) -> _Anchor | None:
    """The section `line` opens, if it opens one later than `current`."""
    text = _unspaced(line.text)
    word = _leading_word(text)
    if not word or not word[0].isupper():
        return None
    closing = _CLOSING.match(text)
    if closing and any(_near(closing.group(1), word) for word in _CLOSING_WORDS):
        return _Anchor(_Section.CLOSING, 0, closing.group(2))
    for target, section in _SECTION_WORDS:
        if section > current and _near(word, target) and _label_like(text, line.x0, left):
            return _Anchor(section, 0, _after_word(text))
    if current >= _Section.MENETAPKAN and _ARTICLE.match(line.text):
        return _Anchor(_Section.ARTICLES, 0, "")
    return None


def _quoted_label(line: _Line, left: float, column: float | None) -> bool:
    """A diktum label opening `line` stands in the dicta's text column, not their label column.

    Input: the line, its page's left edge (`_left_edges`) and the x0 of the first diktum's
    line (None before it). True only once a diktum has been found, and only for a line
    starting more than `_QUOTED_INDENT` right of both that diktum and the page's left edge:
    a decree amending another quotes the amended dicta ('"KEDUA : ...') inside its own
    diktum's text, and OCR often loses the quotation mark. The least sure of the label
    rules, so it is kept narrow: a label column shifted by a scan from page to page, or
    lying right of a mark in the margin, is still well left of the text column; a quoted
    label indented less than `_QUOTED_INDENT` is still taken as a diktum.
    """
    return column is not None and line.x0 > max(left, column) + _QUOTED_INDENT


def _dictum_anchor(
    line: _Line, last_ordinal: int, left: float, with_colon: bool, column: float | None
) -> _Anchor | None:
    """A diktum label opening `line` ('KEDUA : ...'), numbered after `last_ordinal`; its
    letters may be OCR's lookalikes ('KETlGA', `_LABEL_LETTERS`).

    `with_colon` accepts only 'LABEL :' (before Menimbang is found: a wrapped title line
    may start with 'KEDUA'). A label quoted in a diktum's text (`_quoted_label`, after the
    first diktum, whose line starts at `column`) is none.
    """
    match = _DICTUM.match(line.text.translate(_LABEL_LETTERS))
    if match is None or _DICTUM_ORDINALS[match.group(1)] <= last_ordinal:
        return None
    if _quoted_label(line, left, column):
        return None
    in_label_column = not with_colon and (not match.group(3) or line.x0 <= left + _LEFT_TOLERANCE)
    if not (match.group(2) or in_label_column):
        return None
    return _Anchor(_Section.DICTA, 0, line.text[match.start(3) :], match.group(1))


def _anchors(lines: Sequence[_Line]) -> list[_Anchor]:
    """Every section start, in document order (each section after the previous one)."""
    edges = _left_edges(lines)
    anchors: list[_Anchor] = []
    current = _Section.HEADING
    last_ordinal = 0
    column: float | None = None
    for index, line in enumerate(lines):
        left = edges[line.page]
        anchor = None
        if current < _Section.ARTICLES:
            with_colon = current == _Section.HEADING
            anchor = _dictum_anchor(line, last_ordinal, left, with_colon, column)
        if anchor is None:
            anchor = _section_anchor(line, current, left)
        if anchor is None or (anchor.section < current and anchor.section != _Section.DICTA):
            continue
        if anchor.section == _Section.DICTA:
            last_ordinal = _DICTUM_ORDINALS[anchor.label]
            column = line.x0 if column is None else column
        anchors.append(_Anchor(anchor.section, index, anchor.rest, anchor.label))
        current = anchor.section
        if current == _Section.CLOSING:
            break
    return anchors


@dataclass(frozen=True)
class _Part:
    """One section: its opening line, that line's text after the label, and the lines after."""

    section: _Section
    label: str
    opening: _Line
    first: str
    lines: tuple[_Line, ...]


def _parts(lines: Sequence[_Line]) -> tuple[list[_Line], list[_Part]]:
    """(heading lines, the sections after it) of the body."""
    anchors = _anchors(lines)
    if not anchors:
        return list(lines), []
    parts = []
    for anchor, following in zip(anchors, [*anchors[1:], None], strict=True):
        end = following.index if following else len(lines)
        following_lines = tuple(lines[anchor.index + 1 : end])
        opening = lines[anchor.index]
        parts.append(_Part(anchor.section, anchor.label, opening, anchor.rest, following_lines))
    return list(lines[: anchors[0].index]), parts


def _part_text(part: _Part) -> str:
    """A section's text, its lines joined."""
    return _join([part.first, *(line.text for line in part.lines)])


def _first_part(parts: Sequence[_Part], section: _Section) -> _Part | None:
    """The first section of a kind, if printed."""
    return next((part for part in parts if part.section == section), None)


# --- enumerated items -----------------------------------------------------------------


def _label_index(label: str) -> int:
    """0-based position of an item label: 'a' -> 0, '3' -> 2."""
    return int(label) - 1 if label.isdigit() else ord(label) - ord("a")


def _number_index(label: str) -> int:
    """`_label_index` of a number label, with OCR's letters for digits read as the digits
    ('l' -> 0): in a numbered section a letter label is a misread number."""
    return _label_index(label.translate(_LABEL_DIGITS))


def _justified_edges(lines: Sequence[_Line]) -> dict[int, float]:
    """Right edge of each page's lines when the text is justified (most lines end there)."""
    edges: dict[int, float] = {}
    for page in {line.page for line in lines}:
        ends = [line.x1 for line in lines if line.page == page]
        edge = max(ends)
        if sum(end >= edge - _JUSTIFIED_SLACK for end in ends) * 2 > len(ends):
            edges[page] = edge
    return edges


def _ends_paragraph(line: _Line, edges: dict[int, float]) -> bool:
    """A justified line that stops short of the right edge: the last line of a paragraph."""
    edge = edges.get(line.page)
    return edge is not None and line.x1 < edge - _SHORT_LINE


def _label_rank(label: str) -> int:
    """1 for '1' or 'a', 2 for '2' or 'b', ...: a sub-item label's place in its list."""
    return int(label) if label.isdigit() else ord(label) - ord("a") + 1


def _restore_subitem_labels(text: str) -> str:
    """A diktum's sub-item labels whose dots OCR lost ('1 acuan', ', 2 bahan'; 'a pedoman',
    ', b alat') -> '1.', '2.'; 'a.', 'b.'.

    Only labels counting 1, 2, 3 ... or a, b, c ... in order from the first are taken as
    labels (two at least, of one kind): a lone number or letter after a comma is running
    text. Labels after the counted run are left as read.
    """
    run: list[re.Match[str]] = []
    for match in _SUBITEM_LABEL.finditer(text):
        label = match.group(2)[-1].lower()
        same_kind = not run or run[0].group(2).isdigit() == label.isdigit()
        if same_kind and _label_rank(label) == len(run) + 1:
            run.append(match)
    if len(run) < 2:
        return text
    for match in reversed(run):
        label = f"{match.group(1)}{match.group(2)[-1].lower()}."
        text = text[: match.start()] + label + text[match.end() :]
    return text


def _initials_before(text: str, end: int, count: int) -> str:
    """Initials of the last `count` capitalised words before `end` (lower-case words such
    as 'dari', 'dan' are skipped, as an acronym skips them); '' if there are fewer."""
    words = [word for word in _WORD.findall(text[:end]) if word[0].isupper()]
    return "".join(word[0] for word in words[-count:]) if len(words) >= count else ""


def _repair_acronyms(text: str) -> str:
    """An acronym after its expansion with a digit read for a letter -> the letters.

    '... Zona Integritas (Z1)' -> '(ZI)': the acronym is rewritten only when reading its
    digits as the letters they look like (1 I, 0 O, 5 S, 8 B, 2 Z) gives exactly the
    initials of the capitalised words printed just before it.
    """

    def fix(match: re.Match[str]) -> str:
        acronym = match.group(1)
        letters = acronym.translate(_DIGIT_LOOKALIKES)
        if letters == acronym or _initials_before(text, match.start(), len(letters)) != letters:
            return match.group(0)
        return f"({letters})"

    return _ACRONYM.sub(fix, text)


def _repair_item_punctuation(text: str) -> str:
    """OCR's ':' or ',' for ';' where an item ends (at the end, before sub-item '2.', '3.').

    For OCR'd text only: it is a guess about what OCR misread, and a native text layer
    prints what the decree says (an item may end in ',' or ':').
    """
    return _MISREAD_ITEM_END.sub(";", _MISREAD_SUBITEM_END.sub(";", text))


def _dictum_text(part: _Part, ocr: bool) -> str:
    """A diktum's text: its lines joined, acronyms restored, and where the decree has OCR'd
    pages (`ocr`) the sub-item labels' dots and OCR's ':' or ',' for ';' at item ends
    repaired (a native text layer prints the decree's own labels)."""
    text = _repair_acronyms(_part_text(part))
    return _repair_item_punctuation(_restore_subitem_labels(text)) if ocr else text


def _first_item_text(part: _Part) -> str:
    """The text after a section's label on its opening line, from its first item label on:
    without the ':' and what OCR read for it or for a rule before the label (`_OCR_COLON`)."""
    return _OCR_COLON.sub("", part.first.lstrip(" .,:;"))


def _item_pattern(part: _Part, usual: re.Pattern[str]) -> re.Pattern[str]:
    """How a section's items are labelled: `usual` ('a.' for Menimbang, '1.' for Mengingat),
    or the other style when the section's first item opens with that style's first label
    ('Menimbang : 1. bahwa ...', 'Mengingat : a. Undang-Undang ...')."""
    other = _NUMBER_ITEM if usual is _LETTER_ITEM else _LETTER_ITEM
    first = _first_item_text(part)
    if usual.match(first):
        return usual
    match = other.match(first)
    return other if match and _label_index(match.group(1)) == 0 else usual


def _items(part: _Part, pattern: re.Pattern[str], pitch: float) -> list[str]:
    """A section's enumerated items ('a.', 'b.' or '1.', '2.'), labels removed.

    A line starts the next item when it opens with a label that is the expected one (or a
    few further: OCR loses labels) and is not printed at the wrapped lines' indent, or with
    any label printed left of the wrapped lines (OCR misreads letters). Where an item's
    lines wrap flush with its label, a line there opening with a label other than the
    expected one continues the item unless the line before ended one (';'). Without a label,
    which OCR often drops, a line starts an item right after a line ending one (';'), or
    after a line ending in punctuation that closes a paragraph (a widened gap before the
    line, or a justified line stopping short). Items are returned as printed: the
    caller repairs OCR's punctuation (`_repair_item_punctuation`).
    """
    items: list[list[str]] = []
    expected = 0
    start_x0: float | None = None
    wrap_x0: float | None = None
    previous: _Line | None = None
    edges = _justified_edges([part.opening, *part.lines])
    index_of = _number_index if pattern is _NUMBER_ITEM else _label_index
    for line in (None, *part.lines):
        text = _first_item_text(part) if line is None else line.text
        x0 = None if line is None else line.x0
        match = pattern.match(text)
        at_wrap_indent = left_of_wrap = flush_wrap = False
        if x0 is not None and wrap_x0 is not None and start_x0 is not None:
            hanging = wrap_x0 > start_x0 + _INDENT_MARGIN
            at_wrap_indent = hanging and x0 >= wrap_x0 - 3
            left_of_wrap = hanging and x0 < wrap_x0 - _INDENT_MARGIN
            flush_wrap = max(abs(wrap_x0 - start_x0), abs(x0 - start_x0)) <= _INDENT_MARGIN
        left_of_text = x0 is not None and wrap_x0 is not None and x0 < wrap_x0 - _INDENT_MARGIN
        if match is None and pattern is _NUMBER_ITEM:
            lookalike = _LOOKALIKE_NUMBER_ITEM.match(text)
            match = lookalike if lookalike and index_of(lookalike.group(1)) == len(items) else None
        if match is None and left_of_text and pattern is _NUMBER_ITEM:
            dotless = _DOTLESS_NUMBER_ITEM.match(text)
            match = dotless if dotless and _label_index(dotless.group(1)) == len(items) else None
        if match is None and line is None:
            text = _GARBLED_FIRST_LABEL.sub("", text)
        label = index_of(match.group(1)) if match else -1
        # Wrapped flush with the labels, a line may open with a number and a stop ('5,
        # Tambahan ...'): there only the next label opens an item, or a label after an end.
        wrapped = flush_wrap and label != expected and not items[-1][-1].endswith(_ITEM_END)
        paragraph_end = (
            previous is not None
            and line is not None
            and (
                _ends_paragraph(previous, edges)
                or (
                    previous.page == line.page
                    and pitch > 0
                    and line.top - previous.top > _ITEM_GAP * pitch
                )
            )
        )
        if match is not None and (
            (expected <= label <= expected + _LOST_LABELS and not (at_wrap_indent or wrapped))
            or left_of_wrap
        ):
            items.append([match.group(2)])
            expected = label + 1
            start_x0, wrap_x0 = x0, None
        elif (
            items
            and text
            and (
                items[-1][-1].endswith(_ITEM_END)
                or (paragraph_end and items[-1][-1].endswith(_PUNCTUATION))
            )
        ):
            items.append([_LABEL_REMNANT.sub("", text)])
            expected += 1
        elif items:
            items[-1].append(text)
            if x0 is not None:
                wrap_x0 = x0 if wrap_x0 is None else min(wrap_x0, x0)
        elif text:
            items.append([text])
            start_x0 = x0
        previous = line
    joined = (_repair_acronyms(_join(item)) for item in items)
    return [text for text in joined if text]


# --- title block ----------------------------------------------------------------------


def _line_pitch(lines: Sequence[_Line]) -> float:
    """The usual distance between the tops of two consecutive lines of a paragraph."""
    steps = [
        line.top - previous.top
        for previous, line in itertools.pairwise(lines)
        if line.page == previous.page
        and 0.3 * previous.height < line.top - previous.top
        and line.top - previous.top < 3 * previous.height
    ]
    return statistics.median(steps) if steps else 0.0


def _paragraph_breaks(lines: Sequence[_Line], pitch: float) -> list[bool]:
    """For each line, whether a blank-line gap (or a page) separates it from the line before.

    The step is measured between the lines' bottoms, which sit on their baselines. OCR's
    word boxes stand on the baseline it found, but tesseract can size a short line's type
    far too small (a 'M.Si.' under a name, read at 3 pt among 11 pt lines), which moves
    its top down by a blank line's height and not its bottom.
    """
    breaks = [False]
    for previous, line in itertools.pairwise(lines):
        step = line.bottom - previous.bottom
        breaks.append(pitch > 0 and (line.page != previous.page or step > 1.45 * pitch))
    return breaks


@dataclass(frozen=True)
class _TitleBlock:
    """What a title block says: 'KEPUTUSAN <institution>', 'NOMOR <number>', 'TENTANG <title>'."""

    kind: str | None = None
    institution: str | None = None
    number: str | None = None
    title: str | None = None
    office: str | None = None
    """The office the kind line names, as printed ('KEPALA DINAS ... KABUPATEN KUDUS')."""


def _find(lines: Sequence[_Line], start: int, word: str) -> int | None:
    """Index of the first line from `start` whose leading word is `word` (OCR-tolerant)."""
    for index in range(start, len(lines)):
        if _near(_leading_word(lines[index].text), word):
            return index
    return None


def _after_word(text: str) -> str:
    """`text` without its leading word and a following ':'."""
    return _SECTION_LABEL.sub("", text, count=1).strip()


def number_as_written(text: str) -> str | None:
    """The number as written after NOMOR: 'TAHUN' written 'Tahun' (one space before the
    year, which OCR may have lost), no spaces around '/', and a Roman month whose strokes
    OCR read partly as '1', 'l' or '|' put back ('.../KEP/I1/2026': `restore_roman_months`).

    (A printed number never spaces its slashes; OCR does: '188.45/0561 / BPKAD/XI/ 2025'.)
    """
    number = _SPACED_SLASH.sub("/", _TAHUN_WORD.sub("Tahun ", fold(text))).strip(" :")
    return restore_roman_months(number) or None


def _title_lines(lines: Sequence[_Line], pitch: float) -> list[str]:
    """The TENTANG text: lines up to 'DENGAN RAHMAT', a blank-line gap or the issuer line."""
    breaks = _paragraph_breaks(lines, pitch)
    title: list[str] = []
    for index, line in enumerate(lines):
        if index and breaks[index]:
            break
        if line.text.upper().startswith("DENGAN RAHMAT"):
            break
        if title and line.text.endswith(",") and index == len(lines) - 1:
            break
        title.append(line.text)
    return title


def _title_block(lines: Sequence[_Line], pitch: float) -> _TitleBlock:
    """Kind, institution (as printed), number and title of a title block."""
    kind_index = next(
        (
            index
            for index, line in enumerate(lines)
            if any(_near(_leading_word(line.text), kind.lower()) for kind in _KINDS)
            and line.text.isupper()
        ),
        None,
    )
    start = 0 if kind_index is None else kind_index
    nomor_index = _find(lines, start, "nomor")
    tentang_index = _find(lines, start if nomor_index is None else nomor_index, "tentang")
    kind = institution = number = title = office = None
    if kind_index is not None:
        kind = _leading_word(lines[kind_index].text).capitalize()
        end = nomor_index if nomor_index is not None and nomor_index - kind_index <= 4 else None
        heads = [lines[kind_index].text, *(line.text for line in lines[kind_index + 1 : end or 0])]
        office = fold(_after_word(_NOMOR_INLINE.sub("", " ".join(heads)))) or None
        institution = _HEAD_OF.sub("", office or "") or None
        inline = re.search(r"\bNOMOR\b\s*:?\s*(.*)$", lines[kind_index].text)
        if inline:
            number = number_as_written(inline.group(1))
    if nomor_index is not None and number is None:
        number = number_as_written(_after_word(lines[nomor_index].text))
    if tentang_index is not None:
        first = _after_word(lines[tentang_index].text)
        issuer_start = _issuer_start(lines, office)
        stop = issuer_start if issuer_start and issuer_start > tentang_index else len(lines)
        rest = list(lines[tentang_index + 1 : stop])
        title_lines = [first, *_title_lines(rest, pitch)] if first else _title_lines(rest, pitch)
        title = _join(title_lines) or None
    return _TitleBlock(kind, institution, number, title, office)


def _menetapkan_block(text: str) -> _TitleBlock:
    """'KEPUTUSAN <institution> TENTANG <title>.' of the Menetapkan line."""
    head, title = _split_tentang(text)
    kind = _leading_word(head)
    if kind.upper() not in _KINDS:
        return _TitleBlock(title=title)
    institution = _HEAD_OF.sub("", _after_word(head)) or None
    return _TitleBlock(kind=kind.capitalize(), institution=institution, title=title)


def _split_tentang(text: str) -> tuple[str, str | None]:
    """(text before the first TENTANG, the title after it without its final '.')."""
    parts = _TENTANG_SPLIT.split(fold(text), maxsplit=1)
    if len(parts) < 2:
        return parts[0], None
    return parts[0], parts[1].rstrip(". ") or None


def _trim_title(title: str | None, reference: str | None) -> str | None:
    """Cut a title block's text that ran past the title (issuer line) at the Menetapkan title."""
    if not title or not reference:
        return title or reference
    words, ref_words = title.split(), reference.split()
    if len(words) > len(ref_words) and [w.casefold() for w in words[: len(ref_words)]] == [
        w.casefold() for w in ref_words
    ]:
        return " ".join(words[: len(ref_words)])
    return title


def _title(
    heading_title: str | None,
    menetapkan_title: str | None,
    number: str | None,
    parts: Sequence[_Part],
    ocr: bool,
) -> str | None:
    """The title block's title cut at the Menetapkan title, OCR-repaired when the decree
    has OCR'd pages (`ocr`) against the words the rest of the body prints (`repair_title`)."""
    title = _trim_title(heading_title, menetapkan_title)
    if not title or not ocr:
        return title
    lines = [part.first for part in parts] + [line.text for part in parts for line in part.lines]
    return repair_title(title, number, word_counts(lines))


# --- closing --------------------------------------------------------------------------


def _is_name(text: str) -> bool:
    """A signatory's name: mostly letters, not a NIP or a certification line."""
    compact = text.replace(" ", "")
    letters = sum(char.isalpha() for char in compact)
    return letters >= 3 and letters >= 0.6 * len(compact) and not _BLOCK_END.match(text)


def _name(lines: Sequence[_Line], start: int, breaks: Sequence[bool]) -> str | None:
    """The name from `lines[start]`, with the next lines when it wraps after a ',' or
    when they hold only degrees.

    'HARYO BASKORO SETIAWAN, S.Sos.,' / 'M.Si.': degrees wrap after a comma; a rank printed
    under the name ('Pembina Utama Muda') follows a name that does not end in one. OCR
    can lose the wrapping comma (a stamp over it); a line of degrees alone is still the
    name's, and the comma that sets degrees off a name is put back before it.
    """
    parts = [lines[start].text]
    end = start + 1
    while end < len(lines) and not breaks[end] and not _BLOCK_END.match(lines[end].text):
        text = lines[end].text
        if not parts[-1].endswith(","):
            words = text.split()
            if not words or not all(map(is_degree, words)):
                break
            parts[-1] += ","
        parts.append(text)
        end += 1
    return clean_name(_join(parts)) or None


def _is_name_line(text: str) -> bool:
    """A line printed in the name's place: words then a degree after a comma ('KORO
    SETIAWAN, S.Sos.,'). A position has none ('Plh.', 'a.n.' open it, never follow a ',')."""
    tokens = text.split()
    return _is_name(text) and any(
        previous.endswith(",") and is_degree(token)
        for previous, token in itertools.pairwise(tokens)
    )


def _position_length(lines: Sequence[_Line], breaks: Sequence[bool]) -> int:
    """How many of a signature block's first lines print the signing position.

    Input: the block's lines from the position on, and their `_paragraph_breaks`. The
    position's lines are those before 'ttd', a name line, the NIP or certification, or the
    signing gap (the blank space left for the pen). Of those, the position runs to the last
    one ending in ',': an office's own name may hold commas ('KEPALA DINAS PEMBERDAYAAN
    PEREMPUAN,' / 'PERLINDUNGAN ANAK, ...' / '... KABUPATEN SIGI,'), so the first ',' does
    not end it, and no line count does ('a.n. BUPATI' / 'SEKRETARIS DAERAH' / 'u.b.' /
    'ASISTEN ... DAN' / '... RAKYAT,' is five). Without a ',' (OCR lost it) all of them.
    A page break before any position line has ended in ',' is no signing gap: the
    position goes on over the page ('KEPALA BADAN ... DAERAH' / 'KABUPATEN SIGI,').
    """
    end = 0
    while end < len(lines):
        text = lines[end].text
        if _TTD.match(text) or _BLOCK_END.match(text) or _is_name_line(text):
            break
        if end and breaks[end] and not _position_goes_on(lines[: end + 1]):
            break
        end += 1
    commas = [index for index in range(end) if lines[index].text.endswith(",")]
    return commas[-1] + 1 if commas else end


def _position_goes_on(lines: Sequence[_Line]) -> bool:
    """True when the last of `lines` starts a new page and none before it ends in ','."""
    *before, last = lines
    return last.page != before[-1].page and not any(line.text.endswith(",") for line in before)


def _position_text(lines: Sequence[str]) -> str | None:
    """The position's lines joined, without the mark ending them (None when empty).

    A position ends in ',' before the signature; OCR reads that ',' as '.' or ';' ('BUPATI
    DONGGALA.'). A '.' closing an abbreviation ('a.n.', 'u.b.': a '.' inside its last word
    too) is the position's own and is kept.
    """
    text = _join(lines).rstrip(",; ")
    last = text.rsplit(" ", 1)[-1]
    if last.endswith(".") and "." not in last[:-1]:
        text = text[:-1].rstrip(",; ")
    return text or None


def _signatory(lines: Sequence[_Line], pitch: float) -> Signatory | None:
    """Position lines (`_position_length`) and the name.

    The name is the first upper-case name line after the position (the stamp and the pen
    signature above it read as mixed-case noise), else the first line that reads as a name;
    never the 'ttd' standing for the signature (in capitals, 'TTD' reads as a name). Without
    either, the position's last line is the name unless it names nobody (`names_nobody`):
    then it is the position's wrapped line read through the stamp ('INTOR IMIGRASI KELAS
    II' / '“TPT').
    """
    breaks = _paragraph_breaks(lines, pitch)
    index = _position_length(lines, breaks)
    position = [line.text for line in lines[:index]]
    name = None
    candidates = list(
        itertools.takewhile(lambda line: not _BLOCK_END.match(line.text), lines[index:])
    )
    texts = [
        (start, line.text) for start, line in enumerate(candidates) if not _TTD.match(line.text)
    ]
    upper = [start for start, text in texts if is_upper_name(text)]
    named = [start for start, text in texts if _is_name(text)]
    if upper or named:
        name = _name(lines, index + (upper or named)[0], breaks)
    if (
        name is None
        and len(position) > 1
        and not position[-1].endswith(",")
        and not names_nobody(position[-1])
    ):
        name = position.pop()
    position_text = _position_text(position)
    if position_text is None and name is None:
        return None
    return Signatory(name=name, position=position_text)


def _signature_column(closing: _Line, lines: Sequence[_Line]) -> list[_Line]:
    """The lines printed in `closing`'s column (drops a certification printed beside it)."""
    if closing.page_width <= 0 or closing.x0 < 0.3 * closing.page_width:
        return list(lines)
    limit = closing.x0 - 0.2 * closing.page_width
    return [line for line in lines if line.x0 >= limit]


@dataclass(frozen=True)
class _Closing:
    """Place, date and signatory of the closing."""

    place: str | None = None
    date: dt.date | None = None
    signatory: Signatory | None = None


def _is_date_line(text: str) -> bool:
    """`text` prints a date on its own: a day, words and a year ('12 Januari 2025 M', a
    Hijri '12 Rajab 1446 H'), or any text `parse_indonesian_date` reads."""
    return bool(_DATE_LINE.match(text)) or parse_indonesian_date(text) is not None


def _dated(texts: Sequence[str]) -> tuple[dt.date | None, int]:
    """(the date, how many of `texts` print it) for a date phrase `texts[0]` and the lines
    after it.

    The date lines are the phrase and the date lines right after it: a decree may print
    the Hijri date first ('pada tanggal 12 Rajab 1446 H' / '12 Januari 2025 M'). The date is
    the first of them that parses (a stray mark ignored); the signature starts after them.
    """
    count = 1
    while count < len(texts) and _is_date_line(texts[count]):
        count += 1
    dates = (parse_indonesian_date(_STRAY_MARK.sub("", text)) for text in texts[:count])
    return next((date for date in dates if date), None), count


def _closing(part: _Part, pitch: float) -> _Closing:
    """'Ditetapkan di <place>' / 'pada tanggal <date>' / position / ttd / name.

    The date phrase is on the 'Ditetapkan di' line or one of the next three lines (the
    first holding 'pada tanggal' or a date); `_dated` reads it and the lines after it.
    """
    place_text, phrase = _split_date(part.first)
    place = place_text.strip(" ,.:") or None
    lines = list(part.lines)
    texts = [line.text for line in lines]
    date, signature_start = None, 0
    if phrase:
        date, count = _dated([phrase, *texts])
        signature_start = count - 1
    else:
        start = next(
            (
                index
                for index, text in enumerate(texts[:3])
                if _PADA_TANGGAL.search(text) or parse_indonesian_date(text)
            ),
            None,
        )
        if start is not None:
            date, count = _dated(texts[start:])
            signature_start = start + count
    signature_lines = _signature_column(part.opening, lines[signature_start:])
    return _Closing(place, date, _signatory(signature_lines, pitch))


def _split_date(text: str) -> tuple[str, str]:
    """('Kudus', 'pada tanggal 2 Januari 2025') from 'Kudus pada tanggal 2 Januari 2025';
    (text, '') without 'pada tanggal'. The phrase keeps 'tanggal', after which a numeric
    date ('02-01-2025') is read."""
    match = _PADA_TANGGAL.search(text)
    return (text[: match.start()], text[match.start() :]) if match else (text, "")


def _last_signature(lines: Sequence[_Line]) -> Signatory | None:
    """The signature block ending the last page ('GUBERNUR BALI,' / 'ttd' / name), if any."""
    pitch = _line_pitch(lines)
    breaks = _paragraph_breaks(lines, pitch)
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].text
        if text.endswith(",") and text.isupper():
            start = index
            while start > 0 and lines[start - 1].text.isupper() and not breaks[start]:
                start -= 1
            return _signatory(_signature_column(lines[index], lines[start:]), pitch)
    return None


def _office_letters(text: str) -> str:
    """`text` as an office for comparing: without a head's title (KEPALA, KETUA), letters
    and digits only, case-folded."""
    return "".join(char for char in _HEAD_OF.sub("", fold(text)).casefold() if char.isalnum())


def _issuer_start(lines: Sequence[_Line], office: str | None) -> int | None:
    """Index of the first line of the issuer closing the title block (`lines`, the last
    ending in ','), when its last lines read as the `office` the kind line names ('KEPALA
    DINAS ... KUDUS' for 'KETUA ...' or the same office); None when no run of them does.

    Printed without a blank line after the title, the issuer's first line and the title's
    last are both capitals: only the office the heading names tells them apart.
    """
    if not office or not lines or not lines[-1].text.endswith(","):
        return None
    want = _office_letters(office)
    for start in range(len(lines) - 1, max(0, len(lines) - 1 - _MAX_ISSUER_LINES), -1):
        read = _office_letters(" ".join(line.text for line in lines[start:]).rstrip(", "))
        if Levenshtein.normalized_distance(read, want) <= _OFFICE_DAMAGE:
            return start
    return None


def _issuer(heading: Sequence[_Line], pitch: float, office: str | None) -> str | None:
    """The issuer line closing the title block ('KETUA KOMISI ... KUDUS,'), without its ','.

    Its first line is where its text reads as the `office` of the kind line
    (`_issuer_start`), else after the last paragraph break or line not in capitals."""
    if not heading or not heading[-1].text.endswith(","):
        return None
    start = _issuer_start(heading, office)
    if start is None:
        breaks = _paragraph_breaks(heading, pitch)
        start = len(heading) - 1
        while start > 0 and not breaks[start] and heading[start - 1].text.isupper():
            start -= 1
    return _join(line.text for line in heading[start:]).rstrip(", ") or None


def _mostly_upper(text: str) -> bool:
    """Most of `text`'s letters are capitals (a stamp's noise adds a few small letters)."""
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= _UPPER_SHARE * len(letters)


def _opens_signature(text: str) -> bool:
    """A line that a signature block's name follows: the position's last line ('BUPATI
    DONGGALA,'), 'ttd', or the 'Salinan sesuai dengan aslinya' certification beside it."""
    return (
        (text.endswith(",") and _mostly_upper(text))
        or any(_TTD.match(token) for token in text.split())
        or bool(_CERTIFIED.match(text))
    )


def _last_page_name(lines: Sequence[_Line]) -> str | None:
    """The upper-case name closing a page's last signature block, if printed.

    The name is looked for after the last line opening a signature block, right of
    `_SIGNATURE_SIDE` of the page width: a certification printed beside the signature (at
    the left) has its own name, and OCR often merges the two columns' upper lines.
    """
    anchor = next(
        (index for index in range(len(lines) - 1, -1, -1) if _opens_signature(lines[index].text)),
        None,
    )
    if anchor is None:
        return None
    breaks = _paragraph_breaks(lines, _line_pitch(lines))
    for start in range(anchor + 1, len(lines)):
        line = lines[start]
        if line.x0 >= _SIGNATURE_SIDE * line.page_width and is_upper_name(line.text):
            return _name(lines, start, breaks)
    return None


def _last_page_position(lines: Sequence[_Line]) -> str | None:
    """The position closing a page's last signature block, right of `_SIGNATURE_SIDE` of
    the page width (a certification beside it has its own): the last mostly upper-case line
    there ending in ',' that is no name line ('... SETIAWAN, S.Sos.,') and the upper-case
    lines right above it, without its ','."""
    side = [line for line in lines if line.x0 >= _SIGNATURE_SIDE * line.page_width]
    end = next(
        (
            index
            for index in range(len(side) - 1, -1, -1)
            if side[index].text.endswith(",")
            and _mostly_upper(side[index].text)
            and not _is_name_line(side[index].text)
        ),
        None,
    )
    if end is None:
        return None
    breaks = _paragraph_breaks(side, _line_pitch(side))
    start = end
    while start > 0 and not breaks[start] and _mostly_upper(side[start - 1].text):
        start -= 1
    return _position_text([line.text for line in side[start : end + 1]])


def _document_signatory(
    pages: Sequence[RawPage],
    closing: _Part | None,
    signatory: Signatory | None,
    issuer: str | None,
) -> Signatory | None:
    """The body closing's signatory, repaired from the issuer line and the last page.

    The position is repaired from the issuer line, with the last page's position as
    evidence that the issuer signs (`repaired_position`); the name is the best reading of
    it in the body and at the end of the last page (`best_name`). A body block with nothing
    read takes the last page's name under the issuer's office. A name that is a piece of
    the issuer line is the position's wrapped line taken for the name when the name went
    unread under the stamp: it goes back to the position. Without a body closing (a
    Lampiran-only file) the last page's signature block is used.
    """
    last_lines = _page_lines(max(pages, key=lambda p: p.number)) if pages else []
    if closing is None:
        return _last_signature(last_lines)
    if signatory and signatory.name and issuer and is_issuer_piece(signatory.name, issuer):
        wrapped = " ".join(filter(None, (signatory.position, signatory.name)))
        signatory = Signatory(name=None, position=wrapped)
    last_name = _last_page_name(last_lines)
    name = best_name(signatory.name if signatory else None, [last_name] if last_name else [])
    if name is None and signatory is None:
        return None
    position = repaired_position(
        signatory.position if signatory else None, issuer, _last_page_position(last_lines)
    )
    return Signatory(name=name, position=position)


# --- assembly -------------------------------------------------------------------------


def _year(number: str | None, fallback: int | None) -> int | None:
    """Year from 'Tahun YYYY' or a trailing '/YYYY' of the number, else `fallback`."""
    match = _YEAR_IN_NUMBER.search(number or "")
    if match:
        return int(match.group(1) or match.group(2))
    return fallback


def _running_texts(
    considerations: list[str], bases: Iterable[str], dicta: list[Dictum]
) -> list[str]:
    """The body's running text, where names are written in their own case."""
    return [*considerations, *bases, *(dictum.text for dictum in dicta)]


def parse_metadata(pages: Sequence[RawPage]) -> DecreeMetadata:
    """What a decree's body pages say about it, `jdih` filled by `build_jdih`.

    Input: every page of the document (the Lampiran pages are recognised and left out).
    Output: a `DecreeMetadata` whose text fields are the document's own wording with
    whitespace folded; fields the pages do not show are null (kind falls back to
    'Peraturan' for a Pasal body, else 'Keputusan'). Never raises.
    """
    body, lampiran = _split_body(pages)
    pitch = _line_pitch(body)
    heading, parts = _parts(body)
    block = _title_block(heading, pitch)
    if block.kind is None and lampiran:
        block = _title_block(lampiran, _line_pitch(lampiran))
    menetapkan_part = _first_part(parts, _Section.MENETAPKAN)
    menetapkan = (
        _menetapkan_block(_part_text(menetapkan_part)) if menetapkan_part else _TitleBlock()
    )
    menimbang = _first_part(parts, _Section.MENIMBANG)
    mengingat = _first_part(parts, _Section.MENGINGAT)
    considerations = (
        _items(menimbang, _item_pattern(menimbang, _LETTER_ITEM), pitch) if menimbang else []
    )
    cited = _items(mengingat, _item_pattern(mengingat, _NUMBER_ITEM), pitch) if mengingat else []
    ocr = any(page.text_layer == "ocr" for page in pages)
    if ocr:
        considerations = [_repair_item_punctuation(item) for item in considerations]
        cited = [_repair_item_punctuation(restore_roman_months(item)) for item in cited]
    bases = parse_legal_bases(cited)
    dicta = [
        Dictum(label=part.label, text=_dictum_text(part, ocr))
        for part in parts
        if part.section == _Section.DICTA
    ]
    closing_part = _first_part(parts, _Section.CLOSING)
    closing = _closing(closing_part, pitch) if closing_part else _Closing()
    signatory = _document_signatory(
        pages, closing_part, closing.signatory, _issuer(heading, pitch, block.office)
    )
    kind = block.kind or menetapkan.kind
    if kind is None:
        kind = "Peraturan" if _first_part(parts, _Section.ARTICLES) else "Keputusan"
    institution_caps = block.institution or menetapkan.institution
    texts = _running_texts(considerations, (basis.text for basis in bases), dicta)
    institution = running_text_form(institution_caps, texts) if institution_caps else None
    number = block.number
    if ocr and number and closing.date:
        number = restore_signed_month(number, closing.date.month)
    meta = DecreeMetadata(
        institution=institution or None,
        kind=kind,
        number=number,
        year=_year(number, closing.date.year if closing.date else None),
        title=_title(block.title, menetapkan.title, number, parts, ocr),
        place=closing.place,
        date=closing.date,
        signatory=signatory,
        considerations=considerations,
        legal_bases=bases,
        dicta=dicta,
        jdih=None,
    )
    return meta.model_copy(update={"jdih": build_jdih(meta)})
