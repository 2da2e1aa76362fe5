"""The word list OCR repair checks against: Indonesian dictionary, ZI taxonomy, domain lexicon.

`build_vocabulary(dic, taxonomy, lexicon_dir)` reads
- the hunspell-id dictionary (`id_ID.dic` stems expanded with the prefixes, suffixes and
  circumfixes of `id_ID.aff`, personal clitics -lah/-kah/-ku/-mu and ku-/kau- left out),
- the words of the ZI taxonomy YAML's texts (questions, groups, option criteria, aliases;
  a word only the taxonomy knows must occur twice, as the taxonomy keeps its PDF's slips),
- the data files of `normalize/lexicon/`: agencies, acronyms and systems (`domain.txt`),
  loanwords of administrative Indonesian (`loanwords.txt`) and common non-standard spellings
  (`variants.txt`),
and returns one frozen `Vocabulary`, cached per argument tuple.

`Vocabulary.is_word(word)` recognises a word case-insensitively: a listed form, a
hyphenated compound of recognised parts, or a listed stem under a light affix stripper
(me-/ber-/di-/ter-/pe-/ke-/se- ... -kan/-an/-i/-nya ...). The stripper errs on the side of
recognising: a recognised word is never "corrected".

Invariant: the same files give the same words; nothing is downloaded; a missing or unreadable
dictionary, taxonomy or lexicon degrades the vocabulary and is reported in `warnings`, never
raised.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from schemas.decree import PipelineWarning

HUNSPELL_DIC = Path("/usr/share/hunspell/id_ID.dic")
LEXICON_DIR = Path(__file__).parent / "lexicon"
LEXICON_FILES = ("domain.txt", "loanwords.txt", "variants.txt")
# Keys whose values are the regulation's own words (the files' notes and sources are English).
TAXONOMY_TEXT_KEYS = frozenset(
    {
        "text",
        "name",
        "name_printed",
        "label",
        "criterion",
        "kriteria",
        "aliases",
        "alias",
        "inputs",
        "title",
        "target",
        "pemenuhan_typical",
        "reform_typical",
        "hasil_antara_typical",
        "sasaran_grand_design",
    }
)
_REPO = Path(__file__).resolve().parent.parent
TAXONOMY_FILES = (
    _REPO / "schemas" / "taxonomy" / "zi_lke.yaml",
    _REPO.parent / "shared" / "reference" / "zi_lke_permenpanrb_90_2021.yaml",
)

# Affix entries that attach a personal clitic (-lah, -kah, -ku, -mu; ku-, kau-) or a capital
# (-Nya of God) are left out: decrees do not use them and they would triple the list. The
# stripper still recognises the clitics.
_CLITIC_SUFFIX = re.compile(r"(?:lah|kah|ku|mu)$")
_CLITIC_PREFIX = re.compile(r"^(?:ku|kau)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_MIN_CORE = 3
_MIN_FLAGLESS = 6

# Light affix stripper: clitics, then derivational suffixes; prefixes outermost first.
_CLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
_VOWEL = "aeiou"
# Suffixes each prefix takes (its confixes): meN-/di-/ter- -kan/-i, peN-/ke- -an, ber- -an/-kan.
_VERB = ("", "kan", "i")
_NOUN = ("", "an")
_ANY = ("", "kan", "an", "i")
_BARE = ("", "kan", "an")
# (prefix, what the rest may start with, consonant a nasal replaced before a vowel, suffixes).
# The allomorph conditions are those of id_ID.aff: me-/pe- before l m n r w y, mem- before
# b f p v, men- before c d j t z, meng- before vowels and g h k, meny- before vowels, ...
_PREFIXES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("memper", "", "", _VERB),
    ("diper", "", "", _VERB),
    ("menge", "", "", _VERB),
    ("penge", "", "", _NOUN),
    ("meng", _VOWEL + "ghk", "k", _VERB),
    ("peng", _VOWEL + "ghk", "k", _NOUN),
    ("meny", _VOWEL, "s", _VERB),
    ("peny", _VOWEL, "s", _NOUN),
    ("mem", _VOWEL + "bfpv", "p", _VERB),
    ("pem", _VOWEL + "bfpv", "p", _NOUN),
    ("men", _VOWEL + "cdjtsz", "t", _VERB),
    ("pen", _VOWEL + "cdjtsz", "t", _NOUN),
    ("per", "", "", _ANY),
    ("ber", "", "", _BARE),
    ("ter", "", "", _VERB),
    ("me", "lmnrwy", "", _VERB),
    ("pe", "lmnrwy", "", _NOUN),
    ("be", "rk", "", _BARE),
    ("te", "r", "", _VERB),
    ("di", "", "", _VERB),
    ("ke", "", "", ("", "an", "i")),
    ("se", "", "", _NOUN),
    ("antar", "", "", _ANY),
    ("pasca", "", "", _ANY),
    ("multi", "", "", _ANY),
    ("anti", "", "", _ANY),
    ("non", "", "", _ANY),
    ("pra", "", "", _ANY),
    ("sub", "", "", _ANY),
    ("swa", "", "", _ANY),
)
_PREFIXES_BY_INITIAL = {
    initial: tuple(p for p in _PREFIXES if p[0][0] == initial)
    for initial in {p[0][0] for p in _PREFIXES}
}
# Bound forms written before a hyphen ("e-Kinerja", "non-kepemiluan", "se-Kabupaten").
BOUND_PREFIXES = frozenset({"e", "non", "antar", "se", "pra", "pasca", "anti", "multi", "sub"})
WRITTEN_ON = tuple(sorted(p for p in BOUND_PREFIXES if len(p) >= 3))
"""Bound forms written on to the next word without a hyphen ('e' and 'se' are too short
to tell from a word's own start); offices print them apart as often ('pasca
penyederhanaan', 'non ASN')."""
_MIN_BOUND_BASE = 4
"""Letters of the word a bound form is written on to, at least."""


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Words OCR repair accepts, in lower case. Identity-hashed, so it can key a cache.

    `words`: every recognised form (dictionary forms, taxonomy and lexicon words).
    `stems`: what the affix stripper may reduce a word to: dictionary stems with affix flags
    (or of 6+ letters), taxonomy and lexicon words.
    `domain`: taxonomy and lexicon words, preferred among equally close corrections.
    `phrases`: pairs of words that stand side by side in a taxonomy text or a lexicon
    entry ("persepsi", "korupsi"), in lower case.
    `lowercase`: words a taxonomy text or lexicon entry prints in lower case after its
    first word more often than capitalised ("capaian", not "sipil": "Aparatur Sipil
    Negara").
    `entries`: lexicon entries as written ("e-Lapkin", "SP4N-LAPOR"), keyed by lower case
    (the first spelling listed wins); `exact`: every spelling listed.
    `warnings`: what was missing when it was built.
    """

    words: frozenset[str]
    stems: frozenset[str]
    domain: frozenset[str]
    entries: Mapping[str, str] = field(repr=False)
    exact: frozenset[str] = field(repr=False)
    phrases: frozenset[tuple[str, str]] = field(default=frozenset(), repr=False)
    lowercase: frozenset[str] = field(default=frozenset(), repr=False)
    warnings: tuple[PipelineWarning, ...] = ()

    def is_word(self, word: str) -> bool:
        """True when `word` (any case) is a form, a compound of words, or a stem with affixes."""
        return _recognised(self, word.lower())

    def is_stem_form(self, word: str) -> bool:
        """True when `word` (any case) is a stem or affixes on one: the part of the
        vocabulary words are built from, not its bare forms (names, loan words,
        abbreviations the dictionary lists without affixes: 'uanda', 'ember')."""
        return any(core in self.stems for core in _cores(word.lower()))

    def entry(self, token: str) -> str | None:
        """The lexicon entry `token` spells (case-insensitively), as the lexicon writes it."""
        return self.entries.get(token.lower())

    def is_entry(self, token: str) -> bool:
        """True when `token` is a lexicon entry spelt exactly as listed ("JA", not "ja")."""
        return token in self.exact


@functools.lru_cache(maxsize=1 << 16)
def _recognised(vocab: Vocabulary, word: str) -> bool:
    return _recognises(vocab.words, vocab.stems, word)


def _recognises(words: frozenset[str], stems: frozenset[str], word: str) -> bool:
    """`word` (lower case) is in `words`, a compound of such, or affixes on one of `stems`;
    or a bound form written on to such a word, as the spelling rules write it
    ("antarseksi", "pascapandemi", "nonfisik")."""
    if word in words:
        return True
    if "-" in word:
        return all(
            p in BOUND_PREFIXES or len(p) == 1 or _recognises(words, stems, p)
            for p in word.split("-")
        )
    if any(core in stems for core in _cores(word)):
        return True
    return any(
        word.startswith(bound)
        and len(word) - len(bound) >= _MIN_BOUND_BASE
        and _recognises(words, stems, word[len(bound) :])
        for bound in WRITTEN_ON
    )


def _cores(word: str) -> Iterator[str]:
    """Every stem `word` may reduce to by stripping clitics, a suffix and up to two prefixes,
    the suffix one the outer prefix takes ("pelaksanaan", not "menciptaan")."""
    for ending, suffix in _strip_suffixes(word):
        for core, suffixes in _strip_prefixes(ending, 2):
            if len(core) >= _MIN_CORE and suffix in suffixes:
                yield core


def _strip_suffixes(word: str) -> Iterator[tuple[str, str]]:
    """(rest, derivational suffix stripped or "") after each clitic and suffix."""
    for clitic in ("", *_CLITICS):
        if not word.endswith(clitic):
            continue
        base = word[: len(word) - len(clitic)]
        yield base, ""
        for suffix in _SUFFIXES:
            if base.endswith(suffix):
                yield base[: -len(suffix)], suffix
        # "menegakan", "menunjukan": -kan after a root ending in k, written with one k, is
        # a common spelling of the authors', not an OCR slip.
        if base.endswith("kan"):
            yield base[:-2], "kan"


def _strip_prefixes(word: str, depth: int) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(rest, suffixes the outer stripped prefix takes), allomorph conditions respected."""
    yield word, _BARE
    if depth == 0:
        return
    for prefix, before, replaced, suffixes in _PREFIXES_BY_INITIAL.get(word[:1], ()):
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or len(rest) < _MIN_CORE:
            continue
        if before and rest[0] not in before:
            continue
        for core, _ in _strip_prefixes(rest, depth - 1):
            yield core, suffixes
        if replaced and rest[0] in _VOWEL:
            for core, _ in _strip_prefixes(replaced + rest, depth - 1):
                yield core, suffixes


@functools.lru_cache(maxsize=8)
def build_vocabulary(
    dic: Path | None = HUNSPELL_DIC,
    taxonomy: Path | None = None,
    lexicon_dir: Path = LEXICON_DIR,
) -> Vocabulary:
    """The vocabulary from a hunspell `.dic` (its `.aff` beside it), a taxonomy YAML, a lexicon.

    `taxonomy` None means the first of `TAXONOMY_FILES` that exists. A missing or unreadable
    file is a warning in the result, not an error: repair then knows fewer words and corrects
    less.
    """
    warnings: list[PipelineWarning] = []
    forms, stems = _dictionary(dic, warnings)
    lexicon = _read_lexicon(lexicon_dir)
    if not lexicon:
        warnings.append(
            _warning(
                "ocr_lexicon_missing",
                f"{lexicon_dir}: no lexicon files; OCR repair does not know the domain's acronyms.",
            )
        )
    lexicon_words = frozenset(_words(lexicon))
    known = forms | lexicon_words
    known_stems = stems | lexicon_words
    texts = _taxonomy_texts(taxonomy, warnings)
    counts = Counter(_words(texts))
    # The taxonomy was read from a PDF and keeps its slips ("tandar" once for "standar"): a
    # word the dictionary and lexicon do not know counts only when the taxonomy uses it twice.
    domain = lexicon_words | {
        w for w, n in counts.items() if n >= 2 or _recognises(known, known_stems, w)
    }
    spellings = [(_entry_key(e), _entry_key(e, keep_case=True)) for e in lexicon]
    return Vocabulary(
        words=known | domain,
        stems=known_stems | domain,
        domain=domain,
        entries=MappingProxyType(dict(reversed(spellings))),
        exact=frozenset(spelling for _, spelling in spellings),
        phrases=frozenset(_pairs([*texts, *lexicon])),
        lowercase=_mostly_lowercase([*texts, *lexicon]),
        warnings=tuple(warnings),
    )


def _dictionary(
    dic: Path | None, warnings: list[PipelineWarning]
) -> tuple[frozenset[str], frozenset[str]]:
    """(forms, stems the stripper may use) of a hunspell dictionary; problems to `warnings`."""
    if dic is None or not dic.is_file():
        warnings.append(
            _warning(
                "ocr_dictionary_missing",
                f"{dic}: no hunspell dictionary; OCR repair knows taxonomy and lexicon words only.",
            )
        )
        return frozenset(), frozenset()
    aff = dic.with_suffix(".aff")
    try:
        encoding = _encoding(aff) if aff.is_file() else "utf-8"
        entries = _read_dic(dic, encoding)
        rules = _read_aff(aff, encoding) if aff.is_file() else None
    except (OSError, ValueError, LookupError, re.error) as error:
        warnings.append(
            _warning(
                "ocr_dictionary_unreadable",
                f"{dic}: {error}; OCR repair knows taxonomy and lexicon words only.",
            )
        )
        return frozenset(), frozenset()
    # A stem the dictionary gives no affix flags to is affixed by the stripper only when it
    # is long: short flagless stems ("gita", "capal") would turn garbles into "words".
    stems = frozenset(
        stem.lower() for stem, flags in entries if flags or len(stem) >= _MIN_FLAGLESS
    )
    if rules is None:
        warnings.append(
            _warning(
                "ocr_affixes_missing",
                f"{aff}: no affix file; OCR repair knows the dictionary stems only.",
            )
        )
        return frozenset(stem.lower() for stem, _ in entries), stems
    return frozenset(form.lower() for form in _expand(entries, rules)), stems


def _taxonomy_texts(taxonomy: Path | None, warnings: list[PipelineWarning]) -> list[str]:
    """The taxonomy's texts; problems to `warnings`."""
    path = taxonomy or next((p for p in TAXONOMY_FILES if p.is_file()), TAXONOMY_FILES[0])
    try:
        return list(_yaml_strings(path))
    except (OSError, ValueError, yaml.YAMLError) as error:
        warnings.append(
            _warning(
                "ocr_taxonomy_missing",
                f"{path}: {error}; OCR repair does not know the taxonomy's words.",
            )
        )
        return []


def _warning(code: str, message: str) -> PipelineWarning:
    return PipelineWarning(code=code, message=message)


def _entry_key(entry: str, keep_case: bool = False) -> str:
    """A lexicon entry without edge punctuation ("SP4N-LAPOR!" -> "SP4N-LAPOR")."""
    core = entry.strip(".,;:!?()\"'")
    return core if keep_case else core.lower()


def _words(texts: Iterable[str]) -> Iterator[str]:
    """Lower-case words of `texts`, each hyphenated compound also whole ("e-lapkin")."""
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group().lower()
            yield word
            if "-" in word:
                yield from word.split("-")


def _pairs(texts: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Each two neighbouring words of one of `texts`, in lower case, with only whitespace
    between them."""
    for text in texts:
        matches = list(_WORD.finditer(text))
        for left, right in itertools.pairwise(matches):
            if not text[left.end() : right.start()].strip():
                yield left.group().lower(), right.group().lower()


def _mostly_lowercase(texts: Iterable[str]) -> frozenset[str]:
    """Words of `texts` written in lower case after a text's first word more often than
    capitalised there."""
    cases: Counter[tuple[str, bool]] = Counter()
    for text in texts:
        for match in itertools.islice(_WORD.finditer(text), 1, None):
            word = match.group()
            if word.islower() or (word[:1].isupper() and word[1:].islower()):
                cases[word.lower(), word.islower()] += 1
    return frozenset(
        word for word, small in cases if small and cases[word, True] > cases[word, False]
    )


def _yaml_strings(path: Path) -> Iterator[str]:
    """The Indonesian texts of a taxonomy YAML: values under `TAXONOMY_TEXT_KEYS`, any depth."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        stack: list[tuple[object, bool]] = [(yaml.load(handle, Loader=loader), False)]
    while stack:
        node, text = stack.pop()
        if isinstance(node, str) and text:
            yield node
        elif isinstance(node, dict):
            stack.extend((v, k in TAXONOMY_TEXT_KEYS) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, text) for v in node)


def _read_lexicon(folder: Path) -> list[str]:
    """Entries of the lexicon files, one a line; '#' starts a comment."""
    entries: list[str] = []
    for name in LEXICON_FILES:
        path = folder / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = line.split("#", 1)[0].strip()
                if entry:
                    entries.append(entry)
    return entries


# --- hunspell ---------------------------------------------------------------------------

_Flags = frozenset[str]


@dataclass(frozen=True)
class _Affix:
    strip: str
    add: str
    cont: _Flags
    condition: re.Pattern[str] | None


@dataclass(frozen=True)
class _Rule:
    prefix: bool
    cross: bool
    affixes: tuple[_Affix, ...]


@dataclass(frozen=True)
class _Aff:
    rules: dict[str, _Rule]
    circumfix: str | None
    needaffix: str | None
    long_flags: bool


def _encoding(path: Path) -> str:
    """The SET encoding an affix file declares, else UTF-8."""
    with path.open("rb") as handle:
        for raw in handle:
            line = raw.decode("latin-1").split()
            if line[:1] == ["SET"] and len(line) > 1:
                return line[1]
    return "utf-8"


def _split_flags(flags: str, long_flags: bool) -> _Flags:
    if long_flags:
        return frozenset(flags[i : i + 2] for i in range(0, len(flags), 2))
    return frozenset(flags)


def _read_aff(path: Path, encoding: str) -> _Aff:
    """The PFX/SFX rules of a hunspell affix file (conditions compiled, clitics left out)."""
    text = path.read_text(encoding=encoding, errors="replace")
    long_flags = re.search(r"^FLAG\s+long\b", text, re.MULTILINE) is not None
    heads: dict[str, tuple[bool, bool]] = {}
    affixes: dict[str, list[_Affix]] = {}
    circumfix = needaffix = None
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2 and parts[0] == "CIRCUMFIX":
            circumfix = parts[1]
        elif len(parts) >= 2 and parts[0] == "NEEDAFFIX":
            needaffix = parts[1]
        elif len(parts) >= 4 and parts[0] in ("PFX", "SFX"):
            prefix = parts[0] == "PFX"
            if parts[1] not in heads:
                heads[parts[1]] = (prefix, parts[2] == "Y")
                affixes[parts[1]] = []
                continue
            add, _, cont = parts[3].partition("/")
            add = "" if add == "0" else add
            if add != add.lower() or (_CLITIC_PREFIX if prefix else _CLITIC_SUFFIX).search(add):
                continue
            condition = parts[4] if len(parts) > 4 else "."
            pattern = (
                None
                if condition == "."
                else re.compile("^" + condition if prefix else condition + "$")
            )
            strip = "" if parts[2] == "0" else parts[2]
            affixes[parts[1]].append(_Affix(strip, add, _split_flags(cont, long_flags), pattern))
    rules = {
        flag: _Rule(prefix, cross, tuple(affixes[flag])) for flag, (prefix, cross) in heads.items()
    }
    return _Aff(rules, circumfix, needaffix, long_flags)


def _read_dic(path: Path, encoding: str) -> list[tuple[str, str]]:
    """(stem, flags) of a hunspell .dic; the first line (the count) is skipped."""
    text = path.read_text(encoding=encoding, errors="replace")
    entries = []
    for line in text.splitlines()[1:]:
        stem, _, flags = line.strip().partition("/")
        if stem:
            entries.append((stem, flags.split()[0] if flags.split() else ""))
    return entries


def _apply(affix: _Affix, word: str, prefix: bool) -> str | None:
    if affix.condition is not None and not affix.condition.search(word):
        return None
    if prefix:
        if not word.startswith(affix.strip):
            return None
        return affix.add + word[len(affix.strip) :]
    if not word.endswith(affix.strip):
        return None
    return word[: len(word) - len(affix.strip)] + affix.add


def _expand(entries: list[tuple[str, str]], aff: _Aff) -> set[str]:
    """Every form hunspell accepts for `entries`, two suffix levels and one prefix deep.

    A circumfix half (an affix carrying the CIRCUMFIX flag) only counts together with the
    other half; a stem carrying NEEDAFFIX is not a word on its own. A prefix and a suffix
    flagged separately on a stem combine only as an Indonesian confix: the dictionary's cross
    products would otherwise give "menciptaan" (me- + cipta + -an) and "peubahan".
    """
    rules, circ, need = aff.rules, aff.circumfix, aff.needaffix
    forms: set[str] = set()
    for stem, flag_text in entries:
        flags = _split_flags(flag_text, aff.long_flags)
        if need not in flags:
            forms.add(stem)
        own_prefixes = [f for f in flags if f in rules and rules[f].prefix]
        # (form, needs a circumfix partner, prefixes it allows, cross product allowed, suffix)
        suffixed: list[tuple[str, bool, set[str], bool, str]] = []
        for flag in flags:
            rule = rules.get(flag)
            if rule is None or rule.prefix:
                continue
            for affix in rule.affixes:
                first = _apply(affix, stem, prefix=False)
                if first is None:
                    continue
                circ1 = circ in affix.cont
                allowed = {f for f in affix.cont if f in rules and rules[f].prefix}
                suffixed.append((first, circ1, allowed, rule.cross, affix.add))
                for flag2 in affix.cont:
                    rule2 = rules.get(flag2)
                    if rule2 is None or rule2.prefix:
                        continue
                    for affix2 in rule2.affixes:
                        second = _apply(affix2, first, prefix=False)
                        if second is not None:
                            allowed2 = allowed | {
                                f for f in affix2.cont if f in rules and rules[f].prefix
                            }
                            suffixed.append(
                                (
                                    second,
                                    circ1 or circ in affix2.cont,
                                    allowed2,
                                    rule.cross,
                                    affix.add + affix2.add,
                                )
                            )
        for form, circumfixed, allowed, cross, suffix in suffixed:
            if not circumfixed:
                forms.add(form)
            candidates = allowed | (set(own_prefixes) if cross else set())
            for flag in candidates:
                rule = rules[flag]
                if flag not in allowed and not rule.cross:
                    continue
                for affix in rule.affixes:
                    if (circ in affix.cont) != circumfixed:
                        continue
                    if flag not in allowed and not _confix(affix.add, suffix):
                        continue
                    prefixed = _apply(affix, form, prefix=True)
                    if prefixed is not None:
                        forms.add(prefixed)
        for flag in own_prefixes:
            for affix in rules[flag].affixes:
                if circ in affix.cont:
                    continue
                prefixed = _apply(affix, stem, prefix=True)
                if prefixed is not None:
                    forms.add(prefixed)
    return forms


@functools.lru_cache(maxsize=4096)
def _confix(prefix: str, suffix: str) -> bool:
    """True when the prefix spelt `prefix` takes the suffix spelt `suffix` (clitics aside)."""
    derivational = suffix
    for clitic in _CLITICS:
        if derivational.endswith(clitic):
            derivational = derivational[: -len(clitic)]
            break
    matches = [entry for entry in _PREFIXES if prefix.startswith(entry[0])]
    if not matches or derivational not in _ANY:
        return True
    return derivational in max(matches, key=lambda entry: len(entry[0]))[3]
