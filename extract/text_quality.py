"""Judge whether a page's text layer is usable: dictionary-word rate and garbled characters.

The measure is deliberately simple: the share of a page's words (3+ letters) that are
Indonesian dictionary words after stripping common affixes, and the share of characters
that no real text contains (unmapped glyphs, replacement and private-use characters).
A text layer from a good export or a good OCR scores far above the thresholds; a layer
from a broken font mapping or a poor OCR scores far below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DICTIONARY = Path("/usr/share/hunspell/id_ID.dic")
"""Debian's hunspell-id word list (stems with affix flags)."""

MIN_WORDS_TO_JUDGE = 15
"""Below this many words a dictionary rate says nothing; only garbling is judged."""

MIN_LETTERS_FOR_WORDS = 200
"""A text with this many letters but fewer than MIN_WORDS_TO_JUDGE words of 3+ letters is
letters scattered in ones and twos: garbage (OCR of a page scanned sideways)."""

MAX_GARBLED_SHARE = 0.25
"""Above this share of unmapped or private-use characters a text layer is unusable; a
few symbols (check marks from symbol fonts) stay far below it."""

_WORD = re.compile(r"[A-Za-z]{3,}")
_CID = re.compile(r"\(cid:\d+\)")
_PREFIXES = ("memper", "diper", "meng", "meny", "peng", "peny", "mem", "men", "pem", "pen",
             "ber", "ter", "per", "me", "pe", "di", "ke", "se", "be")
_SUFFIXES = ("kannya", "annya", "kan", "nya", "lah", "kah", "pun", "an", "i")
# meN-/peN- drop the stem's first consonant: menetapkan <- tetap, memakai <- pakai.
_NASAL_RESTORE = {"meny": "s", "peny": "s", "men": "t", "pen": "t", "mem": "p", "pem": "p",
                  "meng": "k", "peng": "k"}


@dataclass(frozen=True)
class TextQuality:
    """How trustworthy a text layer looks."""

    words: int
    valid_share: float
    garbled_share: float
    letters: int

    def usable(self, min_valid_share: float) -> bool:
        """True when the text reads as real text."""
        if self.garbled_share > MAX_GARBLED_SHARE:
            return False
        if self.words < MIN_WORDS_TO_JUDGE:
            return self.letters < MIN_LETTERS_FOR_WORDS
        return self.valid_share >= min_valid_share


def judge_text(text: str) -> TextQuality:
    """Measure `text` (a page's text): word count, dictionary share, garbled share."""
    vocabulary = _vocabulary()
    words = [w.lower() for w in _WORD.findall(text)]
    # Without the dictionary (hunspell-id not installed) no word can be judged invalid.
    valid = sum(1 for word in words if _is_word(word, vocabulary)) if vocabulary else len(words)
    visible = [ch for ch in _CID.sub("\ufffd", text) if not ch.isspace()]
    garbled = sum(1 for ch in visible if _is_garbled(ch))
    return TextQuality(
        words=len(words),
        valid_share=valid / len(words) if words else 0.0,
        garbled_share=garbled / len(visible) if visible else 0.0,
        letters=sum(1 for ch in text if ch.isalpha()),
    )


def _is_garbled(ch: str) -> bool:
    code = ord(ch)
    return ch == "\ufffd" or 0xE000 <= code <= 0xF8FF or code < 0x20 or 0x7F <= code < 0xA0


def _is_word(word: str, vocabulary: frozenset[str]) -> bool:
    return any(stem in vocabulary for stem in _stems(word))


def _stems(word: str) -> set[str]:
    """`word` and what remains after stripping up to one prefix and two suffixes."""
    stems = {word}
    for _ in range(2):
        stems |= {s[: -len(x)] for s in stems for x in _SUFFIXES
                  if s.endswith(x) and len(s) - len(x) >= 3}
    unprefixed: set[str] = set()
    for stem in stems:
        for prefix in _PREFIXES:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                rest = stem[len(prefix):]
                unprefixed.add(rest)
                if prefix in _NASAL_RESTORE:
                    unprefixed.add(_NASAL_RESTORE[prefix] + rest)
    return stems | unprefixed


@cache
def _vocabulary() -> frozenset[str]:
    """Lower-cased stems of the hunspell dictionary; empty when it is not installed."""
    try:
        lines = DICTIONARY.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.split("/", 1)[0].lower() for line in lines[1:] if line)
