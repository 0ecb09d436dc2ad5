"""The solver for digits run together: which splits of a table's runs the template allows.

A *run* is what a page that lost its table structure prints after a row label: the row's
values with no separator (``640020470`` is 64 · 0 · 0 · 2 · 0 · 4 · 70), perhaps in pieces
between spaces, which are hard boundaries (``0 0 00 0 0 0``). Table 4 is one run of its 15
cells. To *split* a run is to cut it into one token per cell, in column order. The solver
knows three things, and nothing of any format:

Token rules, per :class:`~govinfo.template.ColumnKind`, on the text made uniform by
:func:`govinfo.zh._chars.normalize`::

    count    0 | [1-9][0-9]*                    no leading zero unless the number is 0
    delta    (+ | - | 增 | 减 | 增加 | 减少)? count  2019's 本年增/减: "16减12" is 16 and −12
    money    count (. [0-9]+)? (its unit)?      in the unit its header names (万元)
    amount   count (. [0-9]+)? (元 | 万元 | 亿元)  采购总金额, with the unit the reporter chose

each with at most :data:`~govinfo.model.MAX_DIGITS` digits before and after the point.

Exact identities only, read from the rule catalogue (:func:`govinfo.checks.rules`): the
rules of the report's template spec that hold inside one report and are errors when broken
(FORMAT.md's identities 1–4: 一 + 二 = （七）总计 + 四 per column, 总计 = the six columns per row,
the result rows add up to （七）总计, table 4's groups add up to their 总计). The catalogue grades
the approximate ones (table 2's continuity across years) as warnings: they never prune. The
rules across years give the *hints* a second source may bring (:func:`continuity`).

The search, per table: each run's splits by the token rules, enumerated right to left with
the identities inside the run (a row's 总计) pruning partial sums (counts are never negative,
so a partial sum past its total ends a branch); then the runs together, the runs with the
fewest splits first, the identities across runs (per column) pruning the same way. Every
split that satisfies every identity is kept; a cell is decided when it has one value in all
of them. The work is bounded: :data:`RUN_BUDGET` tokens tried for one run's splits,
:data:`TABLE_BUDGET` for the splits of all the runs of a table together, and as many
assignments for the search across them; past any, the table is read by the token rules alone
(within the same bounds), and :attr:`Outcome.bound` says so.

When no split satisfies every identity (real reports break their own), the outcome is read by
the token rules alone: a cell is decided only when every split of its run by the token rules
gives it one value; :attr:`Outcome.failed` names the identities that no split satisfies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final, NamedTuple

from govinfo.diagnostics import Severity
from govinfo.model import MAX_DIGITS
from govinfo.template import ColumnKind, TemplateSpec
from govinfo.zh.amounts import Unit

__all__ = [
    "RUN_BUDGET",
    "TABLE_BUDGET",
    "CellKey",
    "Equation",
    "Hint",
    "Outcome",
    "Run",
    "continuity",
    "identities",
    "solve",
    "token_value",
]

RUN_BUDGET: Final = 50_000
"""At most this many tokens are tried when splitting one run by the token rules."""
TABLE_BUDGET: Final = 200_000
"""At most this many tokens are tried for the runs of one table together, and at most this
many assignments of a run's split in the search across them."""

CellKey = tuple[str, str, str]
"""A cell as the rule catalogue names it: (table, row key, column key), the table as a JSON
path without ``$.`` (``requests``, ``disclosure.regulations``)."""

_NUMBER: Final = rf"(?:0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})"
_FRACTION: Final = rf"(?:\.[0-9]{{1,{MAX_DIGITS}}})?"
_UNITS: Final = "|".join(sorted((u.value for u in Unit), key=len, reverse=True))
_TOKENS: Final = {
    ColumnKind.COUNT: re.compile(_NUMBER),
    ColumnKind.DELTA: re.compile(rf"(?:[+\-＋]|增加|减少|增|减)?{_NUMBER}"),
    ColumnKind.AMOUNT: re.compile(rf"{_NUMBER}{_FRACTION}(?:{_UNITS})"),
}
_LONGEST: Final = 2 * MAX_DIGITS + 4
"""The longest token: digits, a point, digits, a unit or a sign word."""
_SIGNS: Final = {"+": 1, "＋": 1, "-": -1, "增": 1, "减": -1, "增加": 1, "减少": -1}


def _money(unit: str | None) -> re.Pattern[str]:
    return re.compile(
        rf"{_NUMBER}{_FRACTION}(?:{re.escape(unit)})?" if unit else _NUMBER + _FRACTION
    )


def token_value(kind: ColumnKind, token: str) -> object:
    """The value a valid token of ``kind`` stands for, as the solver compares them: an int for
    a count or a delta, a Decimal for money, (Decimal, unit) for an amount."""
    if kind is ColumnKind.COUNT:
        return int(token)
    if kind is ColumnKind.DELTA:
        digits = token.lstrip("+-＋增减加少")
        sign = _SIGNS.get(token[: len(token) - len(digits)], 1)
        return sign * int(digits)
    number = token.rstrip("".join(u.value for u in Unit))
    if kind is ColumnKind.MONEY:
        return Decimal(number)
    return Decimal(number), token[len(number) :]


class Equation(NamedTuple):
    """One exact identity on one line: Σ coefficient × cell = 0."""

    code: str
    """The rule's code in the catalogue (``t3.row_total``)."""
    line: str
    """The key of the row or column it holds on."""
    terms: tuple[tuple[CellKey, int], ...]


def identities(spec: TemplateSpec) -> tuple[Equation, ...]:
    """The exact identities of ``spec`` as equations, read from the rule catalogue: its rules
    with relations that hold inside one report and are errors when broken."""
    from govinfo.checks import Axis, rules

    out = []
    for rule in rules(spec.version, spec.variant):
        if not rule.relations or rule.across_years or rule.severity is not Severity.ERROR:
            continue
        for relation in rule.relations:
            for line in relation.lines:
                terms: dict[CellKey, int] = {}
                for side, sign in ((relation.left, 1), (relation.right, -1)):
                    for term in side:
                        row, column = (
                            (term.key, line) if relation.axis is Axis.COLUMNS else (line, term.key)
                        )
                        key = (relation.table, row, column)
                        terms[key] = terms.get(key, 0) + (-sign if term.negative else sign)
                out.append(Equation(rule.code, line, tuple(terms.items())))
    return tuple(out)


class Hint(NamedTuple):
    """A value a second source gives a cell: the value, the source's name, the rule."""

    value: object
    source: str
    code: str


def continuity(spec: TemplateSpec) -> tuple[tuple[CellKey, tuple[CellKey, ...], str], ...]:
    """The cells a previous year's report gives this year's, read from the rule catalogue:
    each relation across years whose left side is one cell of this year and whose right side
    is cells of the previous year's report only (上年结转 = last year's 结转下年度继续办理), as
    (this year's cell, the previous year's cells that add up to it, the rule's code)."""
    from govinfo.checks import Axis, rules

    out = []
    for rule in rules(spec.version, spec.variant):
        for relation in rule.relations:
            left, right = relation.left, relation.right
            if len(left) != 1 or left[0].previous or left[0].negative:
                continue
            if not right or not all(t.previous and not t.negative for t in right):
                continue
            columns = relation.axis is Axis.COLUMNS
            for line in relation.lines:
                cells = [
                    (relation.table, t.key, line) if columns else (relation.table, line, t.key)
                    for t in (*left, *right)
                ]
                out.append((cells[0], tuple(cells[1:]), rule.code))
    return tuple(out)


class Run:
    """The printed text of some cells run together: ``cells`` (their keys, in column order),
    their kinds, and ``pieces``, the text between hard boundaries as (offset in the document,
    text made uniform)."""

    __slots__ = ("_patterns", "cells", "kinds", "pieces", "starts", "text")

    def __init__(
        self,
        cells: Sequence[CellKey],
        kinds: Sequence[ColumnKind],
        pieces: Sequence[tuple[int, str]],
        units: Sequence[str | None] | None = None,
    ) -> None:
        self.cells = tuple(cells)
        self.kinds = tuple(kinds)
        self.pieces = tuple(pieces)
        self.text = "".join(text for _, text in pieces)
        starts, at = [], 0
        for _, text in pieces:
            starts.append(at)
            at += len(text)
        self.starts = tuple(starts)
        units = units or (None,) * len(self.kinds)
        self._patterns = tuple(
            _money(unit) if kind is ColumnKind.MONEY else _TOKENS[kind]
            for kind, unit in zip(self.kinds, units, strict=True)
        )

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The place in the document of ``text[start:end]`` (inside one piece): (offset, length)."""
        for base, (offset, _) in zip(reversed(self.starts), reversed(self.pieces), strict=True):
            if base <= start:
                return offset + start - base, end - start
        raise AssertionError(start)

    def __repr__(self) -> str:
        return f"Run({' '.join(t for _, t in self.pieces)!r}, {len(self.cells)} cells)"


class _Bound(Exception):
    """The work bound was hit."""


Split = tuple[tuple[int, ...], tuple[object, ...]]
"""A split of a run: its cuts (len(cells) + 1 positions in its text) and each cell's value."""


class _Sums:
    """Partial sums of equations, for pruning: counts are never negative, so a sum past what
    its remaining terms can still make up ends a branch."""

    __slots__ = ("left", "negative", "positive", "sums")

    def __init__(self, equations: Sequence[Sequence[tuple[int, int]]]) -> None:
        self.sums = [0] * len(equations)
        self.positive = [sum(1 for _, c in eq if c > 0) for eq in equations]
        self.negative = [sum(1 for _, c in eq if c < 0) for eq in equations]

    def add(self, e: int, coefficient: int, value: int) -> bool:
        """Add a term to equation ``e``; False if the equation can no longer hold."""
        self.sums[e] += coefficient * value
        if coefficient > 0:
            self.positive[e] -= 1
        else:
            self.negative[e] -= 1
        return self.possible(e)

    def possible(self, e: int) -> bool:
        total = self.sums[e]
        if total > 0:
            return self.negative[e] > 0
        if total < 0:
            return self.positive[e] > 0
        return True

    def remove(self, e: int, coefficient: int, value: int) -> None:
        self.sums[e] -= coefficient * value
        if coefficient > 0:
            self.positive[e] += 1
        else:
            self.negative[e] += 1


class _Budget:
    """Steps left for the runs of one table (each run has its own bound too)."""

    __slots__ = ("left",)

    def __init__(self, left: int) -> None:
        self.left = left


def _splits(
    run: Run,
    local: Sequence[Sequence[tuple[int, int]]],
    budget: int,
    shared: _Budget | None = None,
) -> list[Split]:
    """Every split of ``run`` by the token rules that satisfies the ``local`` equations (over
    the run's cell positions), right to left. Raises :class:`_Bound` past ``budget`` steps, or
    past the steps left in ``shared``."""
    if shared is not None:
        budget = min(budget, shared.left)
    text, n = run.text, len(run.kinds)
    if not text or n == 0:
        return []
    piece_start = [0] * len(text)  # for each character, where its piece starts
    pieces_before = [0] * (len(text) + 1)  # how many pieces start before each position
    for k, start in enumerate(run.starts):
        end = run.starts[k + 1] if k + 1 < len(run.starts) else len(text)
        for j in range(start, end):
            piece_start[j] = start
    for j in range(1, len(text) + 1):
        pieces_before[j] = pieces_before[j - 1] + (j - 1 in run.starts)
    by_cell: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for e, equation in enumerate(local):
        for position, coefficient in equation:
            by_cell[position].append((e, coefficient))
    sums = _Sums(local)
    cuts = [0] * (n + 1)
    cuts[n] = len(text)
    values: list[object] = [None] * n
    out: list[Split] = []
    steps = 0
    patterns, kinds = run._patterns, run.kinds

    def go(i: int, end: int) -> None:
        nonlocal steps
        low = piece_start[end - 1]
        if i == 0:
            starts: Iterable[int] = (0,) if low == 0 else ()
        else:
            starts = range(end - 1, max(low, i, end - _LONGEST) - 1, -1)
        for start in starts:
            steps += 1
            if steps > budget:
                raise _Bound
            if i and pieces_before[start] > i:
                continue  # more pieces before than cells left: each needs one
            token = text[start:end]
            if patterns[i].fullmatch(token) is None:
                continue
            value = token_value(kinds[i], token)
            ok, done = True, 0
            for e, coefficient in by_cell[i]:
                done += 1
                if not sums.add(e, coefficient, value):  # type: ignore[arg-type]
                    ok = False
                    break
            if ok and i == 0 and any(sums.sums):
                ok = False
            if ok:
                cuts[i], values[i] = start, value
                if i == 0:
                    out.append((tuple(cuts), tuple(values)))
                else:
                    go(i - 1, start)
            for e, coefficient in by_cell[i][:done]:
                sums.remove(e, coefficient, value)  # type: ignore[arg-type]

    try:
        go(n - 1, len(text))
    finally:
        if shared is not None:
            shared.left -= steps
    return out


def _joint(
    candidates: Sequence[Sequence[tuple[object, ...]]],
    equations: Sequence[Sequence[tuple[int, int, int]]],
    budget: int,
) -> list[set[int]] | None:
    """The candidates of each run that take part in at least one assignment satisfying every
    equation (over (run, cell position, coefficient)), or None when there is none. Raises
    :class:`_Bound` past ``budget`` assignments tried."""
    involved = sorted(
        {run for equation in equations for run, _, _ in equation},
        key=lambda r: (len(candidates[r]), r),
    )
    used: list[set[int]] = [set(range(len(c))) for c in candidates]
    for run in involved:
        used[run] = set()
    by_run: dict[int, list[tuple[int, int, int]]] = {r: [] for r in involved}
    for e, equation in enumerate(equations):
        for run, position, coefficient in equation:
            by_run[run].append((e, position, coefficient))
    sums = _Sums([[(0, c) for _, _, c in eq] for eq in equations])
    choice = [0] * len(candidates)
    steps, found = 0, False

    def go(depth: int) -> None:
        nonlocal steps, found
        if depth == len(involved):
            found = True
            for run in involved:
                used[run].add(choice[run])
            return
        run = involved[depth]
        for k, values in enumerate(candidates[run]):
            steps += 1
            if steps > budget:
                raise _Bound
            done, ok = 0, True
            for e, position, coefficient in by_run[run]:
                done += 1
                if not sums.add(e, coefficient, values[position]):  # type: ignore[arg-type]
                    ok = False
                    break
            if ok:
                choice[run] = k
                go(depth + 1)
            for e, position, coefficient in by_run[run][:done]:
                sums.remove(e, coefficient, values[position])  # type: ignore[arg-type]

    go(0)
    return used if found else None


class Outcome:
    """What the solver found for the runs of one table.

    ``splits[r]`` are the splits of run ``r`` that survive (all its splits that take part in
    a reading satisfying every identity; by the token rules alone when :attr:`level` is
    ``"tokens"``). ``decided[r]`` maps a cell position to the hint that decided it.
    """

    __slots__ = (
        "before",
        "bound",
        "bounded",
        "decided",
        "failed",
        "level",
        "rejected",
        "splits",
        "unsplittable",
    )

    def __init__(self) -> None:
        self.splits: list[list[Split]] = []
        self.level = "identities"
        """``identities``: every split kept satisfies every identity of the table; ``tokens``:
        none does (or the bound was hit), the splits kept are the token rules' alone."""
        self.failed: list[Equation] = []
        """The identities that no split satisfies (level ``tokens``)."""
        self.unsplittable: list[int] = []
        """The runs that no split by the token rules fits (their cells are not read)."""
        self.bound = False
        """Whether the work bound was hit (level ``tokens``)."""
        self.bounded: list[int] = []
        """The runs whose splits by the token rules were past the bound (none kept)."""
        self.decided: list[dict[int, Hint]] = []
        self.rejected: list[Hint] = []
        """Hints that agree with no surviving split (not used)."""
        self.before: dict[tuple[int, int], list[tuple[object, tuple[int, int]]]] = {}
        """The values of each cell a hint decided, before it did."""

    def values(self, run: int, position: int) -> list[tuple[object, tuple[int, int]]]:
        """The distinct values of a cell over the surviving splits, with the cuts of the first
        split giving each (start, end in the run's text), in the order found."""
        seen: dict[object, tuple[int, int]] = {}
        for cuts, values in self.splits[run]:
            value = values[position]
            if value not in seen:
                seen[value] = (cuts[position], cuts[position + 1])
        return list(seen.items())


def solve(
    runs: Sequence[Run],
    equations: Sequence[Equation],
    hints: Mapping[CellKey, Hint] | None = None,
    *,
    run_budget: int | None = None,
    table_budget: int | None = None,
) -> Outcome:
    """Split the runs of one table under the token rules and the ``equations`` (those whose
    cells are not all in the runs are left out: a cell not printed decides nothing), then let
    the ``hints`` decide cells left open, where they leave exactly one value. The budgets are
    :data:`RUN_BUDGET` and :data:`TABLE_BUDGET` unless given."""
    run_budget = RUN_BUDGET if run_budget is None else run_budget
    table_budget = TABLE_BUDGET if table_budget is None else table_budget
    where = {cell: (r, p) for r, run in enumerate(runs) for p, cell in enumerate(run.cells)}
    usable = [e for e in equations if all(cell in where for cell, _ in e.terms)]
    local: list[list[Equation]] = [[] for _ in runs]
    cross: list[Equation] = []
    for equation in usable:
        owners = {where[cell][0] for cell, _ in equation.terms}
        if len(owners) == 1:
            local[owners.pop()].append(equation)
        else:
            cross.append(equation)
    outcome = Outcome()
    outcome.decided = [{} for _ in runs]
    # The splits of each run under its own identities (pruned as they are enumerated); the
    # splits by the token rules alone only when needed: there may be many more of them.
    filtered: list[list[Split]] = []
    tokens: list[list[Split] | None] = [None] * len(runs)
    shared = _Budget(table_budget)
    try:
        for r, run in enumerate(runs):
            positions = [[(where[c][1], k) for c, k in e.terms] for e in local[r]]
            filtered.append(_splits(run, positions, run_budget, shared))
            if not positions:
                tokens[r] = filtered[r]
        used = _joint_of(filtered, cross, where, table_budget)
    except _Bound:
        outcome.bound = True
        return _by_tokens(outcome, runs, tokens, run_budget, table_budget)
    if used is None:
        _by_tokens(outcome, runs, tokens, run_budget, table_budget)
        if not outcome.bound:
            outcome.failed = _failed(
                runs, outcome.splits, filtered, local, cross, where, table_budget
            )
        return _hinted(outcome, runs, hints, None)
    outcome.splits = [
        [s for k, s in enumerate(f) if k in u] for f, u in zip(filtered, used, strict=True)
    ]
    return _hinted(outcome, runs, hints, (filtered, cross, where, table_budget))


def _joint_of(
    filtered: Sequence[Sequence[Split]],
    cross: Sequence[Equation],
    where: Mapping[CellKey, tuple[int, int]],
    budget: int,
) -> list[set[int]] | None:
    if any(not f for f in filtered):
        return None
    candidates = [[values for _, values in f] for f in filtered]
    terms = [[(*where[cell], k) for cell, k in e.terms] for e in cross]
    return _joint(candidates, terms, budget)


def _by_tokens(
    outcome: Outcome,
    runs: Sequence[Run],
    tokens: Sequence[list[Split] | None],
    budget: int,
    table_budget: int,
) -> Outcome:
    """The outcome read by the token rules alone: each run's splits (those not yet enumerated
    are; a run past the bound gets none, and :attr:`Outcome.bound` is set)."""
    outcome.level = "tokens"
    splits = []
    shared = _Budget(table_budget)
    for r, run in enumerate(runs):
        known = tokens[r]
        if known is not None:
            splits.append(known)
            continue
        try:
            splits.append(_splits(run, [], budget, shared))
        except _Bound:
            outcome.bound = True
            outcome.bounded.append(r)
            splits.append([])
    outcome.splits = splits
    outcome.unsplittable = [r for r, s in enumerate(splits) if not s and r not in outcome.bounded]
    return outcome


def _failed(
    runs: Sequence[Run],
    tokens: Sequence[Sequence[Split]],
    filtered: Sequence[Sequence[Split]],
    local: Sequence[Sequence[Equation]],
    cross: Sequence[Equation],
    where: Mapping[CellKey, tuple[int, int]],
    budget: int,
) -> list[Equation]:
    """The identities that no split satisfies: those of a run that alone leave it no split,
    else those across runs that alone have no solution; else all of them together."""
    out: list[Equation] = []
    for r, run in enumerate(runs):
        if not tokens[r] or filtered[r]:
            continue
        alone = [e for e in local[r] if not _fits(run, e, where, budget)]
        out += alone or list(local[r])
    if out or any(not t for t in tokens):
        return out
    for equation in cross:
        try:
            if _joint_of(filtered, [equation], where, budget) is None:
                out.append(equation)
        except _Bound:
            continue
    return out or list(cross)


def _fits(
    run: Run, equation: Equation, where: Mapping[CellKey, tuple[int, int]], budget: int
) -> bool:
    """Whether a split of ``run`` satisfies ``equation`` (True past the bound: not known)."""
    try:
        return bool(_splits(run, [[(where[c][1], k) for c, k in equation.terms]], budget))
    except _Bound:
        return True


def _hinted(
    outcome: Outcome,
    runs: Sequence[Run],
    hints: Mapping[CellKey, Hint] | None,
    search: tuple[list[list[Split]], list[Equation], dict[CellKey, tuple[int, int]], int] | None,
) -> Outcome:
    """Let the hints decide the cells left open: the splits are filtered by the hints of open
    cells (and the search run again); a cell is decided by a hint when it then has one value.
    When no split agrees with the hints, none is used (:attr:`Outcome.rejected`)."""
    if not hints:
        return outcome
    open_hints: dict[tuple[int, int], Hint] = {}
    for r, run in enumerate(runs):
        for p, cell in enumerate(run.cells):
            hint = hints.get(cell)
            if hint is not None and len(outcome.values(r, p)) > 1:
                open_hints[(r, p)] = hint
    if not open_hints:
        return outcome

    def agrees(r: int, split: Split) -> bool:
        return all(split[1][p] == hint.value for (rr, p), hint in open_hints.items() if rr == r)

    kept = [[s for s in splits if agrees(r, s)] for r, splits in enumerate(outcome.splits)]
    if search is not None:
        filtered, cross, where, budget = search
        narrowed = [[s for s in f if agrees(r, s)] for r, f in enumerate(filtered)]
        try:
            used = _joint_of(narrowed, cross, where, budget)
        except _Bound:
            used = None
        if used is not None:
            kept = [
                [s for k, s in enumerate(f) if k in u] for f, u in zip(narrowed, used, strict=True)
            ]
        else:
            kept = []
    if not kept or any(outcome.splits[r] and not k for r, k in enumerate(kept)):
        outcome.rejected = list(dict.fromkeys(open_hints.values()))
        return outcome
    cells = [(r, p) for r, run in enumerate(runs) for p in range(len(run.cells))]
    before = {cell: outcome.values(*cell) for cell in cells}
    outcome.splits = kept
    first = next(iter(open_hints.values()))
    for r, p in cells:
        if len(before[(r, p)]) > 1 and len(outcome.values(r, p)) == 1:
            # Decided by a hint: its own, or (through the identities) those of other cells.
            outcome.decided[r][p] = open_hints.get((r, p), first)
            outcome.before[(r, p)] = before[(r, p)]
    return outcome
