"""Many different reports from the bundled one, deterministically: for benchmarks and tests.

>>> first, second = variants(2, seed=1)
>>> first.agency != second.agency and first.requests != second.requests
True
>>> [r.year for r in variants(2, seed=1)] == [first.year, second.year]
True
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

import attrs

from govinfo import _cli_io
from govinfo.amounts import Amount
from govinfo.model import Cell, Grid, Report
from govinfo.serialize import from_json, to_json
from govinfo.template import ColumnKind

__all__ = ["render", "variants"]


def _example() -> Report:
    from govinfo import example_path

    with open(example_path(".json"), encoding="utf-8") as f:
        return from_json(f.read())


def _cell(kind: ColumnKind, old: Cell, rng: random.Random) -> Cell:
    if kind is ColumnKind.COUNT:
        return rng.choice((0, 0, rng.randint(0, 20), rng.randint(0, 5000)))
    if kind is ColumnKind.DELTA:
        return rng.randint(-50, 50)
    if kind is ColumnKind.MONEY:
        return Decimal(rng.randint(0, 10**7)).scaleb(-4)
    if isinstance(old, Amount):
        return Amount(Decimal(rng.randint(0, 10**6)), old.unit)
    return old


def _vary(grid: Grid, rng: random.Random) -> Grid:
    return grid.replace(
        {(row.key, column.key): _cell(column.kind, cell, rng) for row, column, cell in grid.items()}
    )


def variants(count: int, *, seed: int = 0) -> Iterator[Report]:
    """``count`` reports: the bundled one with other numbers, agency names and years."""
    base = _example()
    rng = random.Random(seed)
    for index in range(count):
        yield attrs.evolve(
            base,
            agency=f"{base.agency}{index}",
            year=rng.randint(2021, 2030),
            disclosure=attrs.evolve(
                base.disclosure, blocks=tuple(_vary(b, rng) for b in base.disclosure)
            ),
            requests=_vary(base.requests, rng),
            review_litigation=_vary(base.review_litigation, rng),
        )


def render(report: Report, suffix: str) -> str:
    """The file content of ``report`` as ``.json`` or as report text (``.txt``)."""
    return to_json(report) if suffix == ".json" else _cli_io.render_text(report)
