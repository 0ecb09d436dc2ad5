"""Find the fewest cells whose corrected values satisfy every identity at once.

The identities of one table are linear equations over its cells with coefficients +1 and −1:
``Σ coefficient · cell = 0``. A failing equation has a non-zero *residual* (its left side minus
its right side as printed). Changing cell ``x`` by ``δ`` moves the residual of every equation
``x`` takes part in by ``coefficient · δ``. A set of cells explains the failures when deltas
exist that bring every residual to zero, including those of the equations that already hold
(a cell that also takes part in a holding equation is pinned by it).

>>> equations = ({0: 1, 1: -1, 2: -1}, {3: 1, 1: -1})  # c0 = c1 + c2 ; c3 = c1
>>> values = [6, 2, 3, 2]  # c0 is one too many: c0 = 5 or c2 = 4 would fit; c1 is pinned by c3
>>> locate(equations, {0: 1}, set(), lambda cell, value: value >= 0, values)
(((0, 5),), ((2, 4),))

Only sets of one cell, then of two, are tried: beyond that the evidence rarely points
anywhere and the search would cost more than the check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["cell_equations", "locate"]

Equation = Mapping[int, int]
"""Cell index → coefficient (+1 or −1)."""


def cell_equations(equations: Sequence[Equation]) -> dict[int, tuple[int, ...]]:
    """For each cell, the indexes of the equations it takes part in."""
    out: dict[int, list[int]] = {}
    for number, equation in enumerate(equations):
        for cell in equation:
            out.setdefault(cell, []).append(number)
    return {cell: tuple(numbers) for cell, numbers in out.items()}


def locate(
    equations: Sequence[Equation],
    residuals: Mapping[int, Any],
    skipped: set[int],
    allowed: Callable[[int, Any], bool],
    values: Sequence[Any],
    by_cell: Mapping[int, tuple[int, ...]] | None = None,
) -> tuple[tuple[tuple[int, Any], ...], ...]:
    """Every smallest set of cells (one, else two) that explains all failing equations.

    ``residuals`` holds the non-zero residuals of the failing equations; ``skipped`` the
    equations that cannot be assessed (a blank, placeholder or unread cell takes part), which
    constrain nothing.
    ``allowed(cell, new_value)`` says whether a corrected value may stand in the cell. Each
    answer is a tuple of ``(cell, corrected value)``, sorted by cell; answers are sorted too.
    """
    if not residuals:
        return ()
    if by_cell is None:
        by_cell = cell_equations(equations)
    failing = set(residuals)
    first = min(failing)
    found: list[tuple[tuple[int, Any], ...]] = []
    for cell in sorted(equations[first]):
        fit = _solve((cell,), equations, residuals, skipped, failing, allowed, values, by_cell)
        if fit is not None:
            found.append(fit)
    if found:
        return tuple(found)
    # A second cell is needed where the first leaves a failing equation unexplained (it must
    # take part in every such equation) or where the first is pinned by a holding equation
    # (it must share that equation).
    seen: set[tuple[int, int]] = set()
    for cell in sorted(equations[first]):
        uncovered = failing.difference(by_cell[cell])
        if uncovered:
            others = set.intersection(*(set(equations[n]) for n in uncovered))
        else:
            others = {c for n in by_cell[cell] for c in equations[n]}
        for other in sorted(others):
            pair = (cell, other) if cell < other else (other, cell)
            if cell == other or pair in seen:
                continue
            seen.add(pair)
            fit = _solve(pair, equations, residuals, skipped, failing, allowed, values, by_cell)
            if fit is not None:
                found.append(fit)
    return tuple(sorted(found))


def _solve(
    cells: tuple[int, ...],
    equations: Sequence[Equation],
    residuals: Mapping[int, Any],
    skipped: set[int],
    failing: set[int],
    allowed: Callable[[int, Any], bool],
    values: Sequence[Any],
    by_cell: Mapping[int, tuple[int, ...]],
) -> tuple[tuple[int, Any], ...] | None:
    """The corrected values of ``cells`` that zero every residual, if exactly one set does."""
    touched = {n for cell in cells for n in by_cell[cell] if n not in skipped}
    if not failing <= touched:
        return None
    # Each touched equation: Σ coefficient · δ = −residual, over the cells of this set.
    constraints = [
        ({c: equations[n][c] for c in cells if c in equations[n]}, -residuals.get(n, 0))
        for n in touched
    ]
    deltas: dict[int, Any] = {}
    progress = True
    while progress and len(deltas) < len(cells):
        progress = False
        for terms, target in constraints:
            unknown = [c for c in terms if c not in deltas]
            if len(unknown) == 1:
                rest = sum(terms[c] * deltas[c] for c in terms if c in deltas)
                deltas[unknown[0]] = (target - rest) * terms[unknown[0]]  # coefficient is ±1
                progress = True
    if len(deltas) < len(cells):
        return None  # underdetermined: many corrections would fit, none is evidence
    for terms, target in constraints:
        if sum(terms[c] * deltas[c] for c in terms) != target:
            return None
    fit = []
    for cell in cells:
        if deltas[cell] == 0:
            return None  # a smaller set explains it; that set is reported instead
        corrected = values[cell] + deltas[cell]
        if not allowed(cell, corrected):
            return None
        fit.append((cell, corrected))
    return tuple(fit)
