"""Text layouts real reports come in, and metadata that is right or flagged: each case built
from the reference report, each giving the reference's tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import govinfo
from govinfo import Severity
from govinfo.sources import TextSource
from govinfo.template import SECTIONS

TEXT = Path(govinfo.example_path(".txt")).read_text(encoding="utf-8")
EXAMPLE = govinfo.load_example()
TITLE = TEXT.split("\n", 1)[0]


def same_tables(report: govinfo.Report) -> bool:
    return (
        report.disclosure == EXAMPLE.disclosure
        and report.requests == EXAMPLE.requests
        and report.review_litigation == EXAMPLE.review_litigation
    )


def messages(result: govinfo.ReadResult, severity: Severity) -> list[str]:
    return [d.message for d in result.diagnostics if d.severity is severity]


# --- numbers in Chinese numerals ---------------------------------------------------------

TOTAL_ROW = "一、本年新收政府信息公开申请数量\n\n3\n\n0\n\n0\n\n0\n\n0\n\n0\n\n3\n"


@pytest.mark.parametrize(("printed", "number"), [("三", 3), ("〇", 0), ("零", 0)])
def test_a_count_in_chinese_numerals_is_that_number_with_a_note(printed, number):
    assert TOTAL_ROW in TEXT
    row = TOTAL_ROW.replace("\n3\n", f"\n{printed}\n", 1).replace("\n0\n", f"\n{printed}\n", 1)
    result = govinfo.read_text(TEXT.replace(TOTAL_ROW, row, 1))
    values = result.report.requests.cells[0]
    assert values[:2] == (number, number)
    notes = messages(result, Severity.NOTE)
    assert len(notes) == 2
    assert f"read the number {printed}" in notes[0]
    assert f"as {number}" in notes[0]
    assert not result.errors


def test_large_chinese_numerals_and_what_is_no_number():
    row = TOTAL_ROW.replace("\n3\n", "\n一百零五\n", 1).replace("\n0\n", "\n两千\n", 1)
    row = row.replace("\n0\n", "\n无\n", 1).replace("\n0\n", "\n不适用\n", 1)
    row = row.replace("\n0\n", "\n/\n", 1)
    report = govinfo.read_text(TEXT.replace(TOTAL_ROW, row, 1)).report
    values = report.requests.cells[0]
    assert values[:2] == (105, 2000)
    assert [v.text for v in values[2:5]] == ["无", "不适用", "/"]  # placeholders, verbatim


def test_a_chinese_numeral_that_is_no_whole_number_is_an_error():
    row = TOTAL_ROW.replace("\n3\n", "\n三点五\n", 1)
    result = govinfo.read_text(TEXT.replace(TOTAL_ROW, row, 1))
    assert result.report.requests.cells[0][0] is govinfo.UNREAD
    assert "三点五" in result.errors[0].message


# --- headings -------------------------------------------------------------------------------

HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def test_a_heading_variant_declared_with_the_template():
    text = TEXT.replace(HEADINGS[3], "四、政府信息公开行政复议与行政诉讼情况", 1)
    result = govinfo.read_text(text)
    assert result.diagnostics == govinfo.read_text(TEXT).diagnostics
    assert same_tables(result.report)


def test_sections_numbered_one_off_are_found_with_a_warning():
    text = TEXT.replace(HEADINGS[0], "总体情况", 1)
    for k in range(1, 6):
        text = text.replace(HEADINGS[k], HEADINGS[k - 1][0] + HEADINGS[k][1:], 1)
    result = govinfo.read_text(text)
    assert same_tables(result.report)
    assert result.report.overview == EXAMPLE.overview
    warnings = messages(result, Severity.WARNING)
    assert warnings[0] == "the heading 一、总体情况 is printed not numbered: 总体情况"
    assert all("numbered as the section before it" in w for w in warnings[1:6])
    assert not result.errors


def test_a_heading_with_a_note_and_a_misprinted_heading():
    text = TEXT.replace(HEADINGS[1], HEADINGS[1] + "（有关情况附表）", 1)
    text = text.replace(HEADINGS[3], "四、政府信息公开行政法复议、行政诉讼情况", 1)
    result = govinfo.read_text(text)
    assert same_tables(result.report)
    [warning] = messages(result, Severity.WARNING)
    assert "is printed as 四、政府信息公开行政法复议、行政诉讼情况" in warning


# --- metadata behind page chrome -----------------------------------------------------------

CRAWLER = (
    f"标题: {TITLE}\n发布时间: 2022-01-20 09:30\n文号: \n发布机构: 区公安分局\n"
    "原文链接: https://example.gov.cn/a.htm\n==================== 正文 ====================\n"
)


@pytest.mark.parametrize(
    "prefix",
    [
        CRAWLER,
        "当前位置：首页 > 政务公开 > 政府信息公开年报\n",
        "您的位置: 首页 >> 信息公开\n\n",
    ],
    ids=["crawler header", "breadcrumb", "breadcrumb with a blank line"],
)
def test_page_chrome_before_the_title_is_not_prose(prefix):
    result = govinfo.read_text(prefix + TEXT)
    expected = govinfo.read_text(TEXT)
    assert result.report == expected.report
    assert result.diagnostics == expected.diagnostics
    source = result.sources["$.title"]
    assert isinstance(source, TextSource)
    assert source.line == prefix.count("\n") + 1


def test_the_crawlers_title_and_date_stand_in_for_what_the_report_does_not_print():
    body = TEXT.split("\n", 4)[4]  # no title line (nor the (图解) line, a title too)
    report_lines = body.rsplit("2021年1月18日", 1)
    assert len(report_lines) == 2
    undated = report_lines[0] + report_lines[1]
    result = govinfo.read_text(CRAWLER.replace(TITLE, TITLE) + undated)
    assert result.report.title == TITLE
    assert result.report.agency == "温州市公安局鹿城区分局"
    assert str(result.report.publication_date) == "2022-01-20"
    assert result.sources["$.title"].line == 1
    assert result.sources["$.publication_date"].line == 2
    assert result.sources["$.publication_date"].text == "2022-01-20"


def test_a_sentence_before_the_title_is_never_the_agency():
    sentence = (
        "根据《中华人民共和国政府信息公开条例》，现将我办2021年度政府信息公开工作报告如下。\n"
    )
    result = govinfo.read_text(sentence + TEXT)
    assert result.report.agency == EXAMPLE.agency
    assert result.report.title == EXAMPLE.title
    [warning] = messages(result, Severity.WARNING)
    assert warning.startswith("expected the title first, found 根据")


@pytest.mark.parametrize(
    "title",
    [
        "关于2021年政府信息公开工作年度报告",
        "<p>2021年政府信息公开工作年度报告",
        "2021年政府信息公开工作年度报告",
    ],
)
def test_a_title_that_names_no_agency_takes_the_signatures_or_none(title):
    text = TEXT.replace(TITLE, title, 1)
    result = govinfo.read_text(text)
    assert result.report.agency == "温州市公安局鹿城区分局"  # the signature names it
    assert same_tables(result.report)
    unsigned = govinfo.read_text(text.replace("\n温州市公安局鹿城区分局\n\n2021年1月18日", "\n", 1))
    assert unsigned.report.agency == ""
    assert any("the agency is left empty" in w for w in messages(unsigned, Severity.WARNING))
    if not title.startswith("2021"):
        assert any("not taken as the agency" in w for w in messages(unsigned, Severity.WARNING))


def test_no_title_at_all_is_a_warning_and_an_empty_title():
    body = TEXT.split("\n", 4)[4]  # without the title and the (图解) line
    result = govinfo.read_text("根据条例，现报告如下。\n" + body)
    assert result.report.title == ""
    assert any(w.startswith("expected a title line") for w in messages(result, Severity.WARNING))
    assert same_tables(result.report)


def test_page_furniture_after_the_report_is_not_its_trailer():
    result = govinfo.read_text(
        TEXT.rstrip("\n") + "\n附件下载\n【打印本页】 【关闭窗口】\n分享到：\n"
    )
    assert result.report == govinfo.read_text(TEXT).report


# --- pipe rows -----------------------------------------------------------------------------


def rows_of(report: govinfo.Report) -> list[list[str]]:
    """The reference report as rows of cells: headings and prose a cell each, each table row
    its label and its values (the way the pipe layouts print it)."""
    spec = report.template
    out: list[list[str]] = [[report.title], *([p] for p in report.preamble)]
    out += [[SECTIONS[0].heading], *([p] for p in report.overview.paragraphs())]
    out.append([SECTIONS[1].heading])
    for block in report.disclosure:
        out += [[block.spec.caption], list(block.spec.header)]
        for (row, groups), values in zip(block.spec.groups(), block.cells, strict=True):
            out += [[g] for g in groups]
            out.append([row.label, *map(str, values)])
    out += [[SECTIONS[2].heading], list(spec.requests.header)]
    for (row, groups), values in zip(
        report.requests.spec.groups(), report.requests.cells, strict=True
    ):
        out += [[g] for g in groups]
        out.append([row.label, *map(str, values)])
    out += [[SECTIONS[3].heading], list(spec.review_litigation.header)]
    out += [[str(v) for v in values] for values in report.review_litigation.cells]
    out += [[SECTIONS[4].heading], *([p] for p in report.problems)]
    out += [[SECTIONS[5].heading], *([p] for p in report.other_matters)]
    out += [[p] for p in report.trailer]
    return out


def test_pipe_rows_without_a_leading_bar():
    lines = [" | ".join(row) + (" |" if len(row) > 1 else "") for row in rows_of(EXAMPLE)]
    result = govinfo.read_text("\n".join(lines) + "\n")
    assert same_tables(result.report)
    assert not result.errors


def test_one_cell_a_line_each_ending_with_a_bar_and_rows_ending_with_bars():
    lines = []
    for row in rows_of(EXAMPLE):
        if len(row) == 1:
            lines.append(row[0])
        else:
            lines += [f"{cell} |" for cell in row] + ["| |||||||||"]
    result = govinfo.read_text("\n".join(lines) + "\n")
    assert same_tables(result.report)
    assert not result.errors


def test_an_empty_cell_between_bars_is_a_blank():
    text = TEXT.replace(
        TOTAL_ROW, "一、本年新收政府信息公开申请数量 | 3 | | 0 | 0 | 0 | 0 | 3 |\n", 1
    )
    values = govinfo.read_text(text).report.requests.cells[0]
    assert values[1] is govinfo.BLANK
    assert values[0] == 3


# --- misprinted row labels -----------------------------------------------------------------

REQUEST_LABELS = [row.label for row in EXAMPLE.requests.spec.rows]
# Ten labels of table 3 as the reference prints them (not its first: see docs/text.md).
TEN = [label for label in REQUEST_LABELS[1:] if len(label) >= 8 and f"\n{label}\n" in TEXT][:10]


def misprinted(label: str, printed: str) -> govinfo.ReadResult:
    assert f"\n{label}\n" in TEXT
    return govinfo.read_text(TEXT.replace(f"\n{label}\n", f"\n{printed}\n", 1))


@pytest.mark.parametrize("label", TEN)
def test_a_misprint_within_the_bound_is_read_and_reported(label):
    printed = label[:5] + label[6:]  # a character dropped
    result = misprinted(label, printed)
    assert result.report.requests == EXAMPLE.requests
    [warning] = messages(result, Severity.WARNING)
    assert (
        warning == f"the row label {label} is printed as {printed}: read as that label, misprinted"
    )


def test_ten_labels_are_tried():
    assert len(TEN) == 10


def test_the_hongze_misprint():
    result = misprinted("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    assert result.report.requests == EXAMPLE.requests
    assert "printed as 2.其他法律行政止公开" in messages(result, Severity.WARNING)[0]


def test_a_misprint_beyond_the_bound_is_not_read():
    result = misprinted("2.其他法律行政法规禁止公开", "2.其他法律公开")
    assert result.errors
    assert not messages(result, Severity.WARNING)
    row = REQUEST_LABELS.index("2.其他法律行政法规禁止公开")
    assert govinfo.UNREAD in result.report.requests.cells[row]


def test_a_label_as_close_to_two_labels_is_an_error_naming_both():
    result = misprinted("二、上年结转政府信息公开申请数量", "二、本年新收政府信息公开申请数量")
    assert not messages(result, Severity.WARNING)
    error = next(e for e in result.errors if "as close to" in e.message)
    assert "二、上年结转政府信息公开申请数量" in error.message
    assert "一、本年新收政府信息公开申请数量" in error.message


# --- values printed before their row label (vertically centred cells) -----------------------

SECRET = "1.属于国家秘密\n\n" + "0\n\n" * 7
SEVEN = "0\n\n" * 7


def test_values_before_their_label_are_that_rows_when_the_assignment_is_unique():
    assert SECRET in TEXT
    text = TEXT.replace(SECRET, SEVEN + "1.属于国家秘密\n\n", 1)
    result = govinfo.read_text(text)
    assert result.report.requests == EXAMPLE.requests
    [note] = messages(result, Severity.NOTE)
    assert note.startswith("the values 0 0 0 0 0 0 0 printed before the row label 1.属于国家秘密")
    assert not result.errors


def test_values_that_no_unique_assignment_places_stay_unread():
    # A run before 1.属于国家秘密 and its own run after it: one run too many for the table.
    text = TEXT.replace(SECRET, SEVEN + SECRET, 1)
    result = govinfo.read_text(text)
    assert [e.message for e in result.errors] == [
        "expected a row label after the group label (三)不予公开, found 0"
    ]
    assert not messages(result, Severity.NOTE)
    # A run moved before its label, and another row's run dropped: a label left without.
    dropped = TEXT.replace(SECRET, SEVEN + "1.属于国家秘密\n\n", 1).replace(
        "2.重复申请\n\n" + "0\n\n" * 7, "2.重复申请\n\n", 1
    )
    assert "2.重复申请\n\n" + "0\n\n" * 7 in TEXT
    result = govinfo.read_text(dropped)
    assert result.errors
    assert not messages(result, Severity.NOTE)


# --- one cell a line without blank lines between: an empty line is an empty cell ------------


def test_empty_lines_are_empty_cells_where_no_blank_line_separates_cells():
    dense = re.sub(r"\n\n+", "\n", TEXT)
    assert same_tables(govinfo.read_text(dense).report)
    row = "一、本年新收政府信息公开申请数量\n3\n0\n0\n0\n0\n0\n3\n"
    assert row in dense
    result = govinfo.read_text(dense.replace(row, row.replace("\n3\n0\n", "\n3\n\n", 1), 1))
    assert result.report.requests.cells[0] == (3, govinfo.BLANK, 0, 0, 0, 0, 3)
    assert not result.errors


def test_in_the_official_layout_an_empty_line_only_separates():
    doubled = TEXT.replace("\n\n", "\n\n\n")  # blank lines doubled: still separators
    assert same_tables(govinfo.read_text(doubled).report)


def test_where_blank_lines_are_as_many_as_direct_ones_they_separate_and_short_rows_stay_unread():
    # Table 3 with every other pair of its one-cell lines separated by a blank line: not the
    # layout without blank lines, so an empty line there is no cell.
    start = TEXT.index("三、收到和处理政府信息公开申请情况")
    end = TEXT.index("四、政府信息公开行政复议、行政诉讼情况")
    lines = [line for line in TEXT[start:end].split("\n") if line][1:]
    mixed = "\n".join(line + ("\n" if i % 2 else "") for i, line in enumerate(lines))
    text = TEXT[:start] + "三、收到和处理政府信息公开申请情况\n" + mixed + "\n\n" + TEXT[end:]
    assert same_tables(govinfo.read_text(text).report)
    first = "一、本年新收政府信息公开申请数量"
    at = text.index(first)
    row_end = text.index("二、上年结转", at)
    row = text[at:row_end]
    emptied = row.replace("\n0\n", "\n\n", 1)  # a value line left empty
    assert emptied != row
    result = govinfo.read_text(text[:at] + emptied + text[row_end:])
    assert result.report.requests.cells[0] == (govinfo.UNREAD,) * 7
    assert (
        "expected 7 values for the row 一、本年新收政府信息公开申请数量" in result.errors[0].message
    )
