"""The JSON Schema files exported from the contract models (committed in schemas/json/)."""

from __future__ import annotations

import json

from pydantic import BaseModel

from schemas.decree import Decree
from schemas.gold import GoldDecree
from schemas.raw import RawDocument


def schema_files() -> dict[str, str]:
    """File name -> JSON Schema text, for the output, the intermediate form and the gold."""
    models: dict[str, type[BaseModel]] = {
        "decree.schema.json": Decree,
        "raw-document.schema.json": RawDocument,
        "gold.schema.json": GoldDecree,
    }
    return {
        name: json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
        for name, model in models.items()
    }
