"""Word files: .docx read with zipfile and ElementTree (spans from w:gridSpan, w:vMerge and
w:gridBefore), legacy .doc through LibreOffice, and hostile files refused with clear errors.

The fixtures under tests/fixtures/docx/ are the official 2021 template (its tables empty,
filled here with the reference report's values) and real report pages converted to Word by
LibreOffice once, by make.sh there: the tests never need LibreOffice, except the one that
converts a .doc for real."""

from __future__ import annotations

import contextlib
import io
import pathlib
import shutil
import time
import zipfile
from collections.abc import Callable
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo.diagnostics import Severity
from govinfo.errors import GovInfoError, ReadError, UnsupportedInput
from govinfo.formats import Kind, _doc, _docx, read
from govinfo.formats._document import CellDocument
from govinfo.sources import CellSource

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "docx"
TEMPLATE = FIXTURES / "template-2021.docx"
EXAMPLE = govinfo.load_example()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TABLES = ("disclosure", "requests", "review_litigation")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


# --- Word files written here ----------------------------------------------------------------


def docx(body: str, *, namespace: str = W, members: dict[str, bytes] | None = None) -> bytes:
    """A .docx holding ``body`` (WordprocessingML with the prefix w) as its document's body."""
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{namespace}"><w:body>'
    return archive(
        {_docx.PART: (xml + body + "</w:body></w:document>").encode(), **(members or {})}
    )


def archive(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def p(*lines: str) -> str:
    """A paragraph whose lines are separated by w:br."""
    return "<w:p><w:r>" + "<w:br/>".join(f"<w:t>{t}</w:t>" for t in lines) + "</w:r></w:p>"


def tc(text: str = "", *, span: int = 1, merge: str | None = None) -> str:
    properties = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if merge is not None:
        properties += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"


def tr(*cells: str, before: int = 0) -> str:
    properties = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
    return f"<w:tr>{properties}{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(rows)}</w:tbl>"


def layout(doc: CellDocument) -> list[list[tuple[str, int, int, int, bool]]]:
    """Each table row's cells as (text, column, rows, columns, continued)."""
    return [
        [(c.text, doc.places[c.at][2], c.rows, c.columns, c.continued) for c in para.cells()]
        for para in doc.paragraphs
        if not doc.is_prose(para)
    ]


def prose(doc: CellDocument) -> list[str]:
    return [para.text for para in doc.paragraphs if doc.is_prose(para)]


# --- the official template, filled with the reference report --------------------------------


def template_tree() -> ET.Element:
    with zipfile.ZipFile(TEMPLATE) as z:
        return ET.fromstring(z.read(_docx.PART))


def set_text(cell: ET.Element, text: str) -> None:
    """Replace the text of a w:tc (or w:p) with ``text``, in its first paragraph."""
    paragraphs = [cell] if cell.tag == w("p") else cell.findall(w("p"))
    for paragraph in paragraphs:
        for run in paragraph.findall(w("r")):
            paragraph.remove(run)
    run = ET.SubElement(paragraphs[0], w("r"))
    ET.SubElement(run, w("t")).text = text


def cell_text(cell: ET.Element) -> str:
    return "".join(t.text or "" for t in cell.iter(w("t"))).strip()


def labelled_rows(grid: govinfo.Grid) -> list[tuple[str, tuple[object, ...]]]:
    return list(zip((r.label for r in grid.spec.rows), grid.cells, strict=True))


def fill(root: ET.Element, report: govinfo.Report) -> ET.Element:
    """The template's tree with ``report``'s title and its three tables' values in their cells:
    each row's values in its last cells, after the row label (table 4: its one row of 15)."""
    body = root.find(w("body"))
    assert body is not None
    title = next(q for q in body.iter(w("p")) if cell_text(q) == "政府信息公开工作年度报告格式模板")
    set_text(title, report.title)
    disclosure, requests, review = body.findall(w("tbl"))
    labelled = [
        (disclosure, [pair for block in report.disclosure for pair in labelled_rows(block)]),
        (requests, labelled_rows(report.requests)),
    ]
    for table, rows in labelled:
        values = dict(rows)
        for row in table.findall(w("tr")):
            cells = row.findall(w("tc"))
            label = next((cell_text(c) for c in cells if cell_text(c) in values), None)
            if label is not None:
                found = values.pop(label)
                for cell, value in zip(cells[-len(found) :], found, strict=True):
                    set_text(cell, str(value))
        assert not values, f"rows not found in the template: {list(values)}"
    flat = [str(v) for row in report.review_litigation.cells for v in row]
    last = review.findall(w("tr"))[-1]
    for cell, value in zip(last.findall(w("tc")), flat, strict=True):
        set_text(cell, value)
    return root


def rezip(root: ET.Element) -> bytes:
    """The template with ``root`` as its document (ElementTree renames the namespaces'
    prefixes: only the namespaces matter)."""
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            z.writestr(info, ET.tostring(root) if info.filename == _docx.PART else data)
    return out.getvalue()


FILLED = rezip(fill(template_tree(), EXAMPLE))


def test_the_template_filled_with_the_reference_report_reads_to_its_tables():
    result = read(FILLED)
    assert result.input is not None
    assert (result.input.kind, result.input.encoding, result.input.reason) == (Kind.DOCX, None, "")
    for table in TABLES:
        assert getattr(result.report, table) == getattr(EXAMPLE, table)
    assert result.report.title == EXAMPLE.title
    assert result.unread == ()
    assert result.errors == ()


def test_a_cell_of_word_is_located_by_table_row_and_grid_column():
    sources = read(FILLED).sources
    # 7.属于行政执法案卷 is row 14 of the template's table 2; its first value is in grid
    # column 4 (the labels span 3), and the 4th w:tc of its row (two merged label cells,
    # continued from above, are w:tc elements of the row too).
    source = sources["$.requests.withheld_enforcement_files.natural_person"]
    assert source == CellSource(
        kind="docx",
        table=2,
        row=14,
        column=4,
        text="1",
        element="/w:body/w:tbl[2]/w:tr[14]/w:tc[4]",
    )
    assert str(source) == "docx table 2, row 14, cell 4"
    # （一）予以公开, row 6: 三、本年度办理结果 starts there, （一） spans 2: the total is w:tc 9
    granted = sources["$.requests.granted.total"]
    review = sources["$.review_litigation.litigation_after_review.total"]
    assert isinstance(granted, CellSource)
    assert isinstance(review, CellSource)
    assert (granted.table, granted.row, granted.column) == (2, 6, 10)
    assert granted.element == "/w:body/w:tbl[2]/w:tr[6]/w:tc[9]"
    assert (review.table, review.row, review.column, review.element) == (
        3,
        4,
        15,
        "/w:body/w:tbl[3]/w:tr[4]/w:tc[15]",
    )


def test_a_number_merged_down_across_two_template_rows_is_unread_with_an_error():
    root = fill(template_tree(), EXAMPLE)
    requests = root.findall(f"{w('body')}/{w('tbl')}")[1]
    new, carried = requests.findall(w("tr"))[3:5]  # 一、本年新收 and 二、上年结转
    first, below = new.findall(f"{w('tc')}/{w('tcPr')}")[1], carried.findall(w("tc"))[1]
    ET.SubElement(first, w("vMerge"), {w("val"): "restart"})
    ET.SubElement(below.findall(w("tcPr"))[0], w("vMerge"))
    set_text(below, "")
    result = read(rezip(root))
    assert result.report.requests["new_received", "natural_person"] is govinfo.UNREAD
    assert result.report.requests["carried_over", "natural_person"] is govinfo.UNREAD
    (error,) = result.errors
    assert error.severity is Severity.ERROR
    assert str(error) == (
        "expected one number for each cell of the row 一、本年新收政府信息公开申请数量, "
        "found the number 3 printed across 2 rows: which cell holds it is not printed, so they "
        "stay unread (docx table 2, row 4, cell 4)"
    )


# --- real report pages, converted to Word by LibreOffice (make.sh) --------------------------

PAGES = (
    "pingtan-finance-bureau-2025",
    "pingtan-management-committee-office-2025",
    "pingtan-natural-resources-bureau-2024",
)


def as_html(name: str) -> govinfo.ReadResult:
    return read((FIXTURES / f"{name}.html").read_bytes(), kind="html")


@pytest.mark.parametrize("name", PAGES)
def test_a_page_saved_as_word_reads_to_the_tables_of_the_page(name):
    page, word = as_html(name), read(FIXTURES / f"{name}.docx")
    for table in TABLES:
        assert getattr(word.report, table) == getattr(page.report, table)
    assert word.report.title == page.report.title
    assert word.unread == page.unread == ()


def fake_soffice(tmp_path: pathlib.Path, script: str) -> Callable[[str], str | None]:
    """A ``shutil.which`` that finds an ``soffice`` running ``script`` (sh), which is given
    LibreOffice's arguments: $6 the output folder, $7 the input."""
    command = tmp_path / "soffice"
    command.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    command.chmod(0o755)
    return lambda name: str(command) if name == _doc.COMMAND else None


DOC = (FIXTURES / "pingtan-management-committee-office-2025.doc").read_bytes()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing")
def test_a_legacy_word_file_is_converted_by_libreoffice_and_read():
    result = read(DOC)
    page = as_html("pingtan-management-committee-office-2025")
    assert result.input is not None
    assert (result.input.kind, result.input.reason) == (Kind.DOC, _doc.CONVERTED)
    for table in TABLES:
        assert getattr(result.report, table) == getattr(page.report, table)


def test_a_legacy_word_file_reads_what_libreoffice_converted_it_to(tmp_path, monkeypatch):
    converted = FIXTURES / "pingtan-management-committee-office-2025.docx"
    script = f'test "$4" = docx && test -f "$7" && cp "{converted}" "$6/input.docx"'
    monkeypatch.setattr(shutil, "which", fake_soffice(tmp_path, script))
    result = read(DOC)
    assert result.input is not None
    assert result.input.reason == _doc.CONVERTED
    assert result.report == read(converted).report


def test_without_libreoffice_a_legacy_word_file_is_refused_naming_the_command(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(UnsupportedInput) as caught:
        read(DOC)
    assert str(caught.value) == (
        "reading legacy Word files (.doc) needs LibreOffice (soffice on the PATH): install it, "
        "or convert the file with soffice --headless --convert-to docx FILE and read the .docx"
    )


def test_a_conversion_that_fails_says_what_libreoffice_said(tmp_path, monkeypatch):
    monkeypatch.setattr(
        shutil, "which", fake_soffice(tmp_path, "echo 'Error: no filter' >&2; exit 1")
    )
    with pytest.raises(ReadError) as caught:
        read(DOC)
    assert str(caught.value) == (
        "LibreOffice could not convert the .doc file to .docx (exit status 1; it said: "
        "Error: no filter)"
    )


def test_a_conversion_that_hangs_is_stopped_at_the_time_out(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", fake_soffice(tmp_path, "sleep 30 & wait"))
    monkeypatch.setattr(_doc, "TIMEOUT", 0.5)
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read(DOC)
    assert time.monotonic() - started < 10  # the sleep, a child of its own, was stopped too
    assert str(caught.value) == (
        "LibreOffice did not convert the .doc file to .docx within 0.5 seconds: stopped"
    )


# --- layout: spans, merges, grid offsets -----------------------------------------------------


def test_grid_spans_and_vertical_merges_lay_out_as_word_shows_them():
    body = tbl(
        tr(tc("甲", merge="restart"), tc("乙", span=2)),
        tr(tc(merge="continue"), tc("丙"), tc("丁", merge="restart")),
        tr(tc(merge="continue"), tc("戊"), tc(merge="continue")),
    )
    assert layout(_docx.document(docx(body))) == [
        [("甲", 1, 3, 1, False), ("乙", 2, 1, 2, False)],
        [("丙", 2, 1, 1, False), ("丁", 3, 2, 1, False)],  # 甲 covers column 1: a label beside
        [("戊", 2, 1, 1, False), ("丁", 3, 2, 1, True)],
    ]


def test_a_continuation_is_matched_by_grid_column_not_by_its_place_in_the_row():
    # Row 2 starts one grid column on (w:gridBefore): its first w:tc continues 乙, in grid
    # column 2, not 甲, the first cell of row 1.
    body = tbl(
        tr(tc("甲"), tc("乙", merge="restart"), tc("丙")),
        tr(tc(merge="continue"), tc("丁"), before=1),
        tr(tc("戊"), tc("己"), tc("庚")),
    )
    doc = _docx.document(docx(body))
    assert layout(doc) == [
        [("甲", 1, 1, 1, False), ("乙", 2, 2, 1, False), ("丙", 3, 1, 1, False)],
        [("丁", 3, 1, 1, False)],
        [("戊", 1, 1, 1, False), ("己", 2, 1, 1, False), ("庚", 3, 1, 1, False)],
    ]
    ding = doc.paragraphs[1].cells()[0]
    assert doc.locate(ding.at, "丁").element == "/w:body/w:tbl[1]/w:tr[2]/w:tc[2]"


def test_a_continuation_with_nothing_to_continue_is_a_cell_of_its_own():
    body = tbl(tr(tc("甲"), tc("乙")), tr(tc("丙", merge="continue"), tc("丁")))
    assert layout(_docx.document(docx(body)))[1] == [("丙", 1, 1, 1, False), ("丁", 2, 1, 1, False)]


def test_a_row_deleted_with_tracked_changes_is_not_read():
    deleted = "<w:tr><w:trPr><w:del w:id='1' w:author='a'/></w:trPr>" + tc("删") + "</w:tr>"
    body = tbl(tr(tc("甲")), deleted, tr(tc("乙")))
    assert [row[0][0] for row in layout(_docx.document(docx(body)))] == ["甲", "乙"]


# --- text: runs, revisions, fields, breaks ---------------------------------------------------


def test_text_is_that_of_w_t_only_with_tabs_as_spaces_and_breaks_ending_lines():
    body = (
        "<w:p><w:r><w:t>一、总体</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>情况</w:t></w:r></w:ins></w:p>"
        "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText>"
        "</w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>3</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
        "<w:p><w:hyperlink><w:r><w:t>行政处罚</w:t><w:tab/><w:t>7526</w:t></w:r></w:hyperlink>"
        "<w:r><w:br/><w:t>第二行</w:t><w:cr/><w:t>第三行</w:t></w:r></w:p>"
        "<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>"
        "<w:customXml><w:p><w:smartTag><w:r><w:t>控件内</w:t></w:r></w:smartTag></w:p></w:customXml>"
        "</w:sdtContent></w:sdt>"
        "<w:p><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:r><w:t>留下</w:t></w:r></w:p>"
    )
    assert prose(_docx.document(docx(body))) == [
        "一、总体情况",
        "3",
        "行政处罚 7526",
        "第二行",
        "第三行",
        "控件内",
        "留下",
    ]


def test_a_cells_paragraphs_and_a_nested_table_join_into_its_text():
    nested = tbl(tr(tc("自然"), tc("人")), tr(tc("other")))
    cell = f"<w:tc><w:p><w:r><w:t>申请人</w:t></w:r></w:p>{nested}<w:p/></w:tc>"
    doc = _docx.document(docx(tbl(tr(cell, tc("3")))))
    assert layout(doc) == [[("申请人自然人 other", 1, 1, 1, False), ("3", 2, 1, 1, False)]]


def test_the_fallback_of_alternate_content_is_not_read_twice():
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = "<w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent>"
    body = (
        f'<w:p xmlns:mc="{mc}"><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent>'
        f"<mc:Choice Requires='wps'>{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    assert prose(_docx.document(docx(body))) == ["前", "框内"]


def test_a_strict_open_xml_document_reads_as_a_transitional_one():
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    body = p("甲") + tbl(tr(tc("乙", span=2)), tr(tc("丙"), tc("丁")))
    assert layout(_docx.document(docx(body, namespace=strict))) == layout(
        _docx.document(docx(body))
    )
    assert prose(_docx.document(docx(body, namespace=strict))) == ["甲"]


# --- hostile and broken files ----------------------------------------------------------------


def refusal(data: bytes) -> str:
    with pytest.raises(ReadError) as caught:
        read(data, kind="docx")
    return str(caught.value)


def test_a_file_that_is_not_a_zip_is_refused():
    assert refusal(b"plain text") == (
        "not a Word file (.docx): not a ZIP archive (File is not a zip file)"
    )


def test_a_zip_without_the_main_part_is_refused():
    assert refusal(archive({"xl/workbook.xml": b"<workbook/>"})) == (
        "not a Word file (.docx): the ZIP archive holds no word/document.xml"
    )


def test_a_zip_bomb_is_refused_by_its_declared_size_before_it_is_unpacked():
    out = io.BytesIO()
    zeros = bytes(1 << 20)
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z,
        z.open(_docx.PART, "w") as member,
    ):
        for _ in range(_docx.MAX_PART // len(zeros) + 1):
            member.write(zeros)
    bomb = out.getvalue()
    assert len(bomb) < _docx.MAX_PART // 200
    size = _docx.MAX_PART + (1 << 20)
    assert refusal(bomb) == (
        f"word/document.xml declares {size:,} bytes unpacked, more than the 67,108,864 read: "
        "not a report's (a ZIP bomb?)"
    )


def test_a_member_larger_than_it_declares_is_refused_when_unpacked():
    # zipfile unpacks no more than the declared size, and then finds the checksum wrong
    xml = b"<w:document xmlns:w='" + W.encode() + b"'><w:body/></w:document>"
    data = bytearray(archive({_docx.PART: xml + b" " * 100_000}))
    directory = data.rindex(b"PK\x01\x02")  # the central directory's entry of the part
    data[directory + 24 : directory + 28] = len(xml).to_bytes(4, "little")
    assert refusal(bytes(data)) == (
        "word/document.xml cannot be unpacked: Bad CRC-32 for file 'word/document.xml'"
    )


def test_a_document_type_is_refused_before_its_entities_expand():
    laughs = "".join(f'<!ENTITY l{i + 1} "{f"&l{i};" * 10}">' for i in range(9))
    xml = f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "ha">{laughs}]>'
    xml += f'<w:document xmlns:w="{W}"><w:body>{p("&l9;")}</w:body></w:document>'
    assert refusal(archive({_docx.PART: xml.encode()})) == (
        "word/document.xml declares a document type (<!DOCTYPE w:document>): WordprocessingML "
        "has none, and the entities it may declare can expand without bound; not read"
    )


def test_xml_that_does_not_parse_is_refused_at_its_line_and_column():
    xml = f'<w:document xmlns:w="{W}">\n<w:body><w:p></w:body></w:document>'
    assert refusal(archive({_docx.PART: xml.encode()})) == (
        "word/document.xml is not well-formed XML: mismatched tag at line 2, column 16"
    )


def test_elements_nested_too_deep_are_refused():
    depth = _docx.MAX_DEPTH
    assert refusal(docx("<w:sdt>" * depth + "</w:sdt>" * depth)) == (
        "word/document.xml nests elements more than 500 deep: not a report's"
    )


def test_more_elements_than_a_reports_are_refused(monkeypatch):
    monkeypatch.setattr(_docx, "MAX_ELEMENTS", 100)
    assert refusal(docx(p("甲") * 40)) == (
        "word/document.xml holds more than 100 elements: not a report's"
    )


def test_a_part_that_is_not_a_word_document_is_refused():
    assert refusal(archive({_docx.PART: b"<html><body/></html>"})) == (
        "word/document.xml holds html, not a WordprocessingML document (w:document)"
    )


def test_a_table_too_wide_to_be_a_reports_is_refused():
    assert refusal(docx(tbl(tr(tc("x", span=999), before=999) * 60))) == (
        "docx table 1 spans more than 100,000 cells by its row 51: not a report's table"
    )


def damage(data: st.DataObject, whole: bytes) -> bytes:
    """``whole`` cut short (or not) and with a few bytes changed."""
    cut = data.draw(st.one_of(st.just(len(whole)), st.integers(4, len(whole))), label="cut")
    damaged = bytearray(whole[:cut])
    for _ in range(data.draw(st.integers(0, 8), label="flips")):
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] = data.draw(st.integers(0, 255))
    return bytes(damaged)


FILLED_XML = zipfile.ZipFile(io.BytesIO(FILLED)).read(_docx.PART)


@given(st.data())
def test_a_damaged_word_file_reads_or_is_refused_with_a_govinfo_error(data):
    with contextlib.suppress(GovInfoError):
        read(damage(data, FILLED), kind="docx")


@given(st.data())
def test_a_damaged_main_part_reads_or_is_refused_with_a_govinfo_error(data):
    with contextlib.suppress(GovInfoError):
        read(archive({_docx.PART: damage(data, FILLED_XML)}), kind="docx")


@given(st.binary(max_size=2000))
def test_any_main_part_reads_or_is_refused_with_a_govinfo_error(part):
    with contextlib.suppress(GovInfoError):
        read(archive({_docx.PART: part}), kind="docx")
