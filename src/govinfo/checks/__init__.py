"""The identities (勾稽关系) of the report as a catalogue of rules, and the checks that apply them.

Every identity of the template is a :class:`Rule`: a stable code, a severity, a description in
Chinese and English, and one or more :class:`Relation` — "in table T, in every column (or row),
Σ left = Σ right" — whose row and column keys are read from :mod:`govinfo.template`. The rules
are declared once per template spec (each version, and each declared variant of one) in
:data:`RULES`: a variant's rules add up the rows its own table 3 prints.

>>> import govinfo
>>> report = govinfo.load_example()
>>> for finding in check(report):
...     print(finding.code, finding.status.value, [c.path for c in finding.cells][:1])
date.early broken []
prose.results_total broken ['$.requests.results_total.total']
t3.balance broken ['$.requests.results_total.natural_person']
t3.balance broken ['$.requests.results_total.total']
t3.results_total broken ['$.requests.results_total.natural_person']
t3.results_total broken ['$.requests.results_total.total']
culprit located ['$.requests.results_total.natural_person']

A blank, a placeholder or an unread cell is never counted as 0: an identity it takes part in
is "not assessable". :func:`check_continuity` compares two years of one agency,
:func:`combine` adds reports into a regional summary (汇总), and :func:`recompute_totals`
derives every 总计 from its parts.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, Inexact, localcontext
from typing import TYPE_CHECKING, Any, cast

from attrs import frozen

from govinfo.checks import _culprit, _form, _prose
from govinfo.checks._findings import CellRef, Evidence, Finding, Status
from govinfo.checks._layout import (
    Layout,
    Slot,
    column_label,
    row_label,
    side,
    table_grid,
    with_values,
)
from govinfo.diagnostics import Severity
from govinfo.errors import CheckError
from govinfo.model import (
    BLANK,
    MAX_DIGITS,
    Blank,
    Cell,
    Number,
    Placeholder,
    Report,
    Unread,
    cell_fits,
)
from govinfo.sources import Source
from govinfo.template import (
    ColumnKind,
    ColumnSpec,
    RowSpec,
    TemplateSpec,
    TemplateVersion,
    Variant,
    template,
    templates,
)
from govinfo.zh.amounts import Amount, Unit

if TYPE_CHECKING:
    from govinfo.formats._result import ReadResult

__all__ = [
    "CULPRIT",
    "NOT_ADDED",
    "RULES",
    "Axis",
    "CellRef",
    "Combined",
    "Evidence",
    "Finding",
    "Recomputed",
    "Relation",
    "Rule",
    "Severity",
    "Status",
    "Term",
    "check",
    "check_continuity",
    "check_reading",
    "combine",
    "recompute_totals",
    "rules",
]

CULPRIT = "culprit"
"""The code of the finding that names the likely wrong cells of a table."""
NOT_ADDED = "combine.not_added"
"""The code of the finding :func:`combine` gives for a cell whose parts could not be added."""


class Axis(enum.Enum):
    """Which way an identity runs through its table."""

    COLUMNS = "columns"
    """The relation holds in every column; its terms are row keys."""
    ROWS = "rows"
    """The relation holds in every row; its terms are column keys."""


@frozen
class Term:
    """One cell of a relation's line: a row key (or column key), signed, this year's or last."""

    key: str
    negative: bool = False
    previous: bool = False
    """The cell of the previous year's report (relations across years)."""


@frozen(kw_only=True)
class Relation:
    """In table ``table``, on every line of ``lines``: Σ ``left`` = Σ ``right``.

    ``table`` is the JSON path of the grid without ``$.`` (``requests``,
    ``disclosure.regulations``). With :attr:`Axis.COLUMNS` the lines are columns and the terms
    row keys; with :attr:`Axis.ROWS` the other way round. The left side is the printed total,
    the right side the parts it should equal.
    """

    table: str
    axis: Axis
    lines: tuple[str, ...]
    left: tuple[Term, ...]
    right: tuple[Term, ...]


@frozen(kw_only=True)
class Rule:
    """One rule of one template version, or of one variant of it: an identity, whose
    ``relations`` say which cells add up, or a rule about the report's prose, dates and form,
    which has none (:mod:`govinfo.checks._prose` and :mod:`govinfo.checks._form` apply it by
    its code)."""

    code: str
    version: TemplateVersion
    severity: Severity
    zh: str
    en: str
    relations: tuple[Relation, ...] = ()
    identity: int | None = None
    """Its number in the list of identities of the format reference (FORMAT.md); None for a
    rule that is no identity."""
    derives_total: bool = False
    """Its left side is a derived total that :func:`recompute_totals` recomputes."""
    variant: Variant | None = None
    """The declared variant of the version whose rule this is (None: the template's own)."""
    previous_year: bool = False
    """A rule without relations that compares the report with the previous year's."""

    @property
    def across_years(self) -> bool:
        return self.previous_year or any(
            t.previous for r in self.relations for t in (*r.left, *r.right)
        )


@frozen(kw_only=True)
class Combined:
    """The regional summary :func:`combine` makes, and what it could not add."""

    report: Report
    findings: tuple[Finding, ...]


@frozen(kw_only=True)
class Recomputed:
    """A report with its totals derived from their parts; ``changes`` holds every cell that
    changed, with the old value as ``printed`` and the new one as ``expected``."""

    report: Report
    changes: tuple[CellRef, ...]


# --- the catalogue -------------------------------------------------------------------------

_TOTAL = "total"  # the key of the 总计 column of tables 3 and 4


def _keys(items: Iterable[RowSpec | ColumnSpec]) -> tuple[str, ...]:
    return tuple(item.key for item in items)


def _terms(keys: Iterable[str], **flags: bool) -> tuple[Term, ...]:
    return tuple(Term(key, **flags) for key in keys)


def _catalogue(spec: TemplateSpec) -> tuple[Rule, ...]:
    t3, t4, version, variant = spec.requests, spec.review_litigation, spec.version, spec.variant
    columns = _keys(t3.columns)
    total = t3.column(_TOTAL)
    applicants = tuple(c for c in t3.columns if c is not total)
    new, over = t3.row("new_received"), t3.row("carried_over")
    results, forward = t3.row("results_total"), t3.row("carried_forward")
    # The leaf rows under 三、本年度办理结果: every numeric row in that group but （七）总计.
    leaves = tuple(r for r in t3.rows if r.parents[:1] == results.parents and r is not results)
    outcomes = tuple(c for c in t4.columns if c.key != _TOTAL)
    t4_total = t4.column(_TOTAL)
    plus = "＋".join
    rule = functools.partial(Rule, version=version, variant=variant)
    out = [
        rule(
            code="t3.balance",
            identity=1,
            severity=Severity.ERROR,
            zh=f"表三每一列：{results.label}＋{forward.label} ＝ {new.label}＋{over.label}",
            en=f"table 3, every column: {results.key} + {forward.key} = {new.key} + {over.key}",
            relations=(
                Relation(
                    table="requests",
                    axis=Axis.COLUMNS,
                    lines=columns,
                    left=_terms((results.key, forward.key)),
                    right=_terms((new.key, over.key)),
                ),
            ),
        ),
        rule(
            code="t3.row_total",
            identity=2,
            severity=Severity.ERROR,
            zh=f"表三每一行：{total.label} ＝ {plus(c.label for c in applicants)}",
            en=f"table 3, every row: {total.key} = the sum of the {len(applicants)} applicant "
            "columns",
            relations=(
                Relation(
                    table="requests",
                    axis=Axis.ROWS,
                    lines=_keys(t3.rows),
                    left=(Term(total.key),),
                    right=_terms(_keys(applicants)),
                ),
            ),
            derives_total=True,
        ),
        rule(
            code="t3.results_total",
            identity=3,
            severity=Severity.ERROR,
            zh=f"表三每一列：{results.label} ＝ {results.parents[0]}下其余{len(leaves)}行之和",
            en=f"table 3, every column: {results.key} = the sum of the {len(leaves)} result rows",
            relations=(
                Relation(
                    table="requests",
                    axis=Axis.COLUMNS,
                    lines=columns,
                    left=(Term(results.key),),
                    right=_terms(_keys(leaves)),
                ),
            ),
            derives_total=True,
        ),
        rule(
            code="t4.group_total",
            identity=4,
            severity=Severity.ERROR,
            zh=f"表四每一组：{t4_total.label} ＝ {plus(c.label for c in outcomes)}",
            en=f"table 4, every group: {t4_total.key} = {' + '.join(c.key for c in outcomes)}",
            relations=(
                Relation(
                    table="review_litigation",
                    axis=Axis.ROWS,
                    lines=_keys(t4.rows),
                    left=(Term(t4_total.key),),
                    right=_terms(_keys(outcomes)),
                ),
            ),
            derives_total=True,
        ),
        rule(
            code="t3.continuity",
            identity=6,
            severity=Severity.WARNING,
            zh=f"表三每一列：本年{over.label} ＝ 上年报告{forward.label}",
            en=f"table 3, every column: {over.key} (year N) = {forward.key} (year N−1)",
            relations=(
                Relation(
                    table="requests",
                    axis=Axis.COLUMNS,
                    lines=columns,
                    left=(Term(over.key),),
                    right=(Term(forward.key, previous=True),),
                ),
            ),
        ),
    ]
    regulations, *others = spec.disclosure
    if version is TemplateVersion.V2021:
        issued, repealed, in_force = regulations.columns
        out.append(
            rule(
                code="t2.in_force",
                identity=7,
                severity=Severity.WARNING,
                zh=f"{regulations.caption}每一行：{in_force.label} ＝ 上年{in_force.label}"
                f"＋{issued.label}－{repealed.label}（修订、失效会打破等式）",
                en=f"{regulations.key}, every row: {in_force.key} (N) = {in_force.key} (N−1) + "
                f"{issued.key} (N) − {repealed.key} (N); revisions and expiry break it",
                relations=(
                    Relation(
                        table=f"disclosure.{regulations.key}",
                        axis=Axis.ROWS,
                        lines=_keys(regulations.rows),
                        left=(Term(in_force.key),),
                        right=(
                            Term(in_force.key, previous=True),
                            Term(issued.key),
                            Term(repealed.key, negative=True),
                        ),
                    ),
                ),
            )
        )
    else:
        blocks = tuple(b for b in others if {"previous_count", "change"} <= set(_keys(b.columns)))
        previous, change = blocks[0].column("previous_count"), blocks[0].column("change")
        out.append(
            rule(
                code="t2.previous_count",
                identity=8,
                severity=Severity.WARNING,
                zh=f"{'、'.join(b.caption for b in blocks)}每一行：{previous.label} ＝ "
                f"上年报告的{previous.label}＋{change.label}",
                en=f"{', '.join(b.key for b in blocks)}, every row: {previous.key} (N) = "
                f"{previous.key} (N−1) + {change.key} (N−1)",
                relations=tuple(
                    Relation(
                        table=f"disclosure.{b.key}",
                        axis=Axis.ROWS,
                        lines=_keys(b.rows),
                        left=(Term(previous.key),),
                        right=(
                            Term(previous.key, previous=True),
                            Term(change.key, previous=True),
                        ),
                    )
                    for b in blocks
                ),
            )
        )
    for code, (zh, en) in {**_form.RULES, **_prose.RULES}.items():
        if code in _prose.RULES and not _prose.applies(spec, code):
            continue
        out.append(
            rule(
                code=code,
                severity=Severity.WARNING,
                zh=zh,
                en=en,
                previous_year=code in _form.ACROSS_YEARS,
            )
        )
    return tuple(out)


RULES: tuple[Rule, ...] = tuple(rule for spec in templates() for rule in _catalogue(spec))
"""Every rule of every template spec (both versions, then the variants of each, in the order
of :func:`~govinfo.template.templates`), each spec's identities in the order of the list of
identities, then its rules about the report's form (template, dates, copies) and prose (the
quantities it states, the fee statement, contradictions), which have no relations.

Identity 5 (counts are non-negative) has no rule: the model refuses a negative count when a
report is built (and JSON with one is refused), so no report value can break it.
"""


def rules(version: TemplateVersion, variant: Variant | None = None) -> tuple[Rule, ...]:
    """The rules of one template version, or of one of its variants, in catalogue order.

    >>> [r.relations[0].right[-3].key for r in rules("2021", "single_other_handling")
    ...  if r.code == "t3.results_total"]
    ['not_processed_excessive']
    """
    return _rules_of(template(version, variant))


def _rules_of(spec: TemplateSpec) -> tuple[Rule, ...]:
    return tuple(r for r in RULES if r.version is spec.version and r.variant is spec.variant)


# --- cells in a flat list ------------------------------------------------------------------


@frozen
class _Equation:
    """One relation on one line, over cell indexes: Σ left = Σ right (each side plus − minus)."""

    rule: Rule
    table: str
    axis: Axis
    line: str
    left: tuple[int, ...]
    left_minus: tuple[int, ...]
    right: tuple[int, ...]
    right_minus: tuple[int, ...]
    split: int
    """Cells from this index on belong to the previous year's report."""

    def coefficients(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for cells, sign in (
            (self.left, 1),
            (self.left_minus, -1),
            (self.right, -1),
            (self.right_minus, 1),
        ):
            for cell in cells:
                out[cell] = out.get(cell, 0) + sign
        return out


def _equations(
    rules_: Iterable[Rule], layout: Layout, previous_layout: Layout | None = None
) -> tuple[_Equation, ...]:
    """Each relation expanded on each of its lines; a relation whose cells a template lacks
    (a 2021 rule against a 2019 report) is left out."""
    out = []
    for rule in rules_:
        for relation in rule.relations:
            for line in relation.lines:
                sides: list[list[int]] = [[], [], [], []]
                try:
                    for at, terms in ((0, relation.left), (2, relation.right)):
                        for term in terms:
                            on = previous_layout if term.previous else layout
                            if on is None:
                                raise KeyError(term.key)
                            row, column = (
                                (term.key, line)
                                if relation.axis is Axis.COLUMNS
                                else (line, term.key)
                            )
                            cell = on.index[(relation.table, row, column)]
                            if term.previous:
                                cell += len(layout.slots)
                            sides[at + term.negative].append(cell)
                except KeyError:
                    continue
                left, left_minus, right, right_minus = map(tuple, sides)
                out.append(
                    _Equation(
                        rule,
                        relation.table,
                        relation.axis,
                        line,
                        left,
                        left_minus,
                        right,
                        right_minus,
                        len(layout.slots),
                    )
                )
    return tuple(out)


def _tables(rules_: Iterable[Rule]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for rule in rules_:
        for relation in rule.relations:
            seen[relation.table] = None
    return tuple(seen)


@frozen
class _Compiled:
    """The in-report rules of one version, expanded once so that :func:`check` is a loop."""

    layout: Layout
    equations: tuple[_Equation, ...]
    coefficients: tuple[dict[int, int], ...]
    by_cell: dict[int, tuple[int, ...]]
    derived: tuple[_Equation, ...]
    worded: tuple[str, ...]
    """The codes of the in-report rules without relations, in catalogue order."""

    @classmethod
    def of(cls, spec: TemplateSpec) -> _Compiled:
        own = [r for r in _rules_of(spec) if not r.across_years]
        worded = tuple(r.code for r in own if not r.relations)
        layout = Layout.of(spec, _tables(own))
        equations = _equations(own, layout)
        coefficients = tuple(e.coefficients() for e in equations)
        derived = _in_dependency_order(
            e
            for e in equations
            if e.rule.derives_total and len(e.left) == 1 and not (e.left_minus or e.right_minus)
        )
        by_cell = _culprit.cell_equations(coefficients)
        return cls(layout, equations, coefficients, by_cell, derived, worded)


def _in_dependency_order(equations: Iterable[_Equation]) -> tuple[_Equation, ...]:
    """Derivations ordered so that each comes after those of the parts it adds up.

    （七）总计's 总计 cell sums the row above it and the column beside it, both derived: computed
    before them, it would add stale parts and a second run would change it again.
    """
    pending, ordered = list(equations), []
    while pending:
        targets = {e.left[0] for e in pending}
        ready = [e for e in pending if targets.isdisjoint(e.right)]
        if not ready:
            raise AssertionError("the derived totals of the catalogue depend on each other")
        ordered += ready
        pending = [e for e in pending if e not in ready]
    return tuple(ordered)


_Key = tuple[TemplateVersion, Variant | None]
"""A template spec by its version and variant: cheap to hash, unlike the spec itself."""


def _key(report: Report) -> _Key:
    spec = report.template
    return spec.version, spec.variant


_COMPILED: dict[_Key, _Compiled] = {(s.version, s.variant): _Compiled.of(s) for s in templates()}


# --- findings ------------------------------------------------------------------------------


def _ref(slot: Slot, value: Cell, report: Report, expected: Number | None = None) -> CellRef:
    return CellRef(
        path=slot.path,
        row=slot.row_label,
        column=slot.column_label,
        printed=value,
        expected=expected,
        agency=report.agency,
        year=report.year,
    )


def _shown(value: object) -> str:
    if isinstance(value, Blank):
        return "空白"
    if isinstance(value, Unread):
        return "未读"
    if isinstance(value, Placeholder):
        return f"“{value.text}”"
    if isinstance(value, Amount):
        return f"{value.value}{value.unit.value}"
    return str(value)


def _shown_en(value: object) -> str:
    if isinstance(value, Blank):
        return "blank"
    if isinstance(value, Unread):
        return "unread"
    if isinstance(value, Placeholder):
        return f"placeholder {value.text!r}"
    return _shown(value)


def _line_label(equation: _Equation, slot: Slot) -> tuple[str, str]:
    """The Chinese label and the key of the line (column or row) an equation holds on."""
    if equation.axis is Axis.COLUMNS:
        return column_label(slot.column), slot.column.key
    return row_label(slot.row), slot.row.key


def _rule_finding(
    equation: _Equation,
    values: Sequence[Cell],
    slots: Sequence[Slot],
    reports: Sequence[Report],
    sums: tuple[Any, Any] | None,
) -> Finding:
    """``reports[0]`` owns the cells of its layout; ``reports[1]`` (the previous year, for
    relations across years) the cells after them, whose slots follow in ``slots``."""
    rule = equation.rule
    indexes = (*equation.left, *equation.left_minus, *equation.right, *equation.right_minus)
    refs = [_ref(slots[cell], values[cell], reports[cell >= equation.split]) for cell in indexes]
    zh_line, en_line = _line_label(equation, slots[indexes[0]])
    years = "、".join(dict.fromkeys(f"{r.agency}{r.year}年" for r in reports))
    years_en = ", ".join(dict.fromkeys(f"{r.agency} {r.year}" for r in reports))
    if sums is None:
        blanks = [r for r in refs if not _number(r.printed)]
        where = "、".join(f"{r.row}／{r.column}（{_shown(r.printed)}）" for r in blanks)
        where_en = ", ".join(f"{r.path} ({_shown_en(r.printed)})" for r in blanks)
        return Finding(
            code=rule.code,
            severity=rule.severity,
            status=Status.NOT_ASSESSABLE,
            cells=tuple(refs),
            expected=None,
            printed=None,
            difference=None,
            message_zh=f"{years}：无法核对（{zh_line}）：{rule.zh}；{where}不是数字",
            message_en=f"{years_en}: cannot check ({en_line}): {rule.en}; {where_en} "
            f"{'is' if len(blanks) == 1 else 'are'} not a number",
        )
    printed, expected = sums
    difference = printed - expected
    return Finding(
        code=rule.code,
        severity=rule.severity,
        status=Status.BROKEN,
        cells=tuple(refs),
        expected=expected,
        printed=printed,
        difference=difference,
        message_zh=f"{years}：{rule.zh}（{zh_line}）不成立：填报 {printed}，"
        f"应为 {expected}，相差 {difference:+}",
        message_en=f"{years_en}: {rule.en} fails ({en_line}): printed {printed}, "
        f"expected {expected}, difference {difference:+}",
    )


def _culprit_finding(
    report: Report,
    slots: Sequence[Slot],
    values: Sequence[Cell],
    fits: tuple[tuple[tuple[int, Any], ...], ...],
    failed: Sequence[str],
) -> Finding:
    candidates = tuple(
        tuple(_ref(slots[cell], values[cell], report, corrected) for cell, corrected in fit)
        for fit in fits
    )
    rules_zh = "、".join(dict.fromkeys(failed))

    def listed(fit: tuple[CellRef, ...], zh: bool) -> str:
        if zh:
            return "、".join(
                f"{r.row}／{r.column}（填报 {r.printed}，应为 {r.expected}）" for r in fit
            )
        return ", ".join(f"{r.path} (printed {r.printed}, fits {r.expected})" for r in fit)

    who, who_en = f"{report.agency}{report.year}年", f"{report.agency} {report.year}"
    if len(candidates) == 1:
        (fit,) = candidates
        single = len(fit) == 1
        # One cell: the finding's numbers are that cell's; several: each cell carries its own.
        printed: Any = values[fits[0][0][0]] if single else None
        expected: Any = fits[0][0][1] if single else None
        return Finding(
            code=CULPRIT,
            severity=Severity.ERROR,
            status=Status.LOCATED,
            cells=fit,
            expected=expected,
            printed=printed,
            difference=printed - expected if single else None,
            message_zh=f"{who}：最可能出错的是 {listed(fit, True)}；改正后{rules_zh}全部成立",
            message_en=f"{who_en}: the likely wrong "
            f"{'cell is' if single else 'cells are'} {listed(fit, False)}; corrected, "
            f"{', '.join(dict.fromkeys(failed))} all hold",
            candidates=candidates,
        )
    cells = tuple({r.path: r for fit in candidates for r in fit}.values())
    if candidates:
        zh = "；".join(listed(fit, True) for fit in candidates)
        en = "; ".join(listed(fit, False) for fit in candidates)
        message_zh = f"{who}：无法确定唯一出错的单元格（{rules_zh}），候选：{zh}"
        message_en = f"{who_en}: the failures of {', '.join(dict.fromkeys(failed))} do not single "
        message_en += f"out one cell; candidates: {en}"
    else:
        message_zh = f"{who}：没有一两个单元格的改正能使{rules_zh}全部成立，可能多处有误"
        message_en = f"{who_en}: no correction of one or two cells makes "
        message_en += f"{', '.join(dict.fromkeys(failed))} hold; several cells may be wrong"
    return Finding(
        code=CULPRIT,
        severity=Severity.ERROR,
        status=Status.AMBIGUOUS,
        cells=cells,
        expected=None,
        printed=None,
        difference=None,
        message_zh=message_zh,
        message_en=message_en,
        candidates=candidates,
    )


def _fits(slots: Sequence[Slot]) -> Callable[[int, Any], bool]:
    def allowed(cell: int, value: Any) -> bool:
        return slots[cell].column.kind is not ColumnKind.COUNT or value >= 0

    return allowed


# --- check ---------------------------------------------------------------------------------


def _sources(value: object) -> Mapping[str, Source]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise CheckError(f"sources: expected a mapping of JSON paths, got {type(value).__name__}")
    return value


def check_reading(result: ReadResult) -> tuple[Finding, ...]:
    """:func:`check` of a reading's report, its findings' evidence with the sources read.

    >>> import govinfo
    >>> import pathlib
    >>> reading = govinfo.read(pathlib.Path(govinfo.example_path(".txt")))
    >>> [(f.code, str(f.evidence[0].source)) for f in check_reading(reading) if f.evidence]
    [('date.early', 'line 616, column 1'), ('prose.results_total', 'line 15, column 114')]
    """
    from govinfo.formats._result import ReadResult  # the formats import the checks

    if not isinstance(result, ReadResult):
        raise CheckError(f"expected a ReadResult, got {type(result).__name__}")
    return check(result.report, sources=result.sources)


def _report(value: object, what: str = "report") -> Report:
    if not isinstance(value, Report):
        raise CheckError(f"{what}: expected a Report, got {type(value).__name__}")
    return value


def check(report: Report, *, sources: Mapping[str, Source] | None = None) -> tuple[Finding, ...]:
    """Every rule of the report's template, checked. The findings come in this order:

    1. the rules about the report's form, in catalogue order: ``template.year``, ``date.early``,
       ``date.late``;
    2. the rules about its prose, in catalogue order, each rule's findings in report order: the
       quantities the text states against the tables (``prose.*``), the fee statement
       (``fees.*``), contradictions (``contradiction.*``);
    3. one finding per broken or not-assessable identity on one line, in catalogue order;
    4. per table with broken identities, a :data:`CULPRIT` finding naming the fewest cells
       whose correction satisfies them all. The conclusion comes last: when the identities
       fail, ``check(report)[-1]`` is a culprit, and a prose finding before it that agrees
       with the parts corroborates it.

    ``sources`` (a reading's :attr:`~govinfo.ReadResult.sources`) lets findings about prose
    and dates say where the words were read; without it their evidence has no source.
    ``check_reading(result)`` is the same as ``check(result.report, sources=result.sources)``.

    A consistent report gives no findings:

    >>> from govinfo.model import Grid
    >>> from govinfo.template import template, TemplateVersion
    >>> empty = Report.empty(TemplateVersion.V2021, agency="某局", year=2021)
    >>> import attrs
    >>> zeros = attrs.evolve(empty, requests=Grid.filled(empty.requests.spec, 0),
    ...                      review_litigation=Grid.filled(empty.review_litigation.spec, 0))
    >>> check(zeros)
    ()
    """
    report = _report(report)
    places = _sources(sources)
    compiled = _COMPILED[_key(report)]
    values = compiled.layout.flatten(report)
    findings: list[Finding] = [
        *_form.findings(report, places, compiled.worded),
        *_prose.findings(report, places, compiled.worded, _derived_cells(report, compiled, values)),
    ]
    residuals: dict[str, dict[int, Any]] = {}
    skipped: set[int] = set()
    for number, equation in enumerate(compiled.equations):
        try:
            printed = side(values, equation.left, equation.left_minus)
            expected = side(values, equation.right, equation.right_minus)
        except TypeError:
            skipped.add(number)
            findings.append(_rule_finding(equation, values, compiled.layout.slots, (report,), None))
            continue
        if printed != expected:
            residuals.setdefault(equation.table, {})[number] = printed - expected
            findings.append(
                _rule_finding(
                    equation, values, compiled.layout.slots, (report,), (printed, expected)
                )
            )
    for failing in residuals.values():
        fits = _culprit.locate(
            compiled.coefficients,
            failing,
            skipped,
            _fits(compiled.layout.slots),
            values,
            compiled.by_cell,
        )
        failed = [compiled.equations[n].rule.code for n in sorted(failing)]
        findings.append(_culprit_finding(report, compiled.layout.slots, values, fits, failed))
    return tuple(findings)


# --- across reports ------------------------------------------------------------------------


@functools.cache
def _continuity(previous: _Key, current: _Key) -> tuple[Layout, Layout, tuple[_Equation, ...]]:
    spec, previous_spec = template(*current), template(*previous)
    across = [r for r in _rules_of(spec) if r.across_years]
    layout = Layout.of(spec, [path[2:] for path, _ in spec.grids()])
    previous_layout = Layout.of(previous_spec, [path[2:] for path, _ in previous_spec.grids()])
    # A variant has its template's table 2, and table 3's carry-over rows are in every spec:
    # a variant and its template are compared as one version.
    if previous_spec.version is not spec.version:
        # Only table 3 is laid out alike in both versions; table 2 heuristics need one version.
        across = [r for r in across if all(x.table == "requests" for x in r.relations)]
    return layout, previous_layout, _equations(across, layout, previous_layout)


def check_continuity(previous: Report, current: Report) -> tuple[Finding, ...]:
    """The identities across two consecutive years of one agency, as warnings: table 3's
    carry-over in every column, and table 2's counts that follow from last year's (2021:
    现行有效件数; 2019: 上一年项目数量 and 本年增/减). Cells of both reports are named, each with
    its agency and year. Then sections 一 and 五 copied from last year's report
    (``copy.overview``, ``copy.problems``; the measure is in :mod:`govinfo.checks._form`).

    >>> import attrs, govinfo
    >>> report = govinfo.load_example()
    >>> forward = {("carried_forward", "natural_person"): 2, ("carried_forward", "total"): 2}
    >>> last_year = attrs.evolve(report, year=2020, requests=report.requests.replace(forward))
    >>> for finding in check_continuity(last_year, report):
    ...     print(finding.message_en)  # the same prose: sections 一 and 五 copied
    温州市公安局鹿城区分局 2021, 温州市公安局鹿城区分局 2020: table 3, every column: carried_over
    (year N) = carried_forward (year N−1) fails (natural_person): printed 0, expected 2,
    difference -2
    温州市公安局鹿城区分局 2021, 温州市公安局鹿城区分局 2020: table 3, every column: carried_over
    (year N) = carried_forward (year N−1) fails (total): printed 0, expected 2, difference -2
    温州市公安局鹿城区分局 2021: section 一 (总体情况) is copied from the previous year's report:
    100% of its 4-character shingles occur in the 2020 report (threshold 80%)
    温州市公安局鹿城区分局 2021: section 五 (problems and improvements) is copied from the
    previous year's report; the template forbids 年年雷同: 100% of its 4-character shingles occur
    in the 2020 report (threshold 80%)
    """
    previous, current = _report(previous, "previous"), _report(current, "current")
    if previous.year != current.year - 1:
        raise CheckError(
            f"continuity compares consecutive years: got {previous.year} and {current.year}"
        )
    layout, previous_layout, equations = _continuity(_key(previous), _key(current))
    values = layout.flatten(current) + previous_layout.flatten(previous)
    # Slots of the previous report, shifted after the current report's, for naming cells.
    slots = (*layout.slots, *previous_layout.slots)
    findings = []
    for equation in equations:
        sums: tuple[Any, Any] | None
        try:
            sums = (
                side(values, equation.left, equation.left_minus),
                side(values, equation.right, equation.right_minus),
            )
        except TypeError:
            sums = None
        if sums is not None and sums[0] == sums[1]:
            continue
        findings.append(_rule_finding(equation, values, slots, (current, previous), sums))
    worded = [r.code for r in _rules_of(current.template) if r.previous_year]
    findings += _form.copies(previous, current, worded)
    return tuple(findings)


def _number(cell: Cell) -> bool:
    return not isinstance(cell, Blank | Placeholder | Unread)


_TO_YUAN = {Unit.YUAN: 0, Unit.WAN_YUAN: 4, Unit.YI_YUAN: 8}


def _add(parts: Sequence[Cell]) -> Cell:
    """The sum of cells that are all numbers, exactly."""
    first = parts[0]
    with localcontext() as context:
        context.prec = 200
        context.traps[Inexact] = True
        if isinstance(first, Amount):
            amounts = [p for p in parts if isinstance(p, Amount)]
            units = {a.unit for a in amounts}
            if len(units) == 1:
                return Amount(sum((a.value for a in amounts), Decimal(0)), first.unit)
            total = sum((a.value.scaleb(_TO_YUAN[a.unit]) for a in amounts), Decimal(0))
            return Amount(total, Unit.YUAN)
        if isinstance(first, Decimal):
            return sum((p for p in parts if isinstance(p, Decimal)), Decimal(0))
        return sum(p for p in parts if isinstance(p, int))


def combine(reports: Iterable[Report], *, agency: str, year: int | None = None) -> Combined:
    """The regional summary (汇总) of several agencies' reports of one year and one template.

    The reports must also follow one variant of it (or none): table 3 of a 2021 report with the
    single （六）其他处理 row cannot be added to one with the three sub-rows without inventing
    how the single row splits, so mixing them is a :class:`~govinfo.errors.CheckError`.

    Cells are added one by one, exactly (money as ``Decimal``). Amounts in one unit stay in
    it; amounts in different units are converted exactly to 元 and added. A cell is a number
    only when every part is a number: otherwise the summed cell is ``BLANK`` and a
    ``combine.not_added`` finding names the blank, placeholder or unread parts, each with its
    agency, so that nothing silently counts as 0. Prose is not combined.

    >>> import govinfo
    >>> report = govinfo.load_example()
    >>> summary = combine([report, report], agency="鹿城区")
    >>> summary.report.requests["new_received", "total"], summary.findings
    (6, ())
    """
    parts = tuple(reports) if isinstance(reports, Iterable) else ()
    if not parts:
        raise CheckError("combine needs at least one report")
    for index, part in enumerate(parts):
        _report(part, f"reports[{index}]")
    versions = {p.version for p in parts}
    years = {p.year for p in parts}
    if len(versions) > 1:
        found = ", ".join(sorted(v.value for v in versions))
        raise CheckError(f"combine needs reports of one template version; got {found}")
    # A variant's table 3 has other rows than its template's: a summary of both would need the
    # （六） sub-rows that the variant's reports never printed.
    variants = {p.template.variant for p in parts}
    if len(variants) > 1:
        found = ", ".join(sorted(v.value if v else "none" for v in variants))
        raise CheckError(
            f"combine needs reports of one variant of the {parts[0].version.value} template; "
            f"got {found}"
        )
    if len(years) > 1 or (year is not None and years != {year}):
        found = ", ".join(str(y) for y in sorted(years))
        wanted = f" (the summary is for {year})" if year is not None else ""
        raise CheckError(f"combine needs reports of one year{wanted}; got {found}")
    spec, (the_year,) = parts[0].template, years
    layout = Layout.of(spec, [path[2:] for path, _ in spec.grids()])
    flats = [layout.flatten(p) for p in parts]
    values: list[Cell] = []
    findings: list[Finding] = []
    for index, slot in enumerate(layout.slots):
        cells = [flat[index] for flat in flats]
        label = f"{row_label(slot.row)}／{column_label(slot.column)}"
        if all(map(_number, cells)):
            total = _add(cells)
            if cell_fits(slot.column.kind, total):
                values.append(total)
                continue
            # A sum past the model's bound on numbers (15 digits) is no report value.
            values.append(BLANK)
            findings.append(
                Finding(
                    code=NOT_ADDED,
                    severity=Severity.WARNING,
                    status=Status.NOT_ASSESSABLE,
                    cells=tuple(_ref(slot, c, p) for c, p in zip(cells, parts, strict=True)),
                    expected=None,
                    printed=None,
                    difference=None,
                    message_zh=f"{agency}{the_year}年汇总：{label}之和超出{MAX_DIGITS}位数，已留空",
                    message_en=f"{agency} {the_year} summary: {slot.path} left blank: the sum "
                    f"has more than {MAX_DIGITS} digits",
                )
            )
            continue
        values.append(BLANK)
        missing = tuple(
            _ref(slot, cell, part)
            for cell, part in zip(cells, parts, strict=True)
            if not _number(cell)
        )
        whose = "、".join(f"{r.agency}（{_shown(r.printed)}）" for r in missing)
        whose_en = ", ".join(f"{r.agency} ({_shown_en(r.printed)})" for r in missing)
        findings.append(
            Finding(
                code=NOT_ADDED,
                severity=Severity.WARNING,
                status=Status.NOT_ASSESSABLE,
                cells=missing,
                expected=None,
                printed=None,
                difference=None,
                message_zh=f"{agency}{the_year}年汇总：{label}无法相加，已留空：{whose}不是数字",
                message_en=f"{agency} {the_year} summary: {slot.path} left blank, not added: "
                f"{whose_en} {'is' if len(missing) == 1 else 'are'} not a number",
            )
        )
    report = Report.empty(spec.version, variant=spec.variant, agency=agency, year=the_year)
    return Combined(report=with_values(report, layout, values), findings=tuple(findings))


def _recomputed(compiled: _Compiled, printed: Sequence[Cell]) -> list[Cell]:
    """The flat ``printed`` cells with every derived total recomputed from its parts, a new
    list. In dependency order, one pass is enough: every total adds parts already recomputed."""
    values = list(printed)
    for equation in compiled.derived:
        try:
            total = side(values, equation.right, equation.right_minus)
        except TypeError:
            continue
        values[equation.left[0]] = total
    return values


def _derived_cells(
    report: Report, compiled: _Compiled, printed: Sequence[Cell]
) -> Callable[[str], Cell]:
    """The cell at a path of ``report`` (whose flat cells are ``printed``) with its totals
    recomputed, as :func:`recompute_totals` would, without building the report: worked out
    when first asked for. A cell of a table without totals is the cell printed."""
    index = compiled.layout.index
    values: list[Cell] = []

    def cell(path: str) -> Cell:
        table, row, column = path[2:].rsplit(".", 2)
        at = index.get((table, row, column))
        if at is None:
            return table_grid(report, table)[row, column]
        if not values:
            values.extend(_recomputed(compiled, printed))
        return values[at]

    return cell


def recompute_totals(report: Report) -> Recomputed:
    """A copy of ``report`` with every derived total (the 总计 column of table 3, its （七）总计
    row, the 总计 of each group of table 4) recomputed from its parts, and the cells it changed.

    A total whose parts are not all numbers (a blank, a placeholder or an unread cell among
    them) is left as printed; a total that is itself blank or unread, beside parts that are all
    numbers, is computed like any other. The report passed in is not modified (reports are
    immutable).

    >>> import govinfo
    >>> fixed = recompute_totals(govinfo.load_example())
    >>> [(c.path, c.printed, c.expected) for c in fixed.changes]
    [('$.requests.results_total.natural_person', 0, 3), ('$.requests.results_total.total', 0, 3)]
    >>> [f.code for f in check(fixed.report)]  # the text agrees now; the date does not
    ['date.early']
    """
    report = _report(report)
    compiled = _COMPILED[_key(report)]
    printed = compiled.layout.flatten(report)
    values = _recomputed(compiled, printed)
    changes = tuple(
        _ref(slot, old, report, cast(Number, new))
        for slot, old, new in zip(compiled.layout.slots, printed, values, strict=True)
        if type(old) is not type(new) or old != new
    )
    if not changes:
        return Recomputed(report=report, changes=())
    return Recomputed(report=with_values(report, compiled.layout, values), changes=changes)
