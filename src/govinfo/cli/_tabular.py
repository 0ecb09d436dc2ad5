"""The long ("tidy") table of a report: one row per cell, as analysts load it.

Every label comes from :mod:`govinfo.template`; nothing here knows a Chinese word.

>>> import govinfo
>>> report = govinfo.load_example()
>>> rows = list(cell_rows(report, "lucheng.json"))
>>> len(rows) == cell_count(report)
True
>>> dict(zip(COLUMNS, rows[0]))["row_label"]
'规章'
>>> row = next(r for r in rows if r[4] == "$.requests" and r[5] == "withheld_state_secret")
>>> row[7]
'三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from decimal import Decimal

from govinfo.model import Blank, Cell, Placeholder, Report, Unread
from govinfo.sources import Source
from govinfo.zh.amounts import Amount

__all__ = ["COLUMNS", "SEPARATOR", "cell_count", "cell_rows", "csv_header", "csv_text"]

COLUMNS = (
    "file",
    "agency",
    "year",
    "template",
    "table",
    "row_key",
    "column_key",
    "row_label",
    "column_label",
    "value",
    "unit",
    "kind",
    "source",
)
"""The columns of the long format, in order."""

SEPARATOR = " › "
"""Joins a group label and the labels under it."""


def _value(cell: Cell) -> tuple[str, str, str]:
    """The value as text, its unit (amounts only) and the cell kind."""
    if isinstance(cell, Blank):
        return "", "", "blank"
    if isinstance(cell, Placeholder):
        return cell.text, "", "placeholder"
    if isinstance(cell, Unread):
        return "", "", "unread"
    if isinstance(cell, Amount):
        return format(cell.value, "f"), cell.unit.value, "number"
    if isinstance(cell, Decimal):
        return format(cell, "f"), "", "number"
    return str(cell), "", "number"


def cell_rows(
    report: Report, file: str, sources: Mapping[str, Source] | None = None
) -> Iterator[tuple[str, ...]]:
    """One row per cell of every table of ``report``, in report order; ``source`` is where the
    cell was printed (``line 290, column 1``), when the reading knows it."""
    head = (file, report.agency, str(report.year), report.version.value)
    sources = sources or {}
    for path, grid in report.grids():
        for row, column, cell in grid.items():
            row_label = SEPARATOR.join((*row.parents, row.label))
            column_label = SEPARATOR.join(
                (column.group, column.label) if column.group else (column.label,)
            )
            yield (
                *head,
                path,
                row.key,
                column.key,
                row_label,
                column_label,
                *_value(cell),
                str(sources.get(f"{path}.{row.key}.{column.key}", "")),
            )


def cell_count(report: Report) -> int:
    """How many cells the tables of ``report`` have (the rows :func:`cell_rows` gives)."""
    return sum(len(g.spec.rows) * len(g.spec.columns) for _, g in report.grids())


def _csv(rows: Iterator[tuple[str, ...]] | list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def csv_header() -> str:
    """The header line of the CSV (standard ``csv`` dialect: commas, CRLF, quotes when needed)."""
    return _csv([COLUMNS])


def csv_text(report: Report, file: str, sources: Mapping[str, Source] | None = None) -> str:
    """The CSV lines of one report, without the header."""
    return _csv(cell_rows(report, file, sources))
