"""The PDF front-end: the three example reports number by number, every value's page and box,
and the PDFs it must refuse or read with a note (generated in tests/pdf_fixtures.py).

The expected numbers were read off the PDFs' own tables (pdfplumber ``extract_tables``, cell
by cell) and agree with the text extractions in tests/fixtures/pdf-text (test_text.py's
truths); never with this front-end's output alone.
"""

from __future__ import annotations

import io
import pathlib
from decimal import Decimal

import pytest

pdfplumber = pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

import govinfo  # noqa: E402
import pdf_fixtures  # noqa: E402
from govinfo import Severity, TemplateVersion, Variant  # noqa: E402
from govinfo.errors import ReadError  # noqa: E402
from govinfo.formats import _pdf  # noqa: E402
from govinfo.sources import PageBoxSource  # noqa: E402

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "pdf"


def seven(first: int) -> tuple[int, ...]:
    return (first, 0, 0, 0, 0, 0, first)


# Table 3 of each report, row by row in the order the PDF prints it (the 洪泽区 reports: the
# variant's single （六）其他处理 row).
EXPECTED = {
    "huaian-city-2024.pdf": {
        "agency": "淮安市人民政府",
        "year": 2024,
        "variant": None,
        "disclosure": [
            ((1, 0, 11), (8, 26, 66)),
            ((447228,),),
            ((3985758,), (88283,)),
            ((Decimal("96171.6"),),),
        ],
        "requests": (
            (3001, 53, 0, 0, 61, 4, 3119),
            (34, 0, 0, 0, 0, 0, 34),
            (1288, 21, 0, 0, 50, 3, 1362),
            (447, 7, 0, 0, 0, 0, 454),
            seven(2),
            (30, 1, 0, 0, 0, 0, 31),
            seven(5),
            seven(6),
            (7, 1, 0, 0, 0, 0, 8),
            seven(12),
            seven(9),
            seven(105),
            (746, 12, 0, 0, 10, 1, 769),
            seven(11),
            seven(1),
            (56, 6, 0, 0, 0, 0, 62),
            seven(25),
            seven(0),
            seven(0),
            seven(1),
            (67, 3, 0, 0, 1, 0, 71),
            seven(6),
            (108, 2, 0, 0, 0, 0, 110),
            (2932, 53, 0, 0, 61, 4, 3050),
            seven(103),
        ),
        "review": ((72, 64, 178, 37, 351), (13, 4, 8, 1, 26), (12, 1, 1, 6, 20)),
    },
    "huaian-hongze-district-2023.pdf": {
        "agency": "洪泽区人民政府",
        "year": 2023,
        "variant": Variant.SINGLE_OTHER_HANDLING,
        "disclosure": [
            ((0, 0, 0), (0, 5, 5)),
            ((550,),),
            ((4119,), (195,)),
            ((Decimal("7730.28"),),),
        ],
        "requests": tuple(
            seven(n)
            for n in (21, 0, 0, 4, 1, 0, 0, 0, 0, 1, 1, 0, 10, 3, 0, 1, 0, 0, 0, 0, 0, 21, 0)
        ),
        "review": ((10, 1, 0, 0, 0), (0, 0, 0, 0, 0), (5, 0, 0, 0, 0)),
    },
    "huaian-hongze-district-2024.pdf": {
        "agency": "淮安市洪泽区人民政府",
        "year": 2024,
        "variant": Variant.SINGLE_OTHER_HANDLING,
        "disclosure": [
            ((0, 0, 0), (3, 0, 8)),
            ((9487,),),
            ((2776,), (84,)),
            ((Decimal("7545"),),),
        ],
        "requests": tuple(
            seven(n)
            for n in (95, 0, 50, 9, 0, 0, 1, 0, 0, 1, 1, 0, 31, 1, 0, 1, 0, 0, 0, 0, 0, 95, 0)
        ),
        "review": ((1, 1, 0, 0, 2), (1, 0, 0, 0, 1), (2, 0, 1, 0, 3)),
    },
}

_READ: dict[str, govinfo.ReadResult] = {}


def read(name: str) -> govinfo.ReadResult:
    if name not in _READ:
        _READ[name] = govinfo.read(FIXTURES / name)
    return _READ[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_reads_every_number_by_row_and_column(name):
    expected = EXPECTED[name]
    result = read(name)
    report = result.report
    assert result.ok, result.errors
    assert (report.agency, report.year, report.version) == (
        expected["agency"],
        expected["year"],
        TemplateVersion.V2021,
    )
    assert report.template.variant is expected["variant"]
    assert [block.cells for block in report.disclosure] == expected["disclosure"]
    assert report.requests.cells == expected["requests"]
    assert report.review_litigation.cells == expected["review"]
    assert result.input.kind is govinfo.Kind.PDF


def test_example_prose_in_order_without_page_footers():
    report = read("huaian-city-2024.pdf").report
    assert report.title == "淮安市人民政府2024 年政府信息公开工作年度报告"
    assert report.overview.parts[0][0].startswith("（一）主动公开情况。2024 年，市政府网站")
    # a paragraph running over a page break is one paragraph, without the footer "- 1 -"
    assert "“建设‘四最’一流营商环境" in report.overview.parts[0][0]
    assert not any("- " in p for part in report.overview.parts for p in part)
    assert report.other_matters == (
        "2024 年，市政府严格落实《政府信息公开信息处理费管理办法》，"
        "全年收取政府信息公开信息处理费 3940 元。",
    )


def test_hongze_frames_around_prose_are_paragraphs():
    # Every page of the 洪泽区 reports has a ruled frame; section 一 comes in it, and table 2
    # shares a frame with prose.
    report = read("huaian-hongze-district-2023.pdf").report
    starts = [
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "（三）政府信息管理情况",
        "（四）政府信息公开平台",
        "（五）政府信息公开监督",
    ]
    assert len(report.overview.parts) == len(starts)
    for part, start in zip(report.overview.parts, starts, strict=True):
        assert part[0].startswith(start)
    assert report.problems[0].startswith("2023 年，洪泽区政府信息公开工作取得一定的成效")
    assert report.other_matters[-1].endswith("全年收取政府信息公开信息处理费 0 元。")


def test_hongze_2023_broken_totals_are_found_by_check():
    findings = govinfo.check(read("huaian-hongze-district-2023.pdf").report)
    broken = {
        (cell.path, f.printed, f.expected)
        for f in findings
        if f.code == "t4.group_total"
        for cell in f.cells[:1]
    }
    assert broken == {
        ("$.review_litigation.administrative_review.total", 0, 11),
        ("$.review_litigation.litigation_after_review.total", 0, 5),
    }


def _spelled(page, box) -> str:
    """The characters of ``page.chars`` whose centres lie inside ``box``, in reading order
    (lines top to bottom, each left to right), spaces dropped."""
    x0, top, x1, bottom = box
    inside = [
        c
        for c in page.chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
        and top <= (c["top"] + c["bottom"]) / 2 <= bottom
        and c["text"].strip()
    ]
    inside.sort(key=lambda c: (round((c["top"] + c["bottom"]) / 2), c["x0"]))
    return "".join(c["text"] for c in inside)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_value_source_spells_the_printed_value(name):
    result = read(name)
    values = {
        path: source
        for path, source in result.sources.items()
        if path.startswith(("$.disclosure.", "$.requests.", "$.review_litigation."))
        and path.count(".") >= 3
    }
    assert len(values) == 6 + 1 + 2 + 1 + len(EXPECTED[name]["requests"]) * 7 + 15
    with pdfplumber.open(FIXTURES / name) as pdf:
        for path, source in values.items():
            assert isinstance(source, PageBoxSource), path
            printed = _spelled(pdf.pages[source.page - 1], source.box)
            assert printed == source.text, path
            value = _value(result.report, path)
            assert printed == (format(value, "f") if isinstance(value, Decimal) else str(value))


def _value(report, path: str) -> object:
    part, *rest = path.split(".")[1:]
    if part == "disclosure":
        block, row, column = rest
        return report.disclosure[block][row, column]
    grid = report.requests if part == "requests" else report.review_litigation
    row, column = rest
    return grid[row, column]


# --- generated PDFs ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    return govinfo.load_example()


def _tables(report):
    return (report.disclosure, report.requests, report.review_litigation)


def test_generated_report_reads_every_number(example):
    result = govinfo.read(pdf_fixtures.report_pdf(example))
    assert result.ok, result.errors
    assert _tables(result.report) == _tables(example)
    assert (result.report.agency, result.report.year) == (example.agency, example.year)


@pytest.mark.parametrize("algorithm", ["AES-128", "RC4-128"])
def test_owner_password_only_reads_with_a_note(example, algorithm):
    pytest.importorskip("pypdf")
    result = govinfo.read(pdf_fixtures.owner_only(example, algorithm))
    assert result.ok
    assert _tables(result.report) == _tables(example)
    notes = [d for d in result.diagnostics if d.severity is Severity.NOTE]
    assert [d.message for d in notes] == [
        "the PDF is encrypted with an owner password only (its use is restricted, as is common "
        "for government files): read with the empty user password"
    ]


def test_user_password_is_an_error_that_says_so(example):
    pytest.importorskip("pypdf")
    with pytest.raises(ReadError, match="encrypted with a user password: it cannot be opened"):
        govinfo.read(pdf_fixtures.user_password(example))


@pytest.mark.parametrize("cut", [0.05, 0.5, 0.9, 0.999])
def test_truncated_pdf_is_a_clear_error(example, cut):
    data = pdf_fixtures.report_pdf(example)
    with pytest.raises(ReadError, match=r"^not a readable PDF: damaged or truncated \("):
        govinfo.read(data[: int(len(data) * cut)])


def test_no_text_layer_is_named_and_ocr_out_of_scope():
    with pytest.raises(ReadError) as caught:
        govinfo.read(pdf_fixtures.no_text())
    assert str(caught.value) == (
        "the PDF has no text layer on any of its 2 pages (a scan?): reading scans (OCR) is out "
        "of scope; run OCR first and read its text"
    )


def test_font_without_unicode_map_reads_no_number(example):
    result = govinfo.read(pdf_fixtures.without_to_unicode(example))
    fonts = [d for d in result.diagnostics if "cannot be trusted" in d.message]
    assert fonts
    assert all(d.severity is Severity.ERROR for d in fonts)
    assert fonts[0].message.startswith(
        "page 1: the font AAAAAA+BitstreamVeraSans-Roman is an embedded font with its built-in "
        "encoding and no ToUnicode map: its "
    )
    assert isinstance(fonts[0].source, PageBoxSource)
    assert fonts[0].source.page == 1
    # every cell printed in that font is unread (the blank ones print nothing)
    report = result.report
    for grid in _tables(report)[1:]:
        assert all(v is govinfo.UNREAD for row in grid.cells for v in row)
    assert all(v is govinfo.UNREAD for b in report.disclosure for row in b.cells for v in row)
    with pytest.raises(ReadError, match="cannot be trusted"):
        govinfo.read(pdf_fixtures.without_to_unicode(example), strict=True)


def test_unreadable_character_collection_is_untrusted(example):
    # reportlab's own encryption leaves the CID font's Registry and Ordering unencrypted, so
    # pdfminer decrypts them into garbage: every character of the file is untrusted.
    with pytest.raises(ReadError) as caught:
        govinfo.read(pdf_fixtures.reportlab_encrypted(example))
    assert "no text of the PDF can be trusted" in str(caught.value)
    assert "whose character collection cannot be read" in str(caught.value)


def test_decompression_bomb_is_bounded():
    with pytest.raises(ReadError, match="decompression bomb"):
        govinfo.read(pdf_fixtures.bomb(_pdf.MAX_CONTENT + 1))


def test_a_page_of_too_much_text_is_refused_before_it_is_laid_out():
    content = b"BT /F1 1 Tf 100 700 Td (" + b"7" * (_pdf.MAX_PAGE_TEXT + 1) + b") Tj ET"
    with pytest.raises(ReadError) as caught:
        govinfo.read(pdf_fixtures.one_page(content))
    assert str(caught.value) == (
        "page 1 of the PDF prints more than 100,000 bytes of text: not a report's page"
    )


def test_pages_are_bounded(monkeypatch, example):
    monkeypatch.setattr(_pdf, "MAX_PAGES", 1)
    with pytest.raises(ReadError, match="at most 1 pages, found a PDF of"):
        govinfo.read(pdf_fixtures.report_pdf(example))


def test_characters_are_bounded(monkeypatch, example):
    monkeypatch.setattr(_pdf, "MAX_CHARS", 100)
    with pytest.raises(ReadError, match="more than 100 characters by page 1"):
        govinfo.read(pdf_fixtures.report_pdf(example))


def test_garbage_after_the_signature_is_a_clear_error():
    with pytest.raises(ReadError, match=r"^not a readable PDF"):
        govinfo.read(b"%PDF-1.7\n" + bytes(range(256)) * 8)


def test_file_object_and_folder_suffix(tmp_path):
    data = (FIXTURES / "huaian-hongze-district-2024.pdf").read_bytes()
    assert govinfo.read(io.BytesIO(data)).report == read("huaian-hongze-district-2024.pdf").report
    from govinfo.cli._batch import FOLDER_SUFFIXES

    assert ".pdf" in FOLDER_SUFFIXES


def test_cli_parse_and_check_take_a_pdf(capsys):
    from govinfo.cli import main

    assert main(["check", str(FIXTURES / "huaian-city-2024.pdf")]) == 0
    assert main(["check", str(FIXTURES / "huaian-hongze-district-2023.pdf")]) == 1
    captured = capsys.readouterr()
    assert "t4.group_total" in captured.out + captured.err


def test_a_page_without_text_is_named_and_the_others_read(example):
    result = govinfo.read(pdf_fixtures.report_pdf(example, scanned_page=True))
    assert result.ok
    assert _tables(result.report) == _tables(example)
    warnings = [d.message for d in result.diagnostics if d.severity is Severity.WARNING]
    assert warnings == [
        "page 3 has no text layer (a scan or a picture): nothing on it is read (reading scans, "
        "OCR, is out of scope)"
    ]


def test_parse_reads_strictly():
    report = govinfo.parse(FIXTURES / "huaian-city-2024.pdf")
    assert report == read("huaian-city-2024.pdf").report


def test_cli_convert_a_folder_of_pdfs_in_parallel(tmp_path, capsys):
    import json
    import shutil

    from govinfo.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    for name in EXPECTED:
        shutil.copy(FIXTURES / name, folder / name)
    out = tmp_path / "out.jsonl"
    assert main(["convert", str(folder), "--to", "jsonl", "-o", str(out), "-j", "2"]) == 0
    agencies = sorted(json.loads(line)["agency"] for line in out.read_text("utf-8").splitlines())
    assert agencies == sorted(e["agency"] for e in EXPECTED.values())
    assert "converted 3 of 3 file(s)" in capsys.readouterr().err


def test_a_number_across_two_template_cells_is_in_neither(example):
    result = govinfo.read(pdf_fixtures.report_pdf(example, merged_review="7"))
    review = result.report.review_litigation
    assert review.cells[0][:2] == (govinfo.UNREAD, govinfo.UNREAD)
    assert review.cells[0][2:] == example.review_litigation.cells[0][2:]
    assert review.cells[1:] == example.review_litigation.cells[1:]
    errors = [str(e) for e in result.errors]
    assert len(errors) == 1
    assert errors[0].startswith(
        "expected one number for each cell of the row 行政复议, found the number 7 printed "
        "across 2 columns: which cell holds it is not printed, so they stay unread (page "
    )


def test_a_value_printed_over_itself_is_read_once(example):
    # Bold by overprinting: "4" printed twice 0.3 points apart is 4, not 44.
    result = govinfo.read(pdf_fixtures.report_pdf(example, overprint=True))
    assert result.ok
    assert _tables(result.report) == _tables(example)
    notes = [d.message for d in result.diagnostics if "over a copy of itself" in d.message]
    assert notes
    assert notes[0].startswith("page 1: ")
