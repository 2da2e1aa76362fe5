"""The contract: output models, the intermediate representation, gold and errors.

This package imports none of `extract`, `normalize` or `lampiran`.
"""

from schemas.decree import SCHEMA_VERSION, Decree, Row, Table
from schemas.errors import LampiranError
from schemas.gold import GoldDecree
from schemas.raw import RawCell, RawDocument, RawPage, RawTable, TextLine

__all__ = [
    "SCHEMA_VERSION",
    "Decree",
    "GoldDecree",
    "LampiranError",
    "RawCell",
    "RawDocument",
    "RawPage",
    "RawTable",
    "Row",
    "Table",
    "TextLine",
]
