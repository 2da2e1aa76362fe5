"""extract.render_page: coloured ink (stamps, pen signatures) fades, print keeps its gray."""

from __future__ import annotations

import numpy as np
import pypdfium2

from extract.render_page import fade_colour, render_page


def test_gray_keeps_its_value_and_coloured_ink_turns_to_paper() -> None:
    pixels = np.array(
        [
            [[0, 0, 0], [22, 22, 22], [128, 128, 128], [242, 242, 242]],
            # Blue stamp ink, violet stamp ink, red ink, black print with a scanner's tint.
            [[60, 80, 170], [120, 60, 150], [200, 40, 40], [30, 30, 42]],
        ],
        dtype=np.uint8,
    )
    faded = fade_colour(pixels)
    assert faded.dtype == np.uint8 and faded.shape == (2, 4)
    assert faded[0].tolist() == [0, 22, 128, 242]
    assert faded[1, :3].tolist() == [255, 255, 255]
    assert faded[1, 3] < 80


def test_rendered_page_is_one_gray_channel() -> None:
    document = pypdfium2.PdfDocument.new()
    document.new_page(200, 100)
    image = render_page(document, 1, 72)
    assert image.shape == (100, 200) and image.dtype == np.uint8
    assert int(image.min()) == 255
