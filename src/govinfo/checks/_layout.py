"""Cells of several tables as one flat list, so that checks are loops over indexes.

A :class:`Layout` lists the cells of some tables of one template version row by row, table
after table; each :class:`Slot` knows its cell's JSON path and Chinese labels, worked out once.

>>> from govinfo.template import TemplateVersion, template
>>> layout = Layout.of(template(TemplateVersion.V2021), ["review_litigation"])
>>> layout.slots[4].path, layout.slots[4].row_label, layout.slots[4].column_label
('$.review_litigation.administrative_review.total', '行政复议', '总计')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from attrs import frozen

from govinfo.model import Cell, Disclosure, Grid, Report
from govinfo.template import ColumnSpec, GridSpec, RowSpec, TemplateSpec

__all__ = ["Layout", "Slot", "column_label", "row_label", "side", "table_grid", "with_values"]


def row_label(row: RowSpec) -> str:
    return " › ".join((*row.parents, row.label))


def column_label(column: ColumnSpec) -> str:
    return " › ".join(filter(None, (column.group, column.label)))


@frozen
class Slot:
    """Where a cell of a flat list lives, with its names worked out once."""

    table: str
    row: RowSpec
    column: ColumnSpec
    path: str
    row_label: str
    column_label: str

    @classmethod
    def of(cls, table: str, row: RowSpec, column: ColumnSpec) -> Slot:
        path = f"$.{table}.{row.key}.{column.key}"
        return cls(table, row, column, path, row_label(row), column_label(column))


def table_grid(report: Report, table: str) -> Grid:
    """The grid of ``report`` at ``table``, a JSON path without ``$.``."""
    if table.startswith("disclosure."):
        return report.disclosure[table.removeprefix("disclosure.")]
    grid: Grid = getattr(report, table)
    return grid


def _table_spec(spec: TemplateSpec, table: str) -> GridSpec | None:
    for path, grid in spec.grids():
        if path == f"$.{table}":
            return grid
    return None


@frozen
class Layout:
    """The cells of some tables of one template version, one after another."""

    tables: tuple[str, ...]
    slots: tuple[Slot, ...]
    index: dict[tuple[str, str, str], int]

    @classmethod
    def of(cls, spec: TemplateSpec, tables: Iterable[str]) -> Layout:
        slots = []
        wanted = tuple(tables)
        for table in wanted:
            grid = _table_spec(spec, table)
            assert grid is not None, table
            slots += [Slot.of(table, r, c) for r in grid.rows for c in grid.columns]
        index = {(s.table, s.row.key, s.column.key): i for i, s in enumerate(slots)}
        return cls(wanted, tuple(slots), index)

    def flatten(self, report: Report) -> list[Cell]:
        out: list[Cell] = []
        for table in self.tables:
            for row in table_grid(report, table).cells:
                out += row
        return out


def side(values: Sequence[Cell], plus: tuple[int, ...], minus: tuple[int, ...]) -> Any:
    """The sum of one side; raises TypeError when a blank, placeholder or unread cell takes
    part (none of them adds, so none is ever counted as 0)."""
    cell: Callable[[int], Any] = values.__getitem__
    total = sum(map(cell, plus))
    if minus:
        total -= sum(map(cell, minus))
    return total


def with_values(report: Report, layout: Layout, values: Sequence[Cell]) -> Report:
    """``report`` with the cells of ``layout``'s tables taken from ``values``."""
    start = 0
    grids: dict[str, Grid] = {}
    for table in layout.tables:
        spec = table_grid(report, table).spec
        width = len(spec.columns)
        rows = []
        for _ in spec.rows:
            rows.append(tuple(values[start : start + width]))
            start += width
        grids[table] = Grid(spec, tuple(rows))
    blocks = tuple(grids.get(f"disclosure.{b.spec.key}", b) for b in report.disclosure)
    return attrs.evolve(
        report,
        disclosure=Disclosure(blocks),
        requests=grids.get("requests", report.requests),
        review_litigation=grids.get("review_litigation", report.review_litigation),
    )
