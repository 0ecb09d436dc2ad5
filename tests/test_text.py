"""The text form: the reference report cell by cell, round trips, every tolerated deviation,
stray numbers, whole error messages, the lenient reader and the PDF text extractions."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import (
    BLANK,
    UNREAD,
    Grid,
    Placeholder,
    Severity,
    TemplateVersion,
    TextSyntaxError,
    Variant,
)
from govinfo.formats.text import (
    BLANK_MARK,
    UNREAD_MARK,
    Diagnostic,
    TextRenderError,
    parse_text,
    read_text,
    render_text,
)
from govinfo.strategies import reports
from govinfo.template import SECTIONS

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(govinfo.example_path(".txt")).read_text(encoding="utf-8")
EXAMPLE = govinfo.load_example()
SINGLE = govinfo.template(TemplateVersion.V2021, Variant.SINGLE_OTHER_HANDLING)


def tables(report):
    return report.disclosure, report.requests, report.review_litigation


def same_tables(text):
    assert tables(parse_text(text)) == tables(EXAMPLE)


# --- the reference report, cell by cell ----------------------------------------------------

ZERO7 = (0,) * 7
REQUESTS_2021 = {
    "new_received": (3, 0, 0, 0, 0, 0, 3),
    "carried_over": ZERO7,
    "granted": ZERO7,
    "partially_granted": ZERO7,
    "withheld_state_secret": ZERO7,
    "withheld_prohibited_by_law": ZERO7,
    "withheld_security_stability": ZERO7,
    "withheld_third_party_rights": ZERO7,
    "withheld_internal_affairs": ZERO7,
    "withheld_process_information": ZERO7,
    "withheld_enforcement_files": (1, 0, 0, 0, 0, 0, 1),
    "withheld_query_matters": ZERO7,
    "unavailable_not_held": (2, 0, 0, 0, 0, 0, 2),
    "unavailable_needs_creation": ZERO7,
    "unavailable_still_unclear": ZERO7,
    "not_processed_petition": ZERO7,
    "not_processed_repeated": ZERO7,
    "not_processed_publication": ZERO7,
    "not_processed_excessive": ZERO7,
    "not_processed_confirmation": ZERO7,
    "other_handling_overdue_correction": ZERO7,
    "other_handling_unpaid_fee": ZERO7,
    "other_handling_other": ZERO7,
    "results_total": ZERO7,  # printed as 0 although the rows above add up to 3: kept
    "carried_forward": ZERO7,
}
COLUMNS_3 = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_organization",
    "legal_service_agency",
    "other",
    "total",
)


def test_golden_reference_report():
    report = parse_text(SEED)
    assert report == EXAMPLE
    assert (report.agency, report.year, report.version) == (
        "温州市公安局鹿城区分局",
        2021,
        TemplateVersion.V2021,
    )
    assert report.publication_date == datetime.date(2021, 1, 18)  # as printed
    regulations = report.disclosure["regulations"]
    assert regulations.row("rules") == {"issued": 0, "repealed": 0, "in_force": 0}
    assert regulations.row("normative_documents") == {"issued": 0, "repealed": 0, "in_force": 4}
    assert report.disclosure["licensing"]["administrative_licensing", "decisions"] == 4039
    assert report.disclosure["enforcement"]["administrative_penalty", "decisions"] == 7526
    assert report.disclosure["enforcement"]["administrative_coercion", "decisions"] == 4239
    fee = report.disclosure["fees"]["administrative_fees", "amount"]
    assert type(fee) is Decimal
    assert str(fee) == "299.8145"
    for row, values in REQUESTS_2021.items():
        for column, value in zip(COLUMNS_3, values, strict=True):
            assert report.requests[row, column] == value, (row, column)
    assert [r.key for r in report.requests.spec.rows] == list(REQUESTS_2021)
    review = report.review_litigation
    zeros = dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0)
    assert review.row("administrative_review") == zeros | {"upheld": 1, "total": 1}
    assert review.row("litigation_direct") == zeros
    assert review.row("litigation_after_review") == zeros


def test_no_text_of_the_reference_report_is_lost():
    rendered = render_text(parse_text(SEED))
    rendered_lines = set(rendered.split("\n"))
    report = EXAMPLE
    prose = [
        report.title,
        *report.preamble,
        *report.overview.paragraphs(),
        *report.problems,
        *report.other_matters,
        *report.trailer,
    ]
    assert prose  # and every non-blank line of the seed outside the tables is among them
    tables_start = SEED.index(SECTIONS[1].heading)
    tables_end = SEED.index(SECTIONS[4].heading)
    for line in SEED[:tables_start].splitlines() + SEED[tables_end:].splitlines():
        if line.strip() and line.strip() not in [s.heading for s in SECTIONS]:
            assert line.strip() in rendered_lines, line


@pytest.mark.parametrize(
    ("printed", "date"),
    [
        ("二〇二二年一月十八日", datetime.date(2022, 1, 18)),
        ("2022年1月18日", datetime.date(2022, 1, 18)),
        ("２０２２年１月１８日", datetime.date(2022, 1, 18)),
        ("2022-01-18", datetime.date(2022, 1, 18)),
    ],
)
def test_publication_date_forms(printed, date):
    text, count = re.subn(r"\n2021年1月18日\s*\n", f"\n{printed}\n", SEED)
    assert count == 1
    report = parse_text(text)
    assert report.publication_date == date
    assert report.trailer[1] == printed


def test_demo_parses_the_bundled_text_and_prints_json(capsys):
    from govinfo.cli import main

    main(["demo"])  # exits 1: the checks find the reference report's （七）总计 row
    assert capsys.readouterr().out.startswith(govinfo.to_json(EXAMPLE) + "\n")


def test_canonical_form_of_the_reference_report():
    text = render_text(EXAMPLE)
    lines = text.split("\n\n")
    assert lines[0] == EXAMPLE.title
    assert "第二十条第（一）项" in lines
    assert "299.8145" in lines
    assert "299.8145万元" not in lines
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in lines
    assert "3.危及“三安全一稳定”" in lines
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in lines
    assert text.endswith("年报解读链接:\n")
    assert "\n\n\n" not in text
    assert render_text(parse_text(text)) == text


# --- properties ------------------------------------------------------------------------------


@given(reports())  # both versions, blanks, placeholders and unread cells anywhere
def test_round_trip(report):
    text = render_text(report)
    assert parse_text(text) == report
    assert render_text(parse_text(text)) == text


@given(reports(spec=SINGLE))
def test_round_trip_of_the_single_other_handling_variant(report):
    text = render_text(report)
    assert parse_text(text) == report
    assert parse_text(text).template is SINGLE


@given(reports(consistent=True))
def test_lenient_reader_agrees_on_canonical_text(report):
    result = read_text(render_text(report))
    assert result == govinfo.ParseResult(report=report, diagnostics=())


def test_canonical_form_of_the_single_other_handling_row():
    grid = Grid.filled(SINGLE.requests, 0).replace(
        {("other_handling", "natural_person"): 2, ("other_handling", "total"): BLANK}
    )
    report = attrs.evolve(EXAMPLE, requests=grid)
    lines = render_text(report).split("\n\n")
    at = lines.index("（六）其他处理")
    # The group labels before it are 2021's, then the row label and its 7 values, as 2019 prints
    # it; none of the three sub-rows of 2021, nothing invented for them.
    assert lines[at - 8] == "5.要求行政机关确认或重新出具已获取信息"
    assert lines[at + 1 : at + 9] == ["2", "0", "0", "0", "0", "0", BLANK_MARK, "（七）总计"]
    assert not any(line.startswith(("1.申请人", "3.其他")) for line in lines)
    assert lines.count("（五）不予处理") == 1
    assert parse_text(render_text(report)) == report


def seed_with_single_other_handling(values):
    """The reference report's text with its three （六） sub-rows printed as one row."""
    lines = SEED.split("\n")
    start = lines.index("(六)其他处理") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("(七)"))
    return "\n".join([*lines[:start], "", *"\n\n".join(values).split("\n"), "", *lines[end:]])


def test_a_2021_report_with_a_single_other_handling_row_reads_as_the_variant():
    report = parse_text(seed_with_single_other_handling(["1", "0", "0", "0", "/", "0", "1"]))
    assert (report.version, report.template.variant) == (
        TemplateVersion.V2021,
        Variant.SINGLE_OTHER_HANDLING,
    )
    assert report.requests.row("other_handling") == dict(
        zip(COLUMNS_3, (1, 0, 0, 0, Placeholder("/"), 0, 1), strict=True)
    )
    # Every other row as the reference report prints it.
    for key, values in REQUESTS_2021.items():
        if not key.startswith("other_handling"):
            assert report.requests.cells[SINGLE.requests.row_index(key)] == values, key
    assert (report.disclosure, report.review_litigation) == (
        EXAMPLE.disclosure,
        EXAMPLE.review_litigation,
    )


def test_a_single_other_handling_row_of_blanks_reads_as_the_variant():
    report = parse_text(seed_with_single_other_handling([BLANK_MARK] * 7))
    assert report.template is SINGLE
    assert report.requests.row("other_handling") == dict.fromkeys(COLUMNS_3, BLANK)


def test_the_other_handling_group_label_with_its_sub_rows_is_the_2021_template():
    assert parse_text(SEED).template is govinfo.template(TemplateVersion.V2021)
    # A sub-row label anywhere keeps the template, even if the group label meets a number.
    text = SEED.replace("(六)其他处理\n", "(六)其他处理\n\n0\n", 1)
    with pytest.raises(TextSyntaxError) as caught:
        parse_text(text)
    assert str(caught.value) == (
        "expected a row label after the group label (六)其他处理, found 0 (line 440, column 1)\n"
        "0\n"
        "^"
    )


# --- tolerated deviations, each from the reference report --------------------------------


def test_no_blank_lines():
    text = "\n".join(line for line in SEED.splitlines() if line.strip())
    assert parse_text(text) == EXAMPLE


def test_canonical_blank_lines_doubled():
    text = render_text(EXAMPLE).replace("\n\n", "\n\n\n")
    assert parse_text(text) == EXAMPLE


def test_crlf_and_bom():
    assert parse_text("\ufeff" + SEED.replace("\n", "\r\n")) == EXAMPLE


def test_markdown_heading_markers():
    text = SEED
    for section in SECTIONS:
        text = text.replace(f"\n{section.heading}\n", f"\n## {section.heading}\n")
    assert text.count("## ") == 6
    assert parse_text(text) == EXAMPLE


def test_markdown_title_marker():
    assert parse_text("# " + SEED) == EXAMPLE
    with pytest.raises(TextRenderError, match="Markdown marker"):
        render_text(attrs.evolve(EXAMPLE, title="# " + EXAMPLE.title))


def test_heading_variants():
    text = SEED.replace(SECTIONS[3].heading + "\n", SECTIONS[3].variants[0] + "\n")
    text = text.replace(SECTIONS[4].heading, SECTIONS[4].variants[0])
    assert parse_text(text) == EXAMPLE


def txt(cell):
    if cell is BLANK:
        return BLANK_MARK
    if cell is UNREAD:
        return UNREAD_MARK
    return cell.text if isinstance(cell, Placeholder) else str(cell)


def one_line_per_row(report, separator):
    """The report with header cells on one line and each row's label and values on another."""
    canonical = render_text(report).split("\n\n")
    start = canonical.index(SECTIONS[1].heading)
    end = canonical.index(SECTIONS[4].heading)
    head, tail = canonical[: start + 1], canonical[end:]
    out = []
    for block in report.disclosure:
        out += [block.spec.caption, separator.join(block.spec.header)]
        for row, values in zip(block.spec.rows, block.cells, strict=True):
            out.append(separator.join([row.label, *map(txt, values)]))
    out.append(SECTIONS[2].heading)
    out.append(separator.join(report.requests.spec.header))
    for (row, groups), values in zip(
        report.requests.spec.groups(), report.requests.cells, strict=True
    ):
        out += groups
        out.append(separator.join([row.label, *map(txt, values)]))
    out.append(SECTIONS[3].heading)
    grid = report.review_litigation
    out.append(separator.join(grid.spec.header))
    out.append(separator.join(txt(c) for _, _, c in grid.items()))
    return "\n".join(head + out + tail)


@pytest.mark.parametrize("separator", [" ", "\t", "  \t ", "\u3000"])
def test_several_cells_on_one_line(separator):
    assert parse_text(one_line_per_row(EXAMPLE, separator)) == EXAMPLE


def with_unread():
    """The reference report with an unread cell in each of the three tables."""
    fees = EXAMPLE.disclosure["fees"].replace({("administrative_fees", "amount"): UNREAD})
    return attrs.evolve(
        EXAMPLE,
        disclosure=govinfo.Disclosure((*EXAMPLE.disclosure.blocks[:-1], fees)),
        requests=EXAMPLE.requests.replace(
            {("granted", "other"): UNREAD, ("granted", "total"): BLANK}
        ),
        review_litigation=EXAMPLE.review_litigation.replace(
            {("litigation_direct", "total"): UNREAD}
        ),
    )


def test_unread_cells_round_trip_as_the_unread_mark():
    report = with_unread()
    text = render_text(report)
    assert text.count(f"\n{UNREAD_MARK}\n") == 3
    assert "\n行政事业性收费\n\n（未读）\n" in text
    parsed = parse_text(text)
    assert parsed == report
    assert parsed.requests["granted", "other"] is UNREAD
    assert parsed.requests["granted", "total"] is BLANK
    assert render_text(parsed) == text
    assert read_text(text) == govinfo.ParseResult(report=report, diagnostics=())


@pytest.mark.parametrize("separator", [" ", "\u3000"])
def test_unread_marks_several_on_one_line(separator):
    report = with_unread()
    assert parse_text(one_line_per_row(report, separator)) == report


def markdown(report, invented=False):
    """The tables as Markdown pipe tables, as PDF→Markdown converters write them."""
    canonical = render_text(report).split("\n\n")
    start = canonical.index(SECTIONS[1].heading)
    end = canonical.index(SECTIONS[4].heading)

    def table(header, rows):
        width = max(len(r) for r in [header, *rows])
        if invented:
            header = [f"数据{i + 1}" for i in range(width)]
        pad = [*header, *[""] * (width - len(header))]
        lines = ["| " + " | ".join(pad) + " |", "|" + "---|" * width]
        for row in rows:
            lines.append("| " + " | ".join([*row, *[""] * (width - len(row))]) + " |")
        return lines

    out = canonical[: start + 1]
    for block in report.disclosure:
        out.append(block.spec.caption)
        rows = [[r.label, *map(txt, v)] for r, v in zip(block.spec.rows, block.cells, strict=True)]
        out += table(list(block.spec.header), rows)
    out.append(SECTIONS[2].heading)
    rows = []
    for (row, groups), values in zip(
        report.requests.spec.groups(), report.requests.cells, strict=True
    ):
        rows += [[g] for g in groups]
        rows.append([row.label, *map(txt, values)])
    out += table(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"], rows)
    out.append(SECTIONS[3].heading)
    grid = report.review_litigation
    out += table(list(grid.spec.header[-15:]), [[txt(c) for _, _, c in grid.items()]])
    return "\n".join(out + canonical[end:])


def test_markdown_pipe_tables():
    text = markdown(EXAMPLE)
    assert "|---|" in text
    assert parse_text(text) == EXAMPLE


def test_markdown_pipe_tables_with_unread_marks():
    report = with_unread()
    text = markdown(report)
    assert f"| {UNREAD_MARK} |" in text
    assert parse_text(text) == report


def test_markdown_pipe_tables_with_invented_headers():
    text = markdown(EXAMPLE, invented=True)
    assert "| 数据1 | 数据2 |" in text
    assert parse_text(text) == EXAMPLE


def test_markdown_table_three_split_into_one_table_per_group():
    lines = markdown(EXAMPLE, invented=True).split("\n")
    out = []
    for line in lines:
        if line.startswith("| （") and "|  |" in line:  # a group label row opens a new table
            out += [
                "",
                "| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 | 数据8 |",
                "|---|",
            ]
        out.append(line)
    text = "\n".join(out)
    assert text.count("| 数据1 |") == 10
    assert parse_text(text) == EXAMPLE


def test_markdown_empty_cells_are_blank():
    report = attrs.evolve(
        EXAMPLE,
        requests=EXAMPLE.requests.replace({("granted", "other"): BLANK}),
        review_litigation=EXAMPLE.review_litigation.replace(
            {("litigation_direct", "total"): BLANK}
        ),
    )
    text = markdown(report).replace(f"| {BLANK_MARK} |", "|  |")
    assert BLANK_MARK not in text
    assert parse_text(text) == report


def test_full_width_punctuation_and_enumerators():
    # The seed prints (一) and 1、 in table labels; the template's （一） and 1. read the same.
    text = SEED.replace("第二十条第(", "第二十条第（").replace(")项", "）项")
    text = re.sub(r"^\((.)\)", r"（\1）", text, flags=re.M)
    text = re.sub(r"^([0-9])、", r"\1.", text, flags=re.M)
    assert parse_text(text).requests == EXAMPLE.requests
    spaced = re.sub(r"^([0-9])[.、]", r"\1. ", SEED, flags=re.M)
    assert "1. 属于国家秘密" in spaced
    assert parse_text(spaced) == EXAMPLE


def test_half_width_colon_and_comma_in_labels():
    text = SEED.replace("本年收费金额(单位:万元)", "本年收费金额（单位：万元）")
    text = text.replace(
        "部分公开(区分处理的,只计这一情形,不计其他情形)",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
    )
    assert parse_text(text) == EXAMPLE


def test_total_printed_as_subtotal_word():
    text = SEED.replace("(七)总计", "(七)合计").replace("\n总计\n", "\n合计\n")
    assert "(七)合计" in text
    assert parse_text(text) == EXAMPLE


def test_old_2019_label_in_a_2021_report():
    text = SEED.replace("\n行政规范性文件\n", "\n规范性文件\n")
    assert parse_text(text) == EXAMPLE


@pytest.mark.parametrize(
    ("label", "broken"),
    [
        ("社会公益组织", "社会公益 组织"),
        ("三、本年度办理结果", "三、本年度办 理结果"),
        ("(三)不予公开", "(三)不\n予公开"),
        ("1.本机关不掌握相关政府信息", "1.本机关不掌握\n\n相关政府信息"),
        ("四、结转下年度继续办理", "四、结转下年度\n继续办理"),
        ("第二十条第(五)项", "第二十条 第(五)项"),
        ("行政许可", "行政 许可"),
    ],
)
def test_labels_broken_by_spaces_or_line_breaks(label, broken):
    assert f"\n{label}\n" in SEED
    assert parse_text(SEED.replace(f"\n{label}\n", f"\n{broken}\n")) == EXAMPLE


@pytest.mark.parametrize("marker", ["- 3 -", "— 4 —", "第5页", "第 5 页 共 9 页", "－１２－"])
def test_page_markers_inside_tables(marker):
    text = SEED.replace("\n7.属于行政执法案卷\n\n1\n", f"\n7.属于行政执法案卷\n\n{marker}\n\n1\n")
    text = text.replace("\n4039\n", f"\n{marker}\n4039\n")
    text = text.replace("\n结果纠正\n", f"\n{marker}\n结果纠正\n", 1)
    assert text.count(marker) == 3
    assert parse_text(text) == EXAMPLE


def test_group_labels_repeated_after_a_page_break():
    text = SEED.replace(
        "\n5.属于三类内部事务信息\n",
        "\n- 2 -\n三、本年度办理结果\n(三)不予公开\n5.属于三类内部事务信息\n",
    )
    assert parse_text(text) == EXAMPLE


def test_table_header_repeated_after_a_page_break():
    header = "\n".join(EXAMPLE.requests.spec.header)
    text = SEED.replace(
        "\n5.属于三类内部事务信息\n", f"\n- 2 -\n{header}\n5.属于三类内部事务信息\n"
    )
    assert text.count("申请人情况") == 2
    assert parse_text(text) == EXAMPLE


def test_carried_forward_row_then_the_heading_of_four():
    # Two lines in a row begin with 四、: the last row of table 3 and the heading of section 四.
    assert "四、结转下年度继续办理\n\n0\n" in SEED
    text = "\n".join(line for line in SEED.splitlines() if line.strip())
    assert "\n0\n四、政府信息公开行政复议、行政诉讼情况\n" in text
    assert parse_text(text).requests["carried_forward", "total"] == 0


def test_thousands_separators_and_full_width_digits():
    text = SEED.replace("\n4039\n", "\n4,039\n").replace("\n7526\n", "\n７５２６\n")
    text = text.replace("\n4239\n", "\n４，２３９\n").replace("299.8145万元", "２９９.８１４５万元")
    assert parse_text(text) == EXAMPLE


def test_fee_without_its_unit():
    assert parse_text(SEED.replace("299.8145万元", "299.8145")) == EXAMPLE


def test_blanks_and_placeholders_one_per_line():
    text = SEED.replace("\n4039\n", "\n/\n").replace("\n7526\n", f"\n{BLANK_MARK}\n")
    text = text.replace("\n4239\n", "\n不适用\n").replace("299.8145万元", "—")
    report = parse_text(text)
    assert report.disclosure["licensing"]["administrative_licensing", "decisions"] == Placeholder(
        "/"
    )
    assert report.disclosure["enforcement"]["administrative_penalty", "decisions"] is BLANK
    enforcement = report.disclosure["enforcement"]
    assert enforcement["administrative_coercion", "decisions"] == Placeholder("不适用")
    assert report.disclosure["fees"]["administrative_fees", "amount"] == Placeholder("—")
    assert report.requests == EXAMPLE.requests


def test_placeholders_on_one_line():
    report = attrs.evolve(
        EXAMPLE,
        requests=EXAMPLE.requests.replace(
            {("granted", "research_institution"): Placeholder("/"), ("granted", "other"): BLANK}
        ),
    )
    text = one_line_per_row(report, " ")
    assert "\n（一）予以公开 0 0 / 0 0 （空白） 0\n" in text
    assert parse_text(text) == report


# --- 2019 reports --------------------------------------------------------------------------


def test_2019_version_by_markers_and_signed_changes():
    report = attrs.evolve(
        govinfo.Report.empty(TemplateVersion.V2019, agency="某局", year=2020),
        title="某局2020年政府信息公开工作年度报告",
    )
    licensing = report.disclosure["licensing"].replace(
        {("administrative_licensing", "change"): -18, ("other_management_services", "change"): 461}
    )
    procurement = report.disclosure["procurement"].replace(
        {
            ("centralized_procurement", "total_amount"): govinfo.Amount(
                Decimal(251000), govinfo.Unit.YUAN
            )
        }
    )
    blocks = tuple(
        {"licensing": licensing, "procurement": procurement}.get(b.spec.key, b)
        for b in report.disclosure
    )
    report = attrs.evolve(report, disclosure=govinfo.Disclosure(blocks))
    text = render_text(report)
    assert "\n\n-18\n\n" in text
    assert "\n\n+461\n\n" in text
    assert "\n\n251000元\n\n" in text
    assert parse_text(text) == report
    assert parse_text(text.replace("\n\n+461\n\n", "\n\n461\n\n")) == report


def test_version_comes_from_markers_not_the_year():
    # A 2021-template report on the year 2020: the markers decide.
    text = SEED.replace("2021年政府信息公开工作年度报告", "2020年政府信息公开工作年度报告", 1)
    report = parse_text(text)
    assert (report.year, report.version) == (2020, TemplateVersion.V2021)


# --- stray numbers never shift a cell ---------------------------------------------------------


@pytest.mark.parametrize("stray", ["2021", "5", "0"])
def test_a_stray_number_is_an_error_naming_the_row(stray):
    text = SEED.replace("\n7.属于行政执法案卷\n\n1\n", f"\n7.属于行政执法案卷\n\n{stray}\n\n1\n")
    with pytest.raises(TextSyntaxError) as caught:
        parse_text(text)
    assert caught.value.reason == (
        "expected 7 values for the row 7.属于行政执法案卷 (line 274), "
        f"found 8: {stray} 1 0 0 0 0 0 1"
    )
    assert caught.value.line == 290  # the first surplus value


@given(reports(), st.data())
def test_a_stray_number_anywhere_never_shifts_a_cell(report, data):
    lines = render_text(report).split("\n\n")
    at = data.draw(st.integers(1, len(lines)), label="at")
    stray = data.draw(st.sampled_from(["2021", "3", "0", "- 3 -", "第5页", "1,234"]), label="stray")
    text = "\n\n".join([*lines[:at], stray, *lines[at:]])
    try:
        parsed = parse_text(text)
    except TextSyntaxError:
        return
    assert tables(parsed) == tables(report)


JUNK = st.lists(
    st.sampled_from(
        [*"0123456789一二三四五六（）()、.|-— \n\t年月日万元/", "规章", "|---|", "\x1e"]
        + [f"\n{s.heading}\n" for s in SECTIONS]
    ),
    max_size=60,
).map("".join)


@given(JUNK | st.text(max_size=100))
def test_junk_gives_a_domain_error_or_a_report(text):
    for read in (parse_text, read_text):
        try:
            read(text)
        except TextSyntaxError as error:
            located = (error.line, error.column)
        else:
            located = (1, 1)
        assert min(located) >= 1


def test_a_stray_number_in_a_header_is_an_error():
    text = SEED.replace("\n申请人情况\n", "\n申请人情况\n\n2021\n")
    with pytest.raises(TextSyntaxError, match="found the number 2021"):
        parse_text(text)


def test_a_stray_number_in_table_four_is_an_error():
    text = SEED.replace("\n五、存在的主要问题及改进情况\n", "\n3\n五、存在的主要问题及改进情况\n")
    with pytest.raises(TextSyntaxError, match="expected 15 values"):
        parse_text(text)


def test_lenient_reader_leaves_a_bad_row_unread_and_reads_on():
    text = SEED.replace("\n7.属于行政执法案卷\n\n1\n", "\n7.属于行政执法案卷\n\n2021\n\n1\n")
    result = read_text(text)
    assert [d.line for d in result.diagnostics] == [290]
    assert result.report.requests.row("withheld_enforcement_files") == dict.fromkeys(
        COLUMNS_3, UNREAD
    )
    expected = EXAMPLE.requests.replace(
        {("withheld_enforcement_files", c): UNREAD for c in COLUMNS_3}
    )
    assert result.report.requests == expected
    assert result.report.disclosure == EXAMPLE.disclosure
    diagnostic = result.diagnostics[0]
    assert isinstance(diagnostic, Diagnostic)
    assert str(diagnostic) == (
        "expected 7 values for the row 7.属于行政执法案卷 (line 274), found 8: 2021 1 0 0 0 0 0 1"
        " (line 290, column 1)\n1\n^"
    )


# --- whole error messages ------------------------------------------------------------------


def error(text):
    with pytest.raises(TextSyntaxError) as caught:
        parse_text(text)
    assert isinstance(caught.value, govinfo.GovInfoError)
    return str(caught.value)


def test_error_too_few_values():
    text = SEED.replace("\n行政强制\n\n4239\n", "\n行政强制\n")
    assert error(text) == (
        "expected 1 value for the row 行政强制 (line 73), found none (line 73, column 1)\n"
        "行政强制\n"
        "^^^^^^^^"
    )


def test_error_unknown_row_label():
    # Beyond the misprint bound (2.其他法律行政止公开 is within it: tests/test_layouts.py).
    text = SEED.replace("2.其他法律行政法规禁止公开", "2.其他法律公开")
    assert error(text) == (
        "expected the row label 2.其他法律行政法规禁止公开, found 2.其他法律公开 "
        "(line 194, column 1)\n"
        "2.其他法律公开\n"
        "^^^^^^^^^^^^^^"
    )


def test_error_not_a_count():
    text = SEED.replace("\n4039\n", "\n40.39\n")
    assert error(text) == (
        "expected a whole number in the column 本年处理决定数量 of the row 行政许可, found 40.39 "
        "(line 61, column 1)\n"
        "40.39\n"
        "^^^^^"
    )


def test_error_fee_in_another_unit():
    text = SEED.replace("299.8145万元", "2998145元")
    assert error(text) == (
        "expected an amount in 万元 in the column 本年收费金额（单位：万元） of the row "
        "行政事业性收费, found 2998145元 (line 85, column 1)\n"
        "2998145元\n"
        "^^^^^^^^^"
    )


def test_error_missing_heading():
    text = SEED.replace("五、存在的主要问题及改进情况", "五、问题")
    assert error(text) == (
        "expected the heading 五、存在的主要问题及改进情况 after this line, found none "
        "(line 521, column 1)\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "^^"
    )


def test_error_table_four_short():
    # The review's 结果维持 (1) is missing: the 14 values left are not shifted into place.
    message = error(SEED.replace("尚未审结\n\n总计\n\n1\n\n0\n", "尚未审结\n\n总计\n\n0\n"))
    assert message == (
        "expected 15 values in 四、政府信息公开行政复议、行政诉讼情况 (3 groups of "
        "结果维持、结果纠正、其他结果、尚未审结、总计), found 14: 0 0 0 1 0 0 0 0 0 0 … "
        "(line 587, column 1)\n"
        "0\n"
        "^"
    )


def test_error_missing_caption():
    text = SEED.replace("第二十条第(六)项", "第二十条")
    assert error(text) == (
        "expected the caption 第二十条第（六）项, found 第二十条 (line 63, column 1)\n"
        "第二十条\n"
        "^^^^^^^^"
    )


def test_error_digits_run_together_are_not_split():
    # Only the identities could split "000" and "004"; the parser does not guess.
    flat = "规章000行政规范性文件004"
    text = SEED.replace("规章\n\n0\n\n0\n\n0\n\n行政规范性文件\n\n0\n\n0\n\n4\n", flat + "\n")
    assert error(text) == (
        f"expected the row label 规章 in 第二十条第（一）项, found {flat} (line 37, column 1)\n"
        f"{flat}\n"
        "^^^^^^^^^^^^^^^^^^^^^^^^"
    )
    result = read_text(text)
    assert result.report.disclosure.blocks[1:] == EXAMPLE.disclosure.blocks[1:]


def test_error_no_year():
    headings = "\n".join(s.heading for s in SECTIONS)
    assert error(f"某局工作年度报告\n{headings}\n") == (
        "expected the report year in the title, such as “某局2021年政府信息公开工作年度报告”, "
        "found 某局工作年度报告 (line 1, column 1)\n"
        "某局工作年度报告\n"
        "^^^^^^^^^^^^^^^^"
    )


@pytest.mark.parametrize("value", [None, b"text", 3])
def test_wrong_input_type_is_a_domain_error(value):
    with pytest.raises(TextSyntaxError, match="expected a str"):
        parse_text(value)
    with pytest.raises(TextSyntaxError, match="expected a str"):
        read_text(value)


def test_empty_text_is_an_error():
    with pytest.raises(TextSyntaxError, match="found no text"):
        parse_text("\n \n")
    with pytest.raises(TextSyntaxError, match="found no text"):
        read_text("")


# --- what render_text refuses ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "the title must name the report year 2021"),
        ({"title": "温州市公安局鹿城区分局年报"}, "the title must name the report year"),
        ({"publication_date": None}, "publication date None would read back as"),
        ({"agency": "别的局"}, "agency '别的局'"),
        ({"problems": ("二、主动公开政府信息情况",)}, "would read as a heading"),
        ({"preamble": ("- 3 -",)}, "would read as a heading or marker"),
    ],
)
def test_render_refuses_what_would_not_read_back(change, message):
    with pytest.raises(TextRenderError, match=re.escape(message)):
        render_text(attrs.evolve(EXAMPLE, **change))


@pytest.mark.parametrize("text", [BLANK_MARK, UNREAD_MARK, "(未读)", "N A", "行政", "其他"])
def test_render_refuses_ambiguous_placeholders(text):
    cell = ("administrative_review", "other") if text == "其他" else ("granted", "other")
    report = (
        attrs.evolve(
            EXAMPLE, review_litigation=EXAMPLE.review_litigation.replace({cell: Placeholder(text)})
        )
        if text == "其他"
        else attrs.evolve(EXAMPLE, requests=EXAMPLE.requests.replace({cell: Placeholder(text)}))
    )
    if text == "行政":
        report = attrs.evolve(
            EXAMPLE,
            disclosure=govinfo.Disclosure(
                tuple(
                    b.replace({("administrative_licensing", "decisions"): Placeholder(text)})
                    if b.spec.key == "licensing"
                    else b
                    for b in EXAMPLE.disclosure
                )
            ),
        )
    with pytest.raises(TextRenderError, match="would not read back"):
        render_text(report)


def test_render_refuses_non_reports():
    with pytest.raises(TextRenderError, match="expected a Report"):
        render_text("text")


# --- PDF text extractions --------------------------------------------------------------------

# (The two 洪泽区 extractions read since their vertically centred rows are assigned when the
# assignment is unique: test_pdf_text_hongze_reads_every_number.)
PDF_TEXT = {
    "huaian-city-2024-section3-other-extractor.txt": (
        2,
        "expected the heading 一、总体情况 in the text, found none",
    ),
}


@pytest.mark.parametrize("name", sorted(PDF_TEXT))
def test_pdf_text_extractions_fail_with_a_located_error(name):
    line, reason = PDF_TEXT[name]
    text = (FIXTURES / "pdf-text" / name).read_text(encoding="utf-8")
    with pytest.raises(TextSyntaxError) as caught:
        parse_text(text)
    assert (caught.value.line, caught.value.reason) == (line, reason)


# Every number of huaian-city-2024.pdf, read off the PDF's own tables (pdfplumber
# extract_tables), row by row in template order.
HUAIAN_CITY_2024_REQUESTS = (
    (3001, 53, 0, 0, 61, 4, 3119),
    (34, 0, 0, 0, 0, 0, 34),
    (1288, 21, 0, 0, 50, 3, 1362),
    (447, 7, 0, 0, 0, 0, 454),
    (2, 0, 0, 0, 0, 0, 2),
    (30, 1, 0, 0, 0, 0, 31),
    (5, 0, 0, 0, 0, 0, 5),
    (6, 0, 0, 0, 0, 0, 6),
    (7, 1, 0, 0, 0, 0, 8),
    (12, 0, 0, 0, 0, 0, 12),
    (9, 0, 0, 0, 0, 0, 9),
    (105, 0, 0, 0, 0, 0, 105),
    (746, 12, 0, 0, 10, 1, 769),
    (11, 0, 0, 0, 0, 0, 11),
    (1, 0, 0, 0, 0, 0, 1),
    (56, 6, 0, 0, 0, 0, 62),
    (25, 0, 0, 0, 0, 0, 25),
    (0, 0, 0, 0, 0, 0, 0),
    (0, 0, 0, 0, 0, 0, 0),
    (1, 0, 0, 0, 0, 0, 1),
    (67, 3, 0, 0, 1, 0, 71),
    (6, 0, 0, 0, 0, 0, 6),
    (108, 2, 0, 0, 0, 0, 110),
    (2932, 53, 0, 0, 61, 4, 3050),
    (103, 0, 0, 0, 0, 0, 103),
)


def test_pdf_text_huaian_city_2024_every_number():
    # Row labels broken around their values, group labels one character per line among the
    # rows: read by label, and every number agrees with the PDF.
    text = (FIXTURES / "pdf-text" / "huaian-city-2024.txt").read_text(encoding="utf-8")
    report = parse_text(text)
    assert (report.agency, report.year, report.version) == (
        "淮安市人民政府",
        2024,
        TemplateVersion.V2021,
    )
    assert report.template.variant is None  # its （六） has the three sub-rows
    assert report.title == "淮安市人民政府2024 年政府信息公开工作年度报告"
    assert [b.cells for b in report.disclosure] == [
        ((1, 0, 11), (8, 26, 66)),
        ((447228,),),
        ((3985758,), (88283,)),
        ((Decimal("96171.6"),),),
    ]
    assert report.requests.cells == HUAIAN_CITY_2024_REQUESTS
    assert report.review_litigation.cells == (
        (72, 64, 178, 37, 351),
        (13, 4, 8, 1, 26),
        (12, 1, 1, 6, 20),
    )
    assert report.other_matters[-1] == "办法》，全年收取政府信息公开信息处理费 3940 元。"
    assert (report.trailer, report.publication_date) == ((), None)
    assert parse_text(render_text(report)) == report


def test_pdf_layout_with_a_stray_number_still_fails():
    text = (FIXTURES / "pdf-text" / "huaian-city-2024.txt").read_text(encoding="utf-8")
    text = text.replace("447 7 0 0 0 0 454\n", "447 7 0 0 0 0 454\n2024\n")
    with pytest.raises(TextSyntaxError) as caught:
        parse_text(text)
    assert caught.value.line == 87


def test_pdf_text_lenient_reading_keeps_what_is_certain():
    text = (FIXTURES / "pdf-text" / "huaian-hongze-district-2024.txt").read_text(encoding="utf-8")
    result = read_text(text)
    report = result.report
    assert (report.agency, report.year, report.version) == (
        "淮安市洪泽区人民政府",
        2024,
        TemplateVersion.V2021,
    )
    assert report.title == "淮安市洪泽区人民政府2024 年政府信息公开工作年度报告"
    regulations = report.disclosure["regulations"]
    assert regulations.row("normative_documents") == {"issued": 3, "repealed": 0, "in_force": 8}
    assert report.disclosure["licensing"]["administrative_licensing", "decisions"] == 9487
    assert report.disclosure["fees"]["administrative_fees", "amount"] == Decimal("7545")
    # Its （六）其他处理 is one row, as on the PDF: read as the declared variant, not lost.
    assert report.template.variant is Variant.SINGLE_OTHER_HANDLING
    assert report.requests.row("other_handling") == dict(zip(COLUMNS_3, (0,) * 7, strict=True))
    # No error: the misprinted label is a warning, and each run of values printed before its
    # row's label a note.
    assert not result.errors
    severities = [d.severity for d in result.diagnostics]
    assert severities == [Severity.WARNING, *[Severity.NOTE] * (len(severities) - 1)]
    assert all(d.line > 60 for d in result.diagnostics)


def pdf_truth(
    new, carried, granted, partial, withheld, unavailable, not_processed, other, total, forward
):
    """Table 3 of a Hongze PDF as its own tables print it (pdfplumber extract_tables), by row
    key of the variant it follows: （六）其他处理 is one row there."""
    keys = [r.key for r in SINGLE.requests.rows]
    firsts = [new, carried, granted, partial, *withheld, *unavailable, *not_processed, other]
    return {
        key: (first, 0, 0, 0, 0, 0, first)
        for key, first in zip(keys, [*firsts, total, forward], strict=True)
    }


HONGZE_TRUTH = {
    "huaian-hongze-district-2023.txt": (
        pdf_truth(21, 0, 0, 4, (1, 0, 0, 0, 0, 1, 1, 0), (10, 3, 0), (1, 0, 0, 0, 0), 0, 21, 0),
        ((10, 1, 0, 0, 0), (0, 0, 0, 0, 0), (5, 0, 0, 0, 0)),
    ),
    "huaian-hongze-district-2024.txt": (
        pdf_truth(95, 0, 50, 9, (0, 0, 1, 0, 0, 1, 1, 0), (31, 1, 0), (1, 0, 0, 0, 0), 0, 95, 0),
        ((1, 1, 0, 0, 2), (1, 0, 0, 0, 1), (2, 0, 1, 0, 3)),
    ),
}


@pytest.mark.parametrize("name", sorted(HONGZE_TRUTH))
def test_pdf_text_hongze_reads_as_the_single_other_handling_variant(name):
    # Both 洪泽区 PDFs: 2021 table 2, and （六）其他处理 printed as one row of 7 values.
    result = read_text((FIXTURES / "pdf-text" / name).read_text(encoding="utf-8"))
    report = result.report
    assert report.version is TemplateVersion.V2021
    assert report.template is SINGLE
    assert report.requests.row("other_handling") == dict(zip(COLUMNS_3, ZERO7, strict=True))
    assert not any("group label （六）其他处理" in d.message for d in result.diagnostics)


# Table 2 of both, as the PDFs print it: 规章, 行政规范性文件; 行政许可; 行政处罚, 行政强制; 收费.
HONGZE_TABLE_2 = {
    "huaian-hongze-district-2023.txt": [
        [[0, 0, 0], [0, 5, 5]],
        [[550]],
        [[4119], [195]],
        [[Decimal("7730.28")]],
    ],
    "huaian-hongze-district-2024.txt": [
        [[0, 0, 0], [3, 0, 8]],
        [[9487]],
        [[2776], [84]],
        [[Decimal("7545")]],
    ],
}


@pytest.mark.parametrize("name", sorted(HONGZE_TRUTH))
def test_pdf_text_hongze_reads_every_number(name):
    # Every number of tables 3 and 4 as the PDF's own tables print them.
    rows, review = HONGZE_TRUTH[name]
    result = read_text((FIXTURES / "pdf-text" / name).read_text(encoding="utf-8"))
    report = result.report
    keys = [r.key for r in report.requests.spec.rows]
    assert dict(zip(keys, report.requests.cells, strict=True)) == rows
    assert report.review_litigation.cells == review
    assert [[list(row) for row in block.cells] for block in report.disclosure] == HONGZE_TABLE_2[
        name
    ]
    assert parse_text((FIXTURES / "pdf-text" / name).read_text(encoding="utf-8")) == report


@pytest.mark.parametrize("name", sorted(HONGZE_TRUTH))
def test_pdf_text_lenient_reading_gives_no_wrong_number(name):
    # Every cell read_text fills agrees with the PDF; the cells it cannot be sure of are unread.
    rows, review = HONGZE_TRUTH[name]
    report = read_text((FIXTURES / "pdf-text" / name).read_text(encoding="utf-8")).report
    filled = 0
    for key, values in zip(
        (r.key for r in report.requests.spec.rows), report.requests.cells, strict=True
    ):
        if values != (UNREAD,) * 7:
            assert values == rows[key], key
            filled += 1
    assert filled >= 10
    assert report.review_litigation.cells == review
