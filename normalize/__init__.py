"""Interpretation: a `RawDocument` in, a validated `Decree` out. Never opens a PDF.

The steps, one module each: stitch_pages (grids continued over pages) -> map_header
(printed headers to fields) -> merge_continuations (rows split by a page break) ->
read_sections / fill_down (areas and merged cells) -> split_lists / parse_schedule
(cell contents) -> match_taxonomy (ZI indicators); parse_metadata reads the body pages.
"""

from __future__ import annotations

from normalize.normalize_document import NormalizeSettings, normalize_document

__all__ = ["NormalizeSettings", "normalize_document"]
