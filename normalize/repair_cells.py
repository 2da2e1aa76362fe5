"""OCR repair applied where OCR made the text: table cells and text lines of OCR'd pages.

Text from a native text layer is the document's own, typos included, and is never
touched. Each word changed is kept as an edit (reported in the row's `repairs`); words
repair was unsure about are reported once per page as a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from normalize.grid import CellEdit, GridRow
from normalize.indonesian_dates import month_number
from normalize.map_header import Header
from normalize.repair_ocr import as_repairs, ends_sentence, repair_text, restore_counted_numerals
from normalize.roman_numerals import roman_value
from normalize.vocabulary import Vocabulary
from schemas.decree import PipelineWarning, Repair
from schemas.raw import RawPage

# A word of rule glyphs only: tesseract reading a table rule or its shadow as text (a
# backslash: a rule leaning on a photographed page). A lone dash before a capital is kept:
# it may be a range or a separator ("Januari – Desember"); so is a lone '=': notes and
# formulas print it ("Kolom 1 = Cukup jelas."), while a double rule reads as a run of them.
_RULE_DEBRIS = re.compile(
    r"(?:(?<=\s)|^)(?:[_|~\\]+|={2,}|[—–_|~]{2,}|[—–](?!\s+[A-Z0-9]))(?=\s|$)", re.MULTILINE
)
# An opening bracket read off a cell's left rule at the start of a line of the cell.
_LEFT_RULE = re.compile(r"^[(\[|{](?=\w)", re.MULTILINE)
# ... and glued to a word of lower-case letters inside a line, where a text layer ran the
# line into the one before ('Kepala (Pelaksana'). A number or an acronym there is more
# likely a bracket whose closer OCR misread ('ayat (2', 'TATALAKSANA (5!', '(LKE').
_RUN_IN_RULE = re.compile(r"(?<=[ \t])[(\[{](?=[^\W\d_][a-z])")
# A rule's stroke standing alone as a word.
_LONE_BAR = re.compile(r"(?:(?<=\s)|^)\|(?=\s|$)")
# An opening bracket standing alone as a word ('1. (' read off the rule after a number).
_LONE_OPENER = re.compile(r"(?:(?<=\s)|^)[(\[{](?=\s|$)", re.MULTILINE)
# The rule read as a stroke glued to a capitalised word starting a line ('IMenerapkan',
# 'lSubbagian', 'JPenyusunan', 'ITim'): no word opens with a lone capital or 'l' before a
# capitalised word of three letters or more; acronyms ('ISO', 'IKM', 'IPv6') and names
# ('Ilham') do not match. So is one glued to an item number starting a line ('J1. Laporan'):
# no number of a list is printed after a letter. The rule read as a closing bracket or
# brace there ('}1. Register', ']Laporan') is the same stroke: no line opens with a closer.
_LEFT_RULE_STROKE = re.compile(r"^[IlJ\]}](?=[A-Z][a-z]{2}|\d{1,2}[.)]\s)", re.MULTILINE)
# An underscore glued to the start or the end of a word: the rule's shadow, as no word
# starts or ends with one ('_Mereviu', 'bersama__').
_GLUED_UNDERSCORE = re.compile(r"(?:(?<=\s)|^)_+(?=[^\W_])|(?<=[^\W_])_+(?=\s|$)", re.MULTILINE)
# The rule read as a '1' glued to a year starting a line after a month ('Desember' /
# '12026'): a schedule's year wrapped onto its own line. No year has five digits.
_STROKED_YEAR = re.compile(r"(\S+)([ \t]*\n[ \t]*)1((?:19|20)\d\d)(?!\d)")
_CLOSER = {"(": ")", "[": "]", "{": "}", "|": "|"}
_OPENERS = frozenset("([{")
_CLOSERS = frozenset(")]}")
# A dash ending a line of a cell, after a word and before a capitalised line: the rule
# read beside the text ('Sistem Pemerintahan —' / 'Berbasis Elektronik') unless the word
# can start a range wrapped at its dash ('Januari –' / 'Desember 2026', '08.00 –').
_LINE_END_DASH = re.compile(r"(\S+)[ \t]+[—–][ \t]*(?=\n[ \t]*[A-Z])")
_DAYS = frozenset({"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu"})

# The rule read as a stroke glued to a lower-case word starting a line that goes on from
# the line before ('pelaksanaan' / 'Jinternalisasi'): decided against the vocabulary in
# `drop_line_strokes`.
_LOWER_STROKE = re.compile(r"(?<=[a-z,])([ \t]*\n[ \t]*)([IlJ])([a-z]{3,})\b")
# ... and to a lexicon entry starting any line ('ISK Tim RB', 'Je-Kinerja').
_ENTRY_STROKE = re.compile(r"^([ \t]*)([IlJ])([\w-]*[A-Z][\w-]*)", re.MULTILINE)
# ... and to the first word of a cell, which OCR then read in lower case ('Itim' for
# '|Tim', 'Linstalasi', 'Ispi' for '|SPI').
_OPENING_STROKE = re.compile(r"^([ \t]*)([IlL])([a-z]{3,})\b(?![-'’])")

# A label of an inline list ('2)', 'b.'), and a colon just before one.
_INLINE_LABEL = re.compile(r"(?:^|(?<=\s))(?:(\d{1,2})|([a-z]))([.)])(?=\s)")
# A list number with a comma read for its stop ('1, Data Mutasi').
_COMMA_LABEL = re.compile(r"(?:^|(?<=\s))(\d{1,2}),(?=\s)", re.MULTILINE)
_COLON_BEFORE = re.compile(r":(?=(?:\s+(?:dan|atau))?\s*$)")

# A stop OCR put after a connector that text in the same cell goes on from ('PEREMPUAN
# DAN. PERLINDUNGAN'): a sentence never ends on 'dan', 'atau' or 'serta', so the stop is
# dust. The next word must be in the connector's own case (lower, capitals or
# capitalised): 'dan. Kegiatan' may be a cut sentence followed by a new one, and is kept.
_DUST_STOP = re.compile(r"\b((?i:dan|atau|serta))(\s?\.)(?=\s+(\w+))")


# A lone capital whose lower case has the same shape, read twice ('Cc' for an answer
# choice or area code 'C'): tesseract's two readings of one glyph. No cell prints such a
# pair alone. Not V or W: a check mark read 'Vv' is a month grid's tick, read as such.
_DOUBLED_LETTER = re.compile(r"([COSXZ])(?=[cosxz])(?i:\1)([.)]?)")


def undouble_letter(text: str) -> str | None:
    """The single capital of a cell that reads as one capital doubled in lower case
    ('Cc' -> 'C', 'Oo.' -> 'O.'), or None for any other cell."""
    match = _DOUBLED_LETTER.fullmatch(text.strip())
    return match.group(1) + match.group(2) if match else None


def _same_case(connector: str, word: str) -> bool:
    """`word` is written in `connector`'s case: all lower, all capitals, or capitalised."""
    if connector.islower():
        return word.islower()
    if connector.isupper():
        return word.isupper()
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def drop_dust_stops(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` without the stops OCR read after a connector the text goes on from, and each
    drop as (before, after) ('DAN.', 'DAN').

    A stop after 'dan', 'atau' or 'serta' is dropped only when a word follows it in the
    same cell in the connector's own case; a stop at the end of the text is kept.
    """
    drops: list[tuple[str, str]] = []

    def drop(match: re.Match[str]) -> str:
        connector = match.group(1)
        if not _same_case(connector, match.group(3)):
            return match.group()
        drops.append((match.group(1) + match.group(2), connector))
        return connector

    return _DUST_STOP.sub(drop, text), drops


def drop_line_strokes(text: str, vocab: Vocabulary) -> tuple[str, list[tuple[str, str]]]:
    """`text` without the rule strokes OCR glued to a lower-case word starting a line, and
    each token they were glued to with what it became ('Jinternalisasi', 'internalisasi').

    Only a line that goes on from a lower-case word or a comma ending the line before is
    looked at: a sentence there goes on in lower case, so a capital before lower case is
    a name or a stroke. It is a stroke when the token is no word and no lexicon entry
    while the word after the stroke (three letters or more) is built on a dictionary stem
    ('Jakhir' -> 'akhir'). A name that is a word stays ('Jember'), and so does one whose
    rest is only a bare form of the dictionary ('Juanda', 'uanda'). On any line, a
    stroke before a lexicon entry that leaves no entry is one too ('ISK' -> 'SK'). So is
    one before the lower-cased first word of the cell when that word is no word or
    entry and its rest is a lexicon entry or built on a dictionary stem: the rest is
    the word, capitalised as a cell starts ('Itim' -> 'Tim') or as the lexicon writes
    it ('Ispi' -> 'SPI'); a name stays ('Iwan', 'Lina': 'wan', 'ina' are bare forms).
    """
    glued: list[tuple[str, str]] = []

    def drop_before_word(match: re.Match[str]) -> str:
        token = match.group(2) + match.group(3)
        if vocab.is_word(token) or vocab.entry(token) is not None:
            return match.group()
        if not vocab.is_stem_form(match.group(3)):
            return match.group()
        glued.append((token, match.group(3)))
        return match.group(1) + match.group(3)

    def drop_before_entry(match: re.Match[str]) -> str:
        token = match.group(2) + match.group(3)
        if vocab.is_entry(token) or not vocab.is_entry(match.group(3)):
            return match.group()
        glued.append((token, match.group(3)))
        return match.group(1) + match.group(3)

    def drop_before_opening(match: re.Match[str]) -> str:
        token, rest = match.group(2) + match.group(3), match.group(3)
        if vocab.is_word(token) or vocab.entry(token) is not None:
            return match.group()
        listed = vocab.entry(rest)
        if listed is None and not vocab.is_stem_form(rest):
            return match.group()
        word = listed or rest[0].upper() + rest[1:]
        glued.append((token, word))
        return match.group(1) + word

    text = _LOWER_STROKE.sub(drop_before_word, text)
    text = _OPENING_STROKE.sub(drop_before_opening, text)
    return _ENTRY_STROKE.sub(drop_before_entry, text), glued


def _label_value(match: re.Match[str]) -> int:
    number, letter = match.group(1), match.group(2)
    return int(number) if number else ord(letter) - ord("a") + 1


def restore_list_semicolons(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` with the separators of an inline list OCR misread as ':' put back as ';',
    and each change as (before, after) ('elektronik:', 'elektronik;').

    A label that follows an earlier label of its style by one ('2)' after '1)', 'c.' after
    'b.') opens the next item of a list, though an item may cite an earlier one between
    them ('2) … pada angka 1) …: dan 3)'); the list may start at any label, where OCR
    garbled or lost the ones before ('&. … rencana: b. … rencana: c.', 'a. … b, … c. …
    ditindaklanjuti: d.' in PermenPANRB 52/2014's LKE). A colon introduces a list and
    never parts two of its items, so a ':' before such a label was a ';' ('Lampiran: dan
    3)' too). A ',' there is left as read: authors part one list with both ('pengaduan, 2. …
    pengaduan; 3. …' in KPU Kudus's 2022 decree).
    """
    seen: dict[tuple[bool, str], set[int]] = {}
    items: list[re.Match[str]] = []
    for match in _INLINE_LABEL.finditer(text):
        style, value = (match.group(1) is None, match.group(3)), _label_value(match)
        if value - 1 in seen.setdefault(style, set()):
            items.append(match)
        seen[style].add(value)
    changes: list[tuple[str, str]] = []
    repaired = text
    for label in items:
        found = _COLON_BEFORE.search(text, 0, label.start())
        if found is None:
            continue
        start = found.start()
        word = text[:start].split()[-1]
        changes.append((word + ":", word + ";"))
        repaired = repaired[:start] + ";" + repaired[start + 1 :]
    return repaired, changes


def restore_label_stops(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` with a list number whose stop OCR read as a comma given its stop back, and
    each change as (before, after) ('1,', '1.'): a number with a comma is a label when the
    next number follows it in the text as a label with its stop ('1, Data Mutasi 2. Data
    Promosi'); a count or a year before a comma has no such next label."""
    changes: list[tuple[str, str]] = []

    def fix(match: re.Match[str]) -> str:
        number = match.group(1)
        if not _next_label_follows(text[match.end() :], int(number), "."):
            return match.group()
        changes.append((number + ",", number + "."))
        return number + "."

    return _COMMA_LABEL.sub(fix, text), changes


def _next_label_follows(after: str, number: int, mark: str) -> bool:
    """True when the list label after `number` ('2.' after 1, `mark` '.') stands as a word
    in `after`, the text following that number's own label."""
    return re.search(rf"(?:^|(?<=\s)){number + 1}{re.escape(mark)}", after) is not None


def restore_opening_capital(text: str) -> tuple[str, tuple[str, str] | None]:
    """`text` with its first word capitalised when OCR read its capital in lower case, and
    the change as (before, after): a month name ('januari 2026'; Indonesian capitalises
    months), or the first word of a heading whose other words all start with a capital
    ('penataan Sistem Manajemen SDM Aparatur'). A cell starting a sentence in lower case
    ('dokumen perencanaan sudah ada'), as authors write, stays."""
    words = text.split()
    if not words or not re.fullmatch(r"[a-z]{3,}", words[0]):
        return text, None
    rest = [w for w in words[1:] if len(w) >= 4 and w[0].isalpha()]
    heading = len(rest) >= 2 and all(w[0].isupper() for w in rest)
    if month_number(words[0]) is None and not heading:
        return text, None
    start = text.index(words[0])
    capital = words[0].capitalize()
    return text[:start] + capital + text[start + len(words[0]) :], (words[0], capital)


def _unclosed(text: str, start: int) -> bool:
    """True when the bracket at `text[start]` is closed by nothing after it: each closer
    after it is taken by a nearer opener first ('(Melakukan ... (TNA) bagi'). OCR reads one
    bracket's shape for another ('(karir, penghargaan dll}'): any round, square or curly
    closer closes any such opener."""
    opener = text[start]
    if opener == _CLOSER[opener]:
        return opener not in text[start + 1 :]
    depth = 0
    for char in text[start + 1 :]:
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            if depth == 0:
                return False
            depth -= 1
    return True


def _opens_bare_label(text: str, start: int) -> bool:
    """True when the bracket at `text[start]` opens a list label ('(1)') whose next label
    follows without one ('(1) Agen perubahan ditetapkan; 2) Role model'): the list prints
    'N)', and the bracket is the cell's rule."""
    label = re.match(r"\((\d{1,2})\)\s", text[start:])
    if label is None:
        return False
    return _next_label_follows(text[start + label.end() :], int(label.group(1)), ")")


def _starts_range(word: str) -> bool:
    """True for a word a range may start from: a number or time, a Roman numeral, a month
    or a day of the week."""
    word = word.strip(".,;:()")
    return (
        any(c.isdigit() for c in word)
        or roman_value(word) is not None
        or month_number(word) is not None
        or word.casefold() in _DAYS
    )


def strip_rule_debris(text: str) -> tuple[str, list[str]]:
    """`text` without the marks OCR reads off table rules, and the marks removed.

    A run of rule glyphs standing alone as a word ("__", "|", a dash inside a sentence,
    a dash ending a line that no range goes on from, `_LINE_END_DASH`), a stroke glued to
    a capitalised word starting a line ("IMenerapkan"), an underscore glued to a word
    ("_Mereviu", "bersama__"), a '1' glued to a year starting a line after a month
    ("12026") and an opening bracket glued to a word that nothing after it in the cell
    closes ("(Seluruh kegiatan", "Kepala (Pelaksana") or that opens a list label the next label of the list prints
    without ("(1) Agen …, 2) Role"), and one standing alone as a word that nothing after
    it closes ("1. ("), are debris.
    """
    removed = [m.group() for m in _RULE_DEBRIS.finditer(text)]
    removed += [m.group() for m in _LEFT_RULE_STROKE.finditer(text)]
    removed += [m.group() for m in _GLUED_UNDERSCORE.finditer(text)]
    cleaned = _GLUED_UNDERSCORE.sub("", _LEFT_RULE_STROKE.sub("", _RULE_DEBRIS.sub("", text)))

    def stroked_year(match: re.Match[str]) -> str:
        if month_number(match.group(1).strip(".,;:")) is None:
            return match.group()
        removed.append("1")
        return match.group(1) + match.group(2) + match.group(3)

    cleaned = _STROKED_YEAR.sub(stroked_year, cleaned)

    def line_end_dash(match: re.Match[str]) -> str:
        if _starts_range(match.group(1)):
            return match.group()
        removed.append(match.group()[len(match.group(1)) :].strip())
        return match.group(1)

    cleaned = _LINE_END_DASH.sub(line_end_dash, cleaned)
    openers = [
        *((m, True) for m in _LEFT_RULE.finditer(cleaned)),
        *((m, False) for m in _RUN_IN_RULE.finditer(cleaned)),
        *((m, False) for m in _LONE_OPENER.finditer(cleaned)),
    ]
    for opener, line_start in sorted(openers, key=lambda pair: pair[0].start(), reverse=True):
        start = opener.start()
        if _unclosed(cleaned, start) or (line_start and _opens_bare_label(cleaned, start)):
            removed.append(opener.group())
            cleaned = cleaned[:start] + cleaned[start + 1 :]
    if not removed:
        return text, []
    return "\n".join(" ".join(line.split()) for line in cleaned.splitlines()), removed


def repair_rows(
    rows: Iterable[GridRow], ocr_pages: frozenset[int], vocab: Vocabulary
) -> tuple[tuple[GridRow, ...], dict[int, set[str]]]:
    """Rows whose cells on OCR'd pages are repaired; and the doubtful words per page.

    A row opening a page after rows of the page before may be the rest of a row a page
    break cut, whose text goes on in lower case: its cells' first capitals are left as
    read (`restore_opening_capital`), and the cue that it continues is kept.

    Invariant: a row printed only on native pages comes back unchanged (the same object).
    """
    repaired: list[GridRow] = []
    doubtful: dict[int, set[str]] = {}
    previous_page: int | None = None
    for row in rows:
        page_top = previous_page is not None and row.page != previous_page
        previous_page = row.pages[-1]
        if not ocr_pages & set(row.pages):
            repaired.append(row)
            continue
        cells = list(row.cells)
        edits = list(row.edits)
        for col, text in enumerate(row.cells):
            if not text.strip():
                continue
            counted, numerals = restore_counted_numerals(text)
            edits.extend(CellEdit(col, "ocr_confusion", *change) for change in numerals)
            cleaned, debris = strip_rule_debris(counted)
            if debris:
                edits.append(CellEdit(col, "ocr_noise", " ".join(debris), None))
            single = undouble_letter(cleaned)
            if single is not None:
                edits.append(CellEdit(col, "ocr_confusion", cleaned, single))
                cleaned = single
            cleaned, strokes = drop_line_strokes(cleaned, vocab)
            edits.extend(CellEdit(col, "ocr_noise", token, word) for token, word in strokes)
            cleaned, dust = drop_dust_stops(cleaned)
            edits.extend(CellEdit(col, "ocr_noise", before, after) for before, after in dust)
            cleaned, separators = restore_list_semicolons(cleaned)
            cleaned, stops = restore_label_stops(cleaned)
            edits.extend(
                CellEdit(col, "ocr_confusion", before, after)
                for before, after in (*separators, *stops)
            )
            result = repair_text(cleaned, vocab)
            cells[col], capital = result.text, None
            if not page_top:
                cells[col], capital = restore_opening_capital(result.text)
            edits.extend(CellEdit(col, r.kind, r.before, r.after) for r in result.repairs)
            if capital is not None:
                edits.append(CellEdit(col, "ocr_confusion", *capital))
            if result.doubtful:
                doubtful.setdefault(row.page, set()).update(result.doubtful)
        repaired.append(replace(row, cells=tuple(cells), edits=tuple(edits)))
    return tuple(repaired), doubtful


def repair_header(header: Header, vocab: Vocabulary) -> tuple[Header, list[Repair], set[str]]:
    """`header` with its printed labels repaired, each repair as a `Repair` of field
    'header N' (1-based), and the words repair was unsure about.

    The caller decides that the header was OCR'd; the fields the labels were mapped to
    are kept as they are.
    """
    printed: list[str] = []
    repairs: list[Repair] = []
    doubtful: set[str] = set()
    for position, label in enumerate(header.printed, start=1):
        result = repair_text(label, vocab)
        printed.append(result.text)
        repairs += as_repairs(result, f"header {position}")
        doubtful.update(result.doubtful)
    return replace(header, printed=tuple(printed)), repairs, doubtful


def repair_page_lines(page: RawPage, vocab: Vocabulary) -> RawPage:
    """`page` with the text of its lines repaired when the page was OCR'd; a line opens
    a sentence when the line before it ends one (`ends_sentence`), or starts the page.
    The items of a list over lines (Menimbang, Mengingat, a diktum's) get back the ';'
    OCR read as ':' (`restore_list_semicolons`). A '|' left standing alone once a
    counting word's numeral is restored is a rule's mark, dropped. Invariant: the page
    keeps its lines."""
    if page.text_layer != "ocr" or not page.lines:
        return page
    texts = []
    opens = True
    for line in page.lines:
        repaired = repair_text(line.text, vocab, opens).text
        if _LONE_BAR.search(repaired):
            repaired = " ".join(_LONE_BAR.sub(" ", repaired).split())
        texts.append(repaired)
        opens = ends_sentence(line.text)
    # Only ':' becomes ';', so the text splits back into the same lines.
    texts = restore_list_semicolons("\n".join(texts))[0].split("\n")
    lines = [
        line.model_copy(update={"text": text}) for line, text in zip(page.lines, texts, strict=True)
    ]
    return page.model_copy(update={"lines": tuple(lines)})


def doubtful_warnings(doubtful: dict[int, set[str]]) -> list[PipelineWarning]:
    """One warning per page listing the OCR words left as read because repair was unsure."""
    return [
        PipelineWarning(
            code="ocr_doubtful",
            message="OCR words kept as read because more than one correction fits: "
            + ", ".join(sorted(words)),
            page=page,
        )
        for page, words in sorted(doubtful.items())
    ]
