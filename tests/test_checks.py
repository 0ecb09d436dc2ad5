"""The identities: the catalogue, check, culprit location, continuity, combine, recompute."""

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import BLANK, UNREAD, Placeholder, TemplateVersion, Variant
from govinfo.checks import (
    CULPRIT,
    RULES,
    Axis,
    Finding,
    Severity,
    Status,
    check,
    check_continuity,
    check_reading,
    combine,
    recompute_totals,
    rules,
)
from govinfo.checks._rulesdoc import render
from govinfo.errors import CheckError
from govinfo.model import Grid, Report
from govinfo.strategies import grids, reports, stated_prose
from govinfo.template import templates
from govinfo.zh.amounts import Amount, Unit

DOCS = Path(__file__).parent.parent / "docs"
EXAMPLE = govinfo.load_example()
TOTALS = {"t3.row_total", "t3.results_total", "t4.group_total"}


def errors(findings):
    return [f for f in findings if f.is_error]


IDENTITIES = {r.code for r in RULES if r.relations} | {CULPRIT}


def arithmetic(findings):
    """The findings of the identities and their culprits, without those about prose and form."""
    return tuple(f for f in findings if f.code in IDENTITIES)


def identities(spec, table, row, column):
    """How many lines of the in-report rules the cell takes part in, read from the catalogue."""
    count = 0
    for rule in rules(spec.version, spec.variant):
        for relation in rule.relations:
            if rule.across_years or relation.table != table:
                continue
            keys = {t.key for t in (*relation.left, *relation.right)}
            line, key = (column, row) if relation.axis is Axis.COLUMNS else (row, column)
            count += line in relation.lines and key in keys
    return count


def numeric_cells(report):
    for table in ("requests", "review_litigation"):
        grid = getattr(report, table)
        for row, column, cell in grid.items():
            yield table, row.key, column.key, cell


# --- the catalogue ------------------------------------------------------------------------


def test_rules_page_is_current():
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert page == render(), "stale: run `python -m govinfo.checks._rulesdoc > docs/rules.md`"


@pytest.mark.parametrize(
    "spec", templates(), ids=lambda s: s.variant.value if s.variant else s.version.value
)
def test_catalogue_has_every_identity_once_per_template(spec):
    every = rules(spec.version, spec.variant)
    codes = [r.code for r in every]
    assert len(codes) == len(set(codes))
    own = [r for r in every if r.relations]
    assert sorted(r.identity for r in own) == (
        [1, 2, 3, 4, 6, 8] if spec.version is TemplateVersion.V2019 else [1, 2, 3, 4, 6, 7]
    )
    assert all((r.version, r.variant) == (spec.version, spec.variant) for r in every)
    assert all(r.severity is Severity.WARNING for r in own if r.across_years)
    assert all(r.severity is Severity.ERROR for r in own if not r.across_years)
    # The rules about prose, dates and form are warnings, and no identity.
    worded = [r for r in every if not r.relations]
    assert all(r.severity is Severity.WARNING and r.identity is None for r in worded)
    assert ("fees.statement" in codes) is (spec.version is TemplateVersion.V2021)


def test_rules_of_a_version_are_those_of_its_template_and_every_spec_has_its_own():
    assert rules(TemplateVersion.V2021) == rules("2021", None)
    assert tuple(r for s in templates() for r in rules(s.version, s.variant)) == RULES
    with pytest.raises(govinfo.ModelError, match=r"^the 2019 template has no variant "):
        rules(TemplateVersion.V2019, Variant.SINGLE_OTHER_HANDLING)


def test_catalogue_reads_the_template_for_the_results_rows():
    results = {(r.version, r.variant): r for r in RULES if r.code == "t3.results_total"}
    parts_2019 = results[TemplateVersion.V2019, None].relations[0].right
    parts_2021 = results[TemplateVersion.V2021, None].relations[0].right
    single = results[TemplateVersion.V2021, Variant.SINGLE_OTHER_HANDLING].relations[0].right
    assert (len(parts_2019), len(parts_2021), len(single)) == (19, 21, 19)
    assert "other_handling" in {t.key for t in parts_2019}
    assert {"other_handling_other", "withheld_enforcement_files"} <= {t.key for t in parts_2021}
    # The variant adds the single printed （六） row, and none of the sub-rows it never printed.
    assert single == parts_2019
    assert not any(t.key.startswith("other_handling_") for t in single)
    assert results[TemplateVersion.V2021, None].zh == (
        "表三每一列：（七）总计 ＝ 三、本年度办理结果下其余21行之和"
    )


# --- check ---------------------------------------------------------------------------------


def test_reference_report_findings_and_culprit():
    findings = check(EXAMPLE)
    assert [(f.code, f.status, f.printed, f.expected, f.difference) for f in findings] == [
        ("date.early", Status.BROKEN, None, None, None),
        ("prose.results_total", Status.BROKEN, 0, 3, -3),
        ("t3.balance", Status.BROKEN, 0, 3, -3),
        ("t3.balance", Status.BROKEN, 0, 3, -3),
        ("t3.results_total", Status.BROKEN, 0, 3, -3),
        ("t3.results_total", Status.BROKEN, 0, 3, -3),
        ("culprit", Status.LOCATED, None, None, None),
    ]
    culprit = findings[-1]
    assert [(c.path, c.row, c.column, c.printed, c.expected) for c in culprit.cells] == [
        (
            "$.requests.results_total.natural_person",
            "三、本年度办理结果 › （七）总计",
            "自然人",
            0,
            3,
        ),
        ("$.requests.results_total.total", "三、本年度办理结果 › （七）总计", "总计", 0, 3),
    ]
    assert culprit.candidates == (culprit.cells,)
    assert culprit.message_zh == (
        "温州市公安局鹿城区分局2021年：最可能出错的是 三、本年度办理结果 › （七）总计／自然人"
        "（填报 0，应为 3）、三、本年度办理结果 › （七）总计／总计（填报 0，应为 3）；"
        "改正后t3.balance、t3.results_total全部成立"
    )
    assert findings[4].message_en == (
        "温州市公安局鹿城区分局 2021: table 3, every column: results_total = the sum of the 21 "
        "result rows fails (natural_person): printed 0, expected 3, difference -3"
    )
    assert [c.path for c in findings[2].cells] == [
        "$.requests.results_total.natural_person",
        "$.requests.carried_forward.natural_person",
        "$.requests.new_received.natural_person",
        "$.requests.carried_over.natural_person",
    ]


def test_cell_paths_are_the_paths_json_uses():
    data = json.loads(govinfo.to_json(EXAMPLE))
    for finding in check(EXAMPLE):
        for cell in finding.cells:
            _, table, row, column = cell.path.split(".")
            assert data[table][row][column] == cell.printed


def test_one_wrong_leaf_is_located_with_its_value():
    report = attrs.evolve(
        EXAMPLE,
        requests=recompute_totals(EXAMPLE).report.requests.replace({("granted", "other"): 4}),
    )
    findings = arithmetic(check(report))
    assert [f.code for f in findings] == ["t3.row_total", "t3.results_total", "culprit"]
    culprit = findings[-1]
    assert (culprit.status, culprit.printed, culprit.expected, culprit.difference) == (
        Status.LOCATED,
        4,
        0,
        4,
    )
    assert [c.path for c in culprit.cells] == ["$.requests.granted.other"]


def test_blank_total_beside_parts_is_not_assessable_never_zero():
    grid = EXAMPLE.requests.replace({("new_received", "total"): BLANK})
    findings = check(attrs.evolve(EXAMPLE, requests=grid))
    touching = [f for f in findings if "$.requests.new_received.total" in {c.path for c in f.cells}]
    assert [(f.code, f.status) for f in touching] == [
        ("t3.balance", Status.NOT_ASSESSABLE),
        ("t3.row_total", Status.NOT_ASSESSABLE),
    ]
    assert all(not f.is_error and f.expected is None for f in touching)
    assert touching[1].message_en == (
        "温州市公安局鹿城区分局 2021: cannot check (new_received): table 3, every row: total = the "
        "sum of the 6 applicant columns; $.requests.new_received.total (blank) is not a number"
    )
    assert touching[1].message_zh == (
        "温州市公安局鹿城区分局2021年：无法核对（一、本年新收政府信息公开申请数量）：表三每一行："
        "总计 ＝ 自然人＋商业企业＋科研机构＋社会公益组织＋法律服务机构＋其他；"
        "一、本年新收政府信息公开申请数量／总计（空白）不是数字"
    )
    # The culprit of the remaining failures is still the （七）总计 row.
    assert [c.path for c in findings[-1].cells] == [
        "$.requests.results_total.natural_person",
        "$.requests.results_total.total",
    ]


def test_placeholder_part_is_not_assessable():
    review = EXAMPLE.review_litigation.replace({("litigation_direct", "pending"): Placeholder("/")})
    findings = check(attrs.evolve(EXAMPLE, review_litigation=review))
    (t4,) = [f for f in findings if f.code == "t4.group_total"]
    assert t4.status is Status.NOT_ASSESSABLE
    assert "“/”" in t4.message_zh
    assert "placeholder '/'" in t4.message_en


def test_unread_cell_is_not_assessable_never_zero():
    # Read as 0 the cell would satisfy both identities it takes part in; unread, it satisfies
    # none and breaks none.
    assert EXAMPLE.requests["new_received", "commercial_enterprise"] == 0
    grid = EXAMPLE.requests.replace({("new_received", "commercial_enterprise"): UNREAD})
    findings = check(attrs.evolve(EXAMPLE, requests=grid))
    path = "$.requests.new_received.commercial_enterprise"
    touching = [f for f in findings if path in {c.path for c in f.cells}]
    assert [(f.code, f.status) for f in touching] == [
        ("t3.balance", Status.NOT_ASSESSABLE),
        ("t3.row_total", Status.NOT_ASSESSABLE),
    ]
    assert all(
        not f.is_error and (f.expected, f.printed, f.difference) == (None, None, None)
        for f in touching
    )
    assert touching[1].message_en == (
        "温州市公安局鹿城区分局 2021: cannot check (new_received): table 3, every row: total = the "
        f"sum of the 6 applicant columns; {path} (unread) is not a number"
    )
    assert touching[1].message_zh == (
        "温州市公安局鹿城区分局2021年：无法核对（一、本年新收政府信息公开申请数量）：表三每一行："
        "总计 ＝ 自然人＋商业企业＋科研机构＋社会公益组织＋法律服务机构＋其他；"
        "一、本年新收政府信息公开申请数量／法人或其他组织 › 商业企业（未读）不是数字"
    )
    # Nothing else changes: the （七）总计 row is still the culprit, never the unread cell.
    culprits = [f for f in findings if f.code == "culprit"]
    assert [c.path for f in culprits for c in f.cells] == [
        "$.requests.results_total.natural_person",
        "$.requests.results_total.total",
    ]
    assert not any(
        f.status is Status.BROKEN and path in {c.path for c in f.cells} for f in findings
    )


def test_unread_part_is_not_assessable_and_named_in_findings_json():
    review = EXAMPLE.review_litigation.replace({("administrative_review", "upheld"): UNREAD})
    findings = check(attrs.evolve(EXAMPLE, review_litigation=review))
    (t4,) = [f for f in findings if f.code == "t4.group_total"]
    assert (t4.status, t4.is_error) == (Status.NOT_ASSESSABLE, False)
    assert t4.message_zh.endswith("；行政复议／结果维持（未读）不是数字")
    assert "$.review_litigation.administrative_review.upheld (unread) is not a number" in (
        t4.message_en
    )
    (item,) = [i for i in json.loads(govinfo.findings_to_json(findings)) if i["code"] == t4.code]
    assert [c["printed"] for c in item["cells"]] == [1, {"unread": True}, 0, 0, 0]


def test_an_unread_cell_is_never_proposed_as_the_culprit():
    # The reference report's wrong cells are its （七）总计 row (0 and 0, should be 3 and 3).
    # With one of them unread, the identities it takes part in cannot be assessed, and the
    # culprit is the other one alone: an unread cell is not "corrected" into a number.
    path = "$.requests.results_total.natural_person"
    grid = EXAMPLE.requests.replace({("results_total", "natural_person"): UNREAD})
    findings = check(attrs.evolve(EXAMPLE, requests=grid))
    assert {(f.code, f.status) for f in findings if path in {c.path for c in f.cells}} == {
        ("t3.balance", Status.NOT_ASSESSABLE),
        ("t3.results_total", Status.NOT_ASSESSABLE),
        ("t3.row_total", Status.NOT_ASSESSABLE),
    }
    (culprit,) = [f for f in findings if f.code == "culprit"]
    assert culprit.status is Status.LOCATED
    assert [(c.path, c.printed, c.expected) for c in culprit.cells] == [
        ("$.requests.results_total.total", 0, 3)
    ]


@given(reports(consistent=True), st.data())
def test_consistent_reports_pass_and_one_changed_cell_is_caught_and_located(report, data):
    assert check(report) == ()
    cells = list(numeric_cells(report))
    table, row, column, value = data.draw(st.sampled_from(cells), label="cell")
    new = data.draw(st.integers(0, 10**6).filter(lambda n: n != value), label="value")
    grid = getattr(report, table).replace({(row, column): new})
    findings = check(attrs.evolve(report, **{table: grid}))
    assert errors(findings)
    (culprit,) = [f for f in findings if f.code == "culprit"]
    path = f"$.{table}.{row}.{column}"
    if identities(report.template, table, row, column) >= 2:
        assert culprit.status is Status.LOCATED
        assert [(c.path, c.printed, c.expected) for c in culprit.cells] == [(path, new, value)]
    else:
        assert ((path, value),) in {
            tuple((c.path, c.expected) for c in fit) for fit in culprit.candidates
        }


def test_findings_json_shape():
    (item,) = json.loads(govinfo.findings_to_json(arithmetic(check(EXAMPLE))[:1]))
    assert {k: v for k, v in item.items() if k not in ("cells", "message_zh", "message_en")} == {
        "code": "t3.balance",
        "severity": "error",
        "status": "broken",
        "expected": 3,
        "printed": 0,
        "difference": -3,
        "candidates": [],
        "evidence": [],
    }
    assert item["cells"][0] == {
        "path": "$.requests.results_total.natural_person",
        "row": "三、本年度办理结果 › （七）总计",
        "column": "自然人",
        "printed": 0,
        "expected": None,
        "agency": "温州市公安局鹿城区分局",
        "year": 2021,
    }


def test_findings_json_carries_the_evidence_with_its_source():
    reading = govinfo.read(Path(govinfo.example_path(".txt")))
    prose = [f for f in check_reading(reading) if f.code == "prose.results_total"]
    (item,) = json.loads(govinfo.findings_to_json(prose))
    assert item["evidence"] == [
        {
            "path": "$.overview.parts[1][0]",
            "sentence": "2021年,我局共处理依申请公开信息3条,回复率达到100%",
            "text": "3",
            "source": "line 15, column 114",
        }
    ]
    assert (item["printed"], item["expected"], item["difference"]) == (0, 3, -3)


def test_findings_json_refuses_other_values():
    with pytest.raises(govinfo.JSONError, match=r"\$\[0\]: expected a Finding to write, got int"):
        govinfo.findings_to_json([1])


@pytest.mark.parametrize("bad", [None, "report", 3, EXAMPLE.requests, [EXAMPLE]])
@pytest.mark.parametrize(
    "function",
    [check, recompute_totals, lambda r: check_continuity(EXAMPLE, r)],
    ids=["check", "recompute_totals", "check_continuity"],
)
def test_functions_refuse_what_is_not_a_report(function, bad):
    with pytest.raises(CheckError, match=r"^(report|current): expected a Report, got \w+$"):
        function(bad)


# --- recompute_totals ----------------------------------------------------------------------


def test_recompute_the_reference_report():
    fixed = recompute_totals(EXAMPLE)
    assert [(c.path, c.printed, c.expected) for c in fixed.changes] == [
        ("$.requests.results_total.natural_person", 0, 3),
        ("$.requests.results_total.total", 0, 3),
    ]
    # The text's "共处理依申请公开信息3条" agrees now; the date, inside the year, is still wrong.
    assert [f.code for f in check(fixed.report)] == ["date.early"]
    assert EXAMPLE.requests["results_total", "total"] == 0  # the input is untouched
    assert recompute_totals(fixed.report).changes == ()


def test_recompute_fills_a_blank_total_and_keeps_one_it_cannot_compute():
    grid = EXAMPLE.requests.replace(
        {("granted", "total"): BLANK, ("carried_over", "other"): Placeholder("—")}
    )
    fixed = recompute_totals(attrs.evolve(EXAMPLE, requests=grid))
    assert fixed.report.requests["granted", "total"] == 0
    assert fixed.report.requests["carried_over", "total"] == 0  # as printed: a part is "—"
    assert ("$.requests.granted.total", BLANK, 0) in {
        (c.path, c.printed, c.expected) for c in fixed.changes
    }


def test_recompute_treats_an_unread_total_as_a_blank_one_and_keeps_one_it_cannot_compute():
    grid = EXAMPLE.requests.replace(
        {("granted", "total"): UNREAD, ("carried_over", "other"): UNREAD}
    )
    fixed = recompute_totals(attrs.evolve(EXAMPLE, requests=grid))
    assert fixed.report.requests["granted", "total"] == 0
    assert fixed.report.requests["carried_over", "other"] is UNREAD
    assert fixed.report.requests["carried_over", "total"] == 0  # as printed: a part is unread
    assert ("$.requests.granted.total", UNREAD, 0) in {
        (c.path, c.printed, c.expected) for c in fixed.changes
    }
    assert "$.requests.carried_over.total" not in {c.path for c in fixed.changes}


@given(reports(consistent=True), st.data())
def test_recompute_restores_changed_totals(report, data):
    totals = [
        (table, row, column)
        for table, row, column, _ in numeric_cells(report)
        if column == "total" or row == "results_total"
    ]
    chosen = data.draw(st.lists(st.sampled_from(totals), min_size=1, unique=True))
    changed = report
    for table, row, column in chosen:
        value = data.draw(st.integers(0, 1000) | st.just(BLANK))
        changed = attrs.evolve(
            changed, **{table: getattr(changed, table).replace({(row, column): value})}
        )
    fixed = recompute_totals(changed)
    assert fixed.report == report
    assert {c.path for c in fixed.changes} <= {f"$.{t}.{r}.{c}" for t, r, c in chosen}


@given(reports(), st.data())
def test_any_report_is_checked_and_its_totals_recomputed(report, data):
    findings = check(report)
    items = json.loads(govinfo.findings_to_json(findings))
    assert len(items) == len(findings)
    for finding, item in zip(findings, items, strict=True):
        assert item["severity"] == finding.severity.value
        assert item["status"] == finding.status.value
        assert [c["path"] for c in item["cells"]] == [c.path for c in finding.cells]
    # Recomputing is a fixed point, whatever the holes.
    once = recompute_totals(report).report
    again = recompute_totals(once)
    assert again.changes == ()
    assert again.report == once
    # Without holes in tables 3 and 4, every total rule holds afterwards.
    spec = report.template
    full = attrs.evolve(
        report,
        requests=data.draw(grids(spec.requests, holes=False)),
        review_litigation=data.draw(grids(spec.review_litigation, holes=False)),
    )
    assert [f for f in check(recompute_totals(full).report) if f.code in TOTALS] == []


# --- combine -------------------------------------------------------------------------------


def same_year(spec):
    return reports(spec=spec, consistent=True).map(
        lambda r: attrs.evolve(r, year=2020 if r.version is TemplateVersion.V2019 else 2022)
    )


@given(
    st.sampled_from(templates()).flatmap(lambda s: st.lists(same_year(s), min_size=1, max_size=3))
)
def test_combine_consistent_reports_is_consistent_and_cellwise(parts):
    summary = combine(parts, agency="某市")
    assert summary.report.template is parts[0].template
    assert check(summary.report) == ()
    for table in ("requests", "review_litigation"):
        for row, column, cell in getattr(summary.report, table).items():
            assert cell == sum(getattr(p, table)[row.key, column.key] for p in parts)
    blocks = zip(summary.report.disclosure, *(p.disclosure for p in parts), strict=True)
    for combined, *originals in blocks:
        for row, column, cell in combined.items():
            cells = [g[row.key, column.key] for g in originals]
            if any(isinstance(c, type(BLANK) | Placeholder | type(UNREAD)) for c in cells):
                assert cell is BLANK
            elif not isinstance(cells[0], Amount):
                assert cell == sum(cells)


def test_combine_names_the_parts_it_cannot_add():
    other = attrs.evolve(
        EXAMPLE,
        agency="某县公安局",
        requests=EXAMPLE.requests.replace({("granted", "other"): Placeholder("/")}),
    )
    summary = combine([EXAMPLE, other, EXAMPLE], agency="温州市", year=2021)
    assert summary.report.requests["granted", "other"] is BLANK
    assert summary.report.requests["new_received", "total"] == 9
    (finding,) = summary.findings
    assert (finding.code, finding.severity, finding.status) == (
        "combine.not_added",
        Severity.WARNING,
        Status.NOT_ASSESSABLE,
    )
    assert [(c.agency, c.path, c.printed) for c in finding.cells] == [
        ("某县公安局", "$.requests.granted.other", Placeholder("/"))
    ]
    assert finding.message_en == (
        "温州市 2021 summary: $.requests.granted.other left blank, not added: 某县公安局 "
        "(placeholder '/') is not a number"
    )
    assert summary.report.disclosure["fees"]["administrative_fees", "amount"] == Decimal("899.4435")


def test_combine_does_not_add_an_unread_part():
    other = attrs.evolve(
        EXAMPLE,
        agency="某县公安局",
        requests=EXAMPLE.requests.replace({("new_received", "natural_person"): UNREAD}),
    )
    summary = combine([EXAMPLE, other], agency="温州市", year=2021)
    assert summary.report.requests["new_received", "natural_person"] is BLANK
    assert summary.report.requests["new_received", "total"] == 6
    (finding,) = summary.findings
    assert (finding.code, finding.status) == ("combine.not_added", Status.NOT_ASSESSABLE)
    assert [(c.agency, c.path, c.printed) for c in finding.cells] == [
        ("某县公安局", "$.requests.new_received.natural_person", UNREAD)
    ]
    assert finding.message_en == (
        "温州市 2021 summary: $.requests.new_received.natural_person left blank, not added: "
        "某县公安局 (unread) is not a number"
    )
    assert finding.message_zh == (
        "温州市2021年汇总：一、本年新收政府信息公开申请数量／自然人无法相加，已留空："
        "某县公安局（未读）不是数字"
    )


def test_combine_amounts_in_one_unit_stay_in_it_and_mixed_units_become_yuan():
    base = Report.empty(TemplateVersion.V2019, agency="甲", year=2020)
    spec = base.disclosure["procurement"].spec

    def with_amount(agency, amount):
        grid = Grid(spec, ((1, amount),))
        blocks = tuple(grid if b.spec is spec else b for b in base.disclosure)
        return attrs.evolve(base, agency=agency, disclosure=govinfo.Disclosure(blocks))

    wan = with_amount("甲", Amount(Decimal("1.5"), Unit.WAN_YUAN))
    yuan = with_amount("乙", Amount(Decimal("251000"), Unit.YUAN))
    same = combine([wan, wan], agency="市").report.disclosure["procurement"]
    assert same["centralized_procurement", "total_amount"] == Amount(Decimal("3.0"), Unit.WAN_YUAN)
    mixed = combine([wan, yuan], agency="市").report.disclosure["procurement"]
    assert mixed["centralized_procurement", "total_amount"] == Amount(Decimal("266000"), Unit.YUAN)
    assert mixed["centralized_procurement", "project_count"] == 2


def test_combine_refuses_a_variant_beside_its_template():
    single = Report.empty(
        TemplateVersion.V2021, variant=Variant.SINGLE_OTHER_HANDLING, agency="乙", year=2021
    )
    with pytest.raises(CheckError) as caught:
        combine([EXAMPLE, single], agency="市")
    assert str(caught.value) == (
        "combine needs reports of one variant of the 2021 template; got none, single_other_handling"
    )


def test_combine_refuses_mixed_versions_and_years():
    v2019 = Report.empty(TemplateVersion.V2019, agency="甲", year=2020)
    with pytest.raises(
        CheckError, match=r"^combine needs reports of one template version; got 2019, 2021$"
    ):
        combine([EXAMPLE, v2019], agency="市")
    with pytest.raises(CheckError, match=r"^combine needs reports of one year; got 2021, 2022$"):
        combine([EXAMPLE, attrs.evolve(EXAMPLE, year=2022)], agency="市")
    with pytest.raises(
        CheckError,
        match=r"^combine needs reports of one year \(the summary is for 2022\); got 2021$",
    ):
        combine([EXAMPLE], agency="市", year=2022)
    with pytest.raises(CheckError, match=r"^combine needs at least one report$"):
        combine([], agency="市")
    with pytest.raises(CheckError, match=r"^reports\[1\]: expected a Report, got str$"):
        combine([EXAMPLE, "x"], agency="市")


# --- continuity ----------------------------------------------------------------------------


def test_continuity_of_table_2_in_2021():
    last = attrs.evolve(EXAMPLE, year=2020)
    regulations = EXAMPLE.disclosure["regulations"].replace(
        {("normative_documents", "issued"): 3, ("normative_documents", "repealed"): 1}
    )
    blocks = tuple(regulations if b.spec.key == "regulations" else b for b in EXAMPLE.disclosure)
    current = attrs.evolve(EXAMPLE, disclosure=govinfo.Disclosure(blocks))
    (finding, copied_overview, copied_problems) = check_continuity(last, current)
    assert (copied_overview.code, copied_problems.code) == ("copy.overview", "copy.problems")
    assert (finding.code, finding.severity, finding.printed, finding.expected) == (
        "t2.in_force",
        Severity.WARNING,
        4,
        6,
    )
    assert [(c.path, c.year, c.printed) for c in finding.cells] == [
        ("$.disclosure.regulations.normative_documents.in_force", 2021, 4),
        ("$.disclosure.regulations.normative_documents.in_force", 2020, 4),
        ("$.disclosure.regulations.normative_documents.issued", 2021, 3),
        ("$.disclosure.regulations.normative_documents.repealed", 2021, 1),
    ]


def test_continuity_of_table_2_in_2019():
    base = Report.empty(TemplateVersion.V2019, agency="甲", year=2019)
    licensing = base.disclosure["licensing"]
    last = Grid.filled(licensing.spec, 10).replace({("administrative_licensing", "change"): -3})

    def with_licensing(report, grid):
        blocks = tuple(grid if b.spec is grid.spec else b for b in report.disclosure)
        return attrs.evolve(report, disclosure=govinfo.Disclosure(blocks))

    previous = with_licensing(base, last)
    current = with_licensing(attrs.evolve(base, year=2020), Grid.filled(licensing.spec, 7))
    findings = check_continuity(previous, current)
    assert [(f.code, f.status, f.cells[0].path) for f in findings[7:]] == [
        (
            "t2.previous_count",
            Status.BROKEN,
            "$.disclosure.licensing.other_management_services.previous_count",
        ),
        (
            "t2.previous_count",
            Status.NOT_ASSESSABLE,
            "$.disclosure.enforcement.administrative_penalty.previous_count",
        ),
        (
            "t2.previous_count",
            Status.NOT_ASSESSABLE,
            "$.disclosure.enforcement.administrative_coercion.previous_count",
        ),
        (
            "t2.previous_count",
            Status.NOT_ASSESSABLE,
            "$.disclosure.fees.administrative_fees.previous_count",
        ),
    ]
    assert {(f.code, f.status) for f in findings[:7]} == {("t3.continuity", Status.NOT_ASSESSABLE)}
    assert (findings[7].printed, findings[7].expected, findings[7].difference) == (7, 20, -13)
    assert findings[7].message_zh == (
        "甲2020年、甲2019年：第二十条第（五）项、第二十条第（六）项、第二十条第（八）项每一行："
        "上一年项目数量 ＝ 上年报告的上一年项目数量＋本年增/减（其他对外管理服务事项）不成立："
        "填报 7，应为 20，相差 -13"
    )


def test_continuity_across_template_versions_compares_table_3_only():
    previous = Report.empty(TemplateVersion.V2019, agency="温州市公安局鹿城区分局", year=2020)
    previous = attrs.evolve(previous, requests=Grid.filled(previous.requests.spec, 1))
    findings = check_continuity(previous, EXAMPLE)
    assert {f.code for f in findings} == {"t3.continuity"}
    assert len(findings) == 7
    assert [(c.year, c.path) for c in findings[0].cells] == [
        (2021, "$.requests.carried_over.natural_person"),
        (2020, "$.requests.carried_forward.natural_person"),
    ]


@pytest.mark.parametrize(
    "variant_first", [True, False], ids=["variant-then-2021", "2021-then-variant"]
)
def test_continuity_between_a_variant_and_its_template(variant_first):
    single = template_of_variant()
    variant = Report.empty(
        TemplateVersion.V2021, variant=single.variant, agency=EXAMPLE.agency, year=2020
    )
    variant = attrs.evolve(
        variant,
        disclosure=EXAMPLE.disclosure,
        requests=Grid.filled(single.requests, 1),
        review_litigation=EXAMPLE.review_litigation,
    )
    if variant_first:
        previous, current = variant, EXAMPLE
    else:
        previous, current = attrs.evolve(EXAMPLE, year=2020), attrs.evolve(variant, year=2021)
    findings = check_continuity(previous, current)
    # Table 3's carry-over rows are in both: compared column by column. Table 2 is alike.
    assert {f.code for f in findings} == {"t3.continuity"}
    assert len(findings) == 7
    printed = (0, 1) if variant_first else (1, 0)
    assert [(c.year, c.path, c.printed) for c in findings[0].cells] == [
        (2021, "$.requests.carried_over.natural_person", printed[0]),
        (2020, "$.requests.carried_forward.natural_person", printed[1]),
    ]


def template_of_variant():
    return govinfo.template(TemplateVersion.V2021, Variant.SINGLE_OTHER_HANDLING)


@given(reports(spec=template_of_variant(), consistent=True), st.data())
def test_consistent_variant_reports_pass_and_a_changed_other_handling_cell_is_located(report, data):
    assert report.template.variant is Variant.SINGLE_OTHER_HANDLING
    assert check(report) == ()
    column = data.draw(st.sampled_from([c.key for c in report.requests.spec.columns]))
    value = report.requests["other_handling", column]
    new = data.draw(st.integers(0, 10**6).filter(lambda n: n != value), label="value")
    findings = check(
        attrs.evolve(report, requests=report.requests.replace({("other_handling", column): new}))
    )
    # The single （六） row is a part of （七）总计 and has its own 总计: two identities.
    assert "t3.results_total" in {f.code for f in findings}
    (culprit,) = [f for f in findings if f.code == "culprit"]
    assert culprit.status is Status.LOCATED
    assert [(c.path, c.row, c.printed, c.expected) for c in culprit.cells] == [
        (f"$.requests.other_handling.{column}", "三、本年度办理结果 › （六）其他处理", new, value)
    ]


def test_continuity_needs_consecutive_years():
    with pytest.raises(
        CheckError, match=r"^continuity compares consecutive years: got 2021 and 2021$"
    ):
        check_continuity(EXAMPLE, EXAMPLE)
    with pytest.raises(CheckError, match=r"^previous: expected a Report, got NoneType$"):
        check_continuity(None, EXAMPLE)


def test_findings_are_values():
    assert check(EXAMPLE) == check(govinfo.load_example())
    finding = check(EXAMPLE)[0]
    assert isinstance(finding, Finding)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.code = "x"


def test_wrong_single_cell_in_table_4_lists_its_row_as_candidates():
    review = EXAMPLE.review_litigation.replace({("administrative_review", "corrected"): 2})
    findings = arithmetic(
        check(attrs.evolve(recompute_totals(EXAMPLE).report, review_litigation=review))
    )
    assert [f.code for f in findings] == ["t4.group_total", "culprit"]
    culprit = findings[-1]
    assert culprit.status is Status.AMBIGUOUS
    # 结果维持, 其他结果 and 尚未审结 would have to become negative to fit.
    assert [(fit[0].column, fit[0].expected) for fit in culprit.candidates] == [
        ("结果纠正", 0),
        ("总计", 3),
    ]


def test_table_4_total_of_0_beside_parts_of_11_is_located():
    # Seen in a district's report: 行政复议 总计 0 beside parts that add up to 11. Only the
    # total can fit: any part would have to become negative.
    review = EXAMPLE.review_litigation.replace(
        {
            ("administrative_review", "upheld"): 5,
            ("administrative_review", "corrected"): 3,
            ("administrative_review", "other"): 2,
            ("administrative_review", "pending"): 1,
            ("administrative_review", "total"): 0,
        }
    )
    fixed = recompute_totals(EXAMPLE).report
    findings = arithmetic(check(attrs.evolve(fixed, review_litigation=review)))
    assert [(f.code, f.status) for f in findings] == [
        ("t4.group_total", Status.BROKEN),
        ("culprit", Status.LOCATED),
    ]
    assert [(c.path, c.row, c.column) for c in findings[-1].cells] == [
        ("$.review_litigation.administrative_review.total", "行政复议", "总计")
    ]
    assert (findings[-1].printed, findings[-1].expected, findings[-1].difference) == (0, 11, -11)


def test_recompute_adds_the_results_row_after_its_parts_are_recomputed():
    # With a blank among the leaf totals, （七）总计's 总计 can only come from its own row,
    # whose 自然人 cell is itself recomputed (0 → 3): it must be summed after that.
    grid = EXAMPLE.requests.replace(
        {
            ("unavailable_not_held", "commercial_enterprise"): BLANK,
            ("unavailable_not_held", "total"): BLANK,
        }
    )
    once = recompute_totals(attrs.evolve(EXAMPLE, requests=grid))
    assert [(c.path, c.printed, c.expected) for c in once.changes] == [
        ("$.requests.results_total.natural_person", 0, 3),
        ("$.requests.results_total.total", 0, 3),
    ]
    assert recompute_totals(once.report).changes == ()


def test_combine_leaves_a_sum_past_the_bound_on_numbers_blank_and_says_so():
    # Found by the suite's own properties: three amounts of 10^15 − 1 元 made a ModelError.
    big = Amount(Decimal(10**15 - 1), Unit.YUAN)
    report = govinfo.Report.empty(TemplateVersion.V2019, agency="某局", year=2020)
    block = report.disclosure["procurement"].replace(
        {("centralized_procurement", "total_amount"): big}
    )
    part = attrs.evolve(
        report,
        disclosure=govinfo.Disclosure(
            tuple(block if b.spec.key == "procurement" else b for b in report.disclosure)
        ),
    )
    summary = combine([part, part], agency="某市")
    cell = summary.report.disclosure["procurement"]["centralized_procurement", "total_amount"]
    assert cell is BLANK
    (finding,) = [
        f
        for f in summary.findings
        if f.cells[0].path.endswith("procurement.centralized_procurement.total_amount")
    ]
    assert finding.message_en.endswith("left blank: the sum has more than 15 digits")


# --- prose, dates and form ------------------------------------------------------------------


@given(reports(consistent=True), st.data())
def test_consistent_reports_with_prose_stating_their_tables_get_no_finding(report, data):
    prose = data.draw(stated_prose(report), label="prose")
    overview = attrs.evolve(report.overview, intro=(*prose, *report.overview.intro))
    assert check(attrs.evolve(report, overview=overview)) == ()
