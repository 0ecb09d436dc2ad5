"""JSON in and out, through one cattrs converter, and the JSON Schema of the format.

The JSON form of a report (``"schema": "govinfo.report/1"``):

- keys are the stable snake_case keys of :mod:`govinfo.template`, in template order;
- a count is a JSON integer; money (the fee, in 万元) is a decimal **string** ("299.8145") so
  no reader turns it into a binary float; an amount with a unit is
  ``{"value": "251000", "unit": "元"}``; a number has at most 15 digits (on each side of the
  point for money: :data:`~govinfo.model.MAX_DIGITS`), so every JSON reader reads it exactly;
- a blank cell is ``null``; a placeholder is ``{"placeholder": "/"}``, an object no reader can
  take for a number or for a blank; a cell govinfo could not read is ``{"unread": true}``, an
  object no reader takes for a number, a blank or a placeholder (and nothing else with an
  ``"unread"`` key is accepted);
- dates are ISO 8601 strings; prose is a list of paragraphs;
- ``"variant"`` is written only for a report that follows a declared variant of its version
  (``"single_other_handling"``: a 2021 report whose table 3 has the single （六）其他处理 row);
  absent or ``null``, the report follows the template itself, so JSON written before variants
  existed reads unchanged. The ``requests`` object has the rows of the variant's table 3.

>>> from govinfo.model import Report
>>> from govinfo.template import TemplateVersion
>>> report = Report.empty(TemplateVersion.V2021, agency="某局", year=2021)
>>> from_json(to_json(report)) == report
True
>>> from_json('{"schema": "govinfo.report/1", "version": "2021"}')
Traceback (most recent call last):
...
govinfo.errors.JSONError: $: missing field "agency"
$: missing field "year"
$: missing field "disclosure"
$: missing field "requests"
$: missing field "review_litigation"
"""

from __future__ import annotations

import contextlib
import datetime
import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs
import cattrs

from govinfo.checks import CellRef, Finding
from govinfo.errors import GovInfoError, JSONError, short_repr
from govinfo.model import (
    BLANK,
    MAX_COUNT,
    MAX_DIGITS,
    UNREAD,
    Blank,
    Cell,
    Disclosure,
    Grid,
    Overview,
    Placeholder,
    Report,
    Unread,
    cell_fits,
    is_line,
    lone_surrogate,
)
from govinfo.template import (
    ColumnKind,
    GridSpec,
    TemplateSpec,
    TemplateVersion,
    Variant,
    template,
    templates,
)
from govinfo.zh.amounts import Amount, Unit

__all__ = [
    "SCHEMA_ID",
    "findings_to_json",
    "from_json",
    "json_schema",
    "make_converter",
    "to_json",
]

SCHEMA_ID = "govinfo.report/1"
"""The value of the top-level ``"schema"`` field: the format's name and major version."""

_DECIMAL = re.compile(r"\A(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z")
_DATE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_PLACEHOLDER_KEY = "placeholder"
_UNREAD_KEY = "unread"


class _Problems(Exception):
    """Raised inside structure hooks: every bad place found, as (path suffix, message)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


class _LongInteger:
    """A JSON integer longer than any number a report holds (:data:`~govinfo.model.MAX_DIGITS`),
    kept as its text: ``int()`` refuses more than 4,300 digits, and the place must be named."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        digits = len(self.text.lstrip("-"))
        return f"{self.text[:20]}… ({digits} digits)" if len(self.text) > 40 else self.text


def _integer(text: str) -> int | _LongInteger:
    """A JSON integer, read only when it is short enough to be a count (the sign aside)."""
    return int(text) if len(text) <= MAX_DIGITS + 1 else _LongInteger(text)


class _TooDeep:
    """A value nested deeper than :data:`_MAX_DEPTH`, which ``json.loads`` could not read
    without running out of stack; kept as the start of its text, to be named at its path."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


_SHOWN = 60


def _shown(value: Any) -> str:
    """``value`` as JSON for a message, cut to 60 characters. Writes no more than it shows, so
    a value nested thousands of levels deep (or circular, from a Python caller) never recurses
    past the 60th character."""
    pieces: list[str] = []
    _dump(value, pieces, _SHOWN + 1)
    text = "".join(pieces)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _dump(value: Any, pieces: list[str], budget: int) -> int:
    """Append the JSON of ``value`` to ``pieces`` until ``budget`` characters are written;
    return the budget left."""
    if budget <= 0:
        return 0
    if isinstance(value, dict | list | tuple):
        items = value.items() if isinstance(value, dict) else value
        pieces.append("{" if isinstance(value, dict) else "[")
        budget -= 1
        for index, item in enumerate(items):
            if budget <= 0:
                return 0
            if index:
                pieces.append(", ")
                budget -= 2
            if isinstance(value, dict):
                item_key, item = item
                budget = _dump(
                    item_key if isinstance(item_key, str) else str(item_key), pieces, budget
                )
                pieces.append(": ")
                budget -= 2
            budget = _dump(item, pieces, budget)
        pieces.append("}" if isinstance(value, dict) else "]")
        return budget - 1
    if isinstance(value, Decimal | _LongInteger | _TooDeep):  # a number read exactly, or text
        text = str(value)
    elif isinstance(value, str):
        text = json.dumps(value[:budget], ensure_ascii=False)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, TypeError):  # an int too long to print: only from Python callers
            text = short_repr(value)
    pieces.append(text[: budget + 1])
    return budget - len(text)


def _fail(message: str, value: Any, path: str = "") -> _Problems:
    return _Problems([(path, f"expected {message}, got {_shown(value)}")])


_SURROGATE = re.compile("[\ud800-\udfff]")


def _printable(text: str) -> str:
    """``text`` with each lone surrogate written as its JSON escape, so that a message about
    one (or naming a key with one) can be printed."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _no_surrogate(value: str) -> None:
    """Refuse a lone surrogate ("\\ud800" in the JSON): no writer could print it back."""
    code = lone_surrogate(value)
    if code is not None:
        raise _fail(f"text without lone surrogates ({code})", value)


# --- cells ---------------------------------------------------------------------------------


def _unstructure_cell(cell: Cell) -> Any:
    if isinstance(cell, Blank):
        return None
    if isinstance(cell, Placeholder):
        return {_PLACEHOLDER_KEY: cell.text}
    if isinstance(cell, Unread):
        return {_UNREAD_KEY: True}
    if isinstance(cell, Amount):
        return {"value": format(cell.value, "f"), "unit": cell.unit.value}
    if isinstance(cell, Decimal):
        return format(cell, "f")  # never an exponent: "1E+2" would not read back
    return cell


_CELL_EXPECTED = {
    ColumnKind.COUNT: "a non-negative integer",
    ColumnKind.DELTA: "an integer",
    ColumnKind.MONEY: 'a non-negative decimal string such as "299.8145"',
    ColumnKind.AMOUNT: 'an amount such as {"value": "251000", "unit": "元"}',
}
_SIDES = f"at most {MAX_DIGITS} digits before the point and as many after"
_CELL_BOUNDS = {
    ColumnKind.COUNT: f"a non-negative integer of at most {MAX_DIGITS} digits",
    ColumnKind.DELTA: f"an integer of at most {MAX_DIGITS} digits",
    ColumnKind.MONEY: f"a decimal string of {_SIDES}",
    ColumnKind.AMOUNT: f"a decimal string of {_SIDES}",
}


def _bounded(cell: Cell, kind: ColumnKind, value: Any, path: str = "") -> Cell:
    """``cell`` if the model takes it (its bound on digits is the one rule), else the problem."""
    if cell_fits(kind, cell):
        return cell
    raise _fail(_CELL_BOUNDS[kind], value, path)


def _structure_cell(value: Any, kind: ColumnKind) -> Cell:
    expected = f'{_CELL_EXPECTED[kind]}, null, {{"placeholder": ...}} or {{"unread": true}}'
    if value is None:
        return BLANK
    if isinstance(value, dict) and _UNREAD_KEY in value:
        return _structure_unread(value)
    if isinstance(value, dict) and set(value) == {_PLACEHOLDER_KEY}:
        text = value[_PLACEHOLDER_KEY]
        try:
            if isinstance(text, str):
                _no_surrogate(text)
            return Placeholder(text)
        except _Problems as exc:
            raise _Problems([(f".{_PLACEHOLDER_KEY}", m) for _, m in exc.problems]) from None
        except GovInfoError:
            raise _fail(
                'a placeholder text such as "/" or "不适用" (one line, no digits)',
                text,
                f".{_PLACEHOLDER_KEY}",
            ) from None
    if kind is ColumnKind.COUNT and type(value) is int and value >= 0:
        return _bounded(value, kind, value)
    if kind is ColumnKind.DELTA and type(value) is int:
        return _bounded(value, kind, value)
    if isinstance(value, _LongInteger) and kind in (ColumnKind.COUNT, ColumnKind.DELTA):
        raise _fail(_CELL_BOUNDS[kind], value)
    if kind is ColumnKind.MONEY and isinstance(value, str) and _DECIMAL.match(value):
        return _bounded(Decimal(value), kind, value)
    if kind is ColumnKind.AMOUNT and isinstance(value, dict) and set(value) == {"value", "unit"}:
        amount, unit = value["value"], value["unit"]
        units = [u.value for u in Unit]
        if not (isinstance(amount, str) and _DECIMAL.match(amount)):
            raise _fail('a non-negative decimal string such as "251000"', amount, ".value")
        if unit not in units:
            raise _fail(f"one of the units {_shown(units)}", unit, ".unit")
        return _bounded(Amount(Decimal(amount), Unit(unit)), kind, amount, ".value")
    raise _fail(expected, value)


def _structure_unread(value: dict[str, Any]) -> Unread:
    """``{"unread": true}`` exactly: any other object with the key is a mistake, named."""
    problems = _keys(value, [_UNREAD_KEY])
    if value[_UNREAD_KEY] is not True:
        problems.append(
            (
                f".{_UNREAD_KEY}",
                f'expected true (an unread cell is {{"unread": true}}), '
                f"got {_shown(value[_UNREAD_KEY])}",
            )
        )
    if problems:
        raise _Problems(problems)
    return UNREAD


def _unstructure_ref(ref: CellRef) -> dict[str, Any]:
    return {
        "path": ref.path,
        "row": ref.row,
        "column": ref.column,
        "printed": _unstructure_cell(ref.printed),
        "expected": None if ref.expected is None else _unstructure_cell(ref.expected),
        "agency": ref.agency,
        "year": ref.year,
    }


def _unstructure_finding(finding: Finding) -> dict[str, Any]:
    def number(value: Any) -> Any:
        return None if value is None else _unstructure_cell(value)

    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "status": finding.status.value,
        "cells": [_unstructure_ref(r) for r in finding.cells],
        "expected": number(finding.expected),
        "printed": number(finding.printed),
        "difference": number(finding.difference),
        "message_zh": finding.message_zh,
        "message_en": finding.message_en,
        "candidates": [[_unstructure_ref(r) for r in fit] for fit in finding.candidates],
        "evidence": [
            {
                "path": e.path,
                "sentence": e.sentence,
                "text": e.text,
                "source": None if e.source is None else str(e.source),
            }
            for e in finding.evidence
        ],
    }


# --- grids ---------------------------------------------------------------------------------


def _unstructure_grid(grid: Grid) -> dict[str, Any]:
    columns = [c.key for c in grid.spec.columns]
    return {
        row.key: dict(zip(columns, map(_unstructure_cell, values), strict=True))
        for row, values in zip(grid.spec.rows, grid.cells, strict=True)
    }


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(what, value)
    return value


def _keys(
    value: dict[str, Any], expected: list[str], *, required: bool = True
) -> list[tuple[str, str]]:
    """Problems for the missing keys of an object (when its keys are all ``required``) and
    its unknown keys: the first MAX_LISTED of them named, the rest counted."""
    known = set(expected)
    problems = (
        [("", f'missing field "{k}"') for k in expected if k not in value] if required else []
    )
    unknown = [k for k in value if k not in known]
    problems += [(f".{k}", "unknown field") for k in unknown[:MAX_LISTED]]
    if len(unknown) > MAX_LISTED:
        more = len(unknown) - MAX_LISTED
        problems.append(("", f"and {more} more unknown fields in this object"))
    return problems


def _structure_grid(value: Any, spec: GridSpec) -> Grid:
    rows = _object(value, f"an object with the rows of {spec.key}")
    problems = _keys(rows, [r.key for r in spec.rows])
    cells = []
    for row in spec.rows:
        if row.key not in rows:
            continue
        path = f".{row.key}"
        try:
            columns = _object(rows[row.key], f"an object with the {len(spec.columns)} columns")
        except _Problems as exc:
            problems += [(path + p, m) for p, m in exc.problems]
            continue
        problems += [(path + p, m) for p, m in _keys(columns, [c.key for c in spec.columns])]
        values: list[Cell] = []
        for column in spec.columns:
            if column.key in columns:
                try:
                    values.append(_structure_cell(columns[column.key], column.kind))
                except _Problems as exc:
                    problems += [(f"{path}.{column.key}{p}", m) for p, m in exc.problems]
        cells.append(tuple(values))
    if problems:
        raise _Problems(problems)
    return Grid(spec, tuple(cells))


# --- scalars -------------------------------------------------------------------------------


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise _fail("a string", value)
    if value and not is_line(value):
        raise _fail("one line of text without surrounding spaces", value)
    _no_surrogate(value)
    return value


def _structure_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise _fail("an integer", value)
    return value


def _structure_date(value: Any, _: type) -> datetime.date:
    if isinstance(value, str) and _DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail('an ISO 8601 date such as "2022-01-18"', value)


def _structure_paragraphs(value: Any, _: type) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _fail("a list of paragraphs", value)
    problems: list[tuple[str, str]] = []
    more = 0  # bad paragraphs past the first MAX_LISTED: counted, not each described
    for index, paragraph in enumerate(value):
        if not isinstance(paragraph, str) or not is_line(paragraph):
            if len(problems) >= MAX_LISTED:
                more += 1
                continue
            problems.append(
                (
                    f"[{index}]",
                    "expected a non-empty line of text without surrounding spaces, "
                    f"got {_shown(paragraph)}",
                )
            )
            continue
        try:
            _no_surrogate(paragraph)
        except _Problems as exc:
            if len(problems) >= MAX_LISTED:
                more += 1
                continue
            problems += [(f"[{index}]", m) for _, m in exc.problems]
    if more:
        problems.append(("", f"and {more} more bad paragraphs in this list"))
    if problems:
        raise _Problems(problems)
    return tuple(value)


MAX_LISTED = 100
"""The bad paragraphs of one list that a JSONError describes one by one; the rest it counts,
so a list of millions of bad values costs no more memory than the list itself."""


def _structure_parts(value: Any, _: type) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list):
        raise _fail("a list of parts, each a list of paragraphs", value)
    problems: list[tuple[str, str]] = []
    parts = []
    for index, part in enumerate(value):
        try:
            parts.append(_structure_paragraphs(part, tuple))
            if not part:
                problems.append((f"[{index}]", "expected a non-empty list of paragraphs, got []"))
        except _Problems as exc:
            problems += [(f"[{index}]{p}", m) for p, m in exc.problems]
    if problems:
        raise _Problems(problems)
    return tuple(parts)


def _structure_overview(value: Any, _: type) -> Overview:
    data = _object(value, 'an object with "intro" and "parts"')
    problems = _keys(data, ["intro", "parts"], required=False)
    fields: dict[str, Any] = {}
    for name, hook in (("intro", _structure_paragraphs), ("parts", _structure_parts)):
        if name in data:
            try:
                fields[name] = hook(data[name], tuple)
            except _Problems as exc:
                problems += [(f".{name}{p}", m) for p, m in exc.problems]
    if problems:
        raise _Problems(problems)
    return Overview(**fields)


# --- the report ----------------------------------------------------------------------------

_OPTIONAL = {
    "variant",
    "title",
    "publication_date",
    "preamble",
    "overview",
    "problems",
    "other_matters",
    "trailer",
}
_FIELDS = ["schema", *(a.name for a in Report.__attrs_attrs__)]
_VARIANT = "variant"  # not a field of Report: its requests grid tells the variant
_KNOWN = [*_FIELDS[:2], _VARIANT, *_FIELDS[2:]]


def _unstructure_report(converter: cattrs.Converter) -> Callable[[Report], dict[str, Any]]:
    def unstructure(report: Report) -> dict[str, Any]:
        variant = report.template.variant
        return {
            "schema": SCHEMA_ID,
            "version": report.version.value,
            **({_VARIANT: variant.value} if variant is not None else {}),
            "agency": report.agency,
            "year": report.year,
            "title": report.title,
            "publication_date": converter.unstructure(report.publication_date),
            "preamble": list(report.preamble),
            "overview": {
                "intro": list(report.overview.intro),
                "parts": [list(part) for part in report.overview.parts],
            },
            "disclosure": {b.spec.key: _unstructure_grid(b) for b in report.disclosure},
            "requests": _unstructure_grid(report.requests),
            "review_litigation": _unstructure_grid(report.review_litigation),
            "problems": list(report.problems),
            "other_matters": list(report.other_matters),
            "trailer": list(report.trailer),
        }

    return unstructure


def _structure_report(converter: cattrs.Converter) -> Callable[[Any, type], Report]:
    types: dict[str, Any] = {a.name: a.type for a in attrs.fields(attrs.resolve_types(Report))}

    def structure(value: Any, _: type) -> Report:
        data = _object(value, "a JSON object")
        problems = _keys(data, _KNOWN, required=False)
        problems += [
            ("", f'missing field "{k}"') for k in _FIELDS if k not in data and k not in _OPTIONAL
        ]
        if "schema" in data and data["schema"] != SCHEMA_ID:
            problems.append((".schema", f'expected "{SCHEMA_ID}", got {_shown(data["schema"])}'))
        fields: dict[str, Any] = {}
        spec = None
        if "version" in data:
            try:
                if not isinstance(data["version"], str):  # Enum's own error would repr it
                    raise TypeError
                spec = template(TemplateVersion(data["version"]))
                fields["version"] = spec.version
            except (ValueError, TypeError):
                versions = [v.value for v in TemplateVersion]
                problems.append(
                    (
                        ".version",
                        f"expected one of {_shown(versions)}, got {_shown(data['version'])}",
                    )
                )
        if data.get(_VARIANT) is not None:
            try:
                spec = _structure_variant(data[_VARIANT], spec)
            except _Problems as exc:
                problems += [(f".{_VARIANT}{p}", m) for p, m in exc.problems]
                spec = None  # the layout of the grids is not known
        for name in _FIELDS[2:]:
            if name not in data:
                continue
            try:
                if name == "disclosure":
                    if spec is not None:
                        fields[name] = _structure_disclosure(data[name], spec.disclosure)
                elif name in ("requests", "review_litigation"):
                    if spec is not None:
                        fields[name] = _structure_grid(data[name], getattr(spec, name))
                else:
                    fields[name] = converter.structure(data[name], types[name])
                    if name == "year" and not 2019 <= fields[name] <= 9999:
                        raise _fail("a report year from 2019 on", data[name])
            except _Problems as exc:
                problems += [(f".{name}{p}", m) for p, m in exc.problems]
        if problems:
            raise _Problems(problems)
        return Report(**fields)

    return structure


def _structure_variant(value: Any, spec: TemplateSpec | None) -> TemplateSpec | None:
    """The spec of the variant ``value`` names, of the version of ``spec`` (None: unknown)."""
    names = list(
        dict.fromkeys(
            s.variant.value
            for s in templates()
            if s.variant is not None and (spec is None or s.version is spec.version)
        )
    )
    if isinstance(value, str) and value in names:
        return template(spec.version, Variant(value)) if spec is not None else None
    choices = f"one of {_shown(names)} or null" if names else "null"
    if spec is not None:
        choices += f" for the {spec.version.value} template"
        choices += "" if names else " (it has no variants)"
    raise _fail(choices, value)


def _structure_disclosure(value: Any, specs: tuple[GridSpec, ...]) -> Disclosure:
    blocks = _object(value, "an object with the blocks of 第二十条")
    problems = _keys(blocks, [s.key for s in specs])
    grids = []
    for spec in specs:
        if spec.key in blocks:
            try:
                grids.append(_structure_grid(blocks[spec.key], spec))
            except _Problems as exc:
                problems += [(f".{spec.key}{p}", m) for p, m in exc.problems]
    if problems:
        raise _Problems(problems)
    return Disclosure(tuple(grids))


def make_converter() -> cattrs.Converter:
    """The converter that holds every JSON rule of the format (cattrs' global one is untouched)."""
    converter = cattrs.Converter()
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_structure_hook_func(
        lambda t: t == datetime.date | None, _optional(_structure_date)
    )
    converter.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_paragraphs)
    converter.register_structure_hook(Overview, _structure_overview)
    converter.register_structure_hook(Report, _structure_report(converter))
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    converter.register_unstructure_hook(Report, _unstructure_report(converter))
    converter.register_unstructure_hook(CellRef, _unstructure_ref)
    converter.register_unstructure_hook(Finding, _unstructure_finding)
    return converter


def _optional(hook: Callable[[Any, type], Any]) -> Callable[[Any, type], Any]:
    return lambda value, t: None if value is None else hook(value, t)


_CONVERTER = make_converter()


def to_json(report: Report) -> str:
    """The JSON text of ``report`` (UTF-8 characters kept, two-space indent)."""
    if not isinstance(report, Report):
        raise JSONError((("$", f"expected a Report to write, got {type(report).__name__}"),))
    return json.dumps(_CONVERTER.unstructure(report, Report), ensure_ascii=False, indent=2)


def findings_to_json(findings: Iterable[Finding]) -> str:
    """The JSON text of findings: a list of objects, cells as in reports (a blank is
    ``null``, an unread cell ``{"unread": true}``, money a decimal string), severities and
    statuses as their values.

    >>> import govinfo
    >>> from govinfo.checks import check
    >>> data = json.loads(findings_to_json(check(govinfo.load_example())))
    >>> culprit = data[-1]
    >>> culprit["status"]
    'located'
    >>> [(c["path"], c["printed"], c["expected"]) for c in culprit["cells"]]
    [('$.requests.results_total.natural_person', 0, 3), ('$.requests.results_total.total', 0, 3)]
    """
    items = list(findings) if isinstance(findings, Iterable) else [findings]
    wrong = [
        (f"$[{i}]", type(f).__name__) for i, f in enumerate(items) if not isinstance(f, Finding)
    ]
    if wrong:
        raise JSONError(
            tuple((path, f"expected a Finding to write, got {name}") for path, name in wrong)
        )
    return json.dumps(
        [_CONVERTER.unstructure(f, Finding) for f in items], ensure_ascii=False, indent=2
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f'duplicate key "{key}"')
        data[key] = value
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _loads(text: str | bytes | bytearray) -> Any:
    return json.loads(
        text,
        object_pairs_hook=_no_duplicates,
        parse_constant=_no_constant,
        parse_float=Decimal,
        parse_int=_integer,
    )


_MAX_DEPTH = 32
"""How deep :func:`from_json` reads JSON that ``json.loads`` cannot read for lack of stack: a
report nests five levels, so anything deeper is wrong wherever it stands, and is named there."""

_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]')
_NOT_LINE_END = re.compile(r"[^\n]")


def _loads_deep(text: str | bytes | bytearray) -> Any:
    """Read JSON nested too deep for ``json.loads``: every value that opens deeper than
    :data:`_MAX_DEPTH` is blanked out of the text (keeping every offset and line of the rest,
    for the messages of ``json.loads``) and stands as a :class:`_TooDeep` at its path."""
    if not isinstance(text, str):
        text = bytes(text).decode(json.detect_encoding(text), "surrogatepass")
    frames: list[list[Any]] = []  # per open container: [is an object, key or index, awaits a key]
    cuts: list[tuple[tuple[str | int, ...], int, int]] = []
    tokens = _TOKEN.finditer(text)
    for token in tokens:
        kind = token.group()
        if kind in "[{" and len(frames) == _MAX_DEPTH:
            path = tuple(frame[1] for frame in frames)
            depth = 1
            end = len(text)
            for inner in tokens:  # on to the bracket that closes this value
                depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(inner.group(), 0)
                if depth == 0:
                    end = inner.end()
                    break
            cuts.append((path, token.start(), end))
        elif kind == "{":
            frames.append([True, "", True])
        elif kind == "[":
            frames.append([False, 0, False])
        elif kind in "]}":
            if frames:
                frames.pop()
        elif kind == ",":
            if frames and frames[-1][0]:
                frames[-1][2] = True
            elif frames:
                frames[-1][1] += 1
        elif frames and frames[-1][2]:  # a string where an object expects a key
            with contextlib.suppress(ValueError):  # a bad escape: json.loads will name it
                frames[-1][1] = json.loads(kind)
            frames[-1][2] = False
    pieces, last = [], 0
    for _, start, end in cuts:
        pieces += [text[last:start], "0", _NOT_LINE_END.sub(" ", text[start + 1 : end])]
        last = end
    data = _loads("".join([*pieces, text[last:]]))
    for path, start, _ in cuts:
        _put(data, path, _TooDeep(text[start : start + _SHOWN + 1]))
    return data


def _put(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    """Set ``value`` at ``path`` in ``data``, where ``json.loads`` read the stand-in."""
    try:
        for step in path[:-1]:
            data = data[step]
        if data[path[-1]] != 0:
            raise KeyError(path[-1])
        data[path[-1]] = value
    except (KeyError, IndexError, TypeError):  # never leave the stand-in 0 to be read as a count
        raise ValueError(f"nested more than {_MAX_DEPTH} levels deep") from None


def from_json(text: str | bytes) -> Report:
    """Read a report from its JSON text; raise :class:`~govinfo.errors.JSONError` naming every
    bad place as a path (``$.requests.new_received.natural_person: expected ...``), however
    deep the value there is nested."""
    if not isinstance(text, str | bytes | bytearray):
        raise JSONError((("$", f"expected JSON text (str or bytes), got {type(text).__name__}"),))
    try:
        try:
            data = _loads(text)
        except RecursionError:
            data = _loads_deep(text)
    except (ValueError, RecursionError) as exc:
        raise JSONError((("$", _printable(f"not valid JSON: {exc}")),)) from None
    try:
        result: Report = _CONVERTER.structure(data, Report)
    except _Problems as exc:
        problems = tuple((_printable(f"${p}"), _printable(m)) for p, m in exc.problems)
        raise JSONError(problems) from None
    return result


# --- JSON Schema ---------------------------------------------------------------------------

_CELL_SCHEMAS: dict[ColumnKind, dict[str, Any]] = {
    ColumnKind.COUNT: {"type": "integer", "minimum": 0, "maximum": MAX_COUNT},
    ColumnKind.DELTA: {"type": "integer", "minimum": -MAX_COUNT, "maximum": MAX_COUNT},
    ColumnKind.MONEY: {
        "type": "string",
        "pattern": rf"^(?:0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})(?:\.[0-9]{{1,{MAX_DIGITS}}})?$",
    },
    ColumnKind.AMOUNT: {
        "type": "object",
        "properties": {
            "value": {"$ref": "#/$defs/money"},
            "unit": {"enum": [u.value for u in Unit]},
        },
        "required": ["value", "unit"],
        "additionalProperties": False,
    },
}


def _grid_schema(spec: GridSpec) -> dict[str, Any]:
    row = {
        "type": "object",
        "properties": {
            c.key: {
                "title": c.label,
                "anyOf": [
                    {"$ref": f"#/$defs/{c.kind.value}"},
                    {"type": "null"},
                    {"$ref": "#/$defs/placeholder"},
                    {"$ref": "#/$defs/unread"},
                ],
            }
            for c in spec.columns
        },
        "required": [c.key for c in spec.columns],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {r.key: {"title": r.label, **row} for r in spec.rows},
        "required": [r.key for r in spec.rows],
        "additionalProperties": False,
    }


def _object_schema(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the report format, read from the template declaration."""
    line = r"\S([^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*\S)?"
    paragraphs = {"type": "array", "items": {"$ref": "#/$defs/paragraph"}}
    versions: list[dict[str, Any]] = []
    for version in TemplateVersion:
        names = [s.variant.value for s in templates() if s.version is version and s.variant]
        versions.append(
            {
                "if": {"properties": {"version": {"const": version.value}}},
                "then": {"properties": {_VARIANT: {"enum": [*names, None]}}},
            }
        )
    for spec in templates():
        # The grids of one spec: its version, and its variant (or no variant, or null).
        variant = {"type": "null"} if spec.variant is None else {"const": spec.variant.value}
        condition: dict[str, Any] = {
            "properties": {"version": {"const": spec.version.value}, _VARIANT: variant}
        }
        if spec.variant is not None:
            condition["required"] = [_VARIANT]
        versions.append(
            {
                "if": condition,
                "then": {
                    "properties": {
                        "disclosure": _object_schema(
                            {
                                b.key: {"title": b.caption, **_grid_schema(b)}
                                for b in spec.disclosure
                            }
                        ),
                        "requests": _grid_schema(spec.requests),
                        "review_litigation": _grid_schema(spec.review_litigation),
                    }
                },
            }
        )
    required = [name for name in _FIELDS if name not in _OPTIONAL]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://govinfo.invalid/schema/report-1.json",
        "title": "govinfo report",
        "type": "object",
        "properties": {
            "schema": {"const": SCHEMA_ID},
            "version": {"enum": [v.value for v in TemplateVersion]},
            _VARIANT: {
                "enum": [*dict.fromkeys(s.variant.value for s in templates() if s.variant), None]
            },
            "agency": {"type": "string", "pattern": f"^({line})?$"},
            "year": {"type": "integer", "minimum": 2019, "maximum": 9999},
            "title": {"type": "string", "pattern": f"^({line})?$"},
            "publication_date": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
            "preamble": paragraphs,
            "overview": {
                "type": "object",
                "properties": {
                    "intro": paragraphs,
                    "parts": {"type": "array", "items": {**paragraphs, "minItems": 1}},
                },
                "additionalProperties": False,
            },
            "disclosure": {"type": "object"},
            "requests": {"type": "object"},
            "review_litigation": {"type": "object"},
            "problems": paragraphs,
            "other_matters": paragraphs,
            "trailer": paragraphs,
        },
        "required": required,
        "additionalProperties": False,
        "allOf": versions,
        "$defs": {
            "paragraph": {"type": "string", "pattern": f"^{line}$"},
            "placeholder": {
                "type": "object",
                "properties": {
                    _PLACEHOLDER_KEY: {
                        "allOf": [{"$ref": "#/$defs/paragraph"}, {"not": {"pattern": "[0-9０-９]"}}]
                    }
                },
                "required": [_PLACEHOLDER_KEY],
                "additionalProperties": False,
            },
            "unread": {
                "type": "object",
                "properties": {_UNREAD_KEY: {"const": True}},
                "required": [_UNREAD_KEY],
                "additionalProperties": False,
            },
            **{kind.value: schema for kind, schema in _CELL_SCHEMAS.items()},
        },
    }
