"""The front door: govinfo.read / parse / read_all on files, the sources of every value, and a
second front-end that plugs into the same assembler."""

from __future__ import annotations

import codecs
import csv
import io
import pathlib
import pickle
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo.diagnostics import Severity
from govinfo.errors import ReadError, SeveralReports, TextSyntaxError, UnsupportedInput
from govinfo.formats import Kind, read, read_all
from govinfo.formats._assemble import assemble
from govinfo.formats._document import Cell, CellDocument, Paragraph
from govinfo.formats._textlex import uniform
from govinfo.formats.text import BLANK_MARK
from govinfo.model import Blank, Placeholder
from govinfo.sources import CellSource, TextSource
from govinfo.template import SECTIONS
from govinfo.zh.amounts import Unit, parse_amount

EXAMPLE = govinfo.load_example()
TEXT = pathlib.Path(govinfo.example_path(".txt")).read_text(encoding="utf-8")
# GBK has no no-break space; the reference text has some only at line ends, where they are
# whitespace either way.
GBK_TEXT = TEXT.replace("\xa0", " ")


# --- bytes, paths, file objects, encodings -------------------------------------------------

ENCODED = {
    "utf-8": (TEXT.encode("utf-8"), "utf-8"),
    "utf-8 with BOM": (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    "utf-16 with BOM": (TEXT.encode("utf-16"), "utf-16"),
    "gbk": (GBK_TEXT.encode("gbk"), "gb18030"),
}


@pytest.mark.parametrize("name", ENCODED)
def test_the_reference_report_reads_the_same_in_every_encoding(name):
    data, encoding = ENCODED[name]
    result = read(data)
    assert result.report == EXAMPLE
    assert (result.input.kind, result.input.encoding) == (Kind.TEXT, encoding)
    assert result.input.reason
    assert govinfo.parse(data) == EXAMPLE


def test_gbk_with_a_declared_charset_records_the_declaration():
    # A text whose preamble declares its charset, as a page saved from a browser may.
    title, rest = GBK_TEXT.split("\n", 1)
    text = f'{title}\n<meta charset="gbk">\n{rest}'
    result = read(text.encode("gbk"), kind="text")
    assert result.input.encoding == "gb18030"
    assert "gbk" in result.input.reason
    assert result.report.preamble[0] == '<meta charset="gbk">'
    assert result.report.requests == EXAMPLE.requests


def test_a_path_and_a_file_object_read_as_the_bytes(tmp_path):
    path = tmp_path / "lucheng.txt"
    path.write_bytes(GBK_TEXT.encode("gbk"))
    by_path = read(path)
    assert by_path.report == EXAMPLE
    assert by_path.input.name == str(path)
    with path.open("rb") as f:
        by_file = read(f)
    assert by_file.report == EXAMPLE
    assert by_file.input.name == str(path)
    assert read(io.BytesIO(TEXT.encode("utf-8"))).input.name is None


def test_json_goes_through_the_same_door(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(govinfo.to_json(EXAMPLE), encoding="utf-8")
    result = read(path)
    assert (result.report, result.input.kind, result.diagnostics) == (EXAMPLE, Kind.JSON, ())


def test_operating_system_problems_stay_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        read(tmp_path / "missing.txt")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("report.txt", "read() takes bytes, a path or a binary file, not a str"),
        (12, "expected bytes, a path or a binary file object, got int"),
        (io.StringIO("x"), "expected a binary file (opened with 'rb'), got one that reads str"),
    ],
)
def test_what_is_not_an_input_is_a_clear_error(source, message):
    with pytest.raises(ReadError) as caught:
        read(source)
    assert str(caught.value).startswith(message)


def test_a_pdf_without_the_extra_is_refused_and_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(UnsupportedInput) as caught:
        read(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert str(caught.value) == (
        "reading PDF needs pdfplumber, which the core of govinfo does not install: "
        "pip install 'govinfo-cn[pdf]'"
    )


def test_kind_overrides_the_content():
    with pytest.raises(ReadError, match="unknown kind 'excel'"):
        read(TEXT.encode(), kind="excel")


# --- several reports in one file -----------------------------------------------------------

SECOND = TEXT.replace("温州市公安局鹿城区分局", "温州市公安局瓯海区分局")


def test_two_reports_in_one_file_are_an_error_naming_where_each_begins():
    data = (TEXT + "\n" + SECOND).encode()
    with pytest.raises(SeveralReports) as caught:
        read(data)
    second_line = TEXT.count("\n") + 2
    assert [s.line for s in caught.value.starts] == [1, second_line]
    assert str(caught.value) == (
        f"expected one report, found 2, beginning at: line 1, column 1; line {second_line}, "
        "column 1; read them with govinfo.read_all"
    )


def test_read_all_reads_each_report():
    first, second = read_all((TEXT + "\n" + SECOND).encode())
    assert first.report == EXAMPLE
    assert second.report == govinfo.parse_text(SECOND)
    assert second.sources["$.agency"].line == TEXT.count("\n") + 2
    assert [r.report for r in read_all(TEXT.encode())] == [EXAMPLE]


# --- sources -------------------------------------------------------------------------------


def paragraph_paths(report):
    sections = {
        "preamble": report.preamble,
        "overview.intro": report.overview.intro,
        "problems": report.problems,
        "other_matters": report.other_matters,
        "trailer": report.trailer,
    }
    for name, paragraphs in sections.items():
        yield from (f"$.{name}[{i}]" for i in range(len(paragraphs)))
    for i, part in enumerate(report.overview.parts):
        yield from (f"$.overview.parts[{i}][{j}]" for j in range(len(part)))


def cell_paths(report):
    for path, grid in report.grids():
        for row, column, _ in grid.items():
            yield f"{path}.{row.key}.{column.key}"


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        govinfo.render_text(EXAMPLE),
        "\ufeff" + TEXT.replace("\n", "\r\n"),  # a BOM and CRLF: positions in the uniform text
    ],
    ids=["published", "canonical", "bom-crlf"],
)
def test_every_value_has_a_source_and_slicing_the_input_there_gives_its_text(text):
    result = read(text.encode("utf-8"))
    sources = result.sources
    report = result.report
    wanted = [*cell_paths(report), *paragraph_paths(report)]
    wanted += ["$.title", "$.agency", "$.year", "$.publication_date"]
    assert set(wanted) <= set(sources)
    lines = uniform(text).split("\n")
    for path in wanted:
        source = sources[path]
        assert isinstance(source, TextSource), path
        line = lines[source.line - 1]
        assert line[source.column - 1 : source.column - 1 + len(source.text)] == source.text, path
        assert source.text, path


def test_a_source_is_the_printed_text_of_its_value():
    sources = read(TEXT.encode()).sources
    assert sources["$.agency"].text == "温州市公安局鹿城区分局"
    assert sources["$.year"].text == "2021年"
    assert sources["$.publication_date"].text == "2021年1月18日"
    assert sources["$.disclosure.fees.administrative_fees.amount"].text == "299.8145万元"
    assert sources["$.overview.intro[0]"].text == EXAMPLE.overview.intro[0]


def test_an_unread_row_points_at_its_label():
    text = TEXT.replace("\n7.属于行政执法案卷\n\n1\n", "\n7.属于行政执法案卷\n\n2021\n\n1\n")
    result = read(text.encode())
    assert result.unread == tuple(
        f"$.requests.withheld_enforcement_files.{c.key}" for c in EXAMPLE.requests.spec.columns
    )
    assert not result.ok
    assert [d.severity for d in result.diagnostics] == [Severity.ERROR]
    source = result.sources["$.requests.withheld_enforcement_files.total"]
    assert (source.line, source.text) == (274, "7.属于行政执法案卷")


def test_strict_reading_raises_at_the_first_error_and_lenient_reading_reads_on():
    text = TEXT.replace("\n4039\n", "\n40.39\n")
    with pytest.raises(TextSyntaxError, match="expected a whole number"):
        read(text.encode(), strict=True)
    result = read(text.encode())
    assert result.report.disclosure["licensing"]["administrative_licensing", "decisions"] is (
        govinfo.UNREAD
    )
    assert result.sources["$.disclosure.licensing.administrative_licensing.decisions"].text == (
        "40.39"
    )


def test_sources_stay_out_of_the_report():
    first = read(TEXT.encode())
    moved = read(("\n\n" + TEXT).encode())
    assert first.report == moved.report
    assert first == moved  # the same report and the same diagnostics
    assert first.sources["$.title"] != moved.sources["$.title"]


# --- a second front-end through the same assembler -----------------------------------------


def csv_document(text: str) -> CellDocument:
    """A tiny front-end written only for this test: CSV, a paragraph per row, a cell per
    field."""
    paragraphs, places = [], []
    for r, row in enumerate(csv.reader(io.StringIO(text)), 1):
        cells = []
        for c, field in enumerate(row, 1):
            cells.append(Cell(field.strip(), len(places), explicit=True))
            places.append((1, r, c))
        content = " ".join(f.strip() for f in row).strip()
        if content:
            paragraphs.append(Paragraph(content, cells[0].at, cells))
    return CellDocument("csv", paragraphs, places)


def report_as_csv(report) -> str:
    """Headings and prose one field a row; each table row label and its values one row."""
    spec = report.template if hasattr(report, "template") else govinfo.template(report.version)
    out = io.StringIO()
    writer = csv.writer(out)
    prose = [report.title, *report.preamble, SECTIONS[0].heading, *report.overview.paragraphs()]
    writer.writerows([p] for p in prose)
    writer.writerow([SECTIONS[1].heading])
    for block in report.disclosure:
        writer.writerow([block.spec.caption])
        writer.writerow(block.spec.header)
        for (row, groups), values in zip(block.spec.groups(), block.cells, strict=True):
            writer.writerows([g] for g in groups)
            writer.writerow([row.label, *map(str, values)])
    writer.writerow([SECTIONS[2].heading])
    writer.writerow(spec.requests.header)
    for (row, groups), values in zip(
        report.requests.spec.groups(), report.requests.cells, strict=True
    ):
        writer.writerows([g] for g in groups)
        writer.writerow([row.label, *map(str, values)])
    writer.writerow([SECTIONS[3].heading])
    writer.writerow(spec.review_litigation.header)
    for values in report.review_litigation.cells:
        writer.writerow([str(v) for v in values])
    writer.writerows([p] for p in [SECTIONS[4].heading, *report.problems])
    writer.writerows([p] for p in [SECTIONS[5].heading, *report.other_matters, *report.trailer])
    return out.getvalue()


def test_a_second_front_end_reads_the_reference_report_through_the_same_assembler():
    text = report_as_csv(EXAMPLE)
    report, diagnostics, places = assemble(csv_document(text), strict=True)
    assert report == EXAMPLE
    assert diagnostics == ()
    source = places.sources(report)["$.requests.withheld_enforcement_files.natural_person"]
    assert isinstance(source, CellSource)
    assert (source.kind, source.column, source.text) == ("csv", 2, "1")
    row = next(csv.reader(io.StringIO(text.splitlines()[source.row - 1])))
    assert row[0] == "7.属于行政执法案卷"


def test_the_second_front_end_locates_its_errors_in_its_own_terms():
    text = report_as_csv(EXAMPLE).replace("7.属于行政执法案卷,1,", "7.属于行政执法案卷,1,9,")
    with pytest.raises(ReadError) as caught:
        assemble(csv_document(text), strict=True)
    assert "expected 7 values for the row 7.属于行政执法案卷 (csv table 1, row" in str(caught.value)
    report, diagnostics, _ = assemble(csv_document(text), strict=False)
    assert report.requests["withheld_enforcement_files", "natural_person"] is govinfo.UNREAD
    assert str(diagnostics[0].source).startswith("csv table 1, row ")


# --- never silently wrong, whatever the damage ----------------------------------------------

_LINES = TEXT.split("\n")


@st.composite
def damaged(draw):
    """The reference text with a few lines deleted, repeated, swapped or stray numbers added."""
    lines = list(_LINES)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "swap", "number", "blank"]))
        if action == "delete":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif action == "number":
            lines.insert(at, str(draw(st.integers(0, 99))))
        elif action == "blank":
            lines.insert(at, BLANK_MARK)
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(damaged())
def test_every_value_read_from_damaged_text_is_what_is_printed_at_its_source(text):
    try:
        result = read(text.encode())
    except (TextSyntaxError, SeveralReports):
        return  # nothing to build a report from (its year was deleted) or two runs of headings
    sources = result.sources
    for path, grid in result.report.grids():
        for row, column, cell in grid.items():
            source = sources[f"{path}.{row.key}.{column.key}"]
            printed = source.text
            if isinstance(cell, Blank):
                assert printed in ("", BLANK_MARK)
            elif type(cell) is int:
                assert int(printed.replace(",", "").lstrip("+")) == cell
            elif isinstance(cell, Decimal):
                assert parse_amount(printed, default_unit=Unit.WAN_YUAN).value == cell
            elif isinstance(cell, Placeholder):
                assert printed == cell.text
    # Whatever could not be read is said: an unread cell comes with an error.
    assert bool(result.unread) <= bool(result.errors)


def test_a_reading_survives_pickle():
    result = read(TEXT.encode())
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    assert again.sources == result.sources
    assert again.input == result.input
