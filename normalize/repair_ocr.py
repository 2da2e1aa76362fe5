"""OCR repair of one text against a `Vocabulary`: split, joined, confused and misspelt words.

`repair_text(text, vocab)` returns the repaired text, every change as (before, after, kind)
and the words it left alone because two corrections were equally good (`doubtful`).
Kinds name the OCR fault that was undone:
- "ocr_split":     a word broken by a space ("i nternalisasi" -> "internalisasi");
- "ocr_join":      two words run together ("budayakerja" -> "budaya kerja");
- "ocr_confusion": look-alike glyphs (l/1/I/i, rn/m, cl/d, vv/w, ii/ü, O/0 and S/5 in numbers,
                   "et.apkin" for the lexicon's "e-Lapkin");
- "ocr_spelling":  a dropped, added or changed letter ("Tersinya" -> "Terisinya"), found by
                   edit distance: 1 for words of 5+ letters, 2 (both edits glyph-like) for 8+.

A word is changed only when it is not a word of the vocabulary and its replacement is.
Never changed: recognised words, acronyms (all capitals, inner capitals, letters with
digits), numbers and dates that are not garbled, proper names (capitalised words not at a
sentence start), hyphens. Decisions: docs/decisions/0009-ocr-repair.md.

Invariant: pure, deterministic and idempotent: repair_text(repair_text(x).text).text equals
repair_text(x).text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from normalize.vocabulary import Vocabulary

Kind = Literal["ocr_split", "ocr_join", "ocr_confusion", "ocr_spelling"]


class OcrRepair(NamedTuple):
    """One change: the text before, the text after, and the kind of OCR fault."""

    before: str
    after: str
    kind: Kind


@dataclass(frozen=True)
class RepairResult:
    """The repaired text, its repairs in text order, and words left alone as doubtful."""

    text: str
    repairs: tuple[OcrRepair, ...] = ()
    doubtful: tuple[str, ...] = ()


# A word: letters and digits, inner hyphens and apostrophes allowed.
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A white-space chunk with punctuation inside its letters ("et.apkin"), edge punctuation apart.
_CHUNK = re.compile(r"\S+")
_EDGE_LEAD = "([{\"'“‘"
_EDGE_TRAIL = ".,;:!?)]}\"'”’"
_GARBLE_MARKS = frozenset(".,:;!|'`’")
_SENTENCE_END = frozenset(".!?:;•–-")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_MIN_SPELL = 5
_MIN_SPELL_2 = 8
_MIN_PIECE = 3
_MAX_PASSES = 4

# Look-alike glyphs, read -> meant; applied to the lower-cased word.
_CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("rn", "m"), ("m", "rn"), ("cl", "d"), ("vv", "w"), ("ii", "ü"), ("ü", "ii"), ("ü", "u"),
    ("l", "i"), ("i", "l"), ("1", "l"), ("1", "i"), ("!", "l"), ("!", "i"), ("|", "l"),
    ("|", "i"), ("0", "o"), ("5", "s"),
)
_NUMBER_GLYPHS = {"o": "0", "O": "0", "l": "1", "I": "1", "S": "5"}
# Letter pairs OCR confuses, for the cost of an edit-distance-2 correction.
_ALIKE = [set("il1tfj!|"), set("rnmhu"), set("ecoa"), set("bh"), set("gqy"), set("uv"),
          set("s5"), set("o0"), set("dcl")]
_THIN = frozenset("iltfjr.,'-")
# Endings and particles that are not a word's half when a run-together word is split.
_BOUND = frozenset({"nya", "lah", "kah", "pun", "kan", "ku", "mu", "an", "man", "wan", "wati"})


def repair_text(text: str, vocab: Vocabulary) -> RepairResult:
    """`text` with its OCR slips repaired against `vocab` (see the module docstring)."""
    repairs: list[OcrRepair] = []
    doubtful: list[str] = []
    current = text
    for _ in range(_MAX_PASSES):
        repaired, pass_repairs, pass_doubtful = _one_pass(current, vocab)
        repairs.extend(pass_repairs)
        doubtful = pass_doubtful
        if repaired == current:
            break
        current = repaired
    return RepairResult(current, tuple(repairs), tuple(dict.fromkeys(doubtful)))


def _one_pass(text: str, vocab: Vocabulary) -> tuple[str, list[OcrRepair], list[str]]:
    repairs: list[OcrRepair] = []
    doubtful: list[str] = []
    text = _repair_chunks(text, vocab, repairs)
    text = _repair_splits(text, vocab, repairs)
    out: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        fixed, kind, doubt = _repair_token(token, _at_sentence_start(text, match.start()), vocab)
        out.append(text[last : match.start()])
        out.append(fixed)
        last = match.end()
        if kind is not None:
            repairs.append(OcrRepair(token, fixed, kind))
        if doubt:
            doubtful.append(token)
    out.append(text[last:])
    return "".join(out), repairs, doubtful


def _at_sentence_start(text: str, start: int) -> bool:
    """True at the text's start or after a sentence end, colon, list marker or bullet."""
    before = text[:start].rstrip(" \t" + _EDGE_LEAD)
    if not before:
        return True
    if before[-1] in _SENTENCE_END:
        return True
    return bool(re.search(r"(?:^|\s)(?:\d{1,2}|[a-zA-Z])[.)]$", before))


# --- garbled chunks ("et.apkin") --------------------------------------------------------------


def _repair_chunks(text: str, vocab: Vocabulary, repairs: list[OcrRepair]) -> str:
    """Chunks with punctuation inside their letters, repaired to a word or lexicon entry."""

    def fix(match: re.Match[str]) -> str:
        chunk = match.group()
        lead = len(chunk) - len(chunk.lstrip(_EDGE_LEAD))
        core = chunk[lead:].rstrip(_EDGE_TRAIL)
        if not _is_garble(core) or vocab.entry(core) is not None:
            return chunk
        fixed = _garble_fix(core, vocab)
        if fixed is None:
            return chunk
        repairs.append(OcrRepair(core, fixed, "ocr_confusion"))
        return chunk[:lead] + fixed + chunk[lead + len(core) :]

    return _CHUNK.sub(fix, text)


def _is_garble(core: str) -> bool:
    inner = core[1:-1]
    return (
        len(core) >= 5
        and core[0].isalpha()
        and core[-1].isalpha()
        and any(c in _GARBLE_MARKS for c in inner)
        and not any(c.isdigit() or c in "/@" for c in core)
        and not core.lower().startswith(("www", "http"))
    )


@functools.lru_cache(maxsize=1 << 14)
def _garble_fix(core: str, vocab: Vocabulary) -> str | None:
    """A unique word (by glyph confusion) or lexicon entry (edit distance <= 2) for `core`."""
    confused = _confusion_candidates(core, vocab)
    if len(confused) == 1:
        return next(iter(confused))
    if confused or len(core) < 6:
        return None
    keys = [k for k in vocab.entries if len(k) >= 6]
    found = process.extract(
        core.lower(), keys, scorer=Levenshtein.distance, score_cutoff=2, limit=None
    )
    if not found:
        return None
    best = min(score for _, score, _ in found)
    closest = sorted(key for key, score, _ in found if score == best)
    if len(closest) != 1 or best == 0:
        return None
    entry = vocab.entries[closest[0]]
    return entry[0].upper() + entry[1:] if core[0].isupper() else entry


# --- words broken by a space ("i nternalisasi") ----------------------------------------------


def _repair_splits(text: str, vocab: Vocabulary, repairs: list[OcrRepair]) -> str:
    """Adjacent words joined where they are one word broken by a single space."""
    out = ""
    last = 0
    pending: tuple[int, str] | None = None  # (start in text, token) of the last word
    for match in _TOKEN.finditer(text):
        token = match.group()
        if pending is not None and text[pending[0] + len(pending[1]) : match.start()] == " ":
            joined = _joined(pending[1], token, vocab)
            if joined is not None:
                repairs.append(OcrRepair(f"{pending[1]} {token}", joined, "ocr_split"))
                out = out[: len(out) - len(pending[1]) - 1] + joined
                last = match.end()
                pending = (pending[0], joined)
                continue
        out += text[last : match.end()]
        last = match.end()
        pending = (match.start(), token)
    return out + text[last:]


def _joined(left: str, right: str, vocab: Vocabulary) -> str | None:
    """`left + right` when that is a word and `left` or `right` is not one.

    Capitals: a capitalised `right` starts a new word unless both halves are all capitals
    (a heading); lexicon entries and tokens with digits are never halves.
    """
    capitals = left.isupper() and right.isupper()
    if any(vocab.entry(t) is not None or any(c.isdigit() for c in t) for t in (left, right)):
        return None
    if not capitals and (_locked(left, vocab) or _locked(right, vocab) or right[0].isupper()):
        return None
    if _known(left, vocab) and _known(right, vocab):
        return None
    joined = left + right
    return joined if vocab.is_word(joined) else None


def _known(word: str, vocab: Vocabulary) -> bool:
    """A word, or a single letter (a list label or initial is never half a broken word)."""
    return len(word) == 1 or vocab.is_word(word)


def _locked(token: str, vocab: Vocabulary) -> bool:
    """Acronyms, lexicon entries and tokens with digits: never joined, split or respelt."""
    letters = [c for c in token if c.isalpha()]
    return (
        vocab.entry(token) is not None
        or any(c.isdigit() for c in token)
        or (len(letters) >= 2 and all(c.isupper() for c in letters))
        or any(c.isupper() for c in token[1:])
    )


# --- one word ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def _repair_token(token: str, at_start: bool, vocab: Vocabulary) -> tuple[str, Kind | None, bool]:
    """(repaired token, kind or None, doubtful) for one token of the text."""
    if vocab.is_word(token) or vocab.entry(token) is not None:
        return token, None, False
    number = _number_fix(token)
    if number is not None:
        return number, "ocr_confusion", False
    if "-" in token:
        return _repair_hyphenated(token, at_start, vocab)
    confused = _confusion_candidates(token, vocab)
    if len(confused) == 1:
        return next(iter(confused)), "ocr_confusion", False
    if confused:
        return token, None, True
    if _locked(token, vocab) or (token[0].isupper() and not at_start):
        return token, None, False
    lower = token.lower()
    split = _split_candidates(lower, vocab)
    spelt, spelling_doubt = _spelling(lower, vocab)
    if split and spelt is None and not spelling_doubt:
        if len(split) == 1:
            return _recase(split[0], token), "ocr_join", False
        return token, None, True
    if spelt is not None and not split:
        return _recase(spelt, token), "ocr_spelling", False
    return token, None, spelling_doubt or bool(split)


def _repair_hyphenated(
    token: str, at_start: bool, vocab: Vocabulary
) -> tuple[str, Kind | None, bool]:
    """Each part of a hyphenated word repaired alone; the hyphens stay."""
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


def _number_fix(token: str) -> str | None:
    """A number with letters read for digits ("2O25" -> "2025"), or None."""
    digits = sum(c.isdigit() for c in token)
    if digits < 2 or digits == len(token) or not all(
        c.isdigit() or c in _NUMBER_GLYPHS for c in token
    ):
        return None
    return "".join(_NUMBER_GLYPHS.get(c, c) for c in token)


def _recase(word: str, like: str) -> str:
    """`word` (lower case) in the case pattern of `like`: upper, capitalised or lower."""
    letters = [c for c in like if c.isalpha() and c.lower() not in "il"]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return word.upper()
    if like[:1].isupper() or like[:1].isdigit():
        return word[:1].upper() + word[1:]
    return word


def _confusion_candidates(token: str, vocab: Vocabulary) -> frozenset[str]:
    """Words `token` becomes by undoing one look-alike glyph, else two; empty if none.

    Only for words of 4+ characters that have a lower-case letter or a digit (an acronym in
    capitals is left alone) and at least 3 letters.
    """
    lower = token.lower()
    letters = sum(c.isalpha() for c in token)
    if (
        len(token) < 4
        or letters < 3
        or not any(c.islower() or c.isdigit() for c in token)
        or not any(read in lower for read, _ in _CONFUSIONS)
    ):
        return frozenset()
    once = set(_confuse(lower))
    for edits in (once, {w for v in once for w in _confuse(v)}):
        found = frozenset(_recase(w, token) for w in edits if vocab.is_word(w) and w != lower)
        if found:
            return found
    return frozenset()


def _confuse(word: str) -> list[str]:
    out = []
    for read, meant in _CONFUSIONS:
        start = word.find(read)
        while start != -1:
            out.append(word[:start] + meant + word[start + len(read) :])
            start = word.find(read, start + 1)
    return out


# --- run-together words ("budayakerja") --------------------------------------------------


def _split_candidates(word: str, vocab: Vocabulary) -> list[str]:
    """"left right" for every cut of `word` into two words; listed forms preferred."""
    found = []
    for cut in range(_MIN_PIECE, len(word) - _MIN_PIECE + 1):
        left, right = word[:cut], word[cut:]
        if left in _BOUND or right in _BOUND or _reduplicated(left, right, vocab):
            continue
        if vocab.is_word(left) and vocab.is_word(right):
            found.append((left in vocab.words and right in vocab.words, f"{left} {right}"))
    listed = [pair for whole, pair in found if whole]
    return listed or [pair for _, pair in found]


def _reduplicated(left: str, right: str, vocab: Vocabulary) -> bool:
    """True for a reduplication that lost its hyphen ("perundangundangan"): not a split."""
    if f"{left}-{right}" in vocab.words:
        return True
    return any(left[i : i + 4] in right for i in range(len(left) - 3))


# --- misspelt words -----------------------------------------------------------------------


def _spelling(word: str, vocab: Vocabulary) -> tuple[str | None, bool]:
    """(the one best correction or None, True when several were equally good)."""
    if len(word) < _MIN_SPELL or not word.isalpha():
        return None, False
    near = _edits1(word) & vocab.words
    if near:
        return _best(word, near, vocab, lambda w: 0.0)
    if len(word) < _MIN_SPELL_2:
        return None, False
    far = {
        w
        for w, _, _ in process.extract(
            word, _window(vocab, len(word)), scorer=Levenshtein.distance, score_cutoff=2,
            limit=None,
        )
        if w[0] == word[0] and _ocr_cost(word, w) <= 1.0
    }
    return _best(word, far, vocab, lambda w: _ocr_cost(word, w)) if far else (None, False)


def _best(
    word: str, candidates: set[str], vocab: Vocabulary, cost: Callable[[str], float]
) -> tuple[str | None, bool]:
    """The candidate with the lowest (cost, not a domain word, first letter changed) key."""

    def key(w: str) -> tuple[float, bool, bool]:
        return (cost(w), w not in vocab.domain, w[0] != word[0])

    ranked = sorted(candidates, key=lambda w: (key(w), w))
    if len(ranked) > 1 and key(ranked[0]) == key(ranked[1]):
        return None, True
    return ranked[0], False


def _edits1(word: str) -> set[str]:
    """Every string one deletion, substitution or insertion of a letter from `word`."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in cuts if b}
    substitutes = {a + c + b[1:] for a, b in cuts if b for c in _LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in cuts for c in _LETTERS}
    return deletes | substitutes | inserts


@functools.lru_cache(maxsize=64)
def _window(vocab: Vocabulary, length: int) -> list[str]:
    """Vocabulary words whose length is within 2 of `length`, sorted."""
    return sorted(w for w in vocab.words if abs(len(w) - length) <= 2)


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
