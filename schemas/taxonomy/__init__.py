"""The Zona Integritas indicator taxonomy (PermenPANRB 90/2021, Lampiran III) as validated data.

`zi_lke.yaml` beside this module holds the six areas of the komponen pengungkit, each with
its Pemenuhan and Reform parts, the 42 indicator groups and 110 questions, the three
komponen hasil indicators and the eight areas of the RB Road Map 2020-2024 with their ZI
counterpart. `load_taxonomy()` validates it once and returns the same frozen object after.

Invariant: every id is unique over areas, groups, questions, hasil entries and RB areas; a
question's id extends its group's id, a group's id its area's id and part letter.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import resources
from typing import Literal

import yaml
from pydantic import Field, ValidationError, model_validator

from schemas._base import Frozen
from schemas.errors import SchemaError

Status = Literal["verbatim", "derived", "reconstructed"]
AnswerType = Literal["ya_tidak", "A-C", "A-D", "A-E", "persen", "nilai_0_4"]
PartKind = Literal["pemenuhan", "reform"]
PART_LETTER: dict[str, str] = {"pemenuhan": "P", "reform": "R"}
ZI_AREA_IDS = ("MP", "TT", "SDM", "AK", "PW", "PL")
TAXONOMY_FILE = "zi_lke.yaml"


class Option(Frozen):
    """One answer option of a question, with its score."""

    label: str = Field(description="Printed option: 'Ya', 'Tidak', 'A' .. 'E'.")
    score: float = Field(ge=0, le=1, description="Value of the option, 0-1.")
    criterion: str = Field(description="The regulation's explanation of the option.")


class Question(Frozen):
    """One LKE question (Pengungkit), e.g. MP.P.1.a."""

    id: str = Field(description="E.g. 'MP.P.1.a'.")
    lke_code: str = Field(description="The LKE outline label, e.g. 'A.I.1.i.a'.")
    text: str = Field(description="The question as printed.")
    answer_type: AnswerType = Field(description="How it is answered.")
    options: list[Option] = Field(default_factory=list, description="Answer options, best first.")
    criterion: str | None = Field(default=None, description="Explanation of a percentage question.")
    inputs: list[str] = Field(default_factory=list, description="Counts asked for a percentage.")
    formula: str | None = Field(default=None, description="How the percentage is computed.")
    weight: float = Field(gt=0, description="Group weight / number of questions (derived).")
    page: int = Field(description="Page of the regulation PDF it is printed on.")
    aliases: list[str] = Field(default_factory=list, description="Other wordings of the question.")
    note: str | None = Field(default=None, description="Source differences, resolved.")

    @model_validator(mode="after")
    def _answer_fields(self) -> Question:
        if self.answer_type == "persen" and not self.inputs:
            raise ValueError(f"{self.id}: a percentage question needs its inputs")
        if self.answer_type not in ("persen", "nilai_0_4") and not self.options:
            raise ValueError(f"{self.id}: a {self.answer_type} question needs options")
        return self


class Group(Frozen):
    """An indicator group (sub-component), e.g. MP.P.1 Penyusunan Tim Kerja."""

    id: str = Field(description="E.g. 'MP.P.1'.")
    lke_code: str = Field(description="E.g. 'A.I.1.i'.")
    name: str = Field(description="The group's name.")
    name_printed: str | None = Field(default=None, description="Clipped print, if it differs.")
    weight: float = Field(gt=0, description="Bobot.")
    page: int = Field(description="Page of the regulation PDF.")
    aliases: list[str] = Field(default_factory=list, description="Other names used by real plans.")
    note: str | None = Field(default=None, description="Source differences, resolved.")
    questions: list[Question] = Field(min_length=1, description="Its questions in printed order.")


class Part(Frozen):
    """The Pemenuhan or Reform part of an area."""

    kind: PartKind = Field(description="pemenuhan | reform.")
    lke_code: str = Field(description="E.g. 'A.I.1'.")
    weight: float = Field(gt=0, description="Bobot.")
    page: int = Field(description="Page of its area row in the regulation.")
    source: str = Field(description="Key of `Taxonomy.sources`.")
    status: Status = Field(description="verbatim | derived | reconstructed.")
    groups: list[Group] = Field(min_length=1, description="Its groups in printed order.")


class ZiArea(Frozen):
    """One of the six areas of the komponen pengungkit."""

    id: str = Field(description="MP, TT, SDM, AK, PW or PL.")
    number: int = Field(ge=1, le=6, description="Printed number.")
    name: str = Field(description="Name in title case.")
    name_printed: str = Field(description="Name as printed (upper case).")
    weight: float = Field(gt=0, description="Pemenuhan + Reform weight.")
    aliases: list[str] = Field(default_factory=list, description="Other names used by real plans.")
    parts: list[Part] = Field(min_length=2, max_length=2, description="Pemenuhan, then Reform.")

    def part(self, kind: PartKind) -> Part:
        """The area's part of the given kind."""
        return next(p for p in self.parts if p.kind == kind)


class HasilIndicator(Frozen):
    """One komponen hasil indicator, e.g. H.BK.a (IPAK)."""

    id: str = Field(description="E.g. 'H.BK.a'.")
    lke_code: str = Field(description="E.g. 'B.I.a'.")
    text: str = Field(description="As printed.")
    answer_type: AnswerType = Field(description="A-E or nilai_0_4.")
    options: list[Option] = Field(default_factory=list, description="Answer options, if any.")
    weight: float = Field(gt=0, description="Bobot.")
    page: int = Field(description="Page of the regulation PDF.")
    aliases: list[str] = Field(default_factory=list, description="Other names (survey names).")
    note: str | None = Field(default=None, description="How it is scored.")


class HasilGroup(Frozen):
    """A komponen hasil group: birokrasi bersih dan akuntabel, pelayanan publik prima."""

    id: str = Field(description="H.BK or H.PL.")
    lke_code: str = Field(description="B.I or B.II.")
    name: str = Field(description="The group's name.")
    weight: float = Field(gt=0, description="Bobot.")
    page: int = Field(description="Page of the regulation PDF.")
    aliases: list[str] = Field(default_factory=list, description="Other names.")
    indicators: list[HasilIndicator] = Field(min_length=1, description="Its indicators.")


class Hasil(Frozen):
    """The komponen hasil."""

    weight: float = Field(gt=0, description="Bobot (40).")
    page: int = Field(description="Page of the regulation PDF.")
    source: str = Field(description="Key of `Taxonomy.sources`.")
    status: Status = Field(description="verbatim | derived | reconstructed.")
    groups: list[HasilGroup] = Field(min_length=1, description="H.BK, H.PL.")


class RbArea(Frozen):
    """An area of the RB Road Map 2020-2024 (PermenPANRB 25/2020) and its ZI counterpart."""

    id: str = Field(description="RB1 .. RB8.")
    number: int = Field(ge=1, le=8, description="Area number in the Road Map.")
    name: str = Field(description="Name.")
    aliases: list[str] = Field(default_factory=list, description="Other names used by real plans.")
    target: str = Field(description="Grand Design target of the area.")
    zi_area: str | None = Field(description="ZI area id; null: no ZI counterpart.")
    related_groups: list[str] = Field(default_factory=list, description="ZI groups it touches.")
    note: str | None = Field(default=None, description="How the mapping was decided.")


class Provenance(Frozen):
    """Where one part of the data comes from and how faithfully."""

    part: str = Field(description="Which facts, e.g. 'question texts'.")
    source: str = Field(description="Keys of `Taxonomy.sources`, comma separated.")
    status: Status = Field(description="verbatim | derived | reconstructed.")
    note: str | None = Field(default=None, description="Details.")


class Meta(Frozen):
    """What the file is."""

    title: str = Field(description="Title.")
    regulation: str = Field(description="The regulation the taxonomy comes from.")
    amendment: str = Field(description="What is known of its amendment.")
    id_scheme: str = Field(description="How ids are formed.")
    weights: dict[str, float] = Field(description="Component weights.")


class Taxonomy(Frozen):
    """The whole taxonomy file, validated."""

    meta: Meta = Field(description="What the file is.")
    sources: dict[str, str] = Field(description="Source key -> citation.")
    provenance: list[Provenance] = Field(description="Source and status of each part of the data.")
    areas: list[ZiArea] = Field(min_length=6, max_length=6, description="The six ZI areas.")
    hasil: Hasil = Field(description="The komponen hasil.")
    rb_areas: list[RbArea] = Field(min_length=8, max_length=8, description="RB1 .. RB8.")

    def groups(self) -> Iterator[tuple[ZiArea, Part, Group]]:
        """Every Pengungkit group with its area and part, in printed order."""
        for area in self.areas:
            for part in area.parts:
                for group in part.groups:
                    yield area, part, group

    def questions(self) -> Iterator[tuple[ZiArea, Group, Question]]:
        """Every Pengungkit question with its area and group, in printed order."""
        for area, _, group in self.groups():
            for question in group.questions:
                yield area, group, question

    def hasil_indicators(self) -> Iterator[HasilIndicator]:
        """Every komponen hasil indicator in printed order."""
        for group in self.hasil.groups:
            yield from group.indicators

    def label(self, entry_id: str) -> str | None:
        """The text of the area, group, question, hasil entry or RB area with this id, if any."""
        return self._labels.get(entry_id)

    @functools.cached_property
    def _labels(self) -> dict[str, str]:
        labels: dict[str, str] = {area.id: area.name for area in self.areas}
        for _, _, group in self.groups():
            labels[group.id] = group.name
            labels.update((question.id, question.text) for question in group.questions)
        for hgroup in self.hasil.groups:
            labels[hgroup.id] = hgroup.name
            labels.update((indicator.id, indicator.text) for indicator in hgroup.indicators)
        labels.update((rb.id, rb.name) for rb in self.rb_areas)
        return labels

    @model_validator(mode="after")
    def _consistent(self) -> Taxonomy:
        ids: list[str] = [a.id for a in self.areas] + [r.id for r in self.rb_areas]
        if tuple(a.id for a in self.areas) != ZI_AREA_IDS:
            raise ValueError(f"areas must be {ZI_AREA_IDS} in order")
        for area in self.areas:
            if [p.kind for p in area.parts] != ["pemenuhan", "reform"]:
                raise ValueError(f"{area.id}: parts must be pemenuhan, reform")
            for part in area.parts:
                self._check_source(part.source, area.id)
                prefix = f"{area.id}.{PART_LETTER[part.kind]}."
                for group in part.groups:
                    _check_child(prefix, group.id)
                    ids.append(group.id)
                    for question in group.questions:
                        _check_child(group.id + ".", question.id)
                        ids.append(question.id)
        self._check_source(self.hasil.source, "hasil")
        for hgroup in self.hasil.groups:
            ids.append(hgroup.id)
            for indicator in hgroup.indicators:
                _check_child(hgroup.id + ".", indicator.id)
                ids.append(indicator.id)
        for rb in self.rb_areas:
            if rb.zi_area is not None and rb.zi_area not in ZI_AREA_IDS:
                raise ValueError(f"{rb.id}: unknown ZI area {rb.zi_area}")
        for item in self.provenance:
            for key in item.source.split(","):
                self._check_source(key.strip(), item.part)
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate ids: {', '.join(duplicates)}")
        known = set(ids)
        for rb in self.rb_areas:
            missing = [g for g in rb.related_groups if g not in known]
            if missing:
                raise ValueError(f"{rb.id}: unknown related groups {missing}")
        return self

    def _check_source(self, key: str, where: str) -> None:
        if key not in self.sources:
            raise ValueError(f"{where}: unknown source {key!r}")


def _check_child(prefix: str, child_id: str) -> None:
    rest = child_id[len(prefix) :]
    if not child_id.startswith(prefix) or not rest or "." in rest:
        raise ValueError(f"{child_id}: id must be {prefix}<one part>")


@functools.cache
def load_taxonomy() -> Taxonomy:
    """Read and validate the packaged `zi_lke.yaml`; the same object on every call.

    Raises SchemaError naming the file when the data does not satisfy the models.
    """
    source = resources.files(__package__).joinpath(TAXONOMY_FILE)
    try:
        # the C loader when PyYAML has it: the file is ~3000 lines
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return Taxonomy.model_validate(yaml.load(source.read_text(encoding="utf-8"), Loader=loader))
    except (ValidationError, yaml.YAMLError) as error:
        first = str(error).splitlines()
        raise SchemaError(str(source), " ".join(first[:3])) from error


__all__ = [
    "Group",
    "Hasil",
    "HasilGroup",
    "HasilIndicator",
    "Option",
    "Part",
    "Question",
    "RbArea",
    "Taxonomy",
    "ZiArea",
    "load_taxonomy",
]
