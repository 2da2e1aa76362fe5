"""lampiran: Indonesian decree PDFs and their Lampiran tables as validated JSON.

The application package only composes the stages: `extract` reads PDFs, `normalize`
interprets, `schemas` is the contract.
"""

__version__ = "0.1.0"
