"""extract.render_page: coloured ink (stamps, pen signatures) fades, print keeps its gray."""

from __future__ import annotations

import numpy as np
import pypdfium2

from extract.render_page import colour_fills, fade_colour, render_page


def test_gray_keeps_its_value_and_coloured_ink_turns_to_paper() -> None:
    pixels = np.array(
        [
            [[0, 0, 0], [22, 22, 22], [128, 128, 128], [242, 242, 242]],
            # Blue stamp ink, violet stamp ink, red ink, black print with a scanner's tint.
            [[60, 80, 170], [120, 60, 150], [200, 40, 40], [30, 30, 42]],
        ],
        dtype=np.uint8,
    )
    faded = fade_colour(pixels, 300)
    assert faded.dtype == np.uint8 and faded.shape == (2, 4)
    assert faded[0].tolist() == [0, 22, 128, 242]
    assert faded[1, :3].tolist() == [255, 255, 255]
    assert faded[1, 3] < 80


def test_a_dark_colour_fill_keeps_its_gray_under_white_print() -> None:
    # A dark blue header bar (30 x 60 px at 72 dpi: FILL_PT is 5 px) with a white
    # stroke across it, beside a blue pen stroke 2 px wide on paper and a light colour
    # cast: the bar stays dark with the print white on it, the others fade to paper.
    pixels = np.full((50, 80, 3), 255, np.uint8)
    pixels[0:30, 0:60] = (124, 70, 29)
    pixels[14:17, 5:55] = 255
    pixels[45:47, 0:80] = (170, 80, 60)
    pixels[0:30, 62:80] = (240, 220, 190)  # a light colour cast, no fill
    gray = fade_colour(pixels, 72)
    assert gray[5, 30] == 124 and gray[15, 30] == 255
    assert gray[13, 30] == 124  # beside the print the fill is kept, gaps and all
    assert gray[46].tolist() == [255] * 80
    assert gray[15, 70] == 255


def test_colour_fills_are_solid_areas_with_what_is_on_them() -> None:
    coloured = np.zeros((30, 50), bool)
    coloured[0:12, 0:12] = True
    coloured[12:14, 0:12] = False  # a gap of print between two solid parts
    coloured[14:26, 0:12] = True
    coloured[0:30, 35:37] = True  # a stroke narrower than the square
    fills = colour_fills(coloured, 5)
    assert fills[13, 6] and fills[5, 6] and fills[5, 18]  # reaching two squares out
    assert not fills[:, 21:].any()
    assert not colour_fills(coloured, 0).any()


def test_rendered_page_is_one_gray_channel() -> None:
    document = pypdfium2.PdfDocument.new()
    document.new_page(200, 100)
    image = render_page(document, 1, 72)
    assert image.shape == (100, 200) and image.dtype == np.uint8
    assert int(image.min()) == 255
