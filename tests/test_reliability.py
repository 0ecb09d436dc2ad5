"""Hostile inputs cost time and memory in proportion to their size: regression tests for what
fuzzing found, counted in operations, never timed (the machine is shared and noisy)."""

from __future__ import annotations

import pathlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo.errors import TextSyntaxError, caret_excerpt
from govinfo.formats import _labels
from govinfo.formats._document import TextDocument

TEXT = pathlib.Path(govinfo.example_path(".txt")).read_text(encoding="utf-8")
HEADING = "三、收到和处理政府信息公开申请情况\n"


def with_stray_numbers(count: int, separator: str) -> str:
    head, tail = TEXT.split(HEADING, 1)
    return head + HEADING + separator.join(str(i % 10) for i in range(count)) + "\n" + tail


@pytest.mark.parametrize("separator", ["\n", " "], ids=["a line each", "one line"])
def test_numbers_before_the_first_row_label_make_one_diagnostic_however_many(separator):
    # 8,000 numbers gave 8,000 diagnostics, each recounting lines from the start and copying
    # the whole line: 27 s for 19 KB on one line.
    for count in (3, 8000):
        result = govinfo.read_text(with_stray_numbers(count, separator))
        (diagnostic,) = result.diagnostics
        assert diagnostic.message.endswith(
            f"before the row label 一、本年新收政府信息公开申请数量, found the number 0 and "
            f"{count - 1} more numbers"
        )
    with pytest.raises(TextSyntaxError, match="found the number 0 and 7999 more numbers"):
        govinfo.parse_text(with_stray_numbers(8000, separator))


def test_one_stray_number_keeps_its_message():
    result = govinfo.read_text(with_stray_numbers(1, "\n"))
    assert result.diagnostics[0].message.endswith("found the number 0")


def test_locating_finds_the_line_starts_once(monkeypatch):
    document = TextDocument("a\nbb\n\nccc", [])
    assert [document.position(at) for at in (0, 2, 3, 5, 6, 8)] == [
        (1, 1), (2, 1), (2, 2), (3, 1), (4, 1), (4, 3)
    ]  # fmt: skip
    starts = document._starts
    document.locate(7, "c")
    assert document._starts is starts  # worked out once, then searched


def test_the_folding_cache_keeps_no_huge_cell():
    # A 1 MB cell per text stayed cached: RSS 23 → 155 MiB after 32 texts.
    _labels.FOLDED.clear()
    huge = "规" * (_labels.FOLD_CACHED + 1)
    assert _labels.fold(huge) == huge
    assert huge not in _labels.FOLDED
    assert _labels.fold("规章") == "规章"
    assert list(_labels.FOLDED) == ["规章"]
    for i in range(_labels.FOLD_REMEMBERED + 10):  # and no more than so many texts
        _labels.fold(str(i))
    assert len(_labels.FOLDED) == _labels.FOLD_REMEMBERED


def _excerpt_reference(source: str, position: int, length: int = 1) -> str:
    """caret_excerpt as it was before the window: the whole line searched, then cut."""
    from govinfo.errors import EXCERPT_WIDTH, _cell_width

    start = source.rfind("\n", 0, position) + 1
    end = source.find("\n", position)
    if end == -1:
        end = len(source)
    left = right = ""
    if end - start > EXCERPT_WIDTH:
        shown = min(max(length, 1), EXCERPT_WIDTH // 2)
        cut = max(start, min(position - (EXCERPT_WIDTH - shown) // 2, end - EXCERPT_WIDTH))
        if cut > start:
            start, left = cut, "…"
        if end - start > EXCERPT_WIDTH:
            end, right = start + EXCERPT_WIDTH, "…"
    line = source[start:end]
    column = position - start
    pad = "".join(_cell_width(ch) * " " for ch in left + line[:column])
    span = line[column : column + max(length, 1)] or " "
    return f"{left}{line}{right}\n{pad}{'^' * sum(_cell_width(ch) for ch in span)}"


@given(st.data())
def test_an_excerpt_looks_only_near_its_span_and_shows_what_the_whole_line_would(data):
    # Searching the whole line for its ends made each excerpt of a 10 MB line cost 10 MB.
    pieces = data.draw(st.lists(st.sampled_from(["1", "规", "\n", "x" * 50, "\n\n"]), max_size=12))
    source = "".join(pieces) or "1"
    position = data.draw(st.integers(0, len(source) - 1))
    length = data.draw(st.integers(1, 120))
    assert caret_excerpt(source, position, length) == _excerpt_reference(source, position, length)


def test_an_error_far_into_a_huge_line_reads_only_near_it(monkeypatch):
    source = "1" * 1_000_000 + "x"
    seen = []
    real = str.rfind

    class Spy(str):
        def rfind(self, sub, start=None, end=None):  # type: ignore[override]
            seen.append((start, end))
            return real(self, sub, start, end)

    caret_excerpt(Spy(source), 1_000_000)
    (searched,) = seen
    assert searched[1] - searched[0] <= 200


class _Counting:
    """A compiled pattern that counts its searches."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def search(self, text):
        self.calls += 1
        return self.pattern.search(text)


def test_a_row_repeated_many_times_costs_searches_in_proportion(monkeypatch):
    # Table 3 with one row label and its values repeated: reading it as a PDF extractor prints
    # it looked for values inside every label across the rest of the table (15 s at 80 KB).
    row = "7.属于行政执法案卷\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n"
    first = "一、本年新收政府信息公开申请数量\n"
    head, tail = TEXT.split(first, 1)
    counts = []
    for times in (100, 400):
        counting = _Counting(_labels._HAS_DIGIT)
        monkeypatch.setattr(_labels, "_HAS_DIGIT", counting)
        govinfo.read_text(head + first + row * times + tail)
        counts.append(counting.calls)
    assert counts[1] <= 5 * counts[0]


def test_a_json_list_of_many_bad_paragraphs_describes_the_first_and_counts_the_rest():
    import json

    data = json.loads(govinfo.to_json(govinfo.load_example()))
    data["preamble"] = [1] * 100_000
    with pytest.raises(govinfo.JSONError) as caught:
        govinfo.from_json(json.dumps(data))
    problems = caught.value.problems
    assert len(problems) == 101
    assert problems[0] == (
        "$.preamble[0]",
        "expected a non-empty line of text without surrounding spaces, got 1",
    )
    assert problems[-1] == ("$.preamble", "and 99900 more bad paragraphs in this list")


def test_an_object_of_many_unknown_keys_names_the_first_and_counts_the_rest():
    import json

    data = json.loads(govinfo.to_json(govinfo.load_example()))
    data["disclosure"]["fees"] |= {f"k{i}": 0 for i in range(100_000)}
    with pytest.raises(govinfo.JSONError) as caught:
        govinfo.from_json(json.dumps(data))
    problems = caught.value.problems
    assert len(problems) == 101
    assert problems[0] == ("$.disclosure.fees.k0", "unknown field")
    assert problems[99] == ("$.disclosure.fees.k99", "unknown field")
    assert problems[-1] == ("$.disclosure.fees", "and 99900 more unknown fields in this object")


# --- what the fuzz campaign found -----------------------------------------------------------


def test_a_title_after_two_byte_order_marks_keeps_nothing_of_them():
    report = govinfo.read_text("\ufeff\ufeff某局2021年政府信息公开工作年度报告").report
    assert (report.title, report.agency) == ("某局2021年政府信息公开工作年度报告", "某局")
    bommed = govinfo.Report.empty(
        govinfo.TemplateVersion.V2021, agency="\ufeff某局", year=2021, title="\ufeff某局2021年…报告"
    )
    with pytest.raises(govinfo.TextRenderError, match="lose its leading BOM"):
        govinfo.render_text(bommed)


SURROGATE_IN_PROSE = "某局2021年政府信息公开工作年度报告\n一、总体情况\n全年\ud800无事。"


def test_a_lone_surrogate_in_report_text_is_a_located_error_and_reads_on_as_u_fffd():
    with pytest.raises(TextSyntaxError) as caught:
        govinfo.parse_text(SURROGATE_IN_PROSE)
    assert str(caught.value) == (
        "expected text, found the lone surrogate U+D800, which is not a character "
        "(line 3, column 3)\n全年\ufffd无事。\n    ^"
    )
    result = govinfo.read_text(SURROGATE_IN_PROSE)
    assert result.report.overview.intro == ("全年\ufffd无事。",)
    assert (result.errors[0].line, result.errors[0].column) == (3, 3)
    str(result.diagnostics[0]).encode("utf-8")  # printable


def test_a_year_not_in_the_title_has_its_own_place_or_none():
    from_date = govinfo.read_text(
        "一、总体情况\n全年无事。\n六、其他需要报告的事项\n某局\n2022年1月18日"
    )
    assert from_date.report.year == 2021
    assert "$.year" not in from_date.sources  # nothing printed says 2021
    warnings = [d for d in from_date.diagnostics if d.severity is govinfo.Severity.WARNING]
    # The text prints no title and no agency: a warning says so for each (issue 14).
    assert [w.message.split(":")[0].split(" such as")[0] for w in warnings] == [
        "expected a title line",
        "expected the agency's name in the title or the signature, found none",
        "the title names no report year",
    ]
    warning = warnings[2]
    assert str(warning) == (
        "warning: the title names no report year: taken as 2021, the year before the "
        "publication date 2022-01-18 (line 5, column 1)"
    )
    from_preamble = govinfo.read_text("某局政府信息公开工作年度报告\n二〇二〇年起\n2021年本局")
    assert from_preamble.report.year == 2021
    assert from_preamble.sources["$.year"].text == "2021年"


@pytest.mark.parametrize("cell", ["1 0", "1\u30000", "１ ０"])
def test_a_markdown_cell_of_digits_apart_is_no_number(cell):
    # '1 0' read as 10, and a row's '1 0 0 0 0 0 1' as 1000001, without a word.
    row = "7.属于行政执法案卷\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n"
    text = TEXT.replace(row, f"| 7.属于行政执法案卷 | {cell} | 0 | 0 | 0 | 0 | 0 | 1 |\n")
    with pytest.raises(TextSyntaxError, match="expected one number in the column 自然人"):
        govinfo.parse_text(text)
    result = govinfo.read_text(text)
    assert result.report.requests["withheld_enforcement_files", "natural_person"] is govinfo.UNREAD
    assert result.report.requests["withheld_enforcement_files", "total"] == 1


# --- found by the long fuzz campaign (benchmarks/fuzz_campaign.py, 2026-12-01) ---------------


def test_a_lone_surrogate_in_a_table_cell_makes_it_unread_not_a_placeholder():
    # read_text reads a lone surrogate as U+FFFD, with an error; the cell it stands in was a
    # placeholder "\ufffd", printed nowhere.
    lines = TEXT.split("\n")
    row = lines.index("8.属于行政查询事项")
    value = next(i for i in range(row + 1, len(lines)) if lines[i])
    lines[value] = "\ud800"
    result = govinfo.read_text("\n".join(lines))
    assert result.report.requests.row("withheld_query_matters")["natural_person"] is govinfo.UNREAD
    assert any("unreadable character" in e.message for e in result.errors)


def test_prose_after_table_four_is_never_its_values():
    # With 五's heading and table 4's numbers lost, the 15 cells after table 4's header were
    # prose lines and 五's heading, read as placeholders: render_text then wrote a report that
    # does not read back.
    start = TEXT.index("四、政府信息公开行政复议、行政诉讼情况")
    header_end = TEXT.index("总计", TEXT.index("复议后起诉", start))
    numbers_end = TEXT.index("五、存在的主要问题及改进情况")
    prose = "\n\n".join(["全年无行政复议和行政诉讼案件发生情况说明"] * 15)
    text = TEXT[: header_end + 2] + "\n\n" + prose + "\n\n" + TEXT[numbers_end:]
    result = govinfo.read_text(text)
    assert result.report.review_litigation.cells == ((govinfo.UNREAD,) * 5,) * 3
    assert any("after its header, found the text" in e.message for e in result.errors)


# --- the campaign of this version (on commit 9da1596) -----------------------------------------


def test_a_long_run_of_digits_in_prose_is_checked_in_linear_time():
    # 7. Three runs of 5,000 digits without a unit took the prose check past 10 s: the number
    # pattern was tried at every digit of each run. Now a number starts where its run starts.
    import time

    from govinfo.checks import _prose

    text = ("受理" + "9" * 20_000 + "又" + "一" * 20_000 + "年" + "9" * 20_000 + ".5件") * 3
    started = time.process_time()
    found = [m.group() for m in _prose._NUMBER.finditer(text)]
    assert time.process_time() - started < 0.5
    assert found == ["9" * 20_000 + ".5件"] * 3
    report = govinfo.load_example()
    import attrs

    long = attrs.evolve(
        report, overview=attrs.evolve(report.overview, intro=(text, *report.overview.intro))
    )
    started = time.process_time()
    govinfo.check(long)
    assert time.process_time() - started < 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("受理2件,办结3件", ["2件", "3件"]),
        ("共1,234,567件", ["1,234,567件"]),
        ("12.5万元", ["12.5万元"]),
        ("一千二百件", ["一千二百件"]),
        ("1234,567件", []),  # a malformed group of thousands gives no number, not its tail
    ],
)
def test_numbers_in_prose_are_found_where_their_runs_start(text, expected):
    from govinfo.checks import _prose

    assert [m.group() for m in _prose._NUMBER.finditer(text)] == expected


def test_check_never_raises_for_a_publication_date_of_a_year_before_1000():
    # 8. A date 0021-01-18 (a year read as 21) made check() raise InvalidDate while writing
    # its evidence: now it is shown as ISO, and found early.
    import datetime

    import attrs

    report = attrs.evolve(govinfo.load_example(), publication_date=datetime.date(21, 1, 18))
    (early,) = [f for f in govinfo.check(report) if f.code == "date.early"]
    assert early.evidence[0].text == "0021-01-18"


def test_render_text_refuses_a_title_the_reader_would_not_take_for_the_title():
    # 9. A flipped bit made the title "…工作年度\t62a5告": render_text wrote it, and parse_text
    # took the next line, which ended with 报告, for the title. Now the writer refuses a title
    # that does not read back as one (the reader's own test of a title).
    import attrs

    report = attrs.evolve(
        govinfo.load_example(), title="温州市公安局鹿城区分局2021年政府信息公开工作年度\t62a5告"
    )
    with pytest.raises(govinfo.errors.TextRenderError, match="must end with 报告"):
        govinfo.render_text(report)


# --- what the campaign of all front-ends found ----------------------------------------------

_JINJING = pathlib.Path(__file__).parent / "fixtures" / "web" / "pingtan-jinjing-area-2019"


def test_render_text_refuses_a_title_the_reader_would_drop_as_page_chrome():
    # 10. A crawler's page, edited, read with its 标题 field "页面链接与图片详见 lin64_…年度报告":
    # render_text wrote that title first, and parse_text dropped it (a crawler's line, page
    # chrome) with the lines after it up to the next title-like one: four paragraphs lost.
    import attrs

    text = (_JINJING / "page.txt").read_text(encoding="utf-8")
    edits = [("repeat", 280, 91), ("delete", 172, 30), ("repeat", 232, 139)]
    edits += [("insert", 1295, "0"), ("repeat", 501, 91), ("repeat", 2135, 176)]
    for how, at, what in edits:
        if how == "repeat":
            text = text[:at] + text[at : at + what] * 2 + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + what :]
        else:
            text = text[:at] + what + text[at:]
    report = govinfo.read(text.encode()).report
    assert report.title.startswith("页面链接与图片详见")
    with pytest.raises(govinfo.errors.TextRenderError, match="page chrome"):
        govinfo.render_text(report)
    example = govinfo.load_example()  # the same lines in a report's preamble read back
    lines = attrs.evolve(example, preamble=(report.title, *example.preamble))
    assert govinfo.parse_text(govinfo.render_text(lines)) == lines


def test_render_text_refuses_a_last_paragraph_the_reader_would_drop_as_furniture():
    import attrs

    example = govinfo.load_example()
    report = attrs.evolve(example, trailer=(*example.trailer, "打印本页"))
    with pytest.raises(govinfo.errors.TextRenderError, match="furniture"):
        govinfo.render_text(report)


def test_a_pdf_that_fails_as_it_is_closed_still_answers(monkeypatch: pytest.MonkeyPatch):
    # 11. Two damaged PDFs raised pdfminer's own exception from closing the file (closing
    # reads the page tree the reading had not reached): not a GovInfoError. The answer of the
    # reading now stands, whatever closing says.
    pdfplumber = pytest.importorskip("pdfplumber")
    from pdfminer.pdfparser import PDFSyntaxError

    def close(self: object) -> None:
        raise PDFSyntaxError("Invalid dictionary construct")

    monkeypatch.setattr(pdfplumber.PDF, "close", close)
    folder = pathlib.Path(__file__).parent / "fixtures" / "pdf"
    result = govinfo.read(folder / "huaian-hongze-district-2024.pdf")
    assert result.report.requests.spec.key == "requests"
    with pytest.raises(govinfo.GovInfoError):
        govinfo.read((folder / "huaian-hongze-district-2024.pdf").read_bytes()[:5000])
