"""extract.render_page: coloured ink (stamps, pen signatures) fades, print keeps its gray;
stamp annotations are left out."""

from __future__ import annotations

import cv2
import numpy as np
import pikepdf
import pypdfium2
import pypdfium2.raw as pypdfium2_raw
import pytest
from PIL import Image

from extract.fade_gray_stamps import fade_stamps, find_gray_stamps
from extract.render_page import colour_fills, fade_colour, render_page, resample_images
from tests.conftest import CORPUS_REAL


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


def _thin_band(fill: tuple[int, int, int], ink: int, gap: bool = False) -> np.ndarray:
    """An 8 pt row band at 300 dpi in `fill` (RGB) on paper, its ends empty and a line of
    print of gray `ink` along its middle, far beyond the reach of the ends' squares; with
    `gap`, the strip above the print broken by one print-coloured pixel column."""
    pixels = np.full((60, 800, 3), 255, np.uint8)
    pixels[10:44, :] = fill
    pixels[20:34, 30:770] = ink
    if gap:
        pixels[10:20, 400] = ink
    return pixels


def test_white_print_on_a_thin_light_band_is_turned_dark_for_ocr() -> None:
    # A mid-blue total row: rules are found on the band as before, faded where no square
    # of fill reaches; OCR reads the print turned dark on paper, a broken strip and all.
    pixels = _thin_band((80, 128, 208), 255, gap=True)
    drawn, for_ocr = fade_colour(pixels, 300), fade_colour(pixels, 300, for_ocr=True)
    assert drawn[15, 5] == 208 and drawn[15, 400] == 255 and drawn[25, 400] == 255
    assert for_ocr[25, 400] == 0 and for_ocr[25, 100] == 0
    assert for_ocr[15, 300] == 255 and for_ocr[15, 5] == 255
    assert for_ocr[52, 5] == 255  # paper beside the band is not turned


def test_a_dark_band_keeps_its_gray_and_dark_print_its_band() -> None:
    # Navy: white print stands far enough off it to be read as it is. Black print on
    # mid-blue keeps the band's gray beside it, not the paper fading left there.
    navy = fade_colour(_thin_band((29, 40, 81), 255), 300, for_ocr=True)
    assert navy[15, 300] == 81 and navy[25, 400] == 255
    black = fade_colour(_thin_band((80, 128, 208), 0), 300, for_ocr=True)
    assert black[15, 400] == 208 and black[25, 400] == 0


def test_paper_framed_by_a_fill_is_no_print_on_it() -> None:
    # A coloured frame around the page: what it encloses is too high to be a line of
    # print on a band, so a blue pen stroke inside still fades.
    pixels = np.full((300, 300, 3), 255, np.uint8)
    pixels[:30] = pixels[-30:] = pixels[:, :30] = pixels[:, -30:] = (80, 128, 208)
    pixels[150:153, 60:240] = (60, 80, 170)
    gray = fade_colour(pixels, 300, for_ocr=True)
    assert gray[151, 150] == 255 and gray[100, 100] == 255


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
    assert image.drawn.shape == (100, 200) and image.drawn.dtype == np.uint8
    assert int(image.drawn.min()) == 255
    assert image.smooth is image.drawn


def test_a_page_with_a_coarse_image_is_also_rendered_smooth_for_ocr() -> None:
    # 48 dpi on the page, rendered at 144 dpi: enlarged 3 times.
    document = _page_with_image(_checker(32, 64), pypdfium2.PdfMatrix().scale(96, 48))
    try:
        image = render_page(document, 1, 144)
        page = document[0]
        pixels = np.array(page.render(scale=2).to_numpy(), dtype=np.uint8)
        page.close()
    finally:
        document.close()
    as_drawn = fade_colour(pixels.reshape(200, 400, -1)[:, :, :3], 144)
    assert np.array_equal(image.drawn, as_drawn)
    assert image.smooth.shape == image.drawn.shape
    assert len(np.unique(image.smooth)) > 3 * len(np.unique(image.drawn))
    turned = image.straightened(90, 0.0)
    assert turned.drawn.shape == turned.smooth.shape == (400, 200)


def _page_with_image(pixels: np.ndarray, matrix: pypdfium2.PdfMatrix, rotate: int = 0):
    """A new 200 x 100 pt page showing the gray `pixels` placed by `matrix`."""
    document = pypdfium2.PdfDocument.new()
    page = document.new_page(200, 100)
    image = pypdfium2.PdfImage.new(document)
    image.set_bitmap(pypdfium2.PdfBitmap.from_pil(Image.fromarray(pixels, "L")))
    image.set_matrix(matrix)
    page.insert_obj(image)
    page.gen_content()
    page.set_rotation(rotate)
    page.close()
    return document


def _checker(rows: int, cols: int) -> np.ndarray:
    """A gray test card: 4 px squares, a dark corner block marking the top left."""
    pixels = np.where((np.indices((rows, cols)) // 4).sum(axis=0) % 2, 200, 60).astype(np.uint8)
    pixels[:8, :12] = 0
    return pixels


@pytest.mark.parametrize(
    ("matrix", "rotate"),
    [
        (pypdfium2.PdfMatrix().scale(96, 48).translate(20, 30), 0),
        (pypdfium2.PdfMatrix().scale(96, 48).rotate(90).translate(150, 2), 0),
        (pypdfium2.PdfMatrix().scale(96, 48).translate(20, 30), 90),
    ],
    ids=["upright", "placed-turned", "page-rotated"],
)
def test_a_coarse_image_is_redrawn_smoothly_where_pdfium_places_it(
    matrix: pypdfium2.PdfMatrix, rotate: int
) -> None:
    # A 32 x 64 px image on 96 x 48 pt is 48 dpi; at 144 dpi pdfium repeats each pixel
    # 3 x 3. Redrawn, the image sits where pdfium put it (the same picture, the dark
    # corner in the same place) but its edges are graded, not stepped.
    document = _page_with_image(_checker(32, 64), matrix, rotate)
    try:
        page = document[0]
        blocky = np.array(page.render(scale=2).to_numpy(), dtype=np.uint8)[:, :, :3].copy()
        smooth = blocky.copy()
        assert resample_images(page, smooth, 144)
        page.close()
    finally:
        document.close()
    change = np.abs(smooth.astype(int) - blocky.astype(int)).max(axis=2)
    paper = blocky.min(axis=2) == 255
    assert np.mean(change[~paper]) < 40  # the same picture in the same place (flipped: 130)
    assert len(np.unique(smooth)) > 3 * len(np.unique(blocky))
    margin = cv2.dilate((~paper).astype(np.uint8), np.ones((5, 5), np.uint8)) == 0
    assert (smooth[margin] == 255).all()  # nothing outside the image changes


@pytest.mark.parametrize("dpi", [96, 192])
def test_an_image_enlarged_less_than_the_coarse_limit_is_left_as_pdfium_draws_it(
    dpi: int,
) -> None:
    # 96 dpi on the page: at 192 dpi it is enlarged twice, under COARSE_ENLARGEMENT.
    document = _page_with_image(_checker(64, 128), pypdfium2.PdfMatrix().scale(96, 48))
    try:
        page = document[0]
        drawn = np.array(page.render(scale=dpi / 72).to_numpy(), dtype=np.uint8)[:, :, :3].copy()
        before = drawn.copy()
        assert not resample_images(page, drawn, dpi)
        page.close()
    finally:
        document.close()
    assert np.array_equal(drawn, before)


def test_what_is_painted_over_a_coarse_image_keeps_its_pixels() -> None:
    # A photographed page laid over a blank, coarser one (Perbup Donggala 24/2025 p. 42):
    # the coarse image is redrawn only outside the box of the one painted over it.
    document = _page_with_image(_checker(32, 64), pypdfium2.PdfMatrix().scale(96, 48))
    page = document[0]
    above = pypdfium2.PdfImage.new(document)
    above.set_bitmap(pypdfium2.PdfBitmap.from_pil(Image.fromarray(_checker(96, 192), "L")))
    above.set_matrix(pypdfium2.PdfMatrix().scale(96, 48).translate(40, 20))
    page.insert_obj(above)
    page.gen_content()
    try:
        drawn = np.array(page.render(scale=2).to_numpy(), dtype=np.uint8)[:, :, :3].copy()
        before = drawn.copy()
        resample_images(page, drawn, 144)
    finally:
        page.close()
        document.close()
    # At 2 px/pt on a 100 pt high page the upper image spans x 80-272, y 64-160 px.
    assert np.array_equal(drawn[64:160, 80:272], before[64:160, 80:272])
    assert not np.array_equal(drawn[104:200, 0:78], before[104:200, 0:78])


@pytest.mark.parametrize(
    ("name", "page", "smooth"),
    [
        # 96 dpi JPEG strips of the LKE: enlarged 3.1 times at 300 dpi.
        ("zi_permenpanrb-52-2014_pedoman-pembangunan-zi.pdf", 26, True),
        # The 150 dpi signature page, enlarged twice: read as pdfium draws it.
        ("zi_kma-186-2017_juklak-zi-kemenag_scan.pdf", 23, False),
        # A 300 dpi scan.
        ("donggala_perbup-4-2025_tpp-pns_scan.pdf", 24, False),
    ],
)
def test_only_pages_with_coarse_images_get_a_smooth_image(
    name: str, page: int, smooth: bool
) -> None:
    document = pypdfium2.PdfDocument(str(CORPUS_REAL / name))
    try:
        image = render_page(document, page, 300)
    finally:
        document.close()
    assert (image.smooth is not image.drawn) == smooth
    if smooth:
        assert image.smooth.shape == image.drawn.shape
        assert not np.array_equal(image.smooth, image.drawn)


def _page_with_annotations(tmp_path) -> pypdfium2.PdfDocument:
    """A blank 200 x 100 pt page with two black 50 pt squares laid on it as annotations:
    a Stamp at the left, a Square at the right, both flagged Print."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 100))
    annots = pikepdf.Array()
    for subtype, left in (("/Stamp", 10), ("/Square", 130)):
        appearance = pdf.make_stream(b"0 g 0 0 50 50 re f")
        appearance.Type, appearance.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        appearance.BBox = [0, 0, 50, 50]
        annots.append(
            pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name(subtype),
                    Rect=[left, 25, left + 50, 75],
                    F=4,
                    AP=pikepdf.Dictionary(N=appearance),
                )
            )
        )
    pdf.pages[0].Annots = annots
    path = tmp_path / "annotated.pdf"
    pdf.save(path)
    return pypdfium2.PdfDocument(path)


def test_a_stamp_annotation_is_left_out_and_its_flags_kept(tmp_path) -> None:
    document = _page_with_annotations(tmp_path)
    try:
        image = render_page(document, 1, 72)
        page = document[0]
        stamp = pypdfium2_raw.FPDFPage_GetAnnot(page, 0)
        flags = pypdfium2_raw.FPDFAnnot_GetFlags(stamp)
        pypdfium2_raw.FPDFPage_CloseAnnot(stamp)
        drawn_again = np.array(page.render(scale=1).to_numpy(), dtype=np.uint8)
        page.close()
    finally:
        document.close()
    assert int(image.drawn[30:70, 15:55].min()) == 255  # the stamp is not drawn
    assert int(image.drawn[30:70, 135:175].max()) < 40  # the square is
    assert flags == 4
    assert int(drawn_again[30:70, 15:55, :3].max()) < 40  # the document is as it was


def _stamped_page(ring_ink: int) -> np.ndarray:
    """A page at 300 dpi: paper 240, a line of black print (a bar 40 px high) and a stamp
    of `ring_ink` multiplied over it (two rings, 36 mm and 20 mm across, and a mark in the
    middle), as a grayscale scan prints a violet stamp."""
    page = np.full((1400, 1200), 240, np.uint8)
    page[600:640, 150:1050] = 20
    stamp = np.full(page.shape, 255, np.uint8)
    cv2.circle(stamp, (600, 650), 212, ring_ink, thickness=8)
    cv2.circle(stamp, (600, 650), 118, ring_ink, thickness=3)
    cv2.rectangle(stamp, (570, 560), (630, 580), ring_ink, thickness=-1)
    return (page.astype(np.uint16) * stamp // 255).astype(np.uint8)


def test_a_gray_stamp_fades_and_the_print_under_it_stays() -> None:
    page = _stamped_page(ring_ink=135)
    stamps = find_gray_stamps(page, 300)
    assert len(stamps) == 1
    stamp = stamps[0]
    assert abs(stamp.x - 600) <= 3 and abs(stamp.y - 650) <= 3
    assert 212 <= stamp.radius <= 240 and stamp.paper == 240
    faded = fade_stamps(page, stamps)
    assert faded[650 - 212, 600] == 240  # the outer ring
    assert faded[650 - 118, 600] == 240  # the inner ring
    assert faded[570, 600] == 240  # the mark inside
    # Print, and print the stamp darkened, keeps its value; outside the disk all stays.
    assert (faded[600:640, 150:1050] == page[600:640, 150:1050]).all()
    outside = np.ones(page.shape, bool)
    cv2.circle(outside.view(np.uint8), (600, 650), round(stamp.radius) + 1, 0, thickness=-1)
    assert (faded[outside] == page[outside]).all()


def test_a_stamp_as_dark_as_the_print_is_left_alone() -> None:
    assert find_gray_stamps(_stamped_page(ring_ink=30), 300) == ()


def test_an_arc_is_no_stamp_and_a_page_without_one_is_the_same_array() -> None:
    page = np.full((1400, 1200), 240, np.uint8)
    page[600:640, 150:1050] = 20
    cv2.ellipse(page, (600, 650), (212, 212), 0, 0, 250, 120, thickness=8)
    assert find_gray_stamps(page, 300) == ()
    assert fade_stamps(page, ()) is page
