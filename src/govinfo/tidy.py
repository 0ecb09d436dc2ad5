"""Tidy cells: one record per table cell of one or many reports, as analysts load them.

:func:`cell_records` gives a :class:`CellRecord` per cell: who reported (agency, year, template
version), where the cell stands (table, row and column keys; the full Chinese label paths of
its row and column; their order in the template), what it holds (its :class:`CellKind` and its
exact value) and, for a report read from a file, where the value was printed.

>>> import govinfo
>>> report = govinfo.load_example()
>>> records = list(cell_records(report))
>>> len(records)
200
>>> secret = next(r for r in records if r.path == "$.requests.withheld_state_secret.total")
>>> secret.row_label, secret.column_label, secret.kind, secret.value
('三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密', '总计', <CellKind.NUMBER: 'number'>, 0)
>>> fee = records[9]
>>> fee.column_label, fee.value, fee.unit
('本年收费金额（单位：万元）', Decimal('299.8145'), <Unit.WAN_YUAN: '万元'>)

The same records have flat forms in which no column mixes types, declared once in
:data:`COLUMNS`: counts in an integer column (``count``), money and amounts as exact decimal
strings (``amount``, with ``unit`` beside), placeholders' text (``placeholder``) and the kind.
:func:`to_row` and :func:`from_row` turn a record into such a row and back; the CSV
(:func:`csv_text`), its Frictionless data package (:func:`data_package`), Parquet
(:func:`write_parquet`, extra ``parquet``) and pandas (:func:`to_dataframe`, extra ``dataframe``)
are all written from them.

>>> to_row(fee)[-6:]
('number', None, '299.8145', '万元', '', '')
>>> from_row(to_row(fee)) == fee
True

Every label comes from :mod:`govinfo.template`; nothing here knows a Chinese word.
"""

from __future__ import annotations

import csv
import enum
import functools
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, localcontext
from typing import IO, TYPE_CHECKING, Any, Final, Literal, TypeAlias

from attrs import frozen

from govinfo import _distribution
from govinfo.errors import GovInfoError
from govinfo.formats._result import ReadResult
from govinfo.model import BLANK, MAX_DIGITS, UNREAD, Blank, Cell, Placeholder, Report, Unread
from govinfo.sources import Source
from govinfo.template import ColumnKind, ColumnSpec, TemplateVersion, templates
from govinfo.zh.amounts import Amount, Unit, unit_from_header

if TYPE_CHECKING:  # optional extras: imported where they are used
    import pandas
    import pyarrow

__all__ = [
    "COLUMNS",
    "EXPONENT",
    "SEPARATOR",
    "CellKind",
    "CellRecord",
    "Column",
    "ParquetWriter",
    "cell_count",
    "cell_records",
    "csv_header",
    "csv_text",
    "data_package",
    "from_row",
    "parquet_schema",
    "read_parquet",
    "to_dataframe",
    "to_row",
    "write_parquet",
]

SEPARATOR: Final = " › "
"""Joins a group label and the labels under it in a label path."""


class CellKind(enum.Enum):
    """What a cell holds: the four kinds of :data:`govinfo.model.Cell`."""

    NUMBER = "number"
    """A count, a change, money or an amount."""
    BLANK = "blank"
    """Nothing was printed (never 0)."""
    PLACEHOLDER = "placeholder"
    """A mark that says "no number here" ("/", "—", 不适用), kept verbatim."""
    UNREAD = "unread"
    """Something was printed that govinfo could not read."""


def _kind(value: Cell) -> CellKind:
    if isinstance(value, Blank):
        return CellKind.BLANK
    if isinstance(value, Placeholder):
        return CellKind.PLACEHOLDER
    if isinstance(value, Unread):
        return CellKind.UNREAD
    return CellKind.NUMBER


@frozen(kw_only=True)
class CellRecord:
    """One cell of one report, with everything needed to use it without the report.

    ``table`` is the JSON path of the cell's table (``$.requests``), so that
    ``table.row_key.column_key`` (:attr:`path`) is the cell's path in the JSON form and in a
    reading's :attr:`~govinfo.ReadResult.sources`. Orders count from 1 in template order: the
    table in the report, the row in its table, the column in its table.
    """

    file: str
    """The name the report was read from ("" when it was not read from a file)."""
    agency: str
    year: int
    version: TemplateVersion
    table: str
    table_order: int
    row_key: str
    row_order: int
    column_key: str
    column_order: int
    row_label: str
    """The row's label after the labels of the groups above it, joined by :data:`SEPARATOR`."""
    column_label: str
    """The column's label after that of the header cell spanning it, if any."""
    value: Cell
    """Exact: ``int`` for counts, ``Decimal`` for money, :class:`~govinfo.Amount` for an amount,
    or :data:`~govinfo.BLANK`, a :class:`~govinfo.Placeholder`, :data:`~govinfo.UNREAD`."""
    source: Source | None = None
    """Where the value was printed, when the report was read from a file."""

    @property
    def kind(self) -> CellKind:
        """What the cell holds."""
        return _kind(self.value)

    @property
    def path(self) -> str:
        """The cell's JSON path: ``$.requests.granted.natural_person``."""
        return f"{self.table}.{self.row_key}.{self.column_key}"

    @property
    def unit(self) -> Unit | None:
        """The unit of a sum of money (the one its column header names) or of an amount."""
        if isinstance(self.value, Amount):
            return self.value.unit
        if isinstance(self.value, Decimal):
            return _money_unit(self.column_label)
        return None


_MONEY_UNITS: dict[str, Unit] = {}


def _money_unit(header: str) -> Unit:
    """The unit a money column's header declares (cached: a few headers, read for every cell)."""
    unit = _MONEY_UNITS.get(header)
    if unit is None:
        unit = _MONEY_UNITS[header] = unit_from_header(header.rpartition(SEPARATOR)[2])
    return unit


@functools.cache
def _column_kinds() -> dict[tuple[TemplateVersion, str, str], ColumnKind]:
    """The kind of every column by version, table path and key, of every spec (the variants'
    tables included), laid out as :meth:`Report.grids` lays them out."""
    kinds = {}
    for spec in templates():
        empty = Report.empty(spec.version, variant=spec.variant, agency="-", year=2021)
        for table, grid in empty.grids():
            for column in grid.spec.columns:
                kinds[spec.version, table, column.key] = column.kind
    return kinds


def _column_kind(version: TemplateVersion, table: str, column: str) -> ColumnKind:
    try:
        return _column_kinds()[version, table, column]
    except KeyError:
        raise GovInfoError(
            f"{table}.{column}: no such column in the {version.value} template"
        ) from None


def _column_label(column: ColumnSpec) -> str:
    return SEPARATOR.join((column.group, column.label) if column.group else (column.label,))


def _records(
    report: Report, file: str = "", sources: Mapping[str, Source] | None = None
) -> Iterator[CellRecord]:
    """The records of one report, in report order."""
    sources = sources or {}
    for table_order, (table, grid) in enumerate(report.grids(), 1):
        spec = grid.spec
        columns = [(c.key, _column_label(c)) for c in spec.columns]
        for row_order, (row, values) in enumerate(zip(spec.rows, grid.cells, strict=True), 1):
            row_label = SEPARATOR.join((*row.parents, row.label))
            for column_order, ((column_key, column_label), value) in enumerate(
                zip(columns, values, strict=True), 1
            ):
                yield CellRecord(
                    file=file,
                    agency=report.agency,
                    year=report.year,
                    version=report.version,
                    table=table,
                    table_order=table_order,
                    row_key=row.key,
                    row_order=row_order,
                    column_key=column_key,
                    column_order=column_order,
                    row_label=row_label,
                    column_label=column_label,
                    value=value,
                    source=sources.get(f"{table}.{row.key}.{column_key}"),
                )


Readings: TypeAlias = Report | ReadResult | Iterable[Report | ReadResult]


def cell_records(reports: Readings) -> Iterator[CellRecord]:
    """One record per cell of every table of ``reports`` (a report, a reading of
    :func:`govinfo.read`, or an iterable of either), in report order, report after report.

    A reading's records carry the file it was read from, if it was read from a path, and each
    cell's source.
    """
    items = (reports,) if isinstance(reports, Report | ReadResult) else reports
    for item in items:
        if isinstance(item, ReadResult):
            name = item.input.name if item.input is not None else None
            yield from _records(item.report, name or "", item.sources)
        elif isinstance(item, Report):
            yield from _records(item)
        else:
            raise GovInfoError(f"expected a Report or a ReadResult, got {type(item).__name__}")


def cell_count(report: Report) -> int:
    """How many records :func:`cell_records` gives for ``report``."""
    return sum(len(g) for _, g in report.grids())


# --- the flat form ----------------------------------------------------------------------

ColumnType: TypeAlias = Literal["key", "text", "integer", "decimal"]
"""How a column is typed in each flat form:

- ``key``: text of few distinct values (labels, keys): CSV string, Parquet dictionary-encoded
  string, pandas ``category``;
- ``text``: free text: string, ``string``;
- ``integer``: nullable whole number: CSV integer (empty: missing), Parquet int64, pandas
  ``Int64``;
- ``decimal``: an exact decimal: a CSV string of digits (never a float), in Parquet a
  ``decimal128`` with the exponent beside (:data:`EXPONENT`), in pandas ``Decimal`` objects.
"""


@frozen
class Column:
    """One column of the flat form: its name, its type and what it holds."""

    name: str
    type: ColumnType
    description: str
    optional: bool = False
    """Whether a row may lack a value here: missing (CSV: empty; Parquet, pandas: null) for an
    integer or decimal, empty text otherwise."""


COLUMNS: Final = (
    Column("file", "key", "the file the report was read from (empty if none)", optional=True),
    Column(
        "agency",
        "key",
        "the reporting agency, as the report names it (empty when nothing names it: the "
        "reading warns)",
        optional=True,
    ),
    Column("year", "integer", "the year reported on"),
    Column("version", "key", "the template version: 2019 (trial) or 2021"),
    Column("table", "key", "the JSON path of the table: $.requests, $.disclosure.fees …"),
    Column("table_order", "integer", "the table's place in the report, from 1"),
    Column("row_key", "key", "the row's key in the template"),
    Column("row_order", "integer", "the row's place in its table, from 1"),
    Column("column_key", "key", "the column's key in the template"),
    Column("column_order", "integer", "the column's place in its table, from 1"),
    Column("row_label", "key", f"the row's Chinese label path, joined by '{SEPARATOR}'"),
    Column("column_label", "key", f"the column's Chinese label path, joined by '{SEPARATOR}'"),
    Column("kind", "key", "number, blank, placeholder or unread"),
    Column(
        "count", "integer", "a count or a change (number cells of count columns)", optional=True
    ),
    Column(
        "amount",
        "decimal",
        "money or an amount, exact (number cells of money columns)",
        optional=True,
    ),
    Column("unit", "key", "the unit of amount: 元, 万元 or 亿元", optional=True),
    Column("placeholder", "text", "a placeholder's text, verbatim (/, —, 不适用 …)", optional=True),
    Column(
        "source",
        "text",
        "where the value was printed (line 112, column 1), if known",
        optional=True,
    ),
)
"""The columns of the flat form (CSV, data package, Parquet, DataFrame), in order."""

_KEY_COLUMNS: Final = 13  # COLUMNS up to ``kind``: what to_row takes from the record as is
_KINDS: Final = {k.value: k for k in CellKind}

Row: TypeAlias = tuple[Any, ...]
"""A record in the flat form: the values of :data:`COLUMNS`; ``None`` where a nullable integer
or decimal is missing; "" for text that is not there."""


def to_row(record: CellRecord) -> Row:
    """``record`` as a flat row: :data:`COLUMNS`' values, each column of one type."""
    value = record.value
    count: int | None = None
    amount = unit = placeholder = ""
    if type(value) is int:
        count = value
    elif isinstance(value, Amount):
        amount, unit = format(value.value, "f"), value.unit.value
    elif isinstance(value, Decimal):
        amount, unit = format(value, "f"), _money_unit(record.column_label).value
    elif isinstance(value, Placeholder):
        placeholder = value.text
    return (
        record.file,
        record.agency,
        record.year,
        record.version.value,
        record.table,
        record.table_order,
        record.row_key,
        record.row_order,
        record.column_key,
        record.column_order,
        record.row_label,
        record.column_label,
        record.kind.value,
        count,
        amount or None,
        unit,
        placeholder,
        "" if record.source is None else str(record.source),
    )


def from_row(row: Sequence[Any]) -> CellRecord:
    """The record of a flat row (as :func:`to_row` writes it; integers may be given as text,
    as a CSV reader gives them). The source comes back as ``None``: the row keeps only its text.
    """
    (file, agency, year, version, table, table_order, row_key, row_order) = row[:8]
    (column_key, column_order, row_label, column_label, kind) = row[8:_KEY_COLUMNS]
    count, amount, unit, placeholder = row[_KEY_COLUMNS : _KEY_COLUMNS + 4]
    value: Cell
    match _KINDS.get(kind):
        case CellKind.BLANK:
            value = BLANK
        case CellKind.UNREAD:
            value = UNREAD
        case CellKind.PLACEHOLDER:
            value = Placeholder(placeholder)
        case CellKind.NUMBER if count not in (None, ""):
            value = int(count)
        case CellKind.NUMBER if isinstance(amount, Decimal | str) and amount != "":
            number = Decimal(amount)
            if isinstance(amount, str) and not number.is_finite():
                raise GovInfoError(f"{table}.{row_key}.{column_key}: amount {amount!r}")
            money = _column_kind(TemplateVersion(version), table, column_key) is ColumnKind.MONEY
            value = number if money else Amount(number, Unit(unit))
        case _:
            raise GovInfoError(
                f"{table}.{row_key}.{column_key}: a row of kind {kind!r} without its value"
            )
    return CellRecord(
        file=file,
        agency=agency,
        year=int(year),
        version=TemplateVersion(version),
        table=table,
        table_order=int(table_order),
        row_key=row_key,
        row_order=int(row_order),
        column_key=column_key,
        column_order=int(column_order),
        row_label=row_label,
        column_label=column_label,
        value=value,
    )


# --- CSV and its data package -------------------------------------------------------------


def _csv(rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(("" if v is None else v for v in row) for row in rows)
    return out.getvalue()


def csv_header() -> str:
    """The header line of the CSV (standard ``csv`` dialect: commas, CRLF, quotes when needed;
    :func:`data_package` declares it)."""
    return _csv([[c.name for c in COLUMNS]])


def csv_text(records: Iterable[CellRecord]) -> str:
    """The CSV lines of ``records``, without the header: a missing number is an empty field."""
    return _csv(map(to_row, records))


_FRICTIONLESS_TYPE: Final = {"key": "string", "text": "string", "integer": "integer"}
_DECIMAL_PATTERN: Final = r"-?[0-9]+(\.[0-9]+)?"
_CONSTRAINTS: Final[Mapping[str, Mapping[str, Any]]] = {
    "version": {"enum": [v.value for v in TemplateVersion]},
    "kind": {"enum": [k.value for k in CellKind]},
    "unit": {"enum": [u.value for u in Unit]},
}


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": _FRICTIONLESS_TYPE.get(column.type, "string"),
        "description": column.description,
    }
    if column.type == "decimal":  # text, so that no reader makes it a float
        field["constraints"] = {"pattern": _DECIMAL_PATTERN}
        field["description"] += "; an exact decimal written as text: read it as text or Decimal"
    constraints = {**field.get("constraints", {}), **_CONSTRAINTS.get(column.name, {})}
    if not column.optional:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _resource_name(path: str) -> str:
    """A Frictionless resource name (lower case letters, digits, ``-._``) for a file name."""
    stem = path.rpartition(".")[0] or path
    name = "".join(c if c.isascii() and (c.isalnum() or c in "-._") else "-" for c in stem)
    return name.lower().strip("-") or "cells"


def data_package(csv_path: str, package: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The Frictionless data package (``datapackage.json``) that declares the CSV at
    ``csv_path`` (relative to the package's folder): its dialect and every column's type.

    ``package``, a data package already there, keeps its other resources: the one for
    ``csv_path`` is replaced or added.

    >>> package = data_package("cells.csv")
    >>> resource = package["resources"][0]
    >>> resource["path"], resource["name"], resource["dialect"]["lineTerminator"]
    ('cells.csv', 'cells', '\\r\\n')
    >>> [f["type"] for f in resource["schema"]["fields"] if f["name"] in ("count", "amount")]
    ['integer', 'string']
    """
    resource: dict[str, Any] = {
        "name": _resource_name(csv_path),
        "path": csv_path,
        "profile": "tabular-data-resource",
        "title": "Cells of annual reports on open government information",
        "description": f"One row per table cell, written by govinfo ({_distribution.NAME}).",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {
            "delimiter": ",",
            "lineTerminator": "\r\n",
            "quoteChar": '"',
            "doubleQuote": True,
            "header": True,
        },
        "schema": {"fields": [_field(c) for c in COLUMNS], "missingValues": [""]},
    }
    base: dict[str, Any] = (
        dict(package) if package else {"profile": "tabular-data-package", "resources": []}
    )
    others = [r for r in base.get("resources", ()) if r.get("path") != csv_path]
    names = {r.get("name") for r in others}
    while resource["name"] in names:  # another file of the same stem: keep names unique
        resource["name"] = f"{resource['name']}-1"
    return {**base, "resources": [*others, resource]}


# --- Parquet ------------------------------------------------------------------------------

EXPONENT: Final = "amount_exponent"
"""The Parquet column beside ``amount``: the exponent the amount was written with (-4 for
299.8145), which one fixed-scale decimal column cannot keep for scales 3, 4 and 6 at once."""

_AMOUNT_SCALE: Final = MAX_DIGITS  # digits after the point: every amount the model allows
_PARQUET_PURPOSE: Final = "Parquet (govinfo convert --to parquet, govinfo.tidy.*_parquet)"


def _pyarrow() -> Any:
    return _distribution.require("pyarrow", "parquet", _PARQUET_PURPOSE)


def parquet_schema() -> pyarrow.Schema:
    """The Arrow schema of the Parquet form: :data:`COLUMNS` with dictionary-encoded keys,
    nullable int64 integers, the amount as ``decimal128(38, 15)`` and :data:`EXPONENT` beside
    it. Needs the extra ``parquet`` (pyarrow)."""
    pa = _pyarrow()
    types = {
        "key": pa.dictionary(pa.int32(), pa.string()),
        "text": pa.string(),
        "integer": pa.int64(),
        "decimal": pa.decimal128(2 * MAX_DIGITS + 8, _AMOUNT_SCALE),
    }
    fields = []
    for column in COLUMNS:
        fields.append(
            pa.field(
                column.name,
                types[column.type],
                nullable=column.optional and column.type in ("integer", "decimal"),
                metadata={"description": column.description},
            )
        )
        if column.type == "decimal":
            exponent = {"description": "the exponent the amount was written with"}
            fields.append(pa.field(EXPONENT, pa.int8(), metadata=exponent))
    return pa.schema(fields, metadata={"producer": _distribution.NAME})


_AMOUNT_AT: Final = next(i for i, c in enumerate(COLUMNS) if c.type == "decimal")


def _arrow_columns(rows: Sequence[Row]) -> list[list[Any]]:
    """The columns of ``rows`` in the Parquet layout: amounts as Decimal, exponents beside."""
    columns: list[list[Any]] = [list(c) for c in zip(*rows, strict=True)] if rows else []
    if not columns:
        return [[] for _ in range(len(COLUMNS) + 1)]
    texts = columns[_AMOUNT_AT]
    amounts = [None if t is None else Decimal(t) for t in texts]
    exponents = [None if a is None else a.as_tuple().exponent for a in amounts]
    columns[_AMOUNT_AT] = amounts
    columns.insert(_AMOUNT_AT + 1, exponents)
    return columns


class ParquetWriter:
    """Writes flat rows (:func:`to_row`) to a Parquet file in row groups, so that memory stays
    flat however many reports there are. Use as a context manager; needs pyarrow."""

    ROWS_PER_GROUP: Final = 100_000

    def __init__(self, where: str | IO[bytes]) -> None:
        pa = _pyarrow()
        import pyarrow.parquet as pq

        self._pa = pa
        self._schema = parquet_schema()
        self._writer = pq.ParquetWriter(where, self._schema)
        self._rows: list[Row] = []

    def write(self, rows: Iterable[Row]) -> None:
        self._rows.extend(rows)
        if len(self._rows) >= self.ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            arrays = [
                self._pa.array(values, type=field.type)
                for values, field in zip(_arrow_columns(self._rows), self._schema, strict=True)
            ]
            self._writer.write_table(self._pa.Table.from_arrays(arrays, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        """Write what is left and the file's footer."""
        self._flush()
        self._writer.close()

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_parquet(records: Iterable[CellRecord], where: str | IO[bytes]) -> None:
    """``records`` as a Parquet file at ``where`` (a path or a binary file). Needs pyarrow."""
    with ParquetWriter(where) as writer:
        batch: list[Row] = []
        for record in records:
            batch.append(to_row(record))
            if len(batch) >= ParquetWriter.ROWS_PER_GROUP:
                writer.write(batch)
                batch = []
        writer.write(batch)


def read_parquet(where: str | IO[bytes]) -> Iterator[CellRecord]:
    """The records of a Parquet file written by :func:`write_parquet` or ``govinfo convert
    --to parquet``, every value exact (an amount keeps its exponent: 299.8145, not 299.814500);
    sources come back as ``None``, their text is in the file's ``source`` column."""
    _pyarrow()
    import pyarrow.parquet as pq

    names = [c.name for c in COLUMNS]
    with localcontext() as context:
        context.prec = 2 * MAX_DIGITS + 8  # quantize needs every digit of the amount
        for batch in pq.ParquetFile(where).iter_batches():
            columns = batch.to_pydict()
            amounts = [
                None if a is None else a.quantize(Decimal(1).scaleb(e))
                for a, e in zip(columns["amount"], columns[EXPONENT], strict=True)
            ]
            columns["amount"] = amounts
            for row in zip(*(columns[n] for n in names), strict=True):
                yield from_row(row)


# --- pandas -------------------------------------------------------------------------------

_PANDAS_DTYPE: Final = {"key": "category", "text": "string", "integer": "Int64", "decimal": object}


def to_dataframe(records: Iterable[CellRecord]) -> pandas.DataFrame:
    """``records`` as a pandas DataFrame of :data:`COLUMNS`: keys ``category``, counts
    ``Int64`` (a blank is ``<NA>``), amounts exact ``Decimal`` objects, text ``string``.
    Needs the extra ``dataframe`` (pandas).

    >>> import govinfo
    >>> frame = to_dataframe(cell_records(govinfo.load_example()))  # doctest: +SKIP
    >>> frame["count"].dtype, frame["amount"].dropna().iloc[0]  # doctest: +SKIP
    (Int64Dtype(), Decimal('299.8145'))
    """
    pd = _distribution.require("pandas", "dataframe", "govinfo.tidy.to_dataframe")
    rows = [to_row(r) for r in records]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in COLUMNS]
    amounts = columns[_AMOUNT_AT]
    data = {
        c.name: pd.Series(
            [None if a is None else Decimal(a) for a in amounts]
            if c.type == "decimal"
            else list(values),
            dtype=_PANDAS_DTYPE[c.type],
        )
        for c, values in zip(COLUMNS, columns, strict=True)
    }
    return pd.DataFrame(data)
