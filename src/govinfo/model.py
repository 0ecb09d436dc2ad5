"""The typed report: immutable values for every section of both template versions.

A table is a :class:`Grid` of cells laid out by a :class:`~govinfo.template.GridSpec`. A cell is
a number (``int`` for counts, ``Decimal`` for money, :class:`~govinfo.zh.amounts.Amount` for an
amount with its unit), :data:`BLANK` (nothing printed), a :class:`Placeholder` ("/", "—",
不适用 …, kept verbatim) or :data:`UNREAD` (something was printed that govinfo could not read).
They are different values everywhere: a blank is never 0, and an unread cell is neither 0 nor
blank. :func:`unread_cells` lists where a report has unread cells.

>>> report = Report.empty(TemplateVersion.V2021, agency="某局", year=2021)
>>> report.requests["new_received", "natural_person"]
BLANK
>>> filled = report.requests.replace({("new_received", "natural_person"): 3})
>>> filled["new_received", "natural_person"], report.requests["new_received", "natural_person"]
(3, BLANK)

Values are never modified; :meth:`Grid.replace` and :func:`attrs.evolve` make changed copies.
The model reads the template declaration (and the amounts and errors it is made of), nothing of
the formats or the checks, which live elsewhere.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Final, TypeAlias

import attrs
from attrs import field, frozen

from govinfo.errors import ModelError, UnknownKey, short_repr
from govinfo.template import (
    ColumnKind,
    ColumnSpec,
    GridSpec,
    RowSpec,
    TemplateSpec,
    TemplateVersion,
    Variant,
    template,
    templates,
)
from govinfo.zh.amounts import Amount

__all__ = [
    "BLANK",
    "MAX_COUNT",
    "MAX_DIGITS",
    "UNREAD",
    "Blank",
    "Cell",
    "Disclosure",
    "Grid",
    "Number",
    "Overview",
    "Placeholder",
    "Report",
    "Unread",
    "cell_fits",
    "expected_cell",
    "is_line",
    "lone_surrogate",
    "unread_cells",
]


@frozen(repr=False)
class Blank:
    """An empty cell: the report printed nothing there. It is not 0 and never becomes 0."""

    def __repr__(self) -> str:
        return "BLANK"

    def __reduce__(self) -> str:  # unpickled as the one BLANK, so ``is BLANK`` holds
        return "BLANK"


BLANK = Blank()
"""The blank cell."""


@frozen(repr=False)
class Unread:
    """A cell the reader could not read: something was printed there, or should have been, but
    govinfo could not tell what. It is never 0 and never blank. What was printed is kept in the
    reading's diagnostics and sources, not in the value."""

    def __repr__(self) -> str:
        return "UNREAD"

    def __reduce__(self) -> str:  # unpickled as the one UNREAD, so ``is UNREAD`` holds
        return "UNREAD"


UNREAD = Unread()
"""The unread cell."""

_DIGITS = frozenset("0123456789０１２３４５６７８９")


def is_line(text: str) -> bool:
    """Whether ``text`` is one non-empty line without surrounding whitespace."""
    return bool(text) and text == text.strip() and text.splitlines() == [text]


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate of ``text`` as ``U+D800``, or None.

    A lone surrogate is half of a UTF-16 pair, left by a broken decoding: no encoding can write
    it, so a report that held one could not be printed or saved. The model refuses text with one.

    >>> lone_surrogate("某局\\udc80"), lone_surrogate("某局😀")
    ('U+DC80', None)
    """
    found = _SURROGATE.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def _no_surrogate(name: str, value: str) -> None:
    if _SURROGATE.search(value) is not None:  # searched here: this runs for every paragraph
        code = lone_surrogate(value)
        raise ModelError(
            f"{name}: expected text without lone surrogates ({code}), got {short_repr(value)}"
        )


def _placeholder_text(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not is_line(value) or not _DIGITS.isdisjoint(value):
        raise ModelError(
            "a placeholder is a non-empty one-line text without digits and without surrounding "
            f"spaces, such as '/', '—' or '不适用'; got {short_repr(value)}"
        )
    _no_surrogate("placeholder", value)


@frozen
class Placeholder:
    """A cell filled with a mark that says "no number here", kept verbatim ("/", "—", 不适用)."""

    text: str = field(validator=_placeholder_text)


Number: TypeAlias = int | Decimal | Amount
"""A number in a cell: ``int`` for counts and changes, ``Decimal`` for money, ``Amount`` for an
amount with its unit."""
Cell: TypeAlias = int | Decimal | Amount | Blank | Placeholder | Unread
"""What a cell holds: a :data:`Number`, :data:`BLANK`, a :class:`Placeholder` or :data:`UNREAD`."""


MAX_DIGITS: Final = 15
"""The most digits of a number in a cell: of a count or a change, and on each side of the point
of an amount of money.

No count in a report comes near it, nor any sum of money (10^15 元 is several times China's
yearly GDP), and it keeps every number safe wherever it goes: a whole
number of 15 digits is exact as an IEEE double (2^53 is about 9.007 × 10^15), so a count survives
every JSON reader, JavaScript's too; it is far from Python's limit of 4,300 digits for int ↔ str
conversion, so every writer can print it; and money sums stay exact in the 200-digit context of
the checks. The model refuses longer numbers (:func:`cell_fits`); the readers name them at
their place."""

MAX_COUNT: Final = 10**MAX_DIGITS - 1
"""The largest count, and the largest change either way: 999 999 999 999 999."""


def cell_fits(kind: ColumnKind, cell: object) -> bool:
    """Whether ``cell`` may stand in a column of ``kind``: its number type within
    :data:`MAX_DIGITS`, or blank, unread or a placeholder."""
    if type(cell) is int:  # the common case first: most cells of most reports are counts
        if kind is ColumnKind.COUNT:
            return 0 <= cell <= MAX_COUNT
        return kind is ColumnKind.DELTA and -MAX_COUNT <= cell <= MAX_COUNT
    if isinstance(cell, Blank | Placeholder | Unread):
        return True
    if kind is ColumnKind.COUNT or kind is ColumnKind.DELTA:
        return False
    if kind is ColumnKind.MONEY:
        return (
            isinstance(cell, Decimal)
            and cell.is_finite()
            and not cell.is_signed()
            and _money_fits(cell)
        )
    return isinstance(cell, Amount) and _money_fits(cell.value)


def _money_fits(value: Decimal) -> bool:
    """At most :data:`MAX_DIGITS` digits before the point and as many after (a finite value)."""
    exponent = value.as_tuple().exponent
    return (
        isinstance(exponent, int)
        and -exponent <= MAX_DIGITS
        and (value.adjusted() < MAX_DIGITS or value.is_zero())
    )


def _too_long(kind: ColumnKind, cell: object) -> bool:
    """Whether ``cell`` is a number of the column's type that only :data:`MAX_DIGITS` refuses."""
    if kind is ColumnKind.COUNT:
        return type(cell) is int and cell > MAX_COUNT
    if kind is ColumnKind.DELTA:
        return type(cell) is int
    if kind is ColumnKind.MONEY:
        return isinstance(cell, Decimal) and cell.is_finite() and not cell.is_signed()
    return isinstance(cell, Amount)


_SIDES = f"at most {MAX_DIGITS} digits before the point and as many after"
_BOUNDS = {
    ColumnKind.COUNT: f"a non-negative integer of at most {MAX_DIGITS} digits",
    ColumnKind.DELTA: f"an integer of at most {MAX_DIGITS} digits",
    ColumnKind.MONEY: f"a Decimal of {_SIDES}",
    ColumnKind.AMOUNT: f"an Amount whose value has {_SIDES}",
}


def _shown_number(cell: object) -> str:
    """A number for a message: its repr, or how many digits it has when it is too long to show."""
    if type(cell) is int and abs(cell) >= 10**60:
        size = abs(cell)
        digits = int(size.bit_length() * math.log10(2))  # the count, or one below it
        sign = "a negative" if cell < 0 else "an"
        return f"{sign} integer of {digits + (size >= 10**digits)} digits"
    return short_repr(cell)


_EXPECTED = {
    ColumnKind.COUNT: "a non-negative integer",
    ColumnKind.DELTA: "an integer",
    ColumnKind.MONEY: "a non-negative finite Decimal",
    ColumnKind.AMOUNT: "an Amount",
}


def expected_cell(kind: ColumnKind) -> str:
    """How a message names what a column of ``kind`` holds."""
    return f"{_EXPECTED[kind]}, BLANK, UNREAD or a Placeholder"


@frozen(repr=False)
class Grid:
    """One table: cells in the rows and columns its spec declares, addressed by keys.

    >>> grid = Grid.filled(template(TemplateVersion.V2021).review_litigation, 0)
    >>> grid["administrative_review", "total"]
    0
    >>> grid.row("litigation_direct")["pending"]
    0

    Iterating a grid gives what :meth:`items` gives, every cell with its row and column; ``len``
    is the number of cells. (A ``dict`` of the cells is a serializer's business: see
    :mod:`govinfo.tidy` and :mod:`govinfo.formats.json`.)

    >>> len(grid), next(iter(grid))[2]
    (15, 0)
    >>> grid  # doctest: +NORMALIZE_WHITESPACE
    <Grid review_litigation: 3 rows (行政复议, 未经复议直接起诉, …)
     × 5 columns (结果维持, 结果纠正, …); 15 numbers>
    """

    spec: GridSpec
    cells: tuple[tuple[Cell, ...], ...]

    def __attrs_post_init__(self) -> None:
        spec, cells = self.spec, self.cells
        if not isinstance(spec, GridSpec):
            raise ModelError(f"a Grid needs a GridSpec, got {type(spec).__name__}")
        if not isinstance(cells, tuple) or len(cells) != len(spec.rows):
            raise ModelError(f"{spec.key}: expected a tuple of {len(spec.rows)} rows")
        width = len(spec.columns)
        for row, values in zip(spec.rows, cells, strict=True):
            if not isinstance(values, tuple) or len(values) != width:
                raise ModelError(f"{spec.key}.{row.key}: expected a tuple of {width} cells")
            for column, cell in zip(spec.columns, values, strict=True):
                if not cell_fits(column.kind, cell):
                    kind = column.kind
                    where = f"{spec.key}.{row.key}.{column.key}"
                    if _too_long(kind, cell):
                        raise ModelError(
                            f"{where}: expected {_BOUNDS[kind]}, got {_shown_number(cell)}"
                        )
                    raise ModelError(
                        f"{where}: expected {expected_cell(kind)}, got {_shown_number(cell)}"
                    )

    @classmethod
    def filled(cls, spec: GridSpec, value: Cell = BLANK) -> Grid:
        """A grid with every cell set to ``value``."""
        return cls(spec, tuple((value,) * len(spec.columns) for _ in spec.rows))

    @classmethod
    def from_rows(cls, spec: GridSpec, rows: Mapping[str, Mapping[str, Cell]]) -> Grid:
        """A grid from ``{row_key: {column_key: cell}}``; every row and column must be given."""
        missing = [r.key for r in spec.rows if r.key not in rows]
        extra = [k for k in rows if k not in {r.key for r in spec.rows}]
        if missing or extra:
            raise ModelError(f"{spec.key}: missing rows {missing}, unknown rows {extra}")
        out = []
        for row in spec.rows:
            given = rows[row.key]
            keys = [c.key for c in spec.columns]
            if sorted(given) != sorted(keys):
                raise ModelError(f"{spec.key}.{row.key}: expected the columns {keys}")
            out.append(tuple(given[k] for k in keys))
        return cls(spec, tuple(out))

    def _position(self, key: tuple[str, str]) -> tuple[int, int]:
        if not (isinstance(key, tuple) and len(key) == 2):
            raise UnknownKey(
                f"{self.spec.key}: expected a (row key, column key) pair, got {short_repr(key)}"
            )
        return self.spec.row_index(key[0]), self.spec.column_index(key[1])

    def __getitem__(self, key: tuple[str, str]) -> Cell:
        row, column = self._position(key)
        return self.cells[row][column]

    def row(self, key: str) -> dict[str, Cell]:
        """The cells of one row, by column key."""
        values = self.cells[self.spec.row_index(key)]
        return {c.key: v for c, v in zip(self.spec.columns, values, strict=True)}

    def column(self, key: str) -> dict[str, Cell]:
        """The cells of one column, by row key."""
        index = self.spec.column_index(key)
        return {r.key: values[index] for r, values in zip(self.spec.rows, self.cells, strict=True)}

    def items(self) -> Iterator[tuple[RowSpec, ColumnSpec, Cell]]:
        """Every cell with its row and column, in reading order."""
        for row, values in zip(self.spec.rows, self.cells, strict=True):
            for column, cell in zip(self.spec.columns, values, strict=True):
                yield row, column, cell

    def replace(self, changes: Mapping[tuple[str, str], Cell]) -> Grid:
        """A copy with the cells at ``(row_key, column_key)`` replaced."""
        rows = [list(values) for values in self.cells]
        for key, cell in changes.items():
            row, column = self._position(key)
            rows[row][column] = cell
        return Grid(self.spec, tuple(tuple(values) for values in rows))

    def __iter__(self) -> Iterator[tuple[RowSpec, ColumnSpec, Cell]]:
        return self.items()

    def __len__(self) -> int:
        return len(self.spec.rows) * len(self.spec.columns)

    def __repr__(self) -> str:
        # Which table (key, caption, the first labels of its rows and columns) and what it
        # holds, by kind; the cells themselves (175 in table 3) would fill a screen.
        spec = self.spec
        counts: dict[str, int] = {}
        for values in self.cells:
            for cell in values:
                kind = _KIND_SHOWN.get(type(cell), "number")
                counts[kind] = counts.get(kind, 0) + 1
        held = ", ".join(_many(counts[k], k) for k in _KINDS_SHOWN if k in counts)
        rows = _first_labels([r.label for r in spec.rows])
        columns = _first_labels(
            [f"{c.group} › {c.label}" if c.group else c.label for c in spec.columns]
        )
        caption = f" {spec.caption}" if spec.caption else ""
        return (
            f"<Grid {spec.key}{caption}: {_many(len(spec.rows), 'row')} ({rows}) × "
            f"{_many(len(spec.columns), 'column')} ({columns}); {held}>"
        )


_KIND_SHOWN: Final = {Blank: "blank", Placeholder: "placeholder", Unread: "unread"}
_KINDS_SHOWN: Final = ("number", "blank", "placeholder", "unread")
_LABELS_SHOWN: Final = 2  # of the rows, and of the columns, in a grid's repr


def _many(count: int, noun: str) -> str:
    plural = "s" if count != 1 and noun not in ("blank", "unread") else ""
    return f"{count} {noun}{plural}"


def _first_labels(labels: list[str]) -> str:
    more = ["…"] if len(labels) > _LABELS_SHOWN else []
    return ", ".join([*labels[:_LABELS_SHOWN], *more])


def _paragraphs(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise ModelError(
            f"{attribute.name}: expected a tuple of paragraphs, got {short_repr(value)}"
        )
    for paragraph in value:
        _check_paragraph(attribute.name, paragraph)
    _no_surrogates(attribute.name, value)


def _check_paragraph(name: str, paragraph: object) -> None:
    if not isinstance(paragraph, str) or not is_line(paragraph):
        raise ModelError(
            f"{name}: a paragraph is a non-empty line of text without surrounding spaces, "
            f"got {short_repr(paragraph)}"
        )


def _no_surrogates(name: str, paragraphs: tuple[str, ...]) -> None:
    """:func:`_no_surrogate` for every paragraph, in one search of them all (most have none)."""
    if _SURROGATE.search("".join(paragraphs)) is not None:
        for paragraph in paragraphs:
            _no_surrogate(name, paragraph)


def _parts(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(p, tuple) and p for p in value):
        raise ModelError(f"{attribute.name}: expected a tuple of non-empty tuples of paragraphs")
    for part in value:
        for paragraph in part:
            _check_paragraph(attribute.name, paragraph)
        _no_surrogates(attribute.name, part)


@frozen(kw_only=True)
class Overview:
    """Section 一 总体情况: opening paragraphs, then the sub-parts （一）…（五） as they appear.

    Each part is its paragraphs verbatim; the first begins with the part's own marker.
    """

    intro: tuple[str, ...] = field(default=(), validator=_paragraphs)
    parts: tuple[tuple[str, ...], ...] = field(default=(), validator=_parts)

    def paragraphs(self) -> Iterator[str]:
        """Every paragraph of the section, in order."""
        yield from self.intro
        for part in self.parts:
            yield from part


@frozen(repr=False)
class Disclosure:
    """Section 二 主动公开: one grid per block of 第二十条, in template order."""

    blocks: tuple[Grid, ...]

    def __getitem__(self, key: str) -> Grid:
        for block in self.blocks:
            if block.spec.key == key:
                return block
        raise UnknownKey(f"disclosure has no block {short_repr(key)}")

    def __iter__(self) -> Iterator[Grid]:
        return iter(self.blocks)

    def __repr__(self) -> str:
        return f"<Disclosure {', '.join(b.spec.key for b in self.blocks)}>"


def _year(instance: object, attribute: object, value: Any) -> None:
    if type(value) is not int or not 2019 <= value <= 9999:
        raise ModelError(
            f"year: expected an integer report year from 2019 on, got {short_repr(value)}"
        )


def _date(instance: object, attribute: object, value: Any) -> None:
    if value is not None and type(value) is not datetime.date:
        raise ModelError(
            f"publication_date: expected a datetime.date or None, got {short_repr(value)}"
        )


def _text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or (value and not is_line(value)):
        raise ModelError(
            f"{attribute.name}: expected one line of text without surrounding spaces"
            f", got {short_repr(value)}"
        )
    _no_surrogate(attribute.name, value)


def _spec_of(version: TemplateVersion, requests: object) -> TemplateSpec | None:
    """The spec of ``version`` (the template or one of its variants) that lays out ``requests``."""
    if isinstance(requests, Grid):
        for spec in templates():
            if spec.version is version and spec.requests == requests.spec:
                return spec
    return None


def _version(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, TemplateVersion):
        raise ModelError(f"version: expected a TemplateVersion, got {short_repr(value)}")


@frozen(kw_only=True, repr=False)
class Report:
    """One annual report: metadata, the prose sections and the three tables.

    ``preamble`` is the text between the title and section 一; ``trailer`` the text after
    section 六 (agency, date, attachment names, links). Nothing a report contains is dropped.

    Its grids are laid out by the spec of ``version`` or of a declared variant of it (a 2021
    report whose table 3 has the single （六）其他处理 row): the layout of ``requests`` tells
    which, and :attr:`template` gives that spec.
    """

    version: TemplateVersion = field(validator=_version)
    agency: str = field(validator=_text)
    year: int = field(validator=_year)
    title: str = field(default="", validator=_text)
    publication_date: datetime.date | None = field(default=None, validator=_date)
    preamble: tuple[str, ...] = field(default=(), validator=_paragraphs)
    overview: Overview = field(factory=Overview)
    disclosure: Disclosure
    requests: Grid
    review_litigation: Grid
    problems: tuple[str, ...] = field(default=(), validator=_paragraphs)
    other_matters: tuple[str, ...] = field(default=(), validator=_paragraphs)
    trailer: tuple[str, ...] = field(default=(), validator=_paragraphs)

    def __attrs_post_init__(self) -> None:
        # The version and the layout of table 3 tell the spec: the template's or a variant's.
        found = _spec_of(self.version, self.requests)
        spec = found or template(self.version)
        if not isinstance(self.overview, Overview):
            raise ModelError(f"overview: expected an Overview, got {short_repr(self.overview)}")
        if (
            not isinstance(self.disclosure, Disclosure)
            or tuple(b.spec for b in self.disclosure.blocks) != spec.disclosure
        ):
            raise ModelError(
                f"disclosure: expected the {len(spec.disclosure)} blocks of the "
                f"{self.version.value} template"
            )
        if found is None:
            variants = [s.variant for s in templates() if s.version is spec.version]
            also = "".join(f" or of its variant {v.value!r}" for v in variants if v)
            version = self.version.value
            raise ModelError(f"requests: expected a Grid of the {version} template{also}")
        grid = self.review_litigation
        if not isinstance(grid, Grid) or grid.spec != spec.review_litigation:
            raise ModelError(
                f"review_litigation: expected a Grid of the {self.version.value} template"
            )

    @classmethod
    def empty(
        cls,
        version: TemplateVersion,
        *,
        variant: Variant | None = None,
        agency: str,
        year: int,
        **fields: Any,
    ) -> Report:
        """A report of ``version`` (or of its ``variant``) whose every cell is blank; other
        fields as given."""
        spec = template(version, variant)
        return cls(
            version=spec.version,
            agency=agency,
            year=year,
            disclosure=Disclosure(tuple(Grid.filled(b) for b in spec.disclosure)),
            requests=Grid.filled(spec.requests),
            review_litigation=Grid.filled(spec.review_litigation),
            **fields,
        )

    @property
    def template(self) -> TemplateSpec:
        """The spec the report follows: its version's, or the variant its table 3 is laid out
        in (``report.template.variant``).

        >>> from govinfo.template import Variant
        >>> single = Variant.SINGLE_OTHER_HANDLING
        >>> report = Report.empty(TemplateVersion.V2021, variant=single, agency="某局", year=2023)
        >>> report.template.variant, report.requests["other_handling", "total"]
        (<Variant.SINGLE_OTHER_HANDLING: 'single_other_handling'>, BLANK)
        """
        spec = _spec_of(self.version, self.requests)
        assert spec is not None  # the report was validated when it was made
        return spec

    def __repr__(self) -> str:
        """One line that says which report this is (the whole of one is thousands of
        characters: :func:`govinfo.render_text` shows it)."""
        spec = self.template
        variant = f" ({spec.variant.value})" if spec.variant else ""
        paragraphs = sum(
            len(p) for p in (self.preamble, self.problems, self.other_matters, self.trailer)
        ) + sum(1 for _ in self.overview.paragraphs())
        unread = len(unread_cells(self))
        also = f", {unread} unread cells" if unread else ""
        return (
            f"<Report {self.agency} {self.year}, template {self.version.value}{variant}: "
            f"{sum(1 for _ in self.grids())} tables, {paragraphs} paragraphs{also}>"
        )

    def grids(self) -> Iterator[tuple[str, Grid]]:
        """Every table with its JSON path, in report order."""
        for block in self.disclosure:
            yield f"$.disclosure.{block.spec.key}", block
        yield "$.requests", self.requests
        yield "$.review_litigation", self.review_litigation


def unread_cells(report: Report) -> tuple[str, ...]:
    """The JSON paths of every unread cell of ``report``, in report order.

    >>> report = Report.empty(TemplateVersion.V2021, agency="某局", year=2021)
    >>> unread_cells(report)
    ()
    >>> grid = report.requests.replace({("new_received", "natural_person"): UNREAD})
    >>> unread_cells(attrs.evolve(report, requests=grid))
    ('$.requests.new_received.natural_person',)
    """
    if not isinstance(report, Report):
        raise ModelError(f"expected a Report, got {type(report).__name__}")
    return tuple(
        f"{path}.{row.key}.{column.key}"
        for path, grid in report.grids()
        for row, column, cell in grid.items()
        if isinstance(cell, Unread)
    )
