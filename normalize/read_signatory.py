"""Readings of a signature block -> its position and name, repaired where a stamp hid them.

The office stamp and the pen signature are pressed over the signature block, so OCR reads
its position and name worst of all the page. Two facts of a decree help: the office that
decides (the issuer line closing the title block, printed clean) is the office that signs,
and the same block closes the Lampiran again, so the name is printed twice. These functions
work on text only; `parse_metadata` finds the lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

_MIN_POSITION_LETTERS = 5
"""A position with fewer letters than this was not read at all ('be', '?')."""
_STRONG_TOKEN = 4
"""Letters a position token needs to count as evidence (shorter ones are often stamp noise)."""
_ISSUER_COVERAGE = 0.4
"""Share of the issuer's letters the position's tokens must account for."""
_SAME_PERSON = 80.0
"""Token-set similarity (0-100) above which two readings name the same person."""
_JUNK_TOKEN_COST = 4
"""Letters a reading loses in `name_quality` for each token that cannot be part of a name."""

_EDGE_JUNK = re.compile(r"^[^\w(]+|[^\w.)]+$")
"""Marks around a name that are not part of it (OCR of a paraf or stamp; a wrapped ',')."""
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_ON_BEHALF = re.compile(r"^\W*(?:a\.?\s?n|u\.?\s?b|plt|plh|pj)\b\.?", re.IGNORECASE)
"""'a.n.', 'u.b.', 'Plt.', 'Plh.', 'Pj.': someone signs for (or acts as) the issuer."""
_ACTING = re.compile(r"^\W*((?:Plt|Plh|Pj)\.?|P[1Ii|]t\.)\s*", re.IGNORECASE)
"""'Plt.', 'Plh.', 'Pj.': someone acts as the issuer; the rest of the position is the
issuer's own and may be read through a stamp like any. OCR reads the l of 'Plt.' as i, I,
1 or a stroke ('Pit.'); with its stop, that is the same mark."""
_ACTING_MISREAD = re.compile(r"P[1Ii|]t\.", re.IGNORECASE)
_DEGREE = re.compile(r"^[A-Z][A-Za-z]{0,4}\.(?:[A-Z][A-Za-z]{0,5}\.?)*,?$")
"""An academic degree or title token of a name ('S.Sos.,', 'M.Si.', 'Ir.', 'H.', 'S.AP.')."""
_NAME_WORD = re.compile(r"^[A-Z](?:[A-Z'’-]*[A-Z])?,?$")
"""An upper-case word of a name ('AHMAD', 'FAISOL,', 'MA’RIFAH'), or a lone capital."""
_TITLE_CASE_WORD = re.compile(r"^[A-Z][a-z'’-]*[a-z],?$")
"""A word of a name printed in title case ('Rahmat', as ministries' offices print names)."""
_TITLE_PREFIX = re.compile(r"^(?!(?:ttd|dto)\.)[a-z]{2,4}\.$")
"""A title abbreviated in lower case before a name ('dr.', 'drg.', 'apt.', 'ir.'); not the
'ttd.' or 'dto.' that stands for the signature."""


_LOOKALIKES = str.maketrans("l1|0", "iiio")
"""Characters OCR reads for one another ('SlGI' for 'SIGI'): one letter when comparing."""


def _fragment(token: str, word: str) -> bool:
    """`token` is `word`, a piece of it (a stamp hid the rest) or either with OCR damage
    (letters OCR confuses, 'l' for 'I', count as the same even in a short word; a piece of
    `_STRONG_TOKEN` letters or more at the word's start or end may have one letter wrong:
    'KETI' for the 'KETU' a stamp left of 'KETUA')."""
    token, word = token.casefold().translate(_LOOKALIKES), word.casefold().translate(_LOOKALIKES)
    if token in word:
        return True
    limit = 0 if len(word) < 5 else 1 if len(word) < 9 else 2
    if Levenshtein.distance(token, word, score_cutoff=limit) <= limit:
        return True
    if not _STRONG_TOKEN <= len(token) < len(word):
        return False
    ends = (word[: len(token)], word[-len(token) :])
    return any(Levenshtein.distance(token, end, score_cutoff=1) <= 1 for end in ends)


def _strong_tokens(text: str) -> list[str]:
    """The letter runs of `text` long enough (`_STRONG_TOKEN`) to count as evidence."""
    return [token for token in _LETTER_RUN.findall(text) if len(token) >= _STRONG_TOKEN]


def is_issuer_piece(position: str, issuer: str) -> bool:
    """`position` reads as part of the issuer line, wherever a stamp cut it.

    Every position word of four or more letters must be the issuer's next word or a piece
    of it (in reading order), and together they must account for `_ISSUER_COVERAGE` of the
    issuer's letters. A word foreign to the issuer ('SEKRETARIS', 'WAKIL') or a signing-for
    mark ('a.n.', 'Plh.') means another office signs. Where the piece ends is not asked:
    'KETUA KOMISI PEMILIHAN UMUM' is such a piece of 'KETUA KOMISI PEMILIHAN UMUM
    KABUPATEN KUDUS' and names another office (`is_damaged_issuer` asks).
    """
    words = _LETTER_RUN.findall(issuer)
    tokens = _strong_tokens(position)
    if not words or not tokens or _ON_BEHALF.match(position):
        return False
    index = 0
    for token in tokens:
        found = next((k for k in range(index, len(words)) if _fragment(token, words[k])), None)
        if found is None:
            return False
        index = found
    issuer_letters = sum(len(word) for word in words)
    covered = sum(len(token) for token in tokens)
    return covered >= _ISSUER_COVERAGE * issuer_letters


def is_damaged_issuer(position: str, issuer: str) -> bool:
    """`position` is the issuer line read through a stamp.

    It is a piece of the issuer (`is_issuer_piece`) whose last word of four or more letters
    is the issuer's last such word (the place or office named, which tells offices apart: a
    class such as 'KELAS IB' ends some offices' names).
    """
    if not is_issuer_piece(position, issuer):
        return False
    words = _LETTER_RUN.findall(issuer)
    tokens = _strong_tokens(position)
    last = next((word for word in reversed(words) if len(word) >= _STRONG_TOKEN), words[-1])
    return _fragment(tokens[-1], last)


def _split_acting(position: str) -> tuple[str, str]:
    """(the acting mark with a space after it, or '', the rest): 'Plt. BUPATI X' ->
    ('Plt. ', 'BUPATI X'); a misread 'Pit.' is given as 'Plt. '."""
    acting = _ACTING.match(position)
    if acting is None:
        return "", position
    mark = "Plt." if _ACTING_MISREAD.fullmatch(acting.group(1)) else acting.group(1)
    return mark + " ", position[acting.end() :]


def _reads_as_issuer(position: str, issuer: str) -> bool:
    """`position` is the issuer line, printed clean or read through a stamp, after any
    acting mark ('Plt.')."""
    rest = _split_acting(position)[1]
    return rest.strip(",;. ") == issuer or is_damaged_issuer(rest, issuer)


def repaired_position(
    position: str | None, issuer: str | None, elsewhere: str | None = None
) -> str | None:
    """The position, or the issuer line when the position is it damaged or was not read.

    Input: the position as read (None when the block had none), the issuer line of the
    title block (None when not found) and the position printed under the same signature
    elsewhere (the Lampiran's closing; None when not read). A position containing the whole
    issuer ('Plh. ...') or naming another office is kept. One acting as the issuer ('Plt.',
    'Plh.', 'Pj.') keeps its mark before the issuer line. A piece of the issuer cut before
    its place ('... KANTOR IMIGRASI KELAS II', a stamp over the position's second line) is
    the issuer when `elsewhere` reads as the issuer: the same signature, printed twice,
    names one office. A position holding the issuer line's text, spaces aside, is
    whole: the issuer line may be the damaged copy ('DINASPENDIDIKAN', two
    words run together in a vendor's text layer); when it is the position that holds the
    same letters in fewer words ('DAERAHKABUPATEN'), the issuer line's spacing is taken.
    An acting mark is always given as printed ('Pit.' read for 'Plt.' is 'Plt.').
    Output is `position` unchanged unless replaced.
    """
    if not issuer:
        return position
    text = position or ""
    prefix, rest = _split_acting(text)
    if "".join(issuer.split()) in "".join(text.split()):
        if "".join(rest.split()) == "".join(issuer.split()) and len(issuer.split()) > len(
            rest.split()
        ):
            # The same letters, fewer words: the position's copy ran two words together.
            return prefix + issuer
        # Whole: only a misread acting mark ('Pit.') is put right.
        return prefix + rest if prefix else position
    unread = sum(char.isalpha() for char in rest) < _MIN_POSITION_LETTERS
    damaged = is_damaged_issuer(rest, issuer) or (
        is_issuer_piece(rest, issuer)
        and elsewhere is not None
        and _reads_as_issuer(elsewhere, issuer)
    )
    return prefix + issuer if unread or damaged else position


def is_degree(token: str) -> bool:
    """`token` is an academic degree or title written with dots ('S.Sos.,', 'M.Si.')."""
    return bool(_DEGREE.match(token))


def _worded(text: str) -> list[str]:
    """The tokens of `text` that hold a letter (a lone '-' or ',' is a stroke, not a word)."""
    return [token for token in text.split() if any(char.isalpha() for char in token)]


def _title_count(tokens: Sequence[str]) -> int:
    """How many of `tokens` open them as lower-case titles ('dr.' of 'dr. RATNA SARI');
    the last token is never one (a title alone names nobody)."""
    count = 0
    while count < len(tokens) - 1 and _TITLE_PREFIX.match(tokens[count]):
        count += 1
    return count


def clean_name(text: str) -> str:
    """A name as read without the marks a stamp or a pen stroke adds around it.

    Drops letterless tokens, marks at either end ('(', '~', a wrapped ',') and a final lone
    letter without a dot (a stroke's tail: 'SAIFUDDIN Y'); initials keep their dot.
    """
    tokens = _worded(text)
    while len(tokens) > 1 and len(tokens[-1].strip(",")) == 1:
        tokens.pop()
    return _EDGE_JUNK.sub("", " ".join(tokens))


def name_words(text: str) -> list[str]:
    """The words of a name as read, without its opening titles ('dr.'), its degrees
    ('S.Sos.,') and the marks around each word."""
    worded = _worded(text)
    return [
        _EDGE_JUNK.sub("", token)
        for token in worded[_title_count(worded) :]
        if not is_degree(token)
    ]


def is_upper_name(text: str) -> bool:
    """`text` reads as a printed signatory name: upper-case words (at least one of three or
    more letters) and degrees, after any lower-case titles ('dr.'), between stray marks;
    stamp and signature noise and running text read as mixed case."""
    tokens = name_words(text)
    return (
        bool(tokens)
        and all(_NAME_WORD.match(token) for token in tokens)
        and any(len(token.strip(",")) >= 3 for token in tokens)
    )


def name_quality(name: str) -> int:
    """How well `name` reads: letters of its opening titles, name words (upper or title
    case) and degrees, less a cost per token that cannot be part of a name (a lone letter
    without a dot, digits, stray marks, a word starting in lower case)."""
    tokens = name.split()
    titles = _title_count(tokens)
    score = 0
    for index, token in enumerate(tokens):
        named = (_NAME_WORD.match(token) or _TITLE_CASE_WORD.match(token)) and len(
            token.strip(",")
        ) >= 2
        if index < titles or is_degree(token) or named:
            score += sum(char.isalpha() for char in token)
        else:
            score -= _JUNK_TOKEN_COST
    return score


def same_person(first: str, second: str) -> bool:
    """Two readings of one printed name: they share a word of four or more letters (a stamp
    hides some words, rarely all), or their words are alike."""
    words = {word.casefold() for word in _LETTER_RUN.findall(first) if len(word) >= _STRONG_TOKEN}
    shared = any(word.casefold() in words for word in _LETTER_RUN.findall(second))
    return shared or fuzz.token_set_ratio(first, second) >= _SAME_PERSON


def names_nobody(reading: str) -> bool:
    """`reading` holds no word of `_STRONG_TOKEN` letters or more ('“TPT', 'Ww A'): OCR of a
    stamp or of a line's piece, which `same_person` has nothing to compare with."""
    return not _strong_tokens(reading)


def best_name(reading: str | None, others: Sequence[str]) -> str | None:
    """The best-reading copy of the name: `reading` (the body's) or another copy of it.

    Input: the body's reading (None when unread) and the readings of the same block
    printed elsewhere (end of the Lampiran). A copy that names someone else is ignored; the
    body's reading wins ties. A body reading that names nobody (`names_nobody`) cannot say
    whom a copy names, so any better-reading copy that names someone replaces it. Output is
    one of the inputs, never a mix of them.
    """
    if reading is None:
        return others[0] if others else None
    junk = names_nobody(reading)
    best = reading
    for other in others:
        alike = same_person(reading, other) or (junk and not names_nobody(other))
        if alike and name_quality(other) > name_quality(best):
            best = other
    return best
