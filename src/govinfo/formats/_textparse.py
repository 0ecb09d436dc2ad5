"""The hand-written parser under :mod:`govinfo.formats.text`.

It reads the lines and cells of :mod:`govinfo.formats._textlex`; blank lines, page markers and
Markdown delimiter rows are skipped everywhere. The grammar, in reading order::

    report     := title preamble* overview disclosure requests review problems other trailer
    title      := the first text line (without a Markdown "# " marker), joined with the next
                  one when the first has no year and the next begins with one
                  ("洪泽区人民政府" / "2023 年…报告")
    preamble   := every text line before the heading of 一
    overview   := heading(一) intro-line* part*
    part       := a line that begins with （N） or (N), then lines that do not
    disclosure := heading(二) block*           (the blocks of the template, in its order)
    block      := caption header-cell* row+
    requests   := heading(三) header-cell* row+
    row        := group-label* row-label value{one per column}
    review     := heading(四) header-cell+ value{15}
    problems   := heading(五) text-line*
    other      := heading(六) text-line*       (up to the trailer)
    trailer    := from the first line of 六 that is the agency's name or a date, to the end

A heading is a whole line equal to a section heading or one of its variants, after an optional
Markdown "#" marker. A label is one or more consecutive cells whose folded texts join to a label
of the template (or one of its aliases); a label may thus be broken by spaces or line breaks. A
row's values are all the cells between its label and the next label: if their number is not the
number of columns, the row is an error, never a guess. A value is a number, a placeholder (text
without digits, kept verbatim), the blank mark, or an empty Markdown cell.

Header cells of tables 2 and 3 (before the first row label) and of table 4 (up to its last
piece of a header label) are skipped, since extractors scramble them, except that a number
among them is an error: it would be a stray number, and no cell is ever taken by position
alone. Text cells of a Markdown header row are headers wherever they stand.

When table 3 does not read, it is read once more as PDF extractors print it (see
:func:`without_group_pieces` and :func:`match_split`); that reading is kept only if every row
then has exactly its values, otherwise the problems of the first reading are reported.

Problems go through :meth:`Parser.problem`: raised at once when ``strict``, otherwise recorded
while the reading goes on with the row concerned left blank.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from typing import Final

from govinfo.errors import GovInfoError, TextSyntaxError
from govinfo.formats._textlex import TEXT, Cell, Line, fold, lex
from govinfo.model import BLANK, Disclosure, Grid, Overview, Placeholder, Report
from govinfo.model import Cell as Value
from govinfo.template import (
    LABEL_ALIASES,
    SECTIONS,
    ColumnKind,
    ColumnSpec,
    GridSpec,
    TemplateSpec,
    TemplateVersion,
    Variant,
    report_title,
    template,
    templates,
)
from govinfo.zh._chars import normalize
from govinfo.zh.amounts import Unit, parse_amount, unit_from_header
from govinfo.zh.dates import parse_date
from govinfo.zh.numerals import parse_number

__all__ = [
    "BLANK_MARK",
    "MARKDOWN_HEADING",
    "Parser",
    "header_keys",
    "is_date_line",
    "is_heading",
    "is_part_start",
    "label_index",
    "label_keys",
    "match",
    "match_split",
    "split_tail",
    "title_metadata",
    "without_group_pieces",
]

BLANK_MARK: Final = "（空白）"
"""How the canonical text writes a blank cell: visible, and not a number or a placeholder seen
in reports."""
BLANK_KEY: Final = fold(BLANK_MARK)

_YEAR: Final = re.compile(r"(?<![0-9])([0-9]{4})\s*年|([〇零一二三四五六七八九]{4})\s*年")
_YEAR_START: Final = re.compile(r"\s*(?:[0-9]{4}|[〇零一二三四五六七八九]{4})\s*年")
_HAS_DIGIT: Final = re.compile(r"[0-9]")
MARKDOWN_HEADING: Final = re.compile(r"\A#+\s+")
_HAS_SPACE: Final = re.compile(r"[\s\u3000\xa0]")
_PART: Final = re.compile(r"[（(]\s*[一二三四五六七八九十]+\s*[）)]")
_UNITS: Final = "|".join(u.value for u in Unit)
_DECIMAL: Final = re.compile(rf"[0-9,]+(?:\.[0-9]+)?(?:{_UNITS})?")
_SIGNED: Final = re.compile(r"([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")

_HEADINGS: Final = tuple(frozenset(fold(h) for h in (s.heading, *s.variants)) for s in SECTIONS)
_HEADING_STARTS: Final = frozenset(s.heading[0] for s in SECTIONS) | {"#"}


# --- lines: headings, parts, dates, title ---------------------------------------------------


def _heading_key(content: str) -> str | None:
    if content[0] not in _HEADING_STARTS:
        return None
    return fold(content.lstrip("#").lstrip())


def is_heading(content: str, section: int | None = None) -> bool:
    """Whether a stripped line is the heading of ``section`` (an index), or of any section."""
    key = _heading_key(content) if content else None
    if key is None:
        return False
    if section is not None:
        return key in _HEADINGS[section]
    return any(key in keys for keys in _HEADINGS)


def is_part_start(content: str) -> bool:
    """Whether a line of section 一 opens a part: it begins with （一）, (二) … (the
    PAREN_CHINESE form of govinfo.zh.enumerators, matched here directly: it is on every line)."""
    return _PART.match(content) is not None


def is_date_line(content: str) -> datetime.date | None:
    """The date a whole line states ("2022年1月18日", "二〇二二年一月十八日"), or None."""
    if not content or len(content) > 24 or (content[-1] != "日" and not content[0].isdigit()):
        return None
    try:
        return parse_date(content)
    except GovInfoError:
        return None


def title_metadata(title: str) -> tuple[str, int | None]:
    """The agency (what precedes the year) and the report year a title names."""
    match = _YEAR.search(normalize(title))
    if match is None:
        return "", None
    digits = match.group(1) or match.group(2)
    year = int(digits) if match.group(1) else int(parse_number(digits))
    return title[: match.start()].strip(), year


def split_tail(
    agency: str, lines: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...], str, datetime.date | None]:
    """Section 六's lines as (prose, trailer, agency, date): the trailer starts at the first
    line that is the agency's name or a date; with no agency known, a short line just before
    that date names it."""
    start = len(lines)
    for i, line in enumerate(lines):
        if (agency and line == agency) or is_date_line(line):
            start = i
            break
    date = None
    for i in range(start, len(lines)):
        date = is_date_line(lines[i])
        if date is not None:
            if not agency and i == start and i > 1 and _looks_like_agency(lines[i - 1]):
                agency, start = lines[i - 1], i - 1
            break
    return tuple(lines[:start]), tuple(lines[start:]), agency, date


def _looks_like_agency(line: str) -> bool:
    return len(line) <= 30 and line[-1] not in "。；;，,:：" and not _HAS_DIGIT.search(line)


# --- labels -----------------------------------------------------------------------------------

_ROW, _GROUP, _STOP = 0, 1, 2


class _Target:
    __slots__ = ("index", "key", "kind", "label")

    def __init__(self, key: str, kind: int, index: int, label: str) -> None:
        self.key, self.kind, self.index, self.label = key, kind, index, label


_Index = dict[str, list[_Target]]


def _keys(label: str) -> list[str]:
    return [fold(label), *(fold(a) for a in LABEL_ALIASES.get(label, ()))]


def _add(index: _Index, target: _Target) -> None:
    index.setdefault(target.key[0], []).append(target)


_INDEXES: dict[tuple[int, str], tuple[GridSpec, _Index]] = {}


def label_index(spec: GridSpec, stop: str = "") -> _Index:
    """Row labels, group labels and the ``stop`` label of a grid, by first folded character."""
    cached = _INDEXES.get((id(spec), stop))
    if cached is not None and cached[0] is spec:
        return cached[1]
    index: _Index = {}
    groups: list[str] = []
    for i, row in enumerate(spec.rows):
        for key in _keys(row.label):
            _add(index, _Target(key, _ROW, i, row.label))
        groups.extend(p for p in row.parents if p not in groups)
    for i, group in enumerate(groups):
        for key in _keys(group):
            _add(index, _Target(key, _GROUP, i, group))
    if stop:
        _add(index, _Target(fold(stop), _STOP, 0, stop))
    _INDEXES[(id(spec), stop)] = (spec, index)
    return index


def label_keys(spec: GridSpec) -> list[str]:
    """The folded row and group labels of a grid, with their aliases."""
    return [t.key for targets in label_index(spec).values() for t in targets]


def match(cells: Sequence[Cell], i: int, end: int, index: _Index) -> tuple[_Target, int] | None:
    """The longest label that cells ``i``… spell, and the index of the cell after it."""
    key = cells[i].key
    if not key:
        return None
    best: tuple[_Target, int] | None = None
    for target in index.get(key[0], ()):
        label = target.key
        if not label.startswith(key):
            continue
        size, j = len(key), i + 1
        while size < len(label) and j < end:
            more = cells[j].key
            if not more or not label.startswith(more, size):
                break
            size += len(more)
            j += 1
        if size == len(label) and (best is None or j > best[1]):
            best = (target, j)
    return best


def match_split(
    cells: Sequence[Cell], i: int, end: int, index: _Index
) -> tuple[_Target, int, list[Cell]] | None:
    """Like :func:`match`, but a label may also be broken around a run of values, as PDF
    extractors print a vertically centred row ("（二）部分公开（…只计这一情" / "447 7 … 454" /
    "形，不计其他情形）"): the label, the index after it, and the values inside it."""
    key = cells[i].key
    if not key:
        return None
    best: tuple[_Target, int, list[Cell]] | None = None
    for target in index.get(key[0], ()):
        label = target.key
        if not label.startswith(key):
            continue
        size, j, inner = len(key), i + 1, list[Cell]()
        while size < len(label) and j < end:
            more = cells[j].key
            if more and _HAS_DIGIT.search(more):
                k = j
                while k < end and cells[k].key and _HAS_DIGIT.search(cells[k].key):
                    k += 1
                if k < end and cells[k].key and label.startswith(cells[k].key, size):
                    inner.extend(cells[j:k])
                    j = k
                    continue
            if not more or not label.startswith(more, size):
                break
            size += len(more)
            j += 1
        if size == len(label) and (best is None or j > best[1]):
            best = (target, j, inner)
    return best


def without_group_pieces(spec: GridSpec, cells: list[Cell], index: _Index) -> list[Cell]:
    """``cells`` without the pieces of group labels that PDF extractors scatter among the rows
    the groups head ("三、" "本" "年" … one per line, "（三）不" … "予公开"): for each group label
    in reading order, the first cells after the first row label that spell it in order."""
    end = len(cells)
    first = next(
        (i for i in range(end) if (m := match(cells, i, end, index)) and m[0].kind == _ROW), end
    )
    groups = dict.fromkeys(p for row in spec.rows for p in row.parents)
    dropped: set[int] = set()
    for group in groups:
        key, size, taken = fold(group), 0, []
        for j in range(first, end):
            piece = cells[j].key
            if j in dropped or not piece or _HAS_DIGIT.search(piece):
                continue
            if key.startswith(piece, size):
                taken.append(j)
                size += len(piece)
                if size == len(key):
                    dropped.update(taken)
                    break
    return [c for j, c in enumerate(cells) if j not in dropped]


def _requests_spec(spec: TemplateSpec, cells: Sequence[Cell]) -> GridSpec:
    """The grid table 3 is read with: ``spec``'s, or the variant's with the single （六）其他处理
    row when the cells print that label directly followed by a value (a number, a placeholder,
    the blank mark: anything but a label) and none of the sub-rows it replaces, as both 洪泽区
    reports do on the 2021 template."""
    variant = next(
        (
            s
            for s in templates()
            if s.version is spec.version and s.variant is Variant.SINGLE_OTHER_HANDLING
        ),
        None,
    )
    if variant is None or spec.variant is not None:
        return spec.requests
    rows = {r.key for r in variant.requests.rows}
    (single,) = (r for r in variant.requests.rows if r not in spec.requests.rows)
    index, end, found = label_index(spec.requests), len(cells), False
    for i in range(end):
        matched = match(cells, i, end, index)
        if matched is None:
            continue
        target, after = matched
        if target.kind == _ROW and spec.requests.rows[target.index].key not in rows:
            return spec.requests  # a sub-row of （六） is printed
        if target.kind == _GROUP and target.label == single.label:
            found = found or (after < end and match(cells, after, end, index) is None)
    return variant.requests if found else spec.requests


def _shown(cells: Sequence[Cell]) -> str:
    texts = [c.text or "（空）" for c in cells]
    return " ".join(texts) if len(texts) <= 10 else " ".join([*texts[:10], "…"])


# --- the parser -------------------------------------------------------------------------------


class Parser:
    """One reading of one text. ``strict``: raise at the first problem; otherwise record it in
    ``problems``, skip what cannot be read (its cells stay blank) and go on."""

    def __init__(self, text: str, *, strict: bool) -> None:
        self.source, self.lines = lex(text)
        self.strict = strict
        self.problems: list[TextSyntaxError] = []

    def problem(self, message: str, position: int, length: int = 1) -> None:
        self._report(TextSyntaxError(message, self.source, position, length))

    def _line_of(self, cell: Cell) -> int:
        return self.source.count("\n", 0, cell.start) + 1

    def _at_line(self, message: str, line: Line) -> None:
        self.problem(message, line.start + (len(line.text) - len(line.text.lstrip())), 1)

    def _at_cell(self, message: str, cell: Cell) -> None:
        self.problem(message, cell.start, max(len(cell.text), 1))

    # --- the whole report

    def parse(self) -> Report:
        lines = [line for line in self.lines if line.kind == TEXT]
        if not lines:  # nothing to build a report from, even when reading on
            raise TextSyntaxError("expected the text of a report, found no text", self.source, 0)
        bounds = self._sections(lines)
        first = next((b for b in bounds if b is not None), len(lines))
        title, preamble = self._title(lines[:first])

        def region(k: int) -> list[Line]:
            start = bounds[k]
            if start is None:
                return []
            later = [b for b in bounds[k + 1 :] if b is not None]
            return lines[start + 1 : later[0] if later else len(lines)]

        agency, year = title_metadata(title)
        other, trailer, agency, date = split_tail(agency, [x.content for x in region(5)])
        year = self._year(year, lines, preamble, date)

        def heading(k: int) -> Line:
            found = bounds[k]
            return lines[found] if found is not None else lines[-1]

        disclosure_cells, request_cells = self._cells(region(1)), self._cells(region(2))
        spec = template(self._version(year, lines[0], [*disclosure_cells, *request_cells]))
        disclosure = self._disclosure(spec, disclosure_cells, region(1), heading(1))
        requests = self._requests(_requests_spec(spec, request_cells), request_cells, heading(2))
        review = self._review(spec.review_litigation, region(3), heading(3))
        return Report(
            version=spec.version,
            agency=agency,
            year=year,
            title=title,
            publication_date=date,
            preamble=preamble,
            overview=self._overview(region(0)),
            disclosure=disclosure,
            requests=requests,
            review_litigation=review,
            problems=tuple(x.content for x in region(4)),
            other_matters=other,
            trailer=trailer,
        )

    def _sections(self, lines: list[Line]) -> list[int | None]:
        bounds: list[int | None] = []
        at = 0
        for k, section in enumerate(SECTIONS):
            first = section.heading[0]
            found = next(
                (
                    i
                    for i in range(at, len(lines))
                    if lines[i].content[0] in (first, "#") and is_heading(lines[i].content, k)
                ),
                None,
            )
            if found is None:
                if at:
                    message = f"expected the heading {section.heading} after this line, found none"
                else:
                    message = f"expected the heading {section.heading} in the text, found none"
                self._at_line(message, lines[at - 1] if at else lines[0])
            else:
                at = found + 1
            bounds.append(found)
        return bounds

    def _title(self, lines: list[Line]) -> tuple[str, tuple[str, ...]]:
        if not lines:
            return "", ()
        title, rest = MARKDOWN_HEADING.sub("", lines[0].content), lines[1:]
        if (
            rest
            and title_metadata(title)[1] is None
            and _YEAR_START.match(normalize(rest[0].content))
            and rest[0].content.endswith("报告")
        ):
            title, rest = title + rest[0].content, rest[1:]
        return title, tuple(x.content for x in rest)

    def _year(
        self,
        year: int | None,
        lines: list[Line],
        preamble: tuple[str, ...],
        date: datetime.date | None,
    ) -> int:
        if year is None:
            for paragraph in preamble:
                found = _YEAR.search(normalize(paragraph))
                if found and found.group(1):
                    year = int(found.group(1))
                    break
        if year is None and date is not None:
            year = date.year - 1
        if year is None or not 2019 <= year <= 9999:
            message = (
                "expected the report year in the title, such as "
                f"“{report_title('某局', 2021)}”, found {lines[0].content}"
            )
            raise TextSyntaxError(message, self.source, lines[0].start, len(lines[0].text))
        return year

    def _version(self, year: int, first: Line, cells: list[Cell]) -> TemplateVersion:
        text = "".join(c.key for c in cells)  # every marker is a label of table 2 or 3
        found = {v: [m for m in template(v).markers if fold(m) in text] for v in TemplateVersion}
        old, new = len(found[TemplateVersion.V2019]), len(found[TemplateVersion.V2021])
        if old != new:
            return TemplateVersion.V2019 if old > new else TemplateVersion.V2021
        guess = TemplateVersion.V2021 if year >= 2021 else TemplateVersion.V2019
        markers = "、".join(m for v in TemplateVersion for m in template(v).markers)
        self._at_line(
            f"expected labels that tell the template version ({markers}), found "
            f"{old} of each version; assuming the {guess.value} template from the year",
            first,
        )
        return guess

    def _overview(self, lines: list[Line]) -> Overview:
        intro: list[str] = []
        parts: list[list[str]] = []
        for line in lines:
            if is_part_start(line.content):
                parts.append([line.content])
            elif parts:
                parts[-1].append(line.content)
            else:
                intro.append(line.content)
        return Overview(intro=tuple(intro), parts=tuple(tuple(p) for p in parts))

    # --- tables

    @staticmethod
    def _cells(lines: list[Line]) -> list[Cell]:
        cells: list[Cell] = []
        for line in lines:
            content = line.content
            if content[0] != "|" and not _HAS_SPACE.search(content):  # one cell: the most
                cells.append(Cell(content, line.start + line.text.index(content)))
            else:
                cells.extend(line.cells())
        return cells

    def _disclosure(
        self, spec: TemplateSpec, cells: list[Cell], lines: list[Line], heading: Line
    ) -> Disclosure:
        blocks: list[Grid] = []
        at = 0
        for b, block in enumerate(spec.disclosure):
            following = spec.disclosure[b + 1].caption if b + 1 < len(spec.disclosure) else ""
            index = label_index(block, following)
            caption = {fold(block.caption)[0]: [_Target(fold(block.caption), _STOP, 0, "")]}
            found = None
            for i in range(at, len(cells)):
                found = match(cells, i, len(cells), caption)
                if found is not None:
                    if i != at:
                        self._at_cell(
                            f"expected the caption {block.caption}, found {cells[at].text}",
                            cells[at],
                        )
                    break
            if found is None:
                where = cells[at] if at < len(cells) else None
                message = f"expected the caption {block.caption}, found " + (
                    where.text if where else "the end of the table"
                )
                if where:
                    self._at_cell(message, where)
                else:
                    self._at_line(message, lines[-1] if lines else heading)
                blocks.append(Grid.filled(block))
                continue
            grid, at = self._grid(block, cells, found[1], index, block.caption, following)
            blocks.append(grid)
        return Disclosure(tuple(blocks))

    def _requests(self, spec: GridSpec, cells: list[Cell], heading: Line) -> Grid:
        name = SECTIONS[2].heading
        if not cells:
            self._at_line(f"expected the table of {name}, found none", heading)
            return Grid.filled(spec)
        index = label_index(spec)
        grid, problems = self._attempt(lambda: self._grid(spec, cells, 0, index, name)[0])
        if not problems:
            return grid
        # Text from PDF extractors: group labels scattered a piece at a time among the rows,
        # row labels broken around their values. Read so only if then every row reads.
        loose = without_group_pieces(spec, cells, index)
        retry, more = self._attempt(lambda: self._grid(spec, loose, 0, index, name, split=True)[0])
        if not more:
            return retry
        for problem in problems:
            self._report(problem)
        return grid

    def _attempt(self, run: Callable[[], Grid]) -> tuple[Grid, list[TextSyntaxError]]:
        """Run ``run`` collecting its problems instead of raising or reporting them."""
        strict, saved = self.strict, self.problems
        self.strict, self.problems = False, []
        try:
            return run(), self.problems
        finally:
            self.strict, self.problems = strict, saved

    def _report(self, error: TextSyntaxError) -> None:
        if self.strict:
            raise error
        self.problems.append(error)

    def _grid(
        self,
        spec: GridSpec,
        cells: list[Cell],
        at: int,
        index: _Index,
        name: str,
        stop: str = "",
        *,
        split: bool = False,
    ) -> tuple[Grid, int]:
        """Read a grid's header and rows from ``cells[at:]``; stop at its stop label."""
        end = len(cells)
        headers = header_keys(spec)
        rows: list[tuple[Value, ...]] = [(BLANK,) * len(spec.columns) for _ in spec.rows]
        found = None
        start = at
        while at < end:
            found = match(cells, at, end, index)
            if found is not None:
                break
            at += 1
        for cell in cells[start:at]:
            if _HAS_DIGIT.search(cell.key) and _is_number(cell.key):
                self._at_cell(
                    f"expected the header cells of {name} before the row label "
                    f"{spec.rows[0].label}, found the number {cell.text}",
                    cell,
                )
        if found is None or found[0].kind == _STOP:
            # A cell with digits among the header cells is most likely the row, run together
            # ("规章000"); otherwise what ended the search.
            suspect = next((c for c in cells[start:at] if _HAS_DIGIT.search(c.key)), None)
            where = suspect or (cells[at] if at < end else None)
            message = f"expected the row label {spec.rows[0].label} in {name}, found " + (
                where.text if where else "the end of the table"
            )
            self._at_cell(message, where or cells[end - 1])
            return Grid(spec, tuple(rows)), at
        row: int | None = None  # the row whose values are being read; None after a group label
        label_cell = cells[at]
        values: list[Cell] = []
        expected = 0
        inner: tuple[_Target, int, list[Cell]] | None = None
        while True:
            if at < end:
                key = cells[at].key
                if not key or key[0] not in index:  # most cells: a value, no label begins so
                    if not _is_header_text(cells[at], headers):
                        values.append(cells[at])
                    at += 1
                    continue
                if split:
                    inner = match_split(cells, at, end, index)
                    found = (inner[0], inner[1]) if inner else None
                else:
                    found = match(cells, at, end, index)
            else:
                found = None
            if found is not None and found[0].kind == _ROW and found[0].index < expected:
                found = None  # a label seen already is text among the values
            if found is None and at < end:
                if not _is_header_text(cells[at], headers):
                    values.append(cells[at])
                at += 1
                continue
            self._finish(spec, row, label_cell, values, rows, name, expected, stop)
            values = []
            if found is None or found[0].kind == _STOP:
                break
            target, after = found
            if target.kind == _ROW:
                if target.index > expected:
                    self._at_cell(
                        f"expected the row label {spec.rows[expected].label}, found {target.label}",
                        cells[at],
                    )
                row, expected = target.index, target.index + 1
            else:
                row = None
            label_cell = cells[at]
            at = after
            if split and inner is not None:
                values = list(inner[2])
        if expected < len(spec.rows):
            message = f"expected the row label {spec.rows[expected].label} in {name}, found " + (
                "the end of the table" if at >= end else cells[at].text
            )
            self._at_cell(message, cells[min(at, end - 1)])
        return Grid(spec, tuple(rows)), at

    def _finish(
        self,
        spec: GridSpec,
        row: int | None,
        label: Cell,
        values: list[Cell],
        rows: list[tuple[Value, ...]],
        name: str,
        expected: int,
        stop: str,
    ) -> None:
        if row is None:  # after a group label only empty Markdown cells may follow
            for cell in values:
                if cell.text:
                    self._at_cell(
                        f"expected a row label after the group label {label.text}, found "
                        f"{cell.text}",
                        cell,
                    )
                    return
            return
        columns = spec.columns
        row_label = spec.rows[row].label
        if len(values) != len(columns):
            wordy = next((c for c in values if _is_wordy(c.key)), None)
            following = (
                f"the row label {spec.rows[expected].label}"
                if expected < len(spec.rows)
                else f"the caption {stop}"
                if stop
                else ""
            )
            if wordy is not None and following:
                self._at_cell(f"expected {following}, found {wordy.text}", wordy)
                return
            count = f"{len(columns)} value{'s' if len(columns) > 1 else ''}"
            found = f"{len(values)}: {_shown(values)}" if values else "none"
            message = (
                f"expected {count} for the row {row_label} (line {self._line_of(label)}), "
                f"found {found}"
            )
            self._at_cell(message, values[len(columns)] if len(values) > len(columns) else label)
            return
        out: list[Value] = []
        for cell, column in zip(values, columns, strict=True):
            key = cell.key
            if column.kind is ColumnKind.COUNT and key.isdigit() and key.isascii():
                out.append(int(key))  # the common case, without a call
            else:
                out.append(self._value(cell, column, row_label))
        rows[row] = tuple(out)

    def _value(self, cell: Cell, column: ColumnSpec, row: str) -> Value:
        key = cell.key
        if not key or key == BLANK_KEY:
            return BLANK
        if not _HAS_DIGIT.search(key):
            return Placeholder(cell.text)
        kind = column.kind
        if kind is ColumnKind.COUNT or kind is ColumnKind.DELTA:
            if key.isascii() and key.isdigit():
                return int(key)
            signed = _SIGNED.fullmatch(key)
            if signed and (kind is ColumnKind.DELTA or not signed.group(1)):
                number = int(signed.group(2).replace(",", ""))
                return -number if signed.group(1) == "-" else number
            what = "a whole number" if kind is ColumnKind.COUNT else "a signed whole number"
        else:
            # Money is in the unit its column header states; an amount carries its own.
            unit = unit_from_header(column.label) if kind is ColumnKind.MONEY else None
            try:
                amount = parse_amount(cell.text, default_unit=unit)
            except GovInfoError:
                pass
            else:
                if kind is ColumnKind.AMOUNT:
                    return amount
                if amount.unit is unit:
                    return amount.value
            what = (
                f"an amount in {unit.value}"
                if unit
                else f"an amount with its unit ({'、'.join(u.value for u in Unit)})"
            )
        self._at_cell(
            f"expected {what} in the column {column.label} of the row {row}, found {cell.text}",
            cell,
        )
        return BLANK

    def _review(self, spec: GridSpec, lines: list[Line], heading: Line) -> Grid:
        cells = self._cells(lines)
        name = SECTIONS[3].heading
        fragments = _fragments(spec)
        last = -1
        for i, cell in enumerate(cells):
            if cell.header or cell.key in fragments:
                last = i
        for cell in cells[: last + 1]:
            if _HAS_DIGIT.search(cell.key) and _is_number(cell.key):
                self._at_cell(
                    f"expected the header cells of {name} before its values, found the number "
                    f"{cell.text}",
                    cell,
                )
        values = cells[last + 1 :]
        width = len(spec.columns)
        size = width * len(spec.rows)
        if len(values) != size:
            where = values[size] if len(values) > size else (values[-1] if values else None)
            message = (
                f"expected {size} values in {name} ({len(spec.rows)} groups of "
                f"{'、'.join(c.label for c in spec.columns)}), found "
                f"{f'{len(values)}: {_shown(values)}' if values else 'none'}"
            )
            if where is not None:
                self._at_cell(message, where)
            else:
                self._at_line(message, lines[-1] if lines else heading)
            return Grid.filled(spec)
        rows = []
        for r, row in enumerate(spec.rows):
            chunk = values[r * width : (r + 1) * width]
            pairs = zip(chunk, spec.columns, strict=True)
            rows.append(tuple(self._value(c, col, row.label) for c, col in pairs))
        return Grid(spec, tuple(rows))


_FRAGMENTS: dict[int, tuple[GridSpec, frozenset[str]]] = {}


def _fragments(spec: GridSpec) -> frozenset[str]:
    """Every non-empty piece of a header cell of ``spec`` (folded): what extractors split
    header cells into ("总 计", "结果 / 维持")."""
    cached = _FRAGMENTS.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    keys = {fold(h) for h in spec.header}
    keys |= {fold(a) for h in spec.header for a in LABEL_ALIASES.get(h, ())}
    pieces = frozenset(
        k[i:j] for k in keys for i in range(len(k)) for j in range(i + 1, len(k) + 1)
    )
    _FRAGMENTS[id(spec)] = (spec, pieces)
    return pieces


def _is_header_text(cell: Cell, headers: frozenset[str]) -> bool:
    """A header cell among the rows: one of the grid's header labels, whole (the header
    printed again after a page break), or a text cell of a Markdown header row (converters
    split table 3 into one table per group, each with its own header row, real or invented)."""
    return cell.key in headers or (cell.header and bool(cell.key) and not _is_number(cell.key))


_HEADERS: dict[int, tuple[GridSpec, frozenset[str]]] = {}


def header_keys(spec: GridSpec) -> frozenset[str]:
    """The folded header labels of a grid, with their aliases."""
    cached = _HEADERS.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    keys = frozenset(k for h in spec.header for k in _keys(h))
    _HEADERS[id(spec)] = (spec, keys)
    return keys


def _is_number(key: str) -> bool:
    return bool(_SIGNED.fullmatch(key) or _DECIMAL.fullmatch(key))


def _is_wordy(key: str) -> bool:
    """Whether a cell looks like a label rather than a value: several ideographs."""
    return sum(1 for ch in key if "\u4e00" <= ch <= "\u9fff") >= 4
