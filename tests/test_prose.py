"""The rules about prose, dates and form: real sentences from the examples, agreeing and
disagreeing, in Arabic and Chinese numerals, and the sentences that must give no finding."""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pytest

import govinfo
from govinfo.checks import check, check_continuity, check_reading, recompute_totals
from govinfo.checks._form import containment, levels
from govinfo.errors import CheckError
from govinfo.model import BLANK, Report
from govinfo.template import TemplateVersion

FIXTURES = Path(__file__).parent / "fixtures"
PDF = FIXTURES / "pdf-text"
WEB = FIXTURES / "web"
FEE = "本年度本机关未收取信息处理费。"


def consistent() -> Report:
    """The reference report with its totals corrected, dated the following January, no prose
    but the fee statement."""
    fixed = recompute_totals(govinfo.load_example()).report
    return attrs.evolve(
        fixed,
        publication_date=datetime.date(2022, 1, 18),
        overview=govinfo.Overview(),
        problems=(),
        other_matters=(FEE,),
    )


BASE = consistent()


def saying(*paragraphs: str, report: Report = BASE, **cells: object) -> Report:
    """``report`` whose section 一 is ``paragraphs`` and whose cells (path=value, the path
    without ``$.`` and with ``__`` for dots) are set."""
    out = attrs.evolve(report, overview=govinfo.Overview(intro=paragraphs))
    for key, value in cells.items():
        table, row, column = key.replace("__", ".").rsplit(".", 2)
        if table.startswith("disclosure."):
            block = out.disclosure[table.removeprefix("disclosure.")].replace(
                {(row, column): value}
            )
            blocks = tuple(block if b.spec.key == block.spec.key else b for b in out.disclosure)
            out = attrs.evolve(out, disclosure=govinfo.Disclosure(blocks))
        else:
            grid = getattr(out, table).replace({(row, column): value})
            out = attrs.evolve(out, **{table: grid})
    return out


def worded(findings):
    return [f for f in findings if not f.code.startswith(("t3.", "t4.", "culprit"))]


def codes(report: Report) -> list[str]:
    return [f.code for f in worded(check(report))]


def test_the_base_report_is_consistent():
    assert check(BASE) == ()


# --- the reference report -------------------------------------------------------------------


def test_reference_report_processed_3_against_a_total_of_0_corroborates_the_culprit():
    reading = govinfo.read(Path(govinfo.example_path(".txt")))
    findings = check_reading(reading)
    prose = next(f for f in findings if f.code == "prose.results_total")
    assert (prose.printed, prose.expected, prose.difference) == (0, 3, -3)
    assert [c.path for c in prose.cells] == ["$.requests.results_total.total"]
    assert prose.message_zh == (
        "温州市公安局鹿城区分局2021年：正文所述本年办理的申请数（3）与表格不符："
        "三、本年度办理结果 › （七）总计／总计填报 0；正文与各分项之和 3 一致，表中合计可能有误"
        "（“2021年,我局共处理依申请公开信息3条,回复率达到100%”）"
    )
    (evidence,) = prose.evidence
    assert (evidence.path, evidence.text, evidence.sentence) == (
        "$.overview.parts[1][0]",
        "3",
        "2021年,我局共处理依申请公开信息3条,回复率达到100%",
    )
    assert evidence.source == govinfo.sources.TextSource(
        offset=779, length=1, line=15, column=114, text="3"
    )
    # The culprit the identities locate is the same cell, and it comes last.
    assert findings[-1].code == "culprit"
    assert "$.requests.results_total.total" in {c.path for c in findings[-1].cells}


def test_reference_report_dated_inside_its_year():
    findings = check_reading(govinfo.read(Path(govinfo.example_path(".txt"))))
    early = findings[0]
    assert (early.code, early.severity.value) == ("date.early", "warning")
    assert early.message_en == (
        "温州市公安局鹿城区分局 2021: the publication date is inside the report year, or before "
        "it: 2021-01-18 (a report is published the year after; most likely a slip)"
    )
    assert [(e.path, e.text, str(e.source)) for e in early.evidence] == [
        ("$.publication_date", "2021年1月18日", "line 616, column 1")
    ]


def test_check_takes_sources_or_none_and_refuses_other_values():
    report = govinfo.load_example()
    assert check(report, sources=None) == check(report)
    with pytest.raises(CheckError, match=r"^sources: expected a mapping of JSON paths, got list$"):
        check(report, sources=[])  # type: ignore[arg-type]
    with pytest.raises(CheckError, match=r"^expected a ReadResult, got Report$"):
        check_reading(report)  # type: ignore[arg-type]


# --- every quantity: agreeing, disagreeing, Arabic and Chinese ------------------------------

QUANTITIES = [
    # (code, sentence with {n}, cells set to 12 (a sum: the first cell 12, the others 0))
    (
        "prose.new_received",
        "2021年，我局共受理政府信息公开申请{n}件。",
        ["requests.new_received.total"],
    ),
    ("prose.new_received", "全年收到依申请公开申请{n}件。", ["requests.new_received.total"]),
    (
        "prose.results_total",
        "我局共处理依申请公开信息{n}条，回复率达到100%。",
        ["requests.results_total.total"],
    ),
    ("prose.results_total", "受理申请若干，办结{n}件。", ["requests.results_total.total"]),
    ("prose.carried_over", "其中上年结转政府信息公开申请{n}件。", ["requests.carried_over.total"]),
    ("prose.carried_forward", "结转下年度继续办理{n}件。", ["requests.carried_forward.total"]),
    ("prose.carried_forward", "另有 {n} 件顺延到下年度答复。", ["requests.carried_forward.total"]),
    ("prose.review", "收到行政复议{n}件。", ["review_litigation.administrative_review.total"]),
    (
        "prose.review",
        "因政府信息公开产生行政复议共{n}件，未出现结果纠正案件。",
        ["review_litigation.administrative_review.total"],
    ),
    (
        "prose.litigation",
        "政府信息公开行政诉讼 {n} 件，其中结果维持 2 件。",
        [
            "review_litigation.litigation_direct.total",
            "review_litigation.litigation_after_review.total",
        ],
    ),
    (
        "prose.documents_issued",
        "本年制发行政规范性文件{n}件。",
        ["disclosure.regulations.normative_documents.issued"],
    ),
    (
        "prose.documents_in_force",
        "截至年底，现行有效规章共{n}件。",
        ["disclosure.regulations.rules.in_force"],
    ),
    (
        "prose.licensing",
        "全年作出行政许可决定{n}件。",
        ["disclosure.licensing.administrative_licensing.decisions"],
    ),
    (
        "prose.penalty",
        "作出行政处罚决定{n}件。",
        ["disclosure.enforcement.administrative_penalty.decisions"],
    ),
]


def _with(cells: list[str], value: int, report: Report = BASE, **more: object) -> dict[str, object]:
    out: dict[str, object] = {cells[0].replace(".", "__"): value}
    out.update({c.replace(".", "__"): 0 for c in cells[1:]})
    return {**out, **more}


@pytest.mark.parametrize(("code", "sentence", "cells"), QUANTITIES, ids=lambda v: str(v)[:14])
@pytest.mark.parametrize("written", ["12", "１２", "十二", "一十二"])
def test_a_stated_quantity_agreeing_gives_nothing_and_disagreeing_a_warning(
    code, sentence, cells, written
):
    text = sentence.format(n=written)
    agreeing = saying(text, **_with(cells, 12))
    assert codes(agreeing) == []
    disagreeing = saying(text, **_with(cells, 13))
    (finding,) = worded(check(disagreeing))
    assert (finding.code, finding.printed, finding.expected, finding.difference) == (
        code,
        13,
        12,
        1,
    )
    assert [c.path for c in finding.cells] == [f"$.{c}" for c in cells]
    (evidence,) = finding.evidence
    assert (evidence.path, evidence.text, evidence.source) == ("$.overview.intro[0]", written, None)
    assert evidence.sentence == text.rstrip("。")


def test_chinese_numerals_with_liang_and_wan():
    report = saying(
        "收到行政复议两万零三件。", review_litigation__administrative_review__total=20003
    )
    assert codes(report) == []
    report = saying(
        "收到行政复议一千二百件。", review_litigation__administrative_review__total=1000
    )
    (finding,) = worded(check(report))
    assert (finding.code, finding.expected, finding.printed) == ("prose.review", 1200, 1000)
    assert finding.evidence[0].text == "一千二百"


def test_a_row_named_by_the_words():
    report = saying(
        "制发规章2件，制发行政规范性文件9件。",
        disclosure__regulations__rules__issued=2,
        disclosure__regulations__normative_documents__issued=8,
    )
    (finding,) = worded(check(report))
    assert [c.path for c in finding.cells] == [
        "$.disclosure.regulations.normative_documents.issued"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # a sub-unit of the agency (洪泽区 2024: 17 of the district's 95)
        "2024 年，区政府办代表区政府受理政府信息公开申请 12 件，均已在法定期限内予以答复。",
        "区政府办（代表区政府）受理政府信息公开申请12件。",
        "其中交警大队受理申请12件。",
        # a sub-category, a channel, an enumeration
        "我局共收到政府网站上政府信息公开申请件12件。",
        "受理涉及征地拆迁的申请12件。",
        "其中公示公告类46条、行政许可12件。",
        "其中结果维持12件。",
        # a share, a percentage, a comparison, an approximation, a count of times
        "受理申请占全区的12%。",
        "受理申请同比增加12件。",
        "受理申请较上年减少12件。",
        "受理申请12件以上。",
        "全年受理申请12余件。",
        "受理申请12件次。",
        # another year
        "2020年受理政府信息公开申请12件。",
        "去年受理政府信息公开申请12件。",
        "截至2020年底，现行有效规章共12件。",
    ],
)
def test_a_number_that_is_not_the_quantity_of_the_whole_agency_gives_nothing(sentence):
    report = saying(
        sentence,
        requests__new_received__total=95,
        disclosure__regulations__rules__in_force=95,
        disclosure__licensing__administrative_licensing__decisions=95,
    )
    assert codes(report) == []


def test_a_blank_cell_is_no_zero_to_compare_with():
    assert codes(saying("受理政府信息公开申请3件。", requests__new_received__total=BLANK)) == []


def test_the_2019_template_has_no_in_force_column_to_compare():
    report = govinfo.Report.empty(TemplateVersion.V2019, agency="某局", year=2020)
    assert "prose.documents_in_force" not in {r.code for r in govinfo.checks.rules("2019")}
    text = attrs.evolve(report, overview=govinfo.Overview(intro=("现行有效规章共3件。",)))
    assert codes(text) == []


# --- the real reports -----------------------------------------------------------------------


def _read(path: Path) -> govinfo.ReadResult:
    return govinfo.read(path)


@pytest.mark.parametrize(
    "path",
    [
        PDF / "huaian-city-2024.txt",
        PDF / "huaian-hongze-district-2023.txt",
        PDF / "huaian-hongze-district-2024.txt",
        *sorted(WEB.glob("*/article.html")),
    ],
    ids=lambda p: p.parent.name if p.name == "article.html" else p.stem,
)
def test_the_real_reports_state_their_tables_truly(path):
    assert [f.code for f in check_reading(_read(path)) if f.code.startswith("prose.")] == []


def test_hongze_2024_region_office_17_beside_the_districts_95_is_no_finding():
    report = _read(PDF / "huaian-hongze-district-2024.txt").report
    assert report.requests["new_received", "total"] == 95
    assert "区政府办代表区政府受理政府" in "".join(report.overview.parts[1])
    assert list(govinfo.checks._prose.statements(report)) == []


def test_huaian_2024_sentences_across_pdf_lines_are_read_and_compared():
    reading = _read(PDF / "huaian-city-2024.txt")
    found = {(s.quantity.code, s.value) for s in govinfo.checks._prose.statements(reading.report)}
    assert found == {
        ("prose.new_received", 3119),
        ("prose.results_total", 3050),
        ("prose.carried_over", 34),
        ("prose.carried_forward", 103),
        ("prose.review", 351),
        ("prose.litigation", 46),
    }
    wrong = reading.report.requests.replace({("results_total", "total"): 3005})
    report = attrs.evolve(reading.report, requests=wrong)
    (finding,) = [f for f in check(report, sources=reading.sources) if f.code.startswith("prose.")]
    assert finding.evidence[0].sentence.startswith(
        "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件"
    )
    assert (finding.evidence[0].path, finding.evidence[0].text) == (
        "$.overview.parts[1][4]",
        "3050",
    )
    assert str(finding.evidence[0].source).startswith("line ")


def test_management_committee_reviews_and_documents_in_force():
    reading = _read(WEB / "pingtan-management-committee-office-2025" / "article.html")
    found = {(s.quantity.code, s.value) for s in govinfo.checks._prose.statements(reading.report)}
    assert found == {("prose.review", 2), ("prose.documents_in_force", 253)}


# --- fees -----------------------------------------------------------------------------------


def test_fees_stated_not_collected_or_collected_with_an_amount():
    assert codes(attrs.evolve(BASE, other_matters=("收取信息处理费共计380元。",))) == []
    assert codes(attrs.evolve(BASE, other_matters=("全年收取政府信息公开信息处理费 0 元。",))) == []


def test_no_fee_statement_is_a_warning_on_the_2021_template():
    report = attrs.evolve(BASE, other_matters=("无其他需要报告的事项。",))
    (finding,) = worded(check(report))
    assert finding.code == "fees.statement"
    # A report without any prose says nothing, and is not judged; 2019 asks for no statement.
    assert codes(attrs.evolve(BASE, other_matters=())) == []


def test_not_collected_beside_an_amount_above_zero():
    report = attrs.evolve(
        BASE, other_matters=("本年度未收取信息处理费。", "收取信息处理费共计380元。")
    )
    (finding,) = worded(check(report))
    assert finding.code == "fees.contradiction"
    assert [e.path for e in finding.evidence] == ["$.other_matters[0]", "$.other_matters[1]"]


def test_the_administrative_fee_of_table_2_is_never_compared():
    report = attrs.evolve(
        BASE, other_matters=("本年度未收取信息处理费，行政事业性收费7730.28万元。",)
    )
    assert codes(report) == []


# --- contradictions -------------------------------------------------------------------------


def test_all_completed_beside_applications_carried_forward():
    said = "所有申请均已按时办结。"
    assert codes(saying(said)) == []
    report = saying(
        said,
        requests__carried_forward__natural_person=2,
        requests__carried_forward__total=2,
        requests__new_received__natural_person=5,
        requests__new_received__total=5,
    )
    assert codes(report) == ["contradiction.carried_forward"]
    # 均已办结 of the part answered, beside the part carried forward: said, so no contradiction.
    also = saying("答复3件，另有2件结转下年度，均已按时办结。", report=report)
    assert "contradiction.carried_forward" not in codes(also)


def test_no_reviews_or_lawsuits_beside_table_4():
    # The reference report counts one administrative review (corrected): "none" contradicts it.
    assert BASE.review_litigation["administrative_review", "total"] == 1
    (finding,) = worded(check(saying("本年度未发生行政复议、行政诉讼。")))
    assert finding.code == "contradiction.review_litigation"
    assert [c.path for c in finding.cells] == [
        "$.review_litigation.administrative_review.total",
        "$.review_litigation.litigation_direct.total",
        "$.review_litigation.litigation_after_review.total",
    ]
    # No lawsuits is true of it: no finding.
    assert codes(saying("本年度未被提起行政诉讼。")) == []
    none = govinfo.Grid.filled(BASE.review_litigation.spec, 0)
    assert (
        codes(
            saying(
                "本年度未发生行政复议、行政诉讼。",
                report=attrs.evolve(BASE, review_litigation=none),
            )
        )
        == []
    )


# --- dates and template ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agency", "date", "late"),
    [
        ("温州市公安局鹿城区分局", datetime.date(2022, 1, 31), False),
        ("温州市公安局鹿城区分局", datetime.date(2022, 2, 1), True),
        ("淮安市洪泽区人民政府", datetime.date(2022, 2, 20), False),
        ("淮安市洪泽区人民政府", datetime.date(2022, 2, 21), True),
        ("淮安市人民政府", datetime.date(2022, 3, 10), False),  # a prefecture, or a city
        ("淮安市人民政府", datetime.date(2022, 3, 11), True),
        ("江苏省人民政府", datetime.date(2022, 3, 31), False),
        ("江苏省人民政府", datetime.date(2022, 4, 1), True),
        ("平潭综合实验区管委会", datetime.date(2022, 3, 31), False),  # cannot tell: the latest
    ],
)
def test_deadlines_by_level(agency, date, late):
    report = attrs.evolve(BASE, agency=agency, publication_date=date)
    assert codes(report) == (["date.late"] if late else [])


def test_a_late_date_of_an_agency_whose_level_cannot_be_told_says_so():
    report = attrs.evolve(BASE, agency="淮安市人民政府", publication_date=datetime.date(2022, 5, 1))
    (finding,) = worded(check(report))
    assert finding.message_en.endswith(
        "2022-05-01 is after the agency's level cannot be told from its name: the latest "
        "deadline that can apply, the prefecture's, 2022-03-10"
    )


def test_levels_from_names():
    assert [lv.value for lv in levels("北京市人民政府")] == ["province"]
    assert [lv.value for lv in levels("某某自治州人民政府")] == ["prefecture"]
    assert [lv.value for lv in levels("某县人民政府办公室")] == ["department"]
    assert len(levels("某街道办事处")) == 4


def test_a_date_before_the_year_is_early():
    report = attrs.evolve(BASE, publication_date=datetime.date(2020, 6, 1))
    assert codes(report) == ["date.early"]


def test_template_and_year():
    on_2019 = attrs.evolve(govinfo.Report.empty(TemplateVersion.V2019, agency="某局", year=2020))
    assert codes(on_2019) == []
    assert codes(attrs.evolve(on_2019, year=2021)) == ["template.year"]
    assert codes(attrs.evolve(BASE, year=2020, publication_date=None)) == ["template.year"]


# --- copies ---------------------------------------------------------------------------------


def test_section_5_copied_from_last_year():
    problems = (
        "一是政务公开制度建设有待夯实，在制度执行上有待进一步加强。",
        "二是政务公开水平有待进一步提升。三是政务公开工作能力有待增强。",
    )
    current = attrs.evolve(BASE, problems=problems)
    last = attrs.evolve(current, year=2020, problems=tuple(p.replace("二", "两") for p in problems))
    assert [f.code for f in check_continuity(last, current)] == ["copy.problems"]
    fresh = attrs.evolve(
        last,
        problems=(
            "本年度存在的问题是依申请公开答复的规范性不足，今后将加强培训、完善流程、健全机制，并开展专项检查和评估工作。",
        ),
    )
    assert check_continuity(fresh, current) == ()


def test_containment_ignores_digits_and_short_sections():
    assert containment("2021年受理申请3件" * 10, "2020年受理申请5件" * 10) == 1.0
    assert containment("无。", "无。") is None
