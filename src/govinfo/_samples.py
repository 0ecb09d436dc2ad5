"""Many different reports from the bundled one, deterministically: for benchmarks and tests.

>>> first, second = variants(2, seed=1)
>>> first.requests != second.requests
True
>>> list(variants(2, seed=1)) == [first, second]
True
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

import attrs

from govinfo.formats.json import from_json, to_json
from govinfo.formats.text import render_text
from govinfo.model import Cell, Grid, Report
from govinfo.template import ColumnKind
from govinfo.zh.amounts import Amount

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
    """``count`` reports: the bundled one with other numbers in its tables."""
    base = _example()
    rng = random.Random(seed)
    for _ in range(count):
        # Agency, year and prose stay those of the bundled report, so report text made from a
        # variant reads back as the same report whatever the text parser infers from them.
        yield attrs.evolve(
            base,
            disclosure=attrs.evolve(
                base.disclosure, blocks=tuple(_vary(b, rng) for b in base.disclosure)
            ),
            requests=_vary(base.requests, rng),
            review_litigation=_vary(base.review_litigation, rng),
        )


def render(report: Report, suffix: str) -> str:
    """The file content of ``report`` as ``.json`` or as report text (``.txt``)."""
    return to_json(report) if suffix == ".json" else render_text(report)
