"""Flattened page text (a row's numbers run together): the real pages of tests/fixtures/web/
against their article.html, and generated reports written flattened, each against an oracle
that shares no code with the solver: every split of every run, enumerated plainly, filtered by
the identities as FORMAT.md states them (written out here, not read from the catalogue)."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, Phase, assume, given, note, settings
from hypothesis import strategies as st

import govinfo
from govinfo import UNREAD, Severity
from govinfo.formats import _solve
from govinfo.formats.flat import read_flat
from govinfo.model import MAX_DIGITS, Amount, Grid, Overview, Report
from govinfo.strategies import grids, reports
from govinfo.template import (
    LABEL_ALIASES,
    SECTIONS,
    ColumnKind,
    GridSpec,
    TemplateSpec,
    TemplateVersion,
    Variant,
    template,
)
from govinfo.zh.amounts import Unit as AmountUnit

WEB = Path(__file__).parent / "fixtures" / "web"
PAGES = sorted(p.name for p in WEB.iterdir())

# --- the oracle -------------------------------------------------------------------------------
#
# Token rules (the issue's): counts are digits without a leading zero unless 0; 本年增/减 may
# carry a sign or the word; money in 万元 has at most one point; an amount carries its unit.

# The model holds numbers of at most MAX_DIGITS digits (before and after a point).
_COUNT = rf"(?:0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})"
_POINT = rf"(?:\.[0-9]{{1,{MAX_DIGITS}}})?"
_TOKEN = {
    ColumnKind.COUNT: re.compile(_COUNT),
    ColumnKind.DELTA: re.compile(rf"(?:\+|-|增加|减少|增|减)?{_COUNT}"),
    ColumnKind.MONEY: re.compile(rf"{_COUNT}{_POINT}(?:万元)?"),
    ColumnKind.AMOUNT: re.compile(rf"{_COUNT}{_POINT}(?:亿元|万元|元)"),
}


def _value(kind: ColumnKind, token: str) -> object:
    """The model value a token stands for."""
    if kind is ColumnKind.COUNT:
        return int(token)
    if kind is ColumnKind.DELTA:
        for word, sign in (("增加", 1), ("减少", -1), ("增", 1), ("减", -1), ("+", 1), ("-", -1)):
            if token.startswith(word):
                return sign * int(token[len(word) :])
        return int(token)
    if kind is ColumnKind.MONEY:
        return Decimal(token.removesuffix("万元"))
    for unit in ("亿元", "万元", "元"):
        if token.endswith(unit):
            return Amount(Decimal(token.removesuffix(unit)), AmountUnit(unit))
    raise AssertionError(token)


MOST_SPLITS = 40_000
"""The oracle refuses (the example is skipped) a run with more ways to cut than this."""


def every_split(pieces: Sequence[str], kinds: Sequence[ColumnKind]) -> list[tuple[object, ...]]:
    """Every way to cut ``pieces`` (hard boundaries between them) into one token per kind,
    every token valid: plain enumeration of the cut positions."""
    text = "".join(pieces)
    bounds, at = set(), 0
    for piece in pieces[:-1]:
        at += len(piece)
        bounds.add(at)
    free = [g for g in range(1, len(text)) if g not in bounds]
    extra = len(kinds) - 1 - len(bounds)
    if extra < 0 or extra > len(free):
        return []
    assert math.comb(len(free), extra) <= MOST_SPLITS, (pieces, kinds)
    out = []
    for chosen in itertools.combinations(free, extra):
        cuts = [0, *sorted((*bounds, *chosen)), len(text)]
        tokens = [text[a:b] for a, b in itertools.pairwise(cuts)]
        if all(_TOKEN[k].fullmatch(t) for k, t in zip(kinds, tokens, strict=True)):
            out.append(tuple(_value(k, t) for k, t in zip(kinds, tokens, strict=True)))
    return out


def splits_count(pieces: Sequence[str], cells: int) -> int:
    length = sum(map(len, pieces))
    extra = cells - len(pieces)
    return math.comb(max(length - len(pieces), 0), extra) if extra >= 0 else 0


# Identities, as FORMAT.md states them (1–4).


def requests_holds(spec: GridSpec, rows: dict[str, tuple[object, ...]]) -> bool:
    """Identities 1 and 3 on table 3 (identity 2 is checked per row: :func:`row_total`)."""
    leaves = [r.key for r in spec.rows if r.parents and r.key != "results_total"]
    for c in range(len(spec.columns)):

        def at(key: str, c: int = c) -> int:
            value = rows[key][c]
            assert isinstance(value, int)
            return value

        if at("new_received") + at("carried_over") != at("results_total") + at("carried_forward"):
            return False
        if at("results_total") != sum(at(k) for k in leaves):
            return False
    return True


def row_total(values: tuple[object, ...]) -> bool:
    """Identity 2: 总计 is the sum of the six applicant columns (identity 4 is it in groups of
    five)."""
    *parts, total = values
    return sum(parts) == total  # type: ignore[arg-type]


def review_holds(values: tuple[object, ...]) -> bool:
    return all(row_total(values[g : g + 5]) for g in range(0, 15, 5))


class Oracle:
    """Per cell (table path, row key, column key): the values it may take, and whether the
    identities (or, when no split satisfies them, the token rules) decide it."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str, str], set[object]] = {}

    def decided(self, cell: tuple[str, str, str]) -> object | None:
        values = self.values[cell]
        return next(iter(values)) if len(values) == 1 else None

    def table(
        self,
        cells: Sequence[Sequence[tuple[str, str, str]]],
        tokens: Sequence[list[tuple[object, ...]]],
        holds: object,
    ) -> bool:
        """Record a table's runs (their cells, every split of each by the token rules) under
        ``holds`` (a test of one reading of all runs, or None). Returns whether a reading
        satisfies the identities."""
        survivors: list[tuple[tuple[object, ...], ...]] = []
        if holds is not None and all(tokens):
            size = math.prod(len(t) for t in tokens)
            if size > 200_000:
                raise OverflowError(size)
            survivors = [p for p in itertools.product(*tokens) if holds(p)]  # type: ignore[operator]
        readings = survivors or None
        for r, run in enumerate(cells):
            for p, cell in enumerate(run):
                if readings is not None:
                    self.values[cell] = {reading[r][p] for reading in readings}
                else:
                    self.values[cell] = {split[p] for split in tokens[r]}
        return bool(survivors)


def oracle_of(spec: TemplateSpec, runs: dict[tuple[str, str], list[str]]) -> Oracle:
    """The oracle of a report's runs: ``runs[(table, row)]`` the pieces printed after the row's
    label (table 4: ``("review_litigation", "")``)."""
    oracle = Oracle()
    for block in spec.disclosure:
        table = f"disclosure.{block.key}"
        kinds = [c.kind for c in block.columns]
        for row in block.rows:
            if (table, row.key) not in runs:
                continue
            cells = [[(table, row.key, c.key) for c in block.columns]]
            oracle.table(cells, [every_split(runs[(table, row.key)], kinds)], None)
    grid = spec.requests
    kinds = [c.kind for c in grid.columns]
    cells = [[("requests", r.key, c.key) for c in grid.columns] for r in grid.rows]
    tokens = [every_split(runs[("requests", r.key)], kinds) for r in grid.rows]
    # Identity 2 holds in one row: filtering each row's splits by it is filtering the product.
    within = [[s for s in t if row_total(s)] for t in tokens]
    keys = [r.key for r in grid.rows]

    def holds(reading: tuple[tuple[object, ...], ...]) -> bool:
        return requests_holds(grid, dict(zip(keys, reading, strict=True)))

    if all(within):
        size = math.prod(len(t) for t in within)
        if size > 200_000:
            raise OverflowError(size)
        survivors = [p for p in itertools.product(*within) if holds(p)]
    else:
        survivors = []
    for r, run in enumerate(cells):
        for p, cell in enumerate(run):
            source = [s[r] for s in survivors] if survivors else tokens[r]
            oracle.values[cell] = {split[p] for split in source}
    review = spec.review_litigation
    cells = [[("review_litigation", r.key, c.key) for r in review.rows for c in review.columns]]
    kinds = [c.kind for _ in review.rows for c in review.columns]
    split = every_split(runs[("review_litigation", "")], kinds)
    oracle.table(cells, [split], lambda p: review_holds(p[0]))
    return oracle


def assert_oracle(result: govinfo.ReadResult, oracle: Oracle, truth: Truth | None) -> None:
    """The solver reads every cell the oracle decides, with its value, and leaves every other
    unread, with a diagnostic whose candidates include the true value (``truth``'s)."""
    report = result.report
    for path, grid in report.grids():
        table = path.removeprefix("$.")
        for row, values in zip(grid.spec.rows, grid.cells, strict=True):
            for column, value in zip(grid.spec.columns, values, strict=True):
                cell = (table, row.key, column.key)
                if cell not in oracle.values:
                    continue
                decided = oracle.decided(cell)
                true = truth[table, row.key, column.key] if truth is not None else None
                if decided is not None:
                    assert value == decided, (cell, value, decided)
                    continue
                assert value is UNREAD, (cell, value, oracle.values[cell])
                if true is None:
                    continue
                assert true in oracle.values[cell], (cell, true)
                wanted = f"the column {column.label} of the row "
                messages = [
                    e.message
                    for e in result.errors
                    if wanted in e.message and "is not decided" in e.message
                ]
                # Table 4's cells name their group (its row), the others their row.
                message = next(m for m in messages if f"of the row {row.label} " in m)
                listed = message.split(": it is ", 1)[1].split(" in the ", 1)[0]
                assert _shown(true) in listed.split(", "), (cell, listed)


def assert_true_or_unread(result: govinfo.ReadResult, truth: Truth) -> None:
    """Every cell of every table either holds its true value or is unread."""
    for path, grid in result.report.grids():
        table = path.removeprefix("$.")
        for row, values in zip(grid.spec.rows, grid.cells, strict=True):
            for column, value in zip(grid.spec.columns, values, strict=True):
                if value is not UNREAD:
                    assert value == truth[table, row.key, column.key], (table, row.key, column.key)


def _shown(value: object) -> str:
    if isinstance(value, Amount):
        return f"{value.value}{value.unit.value}"
    return str(value)


def _cell(report: Report, table: str, row: str, column: str) -> object:
    for path, grid in report.grids():
        if path == f"$.{table}":
            return grid[row, column]
    raise KeyError(table)


class Truth:
    """A report's cells by (table, row key, column key): the true values."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def __getitem__(self, key: tuple[str, str, str]) -> object:
        return _cell(self.report, *key)


# --- the real pages -----------------------------------------------------------------------------

_RUN = re.compile(r"[0-9.+\-增减元万亿 ]*")


def page_runs(text: str, spec: TemplateSpec) -> dict[tuple[str, str], list[str]]:
    """The runs of a real page, found by this test's own reading: every label (a caption, a
    group's, a row's or its alias) in order, and each row's run: the digits, signs, points and
    units after its label, up to the next label, in pieces between spaces."""
    found: list[tuple[int, int, tuple[str, str] | None]] = []  # start, end, (table, row)
    at = text.index("二、主动公开政府信息情况")

    def find(label: str, key: tuple[str, str] | None, at: int) -> int:
        hits = [(text.find(k, at), k) for k in (label, *LABEL_ALIASES.get(label, ()))]
        hits = [(i, k) for i, k in hits if i >= 0]
        if not hits:
            return at
        i, k = min(hits, key=lambda h: (h[0], -len(h[1])))
        found.append((i, i + len(k), key))
        return i + len(k)

    for block in spec.disclosure:
        at = find(block.caption, None, at)
        for row in block.rows:
            at = find(row.label, (f"disclosure.{block.key}", row.key), at)
    for row, opened in spec.requests.groups():
        for group in opened:
            if group != row.label:
                at = find(group, None, at)
        at = find(row.label, ("requests", row.key), at)
    section = text.index("五、", at)
    header = text.rindex("总计", at, section)
    found.append((header, header + 2, ("review_litigation", "")))
    found.append((section, section, None))
    runs: dict[tuple[str, str], list[str]] = {}
    for (_, end, key), (following, _, _) in itertools.pairwise(found):
        if key is None:
            continue
        run = _RUN.match(text, end, following)
        assert run is not None
        runs[key] = run.group().rstrip(" .+-增减万亿").split()
    return runs


@pytest.mark.parametrize("name", PAGES)
def test_every_cell_read_from_a_page_is_the_cell_of_its_html(name: str) -> None:
    flat = govinfo.read(WEB / name / "page.txt")
    html = govinfo.read(WEB / name / "article.html").report
    assert flat.report.template == html.template
    read = 0
    for (path, got), (_, want) in zip(flat.report.grids(), html.grids(), strict=True):
        for row, values, expected in zip(got.spec.rows, got.cells, want.cells, strict=True):
            for column, value, true in zip(got.spec.columns, values, expected, strict=True):
                if value is not UNREAD:
                    read += 1
                    assert value == true, (path, row.key, column.key)
    assert read > 150


@pytest.mark.parametrize("name", PAGES)
def test_a_page_reads_as_the_oracle_decides(name: str) -> None:
    text = (WEB / name / "page.txt").read_text(encoding="utf-8")
    result = govinfo.read(WEB / name / "page.txt")
    spec = result.report.template
    oracle = oracle_of(spec, page_runs(text, spec))
    truth = govinfo.read(WEB / name / "article.html").report
    assert_oracle(result, oracle, Truth(truth))


# How many cells of each page are read from runs, and how many stay open (docs/flat.md): a floor
# for the one and a ceiling for the other.
COUNTS = {
    "pingtan-agriculture-bureau-2019": (194, 4),
    "pingtan-finance-bureau-2025": (200, 0),
    "pingtan-jinjing-area-2019": (196, 2),
    "pingtan-management-committee-office-2025": (197, 3),
    "pingtan-natural-resources-bureau-2024": (197, 3),
    "pingtan-social-affairs-bureau-2024": (187, 10),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_counts_of_cells_read_and_left_open_do_not_get_worse(name: str) -> None:
    from govinfo.formats._flat import document

    text = (WEB / name / "page.txt").read_text(encoding="utf-8")
    counts = document(text).counts
    read, open_ = COUNTS[name]
    assert counts["split"] + counts["whole"] >= read
    assert counts["unread"] <= open_


# --- generated reports, written flattened -------------------------------------------------------


def _text(value: object) -> str:
    if isinstance(value, Amount):
        return f"{format(value.value, 'f')}{value.unit.value}"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_flat(report: Report, gaps: Iterator[str]) -> tuple[str, dict[tuple[str, str], list[str]]]:
    """``report`` as a crawler saves a page: a header line with its title, then the whole
    report on one line, every table row its label followed by its values, between which
    ``gaps`` gives "" (run together) or a space (a hard boundary). Returns the text and the
    runs printed, in pieces, per (table, row)."""
    out: list[str] = []
    runs: dict[tuple[str, str], list[str]] = {}

    def run(key: tuple[str, str], values: Sequence[object]) -> None:
        printed = _text(values[0])
        for value in values[1:]:
            printed += next(gaps) + _text(value)
        runs[key] = printed.split()
        out.append(printed)

    sections = [s.heading for s in SECTIONS]
    out += [*report.preamble, sections[0], *report.overview.intro, sections[1]]
    for block in report.disclosure:
        out += [block.spec.caption, *block.spec.header]
        for row, values in zip(block.spec.rows, block.cells, strict=True):
            out.append(row.label)
            run((f"disclosure.{block.spec.key}", row.key), values)
    grid = report.requests
    out += [sections[2], *grid.spec.header]
    for (row, opened), values in zip(grid.spec.groups(), grid.cells, strict=True):
        out += [g for g in opened if g != row.label]
        out.append(row.label)
        run(("requests", row.key), values)
    review = report.review_litigation
    out += [sections[3], *review.spec.header]
    run(("review_litigation", ""), [v for values in review.cells for v in values])
    out += [sections[4], *report.problems, sections[5], *report.other_matters]
    body = "".join(out) + "".join(" " + line for line in report.trailer)
    return f"标题: {report.title}\n{body}\n", runs


def _plain(report: Report, disclosure: tuple[Grid, ...]) -> Report:
    """``report`` with prose that names no label and states no number, and a table 2 of
    numbers only: the property is about the tables."""
    return attrs.evolve(
        report,
        preamble=("本报告依据条例编制。",),
        overview=Overview(intro=("本年度工作稳步推进。",), parts=()),
        disclosure=govinfo.model.Disclosure(disclosure),
        problems=("仍有不足。",),
        other_matters=("无。",),
        trailer=(report.agency,),
    )


SPECS = [
    template("2019"),
    template("2021"),
    template("2021", Variant.SINGLE_OTHER_HANDLING),
]


@st.composite
def flattened(draw: st.DrawFn, spec: TemplateSpec) -> tuple[Report, str, dict]:
    report = draw(reports(spec=spec, consistent=True))
    disclosure = tuple(draw(grids(b, holes=False)) for b in spec.disclosure)
    report = _plain(report, disclosure)
    gaps = iter(draw(st.lists(st.sampled_from(["", " ", " "]), min_size=400, max_size=400)))
    text, runs = write_flat(report, gaps)
    return report, text, runs


@pytest.mark.parametrize("spec", SPECS, ids=["2019", "2021", "2021-single-other"])
# Each example costs the oracle's enumeration: shrinking a failure would take minutes, so a
# failure is reported as found (its text is noted).
@settings(
    max_examples=15,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_reports_written_flattened_read_as_the_oracle_decides(
    spec: TemplateSpec, data: st.DataObject
) -> None:
    report, text, runs = data.draw(flattened(spec))
    cells = {("review_litigation", ""): 15}
    assume(
        all(
            splits_count(pieces, cells.get(key, len(_grid(spec, key[0]).columns))) <= MOST_SPLITS
            for key, pieces in runs.items()
        )
    )
    try:
        oracle = oracle_of(spec, runs)
    except OverflowError:
        assume(False)
    note(text)
    result = govinfo.read(text.encode())
    assert result.report.template == spec
    if any("stopped at its bound" in e.message for e in result.errors):
        # A table whose every row is a long run of many splits can take the search past its
        # bound (TABLE_BUDGET), as one generated case did: then only the cells that the token
        # rules alone decide are read, and those must be the report's, the others unread.
        assert_true_or_unread(result, Truth(report))
        assert not any("no split" in e.message for e in result.errors)
        return
    assert_oracle(result, oracle, Truth(report))
    # A consistent report: the identities decide every cell of table 3 the oracle decides, and
    # no reading of it is refused.
    assert not any("no split" in e.message for e in result.errors)


def _grid(spec: TemplateSpec, table: str) -> GridSpec:
    for path, grid in spec.grids():
        if path == f"$.{table}":
            return grid
    raise KeyError(table)


def flat_text(report: Report, gap: str = "") -> str:
    """``report`` written flattened, every gap ``gap``."""
    return write_flat(report, itertools.repeat(gap))[0]


# --- identities broken, a second source, the bound ------------------------------------------


def test_a_report_that_breaks_an_identity_gets_no_forced_split() -> None:
    # The reference report's （七）总计 row is all 0 while its leaf rows add to 3.
    report = govinfo.load_example()
    text = flat_text(_plain(report, report.disclosure.blocks))
    result = govinfo.read(text.encode())
    (failed,) = [e for e in result.errors if e.message.startswith("no split")]
    assert "t3.results_total" in failed.message
    assert "only the cells that the token rules alone decide are read" in failed.message
    truth = Truth(report)
    read = 0
    for path, grid in result.report.grids():
        table = path.removeprefix("$.")
        for row, values in zip(grid.spec.rows, grid.cells, strict=True):
            for column, value in zip(grid.spec.columns, values, strict=True):
                if value is not UNREAD:
                    read += 1
                    assert value == truth[table, row.key, column.key]
    # Table 3 printed as digits only, one digit a cell: the token rules alone decide it all.
    assert read == 175 + 15 + 10
    # The same report with a run the token rules cannot decide: 10 is 1 · 0 or 10.
    rows = list(report.requests.cells)
    keys = [r.key for r in report.requests.spec.rows]
    rows[keys.index("granted")] = (10, 0, 0, 0, 0, 0, 10)
    changed = attrs.evolve(report, requests=Grid(report.requests.spec, tuple(rows)))
    result = govinfo.read(flat_text(_plain(changed, report.disclosure.blocks)).encode())
    granted = result.report.requests
    assert granted["granted", "natural_person"] is UNREAD
    # 10000010 is 10 · 0 · 0 · 0 · 0 · 1 · 0 or 1 · 0 · 0 · 0 · 0 · 0 · 10: the total too is open.
    assert granted["granted", "total"] is UNREAD
    assert any("no split" in e.message for e in result.errors)


def _last_year(report: Report) -> Report:
    """A previous year's report whose 结转下年度继续办理 is ``report``'s 上年结转."""
    keys = [r.key for r in report.requests.spec.rows]
    over = report.requests.cells[keys.index("carried_over")]
    rows = [over if k == "carried_forward" else (0,) * 7 for k in keys]
    last = Report.empty(report.version, agency=report.agency, year=report.year - 1)
    return attrs.evolve(last, requests=Grid(last.requests.spec, tuple(rows)))


def _ambiguous() -> Report:
    """A consistent report whose 上年结转 and 结转下年度继续办理 runs both split two ways:
    11 · 0 · … · 11 or 1 · 10 · … · 11."""
    report = govinfo.load_example()
    spec = report.requests.spec
    keys = [r.key for r in spec.rows]
    rows = [(0,) * 7 for _ in keys]
    rows[keys.index("carried_over")] = (11, 0, 0, 0, 0, 0, 11)
    rows[keys.index("carried_forward")] = (11, 0, 0, 0, 0, 0, 11)
    review = Grid(report.review_litigation.spec, ((0,) * 5,) * 3)
    return _plain(
        attrs.evolve(report, requests=Grid(spec, tuple(rows)), review_litigation=review),
        report.disclosure.blocks,
    )


def test_a_previous_years_report_decides_between_candidates_with_a_warning() -> None:
    report = _ambiguous()
    page = flat_text(report).encode()
    alone = govinfo.read(page)
    assert alone.report.requests["carried_over", "natural_person"] is UNREAD
    assert alone.report.requests["carried_forward", "commercial_enterprise"] is UNREAD
    result = read_flat(page, previous=_last_year(report))
    assert result.report.requests == report.requests
    warnings = [d.message for d in result.diagnostics if d.severity is Severity.WARNING]
    decided = [m for m in warnings if "decided by the previous year's report" in m]
    # 上年结转's two open cells by continuity, 结转下年度's two through the identities.
    assert len(decided) == 4
    assert "(温州市公安局鹿城区分局2020年) (t3.continuity)" in decided[0]
    assert "reports break continuity too" in decided[0]
    assert not any("is not decided" in e.message for e in result.errors)


def test_a_second_source_that_agrees_with_no_split_decides_nothing() -> None:
    report = _ambiguous()
    last = _last_year(report)
    keys = [r.key for r in last.requests.spec.rows]
    rows = list(last.requests.cells)
    rows[keys.index("carried_forward")] = (5, 6, 0, 0, 0, 0, 11)  # continuity broken
    last = attrs.evolve(last, requests=Grid(last.requests.spec, tuple(rows)))
    result = read_flat(flat_text(report).encode(), previous=last)
    assert result.report.requests["carried_over", "natural_person"] is UNREAD
    assert any("agrees with no split" in d.message for d in result.diagnostics)


def test_the_same_report_in_another_format_decides_a_page() -> None:
    name = "pingtan-management-committee-office-2025"
    html = govinfo.read(WEB / name / "article.html")
    alone = govinfo.read(WEB / name / "page.txt")
    assert len(alone.unread) == 3  # 行政规范性文件 97253: 9 · 7 · 253 and five others
    result = read_flat(WEB / name / "page.txt", counterpart=html)
    assert result.unread == ()
    assert result.report.disclosure["regulations"].cells[1] == (9, 7, 253)
    warned = [d.message for d in result.diagnostics if "decided by" in d.message]
    assert len(warned) == 3
    assert f"the same report in another format ({WEB / name / 'article.html'})" in warned[0]


def test_the_bound_on_the_work_says_so_and_reads_by_the_token_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_solve, "TABLE_BUDGET", 3)
    name = "pingtan-management-committee-office-2025"
    result = govinfo.read(WEB / name / "page.txt")
    bound = [e for e in result.errors if e.message.startswith("the search for the splits")]
    assert bound
    assert all("only the cells that the token rules alone decide" in e.message for e in bound)
    html = govinfo.read(WEB / name / "article.html").report
    for (_, got), (_, want) in zip(result.report.grids(), html.grids(), strict=True):
        for values, expected in zip(got.cells, want.cells, strict=True):
            for value, true in zip(values, expected, strict=True):
                assert value is UNREAD or value == true


def test_reading_strictly_raises_at_a_cell_left_open() -> None:
    name = "pingtan-natural-resources-bureau-2024"
    with pytest.raises(govinfo.errors.TextSyntaxError, match="is not decided by the run 2433"):
        govinfo.parse(WEB / name / "page.txt")


def test_a_split_cell_has_a_note_and_the_span_of_its_digits() -> None:
    name = "pingtan-management-committee-office-2025"
    result = govinfo.read(WEB / name / "page.txt")
    text = (WEB / name / "page.txt").read_text(encoding="utf-8")
    source = result.sources["$.requests.new_received.natural_person"]
    assert source.text == "32"
    assert text[source.offset : source.offset + source.length] == "32"
    assert text[source.offset - 4 : source.offset] == "申请数量"  # the first digits after the label
    notes = [d.message for d in result.diagnostics if d.severity is Severity.NOTE]
    assert (
        "the run 320000032 of the row 一、本年新收政府信息公开申请数量 is split as "
        "32 · 0 · 0 · 0 · 0 · 0 · 32" in notes[1]
    )
    unread = result.sources["$.disclosure.regulations.normative_documents.issued"]
    assert unread.text == "97253"


def test_the_official_layout_and_cells_apart_are_not_flattened() -> None:
    from govinfo.formats._flat import is_flat

    text = govinfo.example_path(".txt")
    assert not is_flat(Path(text).read_text(encoding="utf-8"))
    first, second = "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"
    spaced = f"{first} 1 0 0 0 0 0 1\n{second} 0 0 0 0 0 0 0"
    assert not is_flat(spaced)
    assert is_flat("一、本年新收政府信息公开申请数量1000001")
    assert is_flat(spaced.replace("\n", ""))


def test_read_text_reads_a_flattened_page_too() -> None:
    name = "pingtan-finance-bureau-2025"
    text = (WEB / name / "page.txt").read_text(encoding="utf-8")
    assert govinfo.read_text(text) == govinfo.read(WEB / name / "page.txt")
    assert govinfo.read_text(text).report.version is TemplateVersion.V2021


def test_mangled_pages_give_a_domain_error_or_a_reading_never_a_traceback() -> None:
    import random

    rng = random.Random(13)
    pages = [(WEB / name / "page.txt").read_text(encoding="utf-8") for name in PAGES]
    inserts = ["0", "1 ", "9" * 20, "元", "减", "  ", "\n", "（", "一、", ".", "2.", "万"]
    for _ in range(150):
        text = rng.choice(pages)
        for _ in range(rng.randint(1, 4)):
            a = rng.randrange(len(text))
            b = min(len(text), a + rng.randint(0, 60))
            how = rng.random()
            if how < 0.4:
                text = text[:a] + text[b:]
            elif how < 0.7:
                text = text[:a] + text[a:b][::-1] + text[b:]
            else:
                text = text[:a] + rng.choice(inserts) * rng.randint(1, 5) + text[a:]
        try:
            result = govinfo.read_text(text)
        except govinfo.errors.GovInfoError:
            continue
        for path in result.unread:
            assert path in result.sources


def test_a_misprinted_row_label_is_read_as_the_assembler_reads_one() -> None:
    # The 洪泽区 reports print 2.其他法律行政止公开 (3 edits of 14).
    name = "pingtan-management-committee-office-2025"
    text = (WEB / name / "page.txt").read_text(encoding="utf-8")
    result = govinfo.read_text(text.replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"))
    assert result.report.requests == govinfo.read_text(text).report.requests
    assert any(
        "the row label 2.其他法律行政法规禁止公开 is printed as 2.其他法律行政止公开" in d.message
        for d in result.diagnostics
        if d.severity is Severity.WARNING
    )


def test_runs_split_under_a_version_the_labels_do_not_tell_are_an_error() -> None:
    # A 2019 report without its table 2: no label of either version's markers is left, so the
    # version is assumed from a year, and the splits under it are flagged, never silent.
    report = Report.empty(TemplateVersion.V2019, agency="某局", year=2019)
    report = attrs.evolve(
        report,
        title="某局2019年政府信息公开工作年度报告",
        requests=Grid.filled(report.requests.spec, 1),
        review_litigation=Grid.filled(report.review_litigation.spec, 0),
    )
    text = flat_text(report)
    two, three = text.index("二、主动公开"), text.index("三、收到和处理")
    result = govinfo.read((text[:two] + text[three:]).encode())
    (error,) = [e for e in result.errors if "the digit runs are split under" in e.message]
    assert "split under the identities of the 2019 template" in error.message


def test_a_run_the_search_stopped_before_is_not_said_to_have_no_split() -> None:
    # A generated consistent report, flattened, whose table 3 takes the search past its
    # bound. Its （七）总计 run has splits; they were not all tried.
    text = (Path(__file__).parent / "fixtures" / "flat" / "search-bound-2021.txt").read_text()
    result = govinfo.read(text.encode())
    assert any(
        "the search for the splits of 三、收到和处理政府信息公开申请情况 stopped at its bound"
        in e.message
        for e in result.errors
    )
    (total,) = [e for e in result.errors if "for the row （七）总计" in e.message]
    assert total.message.endswith(
        "whose splits were not all tried: the search stopped at its bound"
    )
    assert not any("no split" in e.message for e in result.errors)
    assert result.report.requests["results_total", "total"] is UNREAD
