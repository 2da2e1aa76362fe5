"""Judge whether a page's text reads as text: word validity and garbled characters.

The measures are deliberately simple. A word (3+ letters) is a dictionary word when it is
in Debian's hunspell-id list after stripping common affixes; it is plausible when it is a
dictionary word or every letter pair in it is common in dictionary words (names of
places and people: "Dampelas", "Sioyong"; a broken font mapping gives "Nhsxwxvdq").
Garbled characters are those no real text contains (unmapped glyphs, replacement and
private-use characters). A text layer from a good export or a good OCR scores far above
the thresholds; a broken font mapping or a page OCR'd sideways scores far below.

Between the two lies a scanner's OCR layer that reads as text but with slips (see
`ocr_slip`): usable, yet doubtful enough that our own OCR of the page is worth a look.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DICTIONARY = Path("/usr/share/hunspell/id_ID.dic")
"""Debian's hunspell-id word list (stems with affix flags)."""

MIN_WORDS_TO_JUDGE = 15
"""Below this many words a dictionary rate says nothing; only garbling is judged."""

MIN_LETTERS_FOR_WORDS = 200
"""A text with this many letters but fewer than MIN_WORDS_TO_JUDGE words of 3+ letters is
letters scattered in ones and twos: garbage (OCR of a page scanned sideways)."""

COMMON_PAIR_SHARE = 0.9
COMMON_PAIR_FREQUENCY = 0.0002
"""A letter pair is common when it makes up at least this share of all letter pairs of
the dictionary's words."""

MAX_GARBLED_SHARE = 0.25
"""Above this share of unmapped or private-use characters a text layer is unusable; a
few symbols (check marks from symbol fonts) stay far below it."""

MIN_SLIPS = 2
MAX_SLIP_SHARE = 0.03
"""A text with at least MIN_SLIPS OCR slips making up more than MAX_SLIP_SHARE of its
tokens is doubtful. The corpus's ocrmypdf and scanner layers have at most 3 slips a page,
1.1 % of its tokens (one slip is 2.6 % of a 39-token page); the scanner layer of Perbup
Donggala 24/2025 pp. 5, 42, 50 has 3.7 %, 8.4 % and 13 %."""

_WORD = re.compile(r"[A-Za-z]{3,}")
_TOKEN = re.compile(r"\S*[A-Za-z0-9]\S*")
# Glyphs OCR gives for strokes of letters ("PEI{GISIAN", "ti+l"); printed text puts none
# of them inside a word. Not '_' (form blanks, "Nama:____") nor '@' (e-mail addresses).
_SLIP_SYMBOLS = re.compile(r"[A-Za-z]\S*[{}\[\]|+$\\<>~^*#=]|[{}\[\]|+$\\<>~^*#=]\S*[A-Za-z]")
# A colon or semicolon between letters: a stroke of a letter read as dots ("mate:rai").
_SLIP_STOPS = re.compile(r"[A-Za-z][:;][A-Za-z]")
# A digit touching a lowercase letter: "t1)", "bu1an", "20100r". Acronyms and numbers of
# decrees ("04/HK.03.1/3319/2022") touch only capitals or punctuation.
_SLIP_DIGIT = re.compile(r"[a-z][0-9]|[0-9][a-z]")
_LOWER_WORD = re.compile(r"[a-z]{3,}")
_EDGE_PUNCTUATION = "()[]{}.,;:!?'\"-"
# Letters OCR takes for one another (one group each). Only lower-case words are tried:
# capitalised and upper-case ones are mostly names and acronyms, which are rarely
# dictionary words and often one letter from one ("Tompe", "SDM").
_LOOK_ALIKE = ("iltfj", "rnmhu", "ecoa", "bh", "gqy", "uv", "dcl")
_CID = re.compile(r"\(cid:\d+\)")
_PREFIXES = (
    "memper",
    "diper",
    "meng",
    "meny",
    "peng",
    "peny",
    "mem",
    "men",
    "pem",
    "pen",
    "ber",
    "ter",
    "per",
    "me",
    "pe",
    "di",
    "ke",
    "se",
    "be",
)
_SUFFIXES = ("kannya", "annya", "kan", "nya", "lah", "kah", "pun", "an", "i")
# meN-/peN- drop the stem's first consonant: menetapkan <- tetap, memakai <- pakai.
_NASAL_RESTORE = {
    "meny": "s",
    "peny": "s",
    "men": "t",
    "pen": "t",
    "mem": "p",
    "pem": "p",
    "meng": "k",
    "peng": "k",
}


@dataclass(frozen=True)
class TextQuality:
    """How trustworthy a text layer looks."""

    words: int
    dictionary_share: float
    plausible_share: float
    garbled_share: float
    letters: int
    tokens: int
    """Whitespace-separated tokens holding a letter or a digit."""
    slips: int
    """Tokens that look like OCR slips (`ocr_slip`)."""

    @property
    def dictionary_words(self) -> float:
        """How many of its words (3+ letters) are dictionary words."""
        return self.words * self.dictionary_share

    def usable(self, min_share: float) -> bool:
        """True when the text reads as real text (its words plausible, few garbled)."""
        if self.garbled_share > MAX_GARBLED_SHARE:
            return False
        if self.words < MIN_WORDS_TO_JUDGE:
            return self.letters < MIN_LETTERS_FOR_WORDS
        return self.plausible_share >= min_share

    def reads_as_words(self, min_share: float) -> bool:
        """Stricter: usable, and enough of its words are dictionary words."""
        return self.usable(min_share) and (
            self.words < MIN_WORDS_TO_JUDGE or self.dictionary_share >= min_share
        )

    def doubtful(self) -> bool:
        """True when the text has OCR slips: at least MIN_SLIPS, over MAX_SLIP_SHARE of
        its tokens. A verdict on OCR text only: exports have typos, names and units
        ("Rp10.000") that read as slips, and no OCR to compare with."""
        return self.slips >= MIN_SLIPS and self.slips > MAX_SLIP_SHARE * self.tokens


def judge_text(text: str) -> TextQuality:
    """Measure `text` (a page's text)."""
    vocabulary = _vocabulary()
    words = [w.lower() for w in _WORD.findall(text)]
    # Without the dictionary (hunspell-id not installed) no word can be judged invalid.
    known = [_is_word(word, vocabulary) if vocabulary else True for word in words]
    pairs = _common_pairs()
    plausible = sum(
        1 for word, ok in zip(words, known, strict=True) if ok or _common_letters(word, pairs)
    )
    visible = [ch for ch in _CID.sub("\ufffd", text) if not ch.isspace()]
    garbled = sum(1 for ch in visible if _is_garbled(ch))
    tokens = _TOKEN.findall(text)
    return TextQuality(
        words=len(words),
        dictionary_share=sum(known) / len(words) if words else 0.0,
        plausible_share=plausible / len(words) if words else 0.0,
        garbled_share=garbled / len(visible) if visible else 0.0,
        letters=sum(1 for ch in text if ch.isalpha()),
        tokens=len(tokens),
        slips=sum(1 for token in tokens if ocr_slip(token)),
    )


def ocr_slip(token: str) -> bool:
    """True when `token` (one whitespace-free token) looks like an OCR slip: a symbol
    mixed into letters ("GC}ALA", "mate:rai"), a digit touching a lower-case letter
    ("t1)", "bu1an"), or a lower-case non-word one look-alike letter from a dictionary
    word ("perempuon", "denlan"). Needs the dictionary for the last kind."""
    if _SLIP_SYMBOLS.search(token) or _SLIP_STOPS.search(token) or _SLIP_DIGIT.search(token):
        return True
    core = token.strip(_EDGE_PUNCTUATION)
    return _LOWER_WORD.fullmatch(core) is not None and _near_word(core)


@lru_cache(maxsize=1 << 16)
def _near_word(word: str) -> bool:
    """True when lower-case `word` is no dictionary word but one look-alike letter
    swapped makes one. Cached (bounded, for long batches): a page repeats its words."""
    vocabulary = _vocabulary()
    if _is_word(word, vocabulary):
        return False
    return any(
        _is_word(word[:i] + other + word[i + 1 :], vocabulary)
        for i, letter in enumerate(word)
        for group in _LOOK_ALIKE
        if letter in group
        for other in group
        if other != letter
    )


def _common_letters(word: str, pairs: frozenset[str]) -> bool:
    """True when at least COMMON_PAIR_SHARE of the word's letter pairs are common."""
    found = [word[i : i + 2] in pairs for i in range(len(word) - 1)]
    return sum(found) >= COMMON_PAIR_SHARE * len(found)


def _is_garbled(ch: str) -> bool:
    code = ord(ch)
    return ch == "\ufffd" or 0xE000 <= code <= 0xF8FF or code < 0x20 or 0x7F <= code < 0xA0


def _is_word(word: str, vocabulary: frozenset[str]) -> bool:
    return any(stem in vocabulary for stem in _stems(word))


def _stems(word: str) -> set[str]:
    """`word` and what remains after stripping up to one prefix and two suffixes."""
    stems = {word}
    for _ in range(2):
        stems |= {
            s[: -len(x)] for s in stems for x in _SUFFIXES if s.endswith(x) and len(s) - len(x) >= 3
        }
    unprefixed: set[str] = set()
    for stem in stems:
        for prefix in _PREFIXES:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                rest = stem[len(prefix) :]
                unprefixed.add(rest)
                if prefix in _NASAL_RESTORE:
                    unprefixed.add(_NASAL_RESTORE[prefix] + rest)
    return stems | unprefixed


@cache
def _common_pairs() -> frozenset[str]:
    """Letter pairs common in the dictionary's words (none without the dictionary)."""
    counts = Counter(
        word[i : i + 2]
        for word in _vocabulary()
        for i in range(len(word) - 1)
        if word[i : i + 2].isalpha()
    )
    total = sum(counts.values())
    return frozenset(pair for pair, n in counts.items() if n >= COMMON_PAIR_FREQUENCY * total)


@cache
def _vocabulary() -> frozenset[str]:
    """Lower-cased stems of the hunspell dictionary; empty when it is not installed."""
    try:
        lines = DICTIONARY.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.split("/", 1)[0].lower() for line in lines[1:] if line)
