"""The output contract: committed JSON Schema matches the models; models are strict."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

import schemas.decree
import schemas.gold
import schemas.raw
from lampiran.schema_files import schema_files
from schemas.decree import Area, Decree

SCHEMA_DIR = Path(__file__).parents[1] / "schemas" / "json"


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_committed_schema_equals_models(name: str) -> None:
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == schema_files()[name], f"run `make schema`: schemas/json/{name} is stale"


def _models() -> list[type[BaseModel]]:
    found = []
    for module in (schemas.decree, schemas.raw, schemas.gold):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_model_is_frozen_strict_and_described(model: type[BaseModel]) -> None:
    assert model.model_config.get("frozen") is True
    assert model.model_config.get("extra") == "forbid"
    undocumented = [name for name, info in model.model_fields.items() if not info.description]
    assert not undocumented, f"{model.__name__} fields without description: {undocumented}"


def test_unknown_key_is_rejected_with_its_path() -> None:
    with pytest.raises(ValidationError) as caught:
        Area.model_validate({"code": "I", "name": "X", "colour": "red"})
    assert caught.value.errors()[0]["loc"] == ("colour",)


def test_schema_version_is_fixed() -> None:
    assert Decree.model_json_schema()["properties"]["schema_version"]["const"] == "1"


def test_expected_outputs_round_trip_byte_for_byte() -> None:
    from lampiran.corpus import corpus_decrees
    from lampiran.documents import decree_json

    files = [
        d.expected(v) for d in corpus_decrees() for v in d.variants() if d.expected(v).is_file()
    ]
    assert len(files) >= 12
    for path in files:
        data = path.read_bytes()
        assert decree_json(Decree.model_validate_json(data)) == data, path
