"""The corpus renderer: gold decree -> born-digital PDF -> scanned and OCR'd variants.

Public surface:
    render_born_digital(gold, settings) -> bytes     the decree as exported from Word
    render_decree(gold, settings) -> Rendered        the same, with signature positions
    make_scan(pdf, settings) -> bytes                printed, stamped, scanned: images only
    add_ocr_layer(scan) -> bytes                     + ocrmypdf text layer
    add_vendor_text_layer(scan, born_digital, corrections, settings) -> (bytes, applied)
                                                     + scanner software's invisible text
`python -m corpus.render [IDS...]` rebuilds corpus/<id>/pdf/*.pdf (see `build`).
"""

from corpus.render.document import Rendered, render_born_digital, render_decree
from corpus.render.ocr import add_ocr_layer
from corpus.render.scan import make_scan
from corpus.render.settings import Margins, RenderSettings, ScanSettings, Stamp
from corpus.render.vendor import Correction, add_vendor_text_layer

__all__ = [
    "Correction",
    "Margins",
    "RenderSettings",
    "Rendered",
    "ScanSettings",
    "Stamp",
    "add_ocr_layer",
    "add_vendor_text_layer",
    "make_scan",
    "render_born_digital",
    "render_decree",
]
