"""The assembler: a :class:`~govinfo.formats._document.Document` onto the template, by label.

Every front-end (text, and the formats to come) produces a document; this module alone knows
the template's layout. Paragraphs are its lines; the cells of a paragraph are read where a
table is expected. The grammar, in reading order::

    report     := title preamble* overview disclosure requests review problems other trailer
    title      := the first paragraph (without a Markdown "# " marker), joined with the next
                  one when the first has no year and the next begins with one
                  ("洪泽区人民政府" / "2023 年…报告")
    preamble   := every paragraph before the heading of 一
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

A heading is a whole paragraph equal to a section heading or one of its variants, after an
optional Markdown "#" marker. Labels are matched by :mod:`govinfo.formats._labels`: one or more
consecutive cells whose folded texts join to a label of the template. A row's values are all
the cells between its label and the next label: if their number is not the number of columns,
the row is an error, never a guess. A value is a number, a placeholder (text without digits,
kept verbatim), the blank mark, the unread mark, or an empty explicit cell.

Header cells of tables 2 and 3 (before the first row label) and of table 4 (up to its last
piece of a header label) are skipped, since extractors scramble them, except that a number
among them is an error: it would be a stray number, and no cell is ever taken by position
alone. Cells the format marks as headers are headers wherever they stand.

When table 3 does not read, it is read once more as PDF extractors print it (see
:func:`~govinfo.formats._labels.without_group_pieces` and
:func:`~govinfo.formats._labels.match_split`); that reading is kept only if every row then has
exactly its values, otherwise the problems of the first reading are reported.

Problems go through :meth:`Assembler.problem`: raised at once when ``strict``, otherwise
recorded while the reading goes on with the cells concerned :data:`~govinfo.model.UNREAD`.
Where each value was read is recorded cheaply (the cell, not yet its source) in
:class:`Places`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Final, TypeVar

from govinfo.diagnostics import Diagnostic, Severity
from govinfo.errors import GovInfoError, LocatedError, ReadError, TextSyntaxError
from govinfo.formats._chrome import strip as strip_chrome
from govinfo.formats._document import Cell, Document, Paragraph, SpanCell, TextDocument
from govinfo.formats._labels import (
    GROUP,
    ROW,
    STOP,
    Index,
    Target,
    edits,
    fold,
    fragments,
    header_keys,
    label_index,
    label_keys,
    match,
    match_split,
    without_group_pieces,
)
from govinfo.model import (
    BLANK,
    MAX_DIGITS,
    UNREAD,
    Disclosure,
    Grid,
    Overview,
    Placeholder,
    Report,
    cell_fits,
)
from govinfo.model import Cell as Value
from govinfo.sources import Source
from govinfo.template import (
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
    "UNREAD_MARK",
    "Assembler",
    "Places",
    "assemble",
    "documents",
    "header_keys",
    "is_date_line",
    "is_heading",
    "is_part_start",
    "label_keys",
    "split_reports",
    "split_tail",
    "title_metadata",
]

BLANK_MARK: Final = "（空白）"
"""How the canonical text writes a blank cell: visible, and not a number or a placeholder seen
in reports."""
BLANK_KEY: Final = fold(BLANK_MARK)
UNREAD_MARK: Final = "（未读）"
"""How the canonical text writes an unread cell."""
UNREAD_KEY: Final = fold(UNREAD_MARK)

_YEAR: Final = re.compile(r"(?<![0-9])([0-9]{4})\s*年|([〇零一二三四五六七八九]{4})\s*年")
_YEAR_START: Final = re.compile(r"\s*(?:[0-9]{4}|[〇零一二三四五六七八九]{4})\s*年")
_HAS_DIGIT: Final = re.compile(r"[0-9]")
_SPACED_DIGITS: Final = re.compile(r"[0-9０-９][\s\u3000]+[0-9０-９]")
# A count as most cells print it: ASCII digits, within the model's bound (and far within the
# 4,300 digits int() takes), nothing that folding would change.
_PLAIN_COUNT: Final = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}").fullmatch
MARKDOWN_HEADING: Final = re.compile(r"\A#+\s+")
_HAS_SPACE: Final = re.compile(r"[\s\u3000\xa0]")
_PART: Final = re.compile(r"[（(]\s*[一二三四五六七八九十]+\s*[）)]")
_UNITS: Final = "|".join(u.value for u in Unit)
_DECIMAL: Final = re.compile(rf"[0-9,]+(?:\.[0-9]+)?(?:{_UNITS})?")
_SIGNED: Final = re.compile(r"([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")
# A number in Chinese numerals, as a count may be printed (一百零五, 两千, 〇, 负三).
_CHINESE_NUMBER: Final = re.compile(
    r"负?[〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟廿卅]+(?:点[〇零一二三四五六七八九]+)?"
)
_WHOLE: Final = frozenset((ColumnKind.COUNT, ColumnKind.DELTA))
# 2019's 本年增/减 written with the word: "减12" is -12, "增3" is +3.
_WORD_SIGNED: Final = re.compile(r"(增加|减少|增|减)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")
_WORD_SIGNS: Final = {"增": "+", "增加": "+", "减": "-", "减少": "-"}

_HEADINGS: Final = tuple(frozenset(fold(h) for h in (s.heading, *s.variants)) for s in SECTIONS)
_HEADING_STARTS: Final = frozenset(s.heading[0] for s in SECTIONS) | {"#"}
# Each section's headings numbered as the section before it ("一、主动公开政府信息情况" for 二),
# and not numbered at all ("总体情况").
_OFF_BY_ONE: Final = tuple(
    frozenset(
        fold(SECTIONS[k - 1].heading.split("、", 1)[0] + "、" + h.split("、", 1)[1])
        for h in (s.heading, *s.variants)
    )
    if k
    else frozenset()
    for k, s in enumerate(SECTIONS)
)
_UNNUMBERED: Final = tuple(
    frozenset(fold(h.split("、", 1)[1]) for h in (s.heading, *s.variants)) for s in SECTIONS
)


# --- lines: headings, parts, dates, title ---------------------------------------------------


# A note in brackets after a heading: "二、主动公开政府信息情况（有关情况附表）".
_HEADING_NOTE: Final = re.compile(r"\([^()]*\)\Z")


def _heading_key(content: str) -> str | None:
    if content[0] not in _HEADING_STARTS:
        return None
    return fold(content.lstrip("#").lstrip())


def is_heading(content: str, section: int | None = None) -> bool:
    """Whether a stripped line is the heading of ``section`` (an index), or of any section: a
    heading of the template or one of its variants, perhaps followed by a note in brackets."""
    key = _heading_key(content) if content else None
    if key is None:
        return False
    keys = [key, _HEADING_NOTE.sub("", key)] if key.endswith(")") else [key]
    if section is not None:
        return any(k in _HEADINGS[section] for k in keys)
    return any(k in known for k in keys for known in _HEADINGS)


MISPRINT_SHARE_LABEL: Final = 4
"""A row label printed with at most one edit for each this many characters of the template's
label (the 洪泽区 reports' 2.其他法律行政止公开: 3 of 14) is that label misprinted, when it
stands where the template expects that row, its enumerator (1., （三）…) is exact, it ends as the
label ends (a label cut short is broken across lines, its rest perhaps after its values: never
a misprint), and no other label of the table is as close. Labels of fewer characters must be
exact."""
_ENUMERATOR: Final = re.compile(r"[0-9]+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、")

MISPRINT_SHARE: Final = 8
"""A heading printed with at most one edit (a character added, dropped or changed) for each
this many characters of the template's heading is that heading misprinted, when its
enumerator (一、…) is exact and no other section's heading is as close."""


def misprinted_heading(content: str, section: int) -> str | None:
    """The heading of ``section`` that a stripped line misprints, or None (see
    :data:`MISPRINT_SHARE`)."""
    key = _heading_key(content) if content else None
    if key is None:
        return None
    key = _HEADING_NOTE.sub("", key) if key.endswith(")") else key
    close = []
    for k, headings in enumerate(_HEADINGS):
        for heading in headings:
            bound = len(heading) // MISPRINT_SHARE
            enumerator = heading.split("、", 1)[0] + "、"
            if key.startswith(enumerator) and edits(key, heading, bound) <= bound:
                close.append((k, heading))
    if len({k for k, _ in close}) != 1 or close[0][0] != section:
        return None
    return SECTIONS[section].heading


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


_TITLE_SEARCH: Final = 5
"""How many lines before section 一 are looked at for the report's title."""
_NO_TITLE: Final = Paragraph("", -1)
"""The title of a report that prints none (never located: see Assembler._metadata)."""
_NOT_AGENCY: Final = re.compile(
    r"[，。；;,:：《》“”\"<>|=（）()\[\]]|^(?:关于|根据|按照|依据|现将|本报告)"
)


def _plausible_agency(agency: str) -> bool:
    """Whether the text before a title's year can be an agency's name: short, without the
    punctuation of a sentence or markup, not the start of one (关于, 根据 …)."""
    return len(agency) <= 40 and _NOT_AGENCY.search(agency) is None


def _looks_like_agency(line: str) -> bool:
    return len(line) <= 30 and line[-1] not in "。；;，,:：" and not _HAS_DIGIT.search(line)


def _requests_spec(spec: TemplateSpec, cells: Sequence[Cell]) -> GridSpec:
    """The grid table 3 is read with: ``spec``'s, or the variant's with the single （六）其他处理
    row when the cells print that label directly followed by a value (a number, a placeholder,
    the blank mark: anything but a label) and none of the sub-rows it replaces, as both 洪泽区
    reports do on the 2021 template."""
    known = _VARIANTS.get(spec.version)
    if known is None or spec.variant is not None:
        return spec.requests
    variant, single, replaced, starts = known
    index, end, found = label_index(spec.requests), len(cells), False
    for i in range(end):
        key = cells[i].key
        if key[:3] not in starts:  # only a cell that may begin one of those labels
            continue
        matched = match(cells, i, end, index)
        if matched is None:
            continue
        target, after = matched
        if target.kind == ROW and target.label in replaced:
            return spec.requests  # a sub-row of （六） is printed
        if target.kind == GROUP and target.label == single:
            found = found or (after < end and match(cells, after, end, index) is None)
    return variant.requests if found else spec.requests


def _variants() -> dict[TemplateVersion, tuple[TemplateSpec, str, frozenset[str], frozenset[str]]]:
    """Per version with the single-（六） variant: the variant, the label of its single row, the
    labels of the rows it replaces, and the first three folded characters of all of them."""
    out = {}
    for variant in templates():
        if variant.variant is not Variant.SINGLE_OTHER_HANDLING:
            continue
        standard = template(variant.version)
        (single,) = (r for r in variant.requests.rows if r not in standard.requests.rows)
        replaced = frozenset(
            r.label for r in standard.requests.rows if r not in variant.requests.rows
        )
        starts = frozenset(fold(label)[:3] for label in (single.label, *replaced))
        out[variant.version] = (variant, single.label, replaced, starts)
    return out


_VARIANTS: Final = _variants()
_T = TypeVar("_T")


def _shown(cells: Sequence[Cell]) -> str:
    texts = [c.text or "（空）" for c in cells]
    return " ".join(texts) if len(texts) <= 10 else " ".join([*texts[:10], "…"])


# --- the parser -------------------------------------------------------------------------------


class Places:
    """Where each value of a report was read, kept as cells until a source is asked for.

    ``paths`` maps a JSON path (``$.requests.granted.total``, ``$.preamble[0]``, ``$.agency``)
    to ``(at, text)`` in the document; :meth:`sources` turns them into sources.
    """

    __slots__ = ("document", "grids", "paragraphs", "paths")

    def __init__(self, document: Document) -> None:
        self.document = document
        self.paths: dict[str, tuple[int, str]] = {}
        self.paragraphs: dict[str, Sequence[Paragraph]] = {}
        """Per list of paragraphs (``$.preamble``), the paragraphs read into it."""
        self.grids: dict[str, tuple[GridSpec, list[list[Cell] | Cell | None]]] = {}
        """Per grid path: its spec and, per row, the value cells read (one per column), or the
        cell where an unreadable row was printed, or None when the row was not found."""

    def sources(self, report: Report) -> dict[str, Source]:
        """Every recorded place as a source; a cell whose row was not found (it is unread)
        gets the place of its table's heading."""
        locate = self.document.locate
        out = {path: locate(at, text) for path, (at, text) in self.paths.items()}
        for path, lines in self.paragraphs.items():
            for i, line in enumerate(lines):
                out[f"{path}[{i}]"] = locate(line.at, line.text)
        for path, grid in report.grids():
            spec, rows = self.grids.get(path, (grid.spec, [None] * len(grid.spec.rows)))
            fallback = self.paths.get(path) or self.paths.get(path.rsplit(".", 1)[0])
            for row, cells in zip(spec.rows, rows, strict=True):
                for i, column in enumerate(spec.columns):
                    if isinstance(cells, list):
                        at, text = cells[i].at, cells[i].text
                    elif cells is not None:
                        at, text = cells.at, cells.text
                    elif fallback is not None:
                        at, text = fallback
                    else:
                        continue
                    out[f"{path}.{row.key}.{column.key}"] = locate(at, text)
        return out


class Assembler:
    """One reading of one document. ``strict``: raise at the first error; otherwise record it
    in ``diagnostics``, leave what cannot be read unread and go on."""

    def __init__(self, document: Document, *, strict: bool) -> None:
        self.document = document
        self.strict = strict
        self.problems: list[GovInfoError] = []
        self.notes: list[Diagnostic] = []
        """Warnings and notes: returned whether the reading is strict or not."""
        self.places = Places(document)

    def problem(self, message: str, at: int, length: int = 1) -> None:
        self._report(self._fatal(message, at, length))

    def _line_of(self, cell: Cell) -> str:
        return self.document.line_of(cell.at)

    def _at_line(self, message: str, line: Paragraph) -> None:
        self.problem(message, line.at, 1)

    def _at_cell(self, message: str, cell: Cell) -> None:
        self.problem(message, cell.at, max(len(cell.text), 1))

    def _fatal(self, message: str, at: int, length: int) -> GovInfoError:
        document = self.document
        if isinstance(document, TextDocument):
            where = document.position(at)
            return TextSyntaxError(message, document.text or "", at, length, at=where)
        if not document.paragraphs:  # nothing to locate in
            return ReadError(message)
        return ReadError(message, document.locate(at, ""))

    def _inside(self, paragraph: Paragraph, offset: int) -> int:
        """The place ``offset`` characters into ``paragraph``: in a text, that character; in a
        structured format, the paragraph's cell (its places are whole cells)."""
        return paragraph.at + offset if isinstance(self.document, TextDocument) else paragraph.at

    def _place(self, path: str, line: Paragraph) -> None:
        self.places.paths[path] = (line.at, line.text)

    def _paragraphs(self, path: str, lines: Sequence[Paragraph]) -> tuple[str, ...]:
        self.places.paragraphs[path] = lines
        return tuple([line.text for line in lines])

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The errors, in reading order, then the warnings and notes."""
        return (*(_diagnostic(p) for p in self.problems), *self.notes)

    # --- the whole report

    def assemble(self) -> Report:
        lines = self.document.paragraphs
        if not lines:  # nothing to build a report from, even when reading on
            raise self._fatal("expected the text of a report, found no text", 0, 1)
        chrome = strip_chrome(lines, is_date_line, self._inside)
        if not chrome.paragraphs:
            raise self._fatal("expected the text of a report, found only page chrome", 0, 1)
        lines = chrome.paragraphs
        page_title = self.document.page_title or chrome.title
        page_date = self.document.page_date or chrome.date
        bounds = self._sections(lines)
        first = next((b for b in bounds if b is not None), len(lines))
        head = self._head(lines[:first], page_title)
        title, preamble = self._title(head)

        def region(k: int) -> list[Paragraph]:
            start = bounds[k]
            if start is None:
                return []
            later = [b for b in bounds[k + 1 :] if b is not None]
            return lines[start + 1 : later[0] if later else len(lines)]

        agency, year = title_metadata(title)
        if agency and not _plausible_agency(agency):
            self._warn(
                f"expected the agency's name before the year in the title, found "
                f"{_clipped(agency)}: not taken as the agency",
                head[0],
            )
            agency = ""
        tail = region(5)
        other, _, agency, date = split_tail(agency, [x.text for x in tail])
        dated = [*tail[len(other) :]]
        if not agency:
            self._warn(
                "expected the agency's name in the title or the signature, found none: the "
                "agency is left empty",
                head[0] if head[0] is not _NO_TITLE else lines[0],
            )
        if date is None and page_date is not None:
            date = is_date_line(page_date.text)  # the page's publication line
            dated.append(page_date)
        year = self._year(year, [*lines, *dated], head, preamble, date)
        self._metadata(head, agency, dated, date)

        def heading(k: int) -> Paragraph:
            found = bounds[k]
            return lines[found] if found is not None else lines[-1]

        for k, section in enumerate(SECTIONS[1:4], 1):
            self._place(f"$.{section.key}", heading(k))
        disclosure_cells = self._cells(region(1), SECTIONS[1].heading)
        request_cells = self._cells(region(2), SECTIONS[2].heading)
        spec = template(self._version(year, lines[0], [*disclosure_cells, *request_cells]))
        disclosure = self._disclosure(spec, disclosure_cells, region(1), heading(1))
        requests = self._requests(_requests_spec(spec, request_cells), request_cells, heading(2))
        review = self._review(spec.review_litigation, region(3), heading(3))
        self._front_end(lines)
        return Report(
            version=spec.version,
            agency=agency,
            year=year,
            title=title,
            publication_date=date,
            preamble=self._paragraphs("$.preamble", preamble),
            overview=self._overview(region(0)),
            disclosure=disclosure,
            requests=requests,
            review_litigation=review,
            problems=self._paragraphs("$.problems", region(4)),
            other_matters=self._paragraphs("$.other_matters", tail[: len(other)]),
            trailer=self._paragraphs("$.trailer", tail[len(other) :]),
        )

    def _front_end(self, lines: Sequence[Paragraph]) -> None:
        """Report what the front-end found (:attr:`Document.findings`) at the places inside
        this report's paragraphs."""
        first, last = lines[0].at, lines[-1].at + len(lines[-1].text)
        for severity, message, at, text in self.document.findings:
            if not first <= at <= last:
                continue
            if severity is Severity.ERROR:
                self.problem(message, at, max(len(text), 1))
            else:
                self._note(severity, message, at, text)

    def _head(self, head: list[Paragraph], page_title: Paragraph | None) -> list[Paragraph]:
        """The lines before section 一, the title first: the first of them that is a report's
        title (one of two lines, the agency on the first, joined), else the page's title; else
        none, with a warning. Lines before the title are the page's, not the report's: not
        kept, with a warning."""
        for i, line in enumerate(head[:_TITLE_SEARCH]):
            if not is_title(line.text):
                continue
            if i and not title_metadata(line.text)[0] and _looks_like_agency(head[i - 1].text):
                i -= 1  # the agency on a line of its own above "2021年…报告"
            if i:
                self._warn(
                    f"expected the title first, found {_clipped(head[0].text)}"
                    f"{f' and {i - 1} more line' + ('s' if i > 2 else '') if i > 1 else ''} "
                    "before it: not kept (page text, not the report's)",
                    head[0],
                )
            return head[i:]
        if page_title is not None:
            return [page_title, *head]  # a page that prints its title only outside the report
        self._warn(
            f"expected a title line such as “{report_title('某局', 2021)}” before the report, "
            f"found {_clipped(head[0].text) if head else 'none'}: the report has no title",
            head[0] if head else self.document.paragraphs[0],
        )
        return [_NO_TITLE, *head]

    def _warn(self, message: str, where: Cell) -> None:
        self._note(Severity.WARNING, message, where.at, where.text)

    def _note(self, severity: Severity, message: str, at: int, text: str) -> None:
        """A warning or a note (never raised), at the place ``at`` where ``text`` was read."""
        self.notes.append(
            Diagnostic(severity=severity, message=message, source=self.document.locate(at, text))
        )

    def _metadata(
        self,
        head: Sequence[Paragraph],
        agency: str,
        trailer: Sequence[Paragraph],
        date: datetime.date | None,
    ) -> None:
        """Record where the title, agency and publication date were read (the year: _year)."""
        places = self.places.paths
        if head and head[0] is not _NO_TITLE:
            first = head[0]
            places["$.title"] = (first.at, first.text)
        if agency:
            where = next((x for x in (*head[:1], *trailer) if agency in x.text), None)
            if where is not None:
                places["$.agency"] = (self._inside(where, where.text.index(agency)), agency)
        if date is not None:
            line = next(x for x in trailer if is_date_line(x.text) == date)
            places["$.publication_date"] = (line.at, line.text)

    def _sections(self, lines: list[Paragraph]) -> list[int | None]:
        bounds: list[int | None] = []
        at = 0
        for k, section in enumerate(SECTIONS):
            first = section.heading[0]
            found = next(
                (
                    i
                    for i in range(at, len(lines))
                    if lines[i].text[0] in (first, "#") and is_heading(lines[i].text, k)
                ),
                None,
            )
            if found is None:
                found = self._misprinted(lines, at, k)
            if found is None:
                found = self._renumbered(lines, at, k)
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

    def _renumbered(self, lines: list[Paragraph], at: int, k: int) -> int | None:
        """The first line from ``at`` (before the next section's heading) that is the heading
        of section ``k`` numbered as the section before it (a report whose 二–六 are printed
        as 一–五) or not numbered at all, with a warning."""
        later = SECTIONS[k + 1] if k + 1 < len(SECTIONS) else None
        off, bare = _OFF_BY_ONE[k], _UNNUMBERED[k]
        for i in range(at, len(lines)):
            text = lines[i].text
            if later is not None and text[0] == later.heading[0] and is_heading(text, k + 1):
                return None
            key = fold(text.lstrip("#").lstrip())
            how = "numbered as the section before it" if key in off else ""
            if key in bare:
                how = "not numbered"
            if how:
                self._note(
                    Severity.WARNING,
                    f"the heading {SECTIONS[k].heading} is printed {how}: {text}",
                    lines[i].at,
                    text,
                )
                return i
        return None

    def _misprinted(self, lines: list[Paragraph], at: int, k: int) -> int | None:
        """The first line from ``at`` that misprints the heading of section ``k`` (before the
        next section's heading), with a warning naming both."""
        later = SECTIONS[k + 1] if k + 1 < len(SECTIONS) else None
        first = SECTIONS[k].heading[0]
        for i in range(at, len(lines)):
            text = lines[i].text
            if later is not None and text[0] == later.heading[0] and is_heading(text, k + 1):
                return None
            if text[0] in (first, "#") and misprinted_heading(text, k) is not None:
                self._note(
                    Severity.WARNING,
                    f"the heading {SECTIONS[k].heading} is printed as {text}: "
                    "read as that heading, misprinted",
                    lines[i].at,
                    text,
                )
                return i
        return None

    def _title(self, lines: list[Paragraph]) -> tuple[str, list[Paragraph]]:
        if not lines:
            return "", []
        title, rest = MARKDOWN_HEADING.sub("", lines[0].text), lines[1:]
        if (
            rest
            and title_metadata(title)[1] is None
            and _YEAR_START.match(normalize(rest[0].text))
            and rest[0].text.endswith("报告")
        ):
            title, rest = title + rest[0].text, rest[1:]
        return title, rest

    def _year(
        self,
        year: int | None,
        lines: list[Paragraph],
        head: list[Paragraph],
        preamble: list[Paragraph],
        date: datetime.date | None,
    ) -> int:
        """The report year: the title's; else the first Arabic year of the preamble; else the
        year before the publication date, with a warning (nothing printed says it). Records
        where it was read."""
        places = self.places.paths
        if year is not None:
            for line in head[:2]:  # the title, perhaps joined from two lines
                found = _YEAR.search(normalize(line.text))
                if found:
                    places["$.year"] = (self._inside(line, found.start()), found.group())
                    break
        else:
            for paragraph in preamble:
                found = _YEAR.search(normalize(paragraph.text))
                if found and found.group(1):
                    year = int(found.group(1))
                    places["$.year"] = (self._inside(paragraph, found.start()), found.group())
                    break
        if year is None and date is not None:
            year = date.year - 1
            where = next((x for x in lines if is_date_line(x.text) == date), lines[0])
            self._note(
                Severity.WARNING,
                f"the title names no report year: taken as {year}, the year "
                f"before the publication date {date.isoformat()}",
                where.at,
                where.text,
            )
        if year is None or not 2019 <= year <= 9999:
            message = (
                "expected the report year in the title, such as "
                f"“{report_title('某局', 2021)}”, found {lines[0].text}"
            )
            raise self._fatal(message, lines[0].at, len(lines[0].text))
        return year

    def _version(self, year: int, first: Paragraph, cells: list[Cell]) -> TemplateVersion:
        text = "".join(c.key for c in cells)
        told = version_by_markers(text)
        if told is not None:
            return told
        old = sum(fold(m) in text for m in template(TemplateVersion.V2019).markers)
        guess = TemplateVersion.V2021 if year >= 2021 else TemplateVersion.V2019
        markers = "、".join(m for v in TemplateVersion for m in template(v).markers)
        self._at_line(
            f"expected labels that tell the template version ({markers}), found "
            f"{old} of each version; assuming the {guess.value} template from the year",
            first,
        )
        return guess

    def _overview(self, lines: list[Paragraph]) -> Overview:
        intro: list[Paragraph] = []
        parts: list[list[Paragraph]] = []
        for line in lines:
            if is_part_start(line.text):
                parts.append([line])
            elif parts:
                parts[-1].append(line)
            else:
                intro.append(line)
        return Overview(
            intro=self._paragraphs("$.overview.intro", intro),
            parts=tuple(
                self._paragraphs(f"$.overview.parts[{i}]", part) for i, part in enumerate(parts)
            ),
        )

    # --- tables

    def _cells(self, lines: list[Paragraph], section: str) -> list[Cell]:
        """The cells of a table section's paragraphs, in order. A paragraph that its format
        marks as prose (outside any table) is no cell: the template has no place for it, so it
        is not kept, with one warning for the section."""
        cells: list[Cell] = []
        is_prose = self.document.is_prose
        prose: list[Paragraph] = []
        dense = _dense(lines)
        previous: Paragraph | None = None
        for line in lines:
            if dense and line.gap and line.single and previous is not None and previous.single:
                # One cell a line, no blank lines between cells: each blank line is an empty cell.
                cells.extend(Cell("", line.at, explicit=True) for _ in range(line.gap))
            previous = line
            if line.single:  # most lines of a table are one cell each
                if is_prose(line):
                    prose.append(line)
                else:
                    cells.append(line.as_cell())
            else:
                cells.extend(line.cells())
        if prose:
            more = f" and {len(prose) - 1} more" if len(prose) > 1 else ""
            self._note(
                Severity.WARNING,
                f"{section} prints prose outside its tables, which the template has "
                f"no place for: not kept: {_clipped(prose[0].text)}{more}",
                prose[0].at,
                prose[0].text,
            )
        return cells

    def _disclosure(
        self, spec: TemplateSpec, cells: list[Cell], lines: list[Paragraph], heading: Paragraph
    ) -> Disclosure:
        blocks: list[Grid] = []
        at = 0
        for b, block in enumerate(spec.disclosure):
            following = spec.disclosure[b + 1].caption if b + 1 < len(spec.disclosure) else ""
            index = label_index(block, following)
            caption = {fold(block.caption)[0]: [Target(fold(block.caption), STOP, 0, "")]}
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
                blocks.append(Grid.filled(block, UNREAD))
                continue
            path = f"$.disclosure.{block.key}"
            grid, at = self._grid(block, cells, found[1], index, block.caption, path, following)
            blocks.append(grid)
        return Disclosure(tuple(blocks))

    def _requests(self, spec: GridSpec, cells: list[Cell], heading: Paragraph) -> Grid:
        name = SECTIONS[2].heading
        if not cells:
            self._at_line(f"expected the table of {name}, found none", heading)
            return Grid.filled(spec, UNREAD)
        index = label_index(spec)
        path = "$.requests"
        grid, problems, notes = self._attempt(
            lambda: self._grid(spec, cells, 0, index, name, path)[0]
        )
        if not problems:
            self.notes += notes
            return grid
        first = self.places.grids[path]
        # Text from PDF extractors: group labels scattered a piece at a time among the rows,
        # row labels broken around their values. Read so only if then every row reads.
        loose = without_group_pieces(spec, cells, index)
        retry, more, retry_notes = self._attempt(
            lambda: self._grid(spec, loose, 0, index, name, path, split=True)[0]
        )
        if not more:
            self.notes += retry_notes
            return retry
        centred, still, centred_notes = self._attempt(
            lambda: self._centred(spec, loose, index, name, path)
        )
        if not still and centred is not None:
            self.notes += centred_notes
            return centred
        self.places.grids[path] = first
        self.notes += notes
        for problem in problems:
            self._report(problem)
        return grid

    def _centred(
        self, spec: GridSpec, cells: list[Cell], index: Index, name: str, path: str
    ) -> Grid | None:
        """Table 3 as PDF extractors print vertically centred rows: a row's values on the line
        before its label, or inside its broken label, or after it. Each run of a row's count of
        values goes to the label next to it (before or after: see :func:`_assign`); read so only
        when every row of the table gets exactly one run that way, with a note for each run
        printed before its label; else None (the rows stay unread, never guessed)."""
        width, end = len(spec.columns), len(cells)
        headers = header_keys(spec)
        at = next((i for i in range(end) if match(cells, i, end, index)), end)
        if any(_is_number(c.key) for c in cells[:at] if _HAS_DIGIT.search(c.key)):
            return None  # a number among the header cells: never taken (see _stray_numbers)
        # Labels (row, label cell, the values inside it or None) and runs (-1, first, values).
        items: list[tuple[int, Cell, list[Cell] | None]] = []
        loose: list[Cell] = []

        def close_run() -> bool:
            if len(loose) % width:
                return False
            for k in range(0, len(loose), width):
                items.append((-1, loose[k], loose[k : k + width]))
            loose.clear()
            return True

        expected = 0
        while at < end:
            cell = cells[at]
            found = match_split(cells, at, end, index, width) if cell.key else None
            if found is None and expected < len(spec.rows):
                misprint = self._misprinted_row(spec, cells, at, end, expected, index)
                found = (misprint[0], misprint[1], []) if misprint else None
            if found is not None:
                target, after, inner = found
                if target.kind == ROW:
                    if target.index != expected or not close_run():
                        return None
                    if inner and len(inner) != width:
                        return None
                    items.append((target.index, cell, inner or None))
                    expected += 1
                at = after
                continue
            if cell.key and _is_wordy(cell.key) and not _is_header_text(cell, headers):
                return None  # text that is no label and no value: not this layout
            if not _is_header_text(cell, headers):
                loose.append(cell)
            at += 1
        if expected != len(spec.rows) or not close_run():
            return None
        assignment = _assign(items)
        if assignment is None:
            return None
        rows: list[tuple[Value, ...]] = [(UNREAD,) * width for _ in spec.rows]
        placed: list[list[Cell] | Cell | None] = [None] * len(spec.rows)
        self.places.grids[path] = (spec, placed)
        for row, (label, values, before) in assignment.items():
            if before:
                self._note(
                    Severity.NOTE,
                    f"the values {_shown(values)} printed before the row label "
                    f"{spec.rows[row].label} are its: the one way that every row of "
                    f"{name} gets its {width} values from the values beside its label",
                    values[0].at,
                    values[0].text,
                )
            self._finish(spec, row, label, values, rows, placed, name, row + 1, "")
        return Grid(spec, tuple(rows))

    def _attempt(self, run: Callable[[], _T]) -> tuple[_T, list[GovInfoError], list[Diagnostic]]:
        """Run ``run`` collecting its problems (instead of raising or reporting them) and its
        warnings and notes (kept only if its reading is the one taken)."""
        strict, saved, notes = self.strict, self.problems, self.notes
        self.strict, self.problems, self.notes = False, [], []
        try:
            return run(), self.problems, self.notes
        finally:
            self.strict, self.problems, self.notes = strict, saved, notes

    def _report(self, error: GovInfoError) -> None:
        if self.strict:
            raise error
        self.problems.append(error)

    def _grid(
        self,
        spec: GridSpec,
        cells: list[Cell],
        at: int,
        index: Index,
        name: str,
        path: str,
        stop: str = "",
        *,
        split: bool = False,
    ) -> tuple[Grid, int]:
        """Read a grid's header and rows from ``cells[at:]``; stop at its stop label. A row
        that is not found or cannot be read stays unread."""
        end = len(cells)
        headers = header_keys(spec)
        rows: list[tuple[Value, ...]] = [(UNREAD,) * len(spec.columns) for _ in spec.rows]
        placed: list[list[Cell] | Cell | None] = [None] * len(spec.rows)
        self.places.grids[path] = (spec, placed)
        found = None
        start = at
        while at < end:
            found = match(cells, at, end, index)
            if found is not None:
                break
            at += 1
        self._stray_numbers(
            cells[start:at],
            f"expected the header cells of {name} before the row label {spec.rows[0].label}",
        )
        if found is None or found[0].kind == STOP:
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
        inner: tuple[Target, int, list[Cell]] | None = None
        while True:
            if at < end:
                key = cells[at].key
                if not key or key[0] not in index:  # most cells: a value, no label begins so
                    if not _is_header_text(cells[at], headers):
                        values.append(cells[at])
                    at += 1
                    continue
                if split:
                    inner = match_split(cells, at, end, index, len(spec.columns))
                    found = (inner[0], inner[1]) if inner else None
                else:
                    found = match(cells, at, end, index)
            else:
                found = None
            if found is not None and found[0].kind == ROW and found[0].index < expected:
                found = None  # a label seen already is text among the values
            if found is None and at < end and expected < len(spec.rows):
                found = self._misprinted_row(spec, cells, at, end, expected, index)
            if found is None and at < end:
                if not _is_header_text(cells[at], headers):
                    values.append(cells[at])
                at += 1
                continue
            self._finish(spec, row, label_cell, values, rows, placed, name, expected, stop)
            values = []
            if found is None or found[0].kind == STOP:
                break
            target, after = found
            if target.kind == ROW:
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

    def _misprinted_row(
        self, spec: GridSpec, cells: list[Cell], at: int, end: int, expected: int, index: Index
    ) -> tuple[Target, int] | None:
        """The row label expected next, misprinted in the cells from ``at`` (see
        :data:`MISPRINT_SHARE_LABEL`): the label and the index after it, with a warning; None
        when the cells are not that close to it, or as close to another label (an error)."""
        key = cells[at].key
        if not _is_wordy(key):
            return None
        label = spec.rows[expected].label
        wanted = fold(label)
        bound = len(wanted) // MISPRINT_SHARE_LABEL
        enumerator = _ENUMERATOR.match(wanted)
        if bound == 0 or (enumerator is not None and not key.startswith(enumerator.group())):
            return None
        printed, j, best = "", at, None
        while j < end and len(printed) < len(wanted) + bound:
            more = cells[j].key
            if not more or _is_number(more):
                break
            printed += more
            j += 1
            if printed[-1] != wanted[-1]:
                continue  # a label cut short is broken (its rest may follow), not misprinted
            cost = edits(printed, wanted, bound)
            if cost <= bound and (best is None or cost < best[0]):
                best = (cost, j, printed)
        if best is None:
            return None
        cost, after, printed = best
        others = [
            t.label
            for targets in index.values()
            for t in targets
            if t.label != label and edits(printed, t.key, bound) <= cost
        ]
        shown = "".join(c.text for c in cells[at:after])
        if others:
            self._at_cell(
                f"expected the row label {label}, found {shown}, as close to {others[0]}: "
                "which of the two it misprints is not printed",
                cells[at],
            )
            return None
        self._note(
            Severity.WARNING,
            f"the row label {label} is printed as {shown}: read as that label, misprinted",
            cells[at].at,
            shown,
        )
        target = next(t for t in index[wanted[0]] if t.kind == ROW and t.index == expected)
        return target, after

    def _stray_numbers(self, cells: Sequence[Cell], expected: str) -> None:
        """One error at the first number among header cells, saying how many there are: a
        number there is never taken by position, and one diagnostic per number would make a
        page of junk cost time and memory by the square of its size."""
        numbers = [c for c in cells if _HAS_DIGIT.search(c.key) and _is_number(c.key)]
        if numbers:
            more = len(numbers) - 1
            also = f" and {more} more number{'s' if more > 1 else ''}" if more else ""
            self._at_cell(f"{expected}, found the number {numbers[0].text}{also}", numbers[0])

    def _finish(
        self,
        spec: GridSpec,
        row: int | None,
        label: Cell,
        values: list[Cell],
        rows: list[tuple[Value, ...]],
        placed: list[list[Cell] | Cell | None],
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
        spread = _spread(values, len(columns)) if len(values) < len(columns) else None
        if spread is not None:
            values = spread
        if len(values) != len(columns):
            placed[row] = label
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
                f"expected {count} for the row {row_label} ({self._line_of(label)}), found {found}"
            )
            self._at_cell(message, values[len(columns)] if len(values) > len(columns) else label)
            return
        out: list[Value] = []
        plain = _PLAIN_COUNT
        previous: Cell | None = None
        for cell, column in zip(values, columns, strict=True):
            text = cell.text
            if type(cell) is SpanCell:
                once = cell is not previous  # a cell spread over columns is said once
                out.append(self._spanned(cell, column, row_label, spread is not None, once))
            elif column.kind is ColumnKind.COUNT and plain(text) and cell.key == text:
                # The common case, without a call. (A front-end may mark digits it could not
                # read as unread by their key: then _value reads the key.)
                out.append(int(text))
            else:
                out.append(self._value(cell, column, row_label))
            previous = cell
        rows[row] = tuple(out)
        placed[row] = values

    def _spanned(
        self, cell: SpanCell, column: ColumnSpec, row: str, spread: bool, once: bool = True
    ) -> Value:
        """The value of a cell printed across several slots of its table. One template cell
        under it (2021 table 2's 行政许可: one column as wide as four) is that cell; a number
        across several template cells (beside or below) is in none of them: unread, with an
        error once where it is printed; a blank or a placeholder stands in each."""
        value = self._value(cell, column, row)
        across = cell.rows > 1 or (spread and cell.columns > 1)
        if not across or value is BLANK or value is UNREAD or isinstance(value, Placeholder):
            return value
        if once and not cell.continued:
            how = []
            if spread and cell.columns > 1:
                how.append(f"{cell.columns} columns")
            if cell.rows > 1:
                how.append(f"{cell.rows} rows")
            self._at_cell(
                f"expected one number for each cell of the row {row}, found the number "
                f"{cell.text} printed across {' and '.join(how)}: which cell holds it is not "
                "printed, so they stay unread",
                cell,
            )
        return UNREAD

    def _value(self, cell: Cell, column: ColumnSpec, row: str) -> Value:
        key = cell.key
        if not key or key == BLANK_KEY:
            return BLANK
        if key == UNREAD_KEY:
            return UNREAD
        if "\ufffd" in key or is_heading(cell.text):
            # A character that could not be read (U+FFFD, as a lone surrogate reads), or a
            # section's heading: no value, and never a placeholder.
            what = "a section's heading" if is_heading(cell.text) else "an unreadable character"
            self._at_cell(
                f"expected a value in the column {column.label} of the row {row}, found {what}: "
                f"{_clipped(cell.text)}",
                cell,
            )
            return UNREAD
        if not _HAS_DIGIT.search(key):
            if column.kind in _WHOLE and _CHINESE_NUMBER.fullmatch(key):
                return self._chinese(cell, column, row)
            return Placeholder(cell.text)
        kind = column.kind
        found = cell.text
        if _SPACED_DIGITS.search(found):  # "1 0" in one cell: two numbers, or one split? unsaid
            self._at_cell(
                f"expected one number in the column {column.label} of the row {row}, found "
                f"{found}: digits apart are several numbers, or one printed apart",
                cell,
            )
            return UNREAD
        if kind is ColumnKind.COUNT or kind is ColumnKind.DELTA:
            if key.isascii() and key.isdigit() and len(key) <= MAX_DIGITS:
                return int(key)
            what = "a whole number" if kind is ColumnKind.COUNT else "a signed whole number"
            signed = _SIGNED.fullmatch(key)
            sign = signed.group(1) if signed else ""
            if signed is None and kind is ColumnKind.DELTA:
                signed = _WORD_SIGNED.fullmatch(key)
                sign = _WORD_SIGNS[signed.group(1)] if signed else ""
            if signed and (kind is ColumnKind.DELTA or not sign):
                digits = signed.group(2).replace(",", "")
                if len(digits) <= MAX_DIGITS:  # before int(): it refuses more than 4,300 digits
                    number = int(digits)
                    return -number if sign == "-" else number
                what += f" of at most {MAX_DIGITS} digits"
                found = _long(found, len(digits))
        else:
            # Money is in the unit its column header states; an amount carries its own.
            unit = unit_from_header(column.label) if kind is ColumnKind.MONEY else None
            what = (
                f"an amount in {unit.value}"
                if unit
                else f"an amount with its unit ({'、'.join(u.value for u in Unit)})"
            )
            try:
                amount = parse_amount(cell.text, default_unit=unit)
            except GovInfoError:
                pass
            else:
                if kind is ColumnKind.AMOUNT or amount.unit is unit:
                    value = amount if kind is ColumnKind.AMOUNT else amount.value
                    if cell_fits(kind, value):
                        return value
                    what += f" of at most {MAX_DIGITS} digits before the point and as many after"
                    found = _long(found, len(_HAS_DIGIT.findall(key)))
        self._at_cell(
            f"expected {what} in the column {column.label} of the row {row}, found {found}",
            cell,
        )
        return UNREAD

    def _chinese(self, cell: Cell, column: ColumnSpec, row: str) -> Value:
        """A count printed in Chinese numerals (一百零五, 两千, 〇): the number it is, with a
        note; a numeral that is not a whole number of the column's kind is an error."""
        try:
            number = parse_number(cell.text.strip())
        except GovInfoError:
            number = None
        signed = column.kind is ColumnKind.DELTA
        if type(number) is int and (signed or number >= 0) and abs(number) < 10**MAX_DIGITS:
            self._note(
                Severity.NOTE,
                f"read the number {cell.text} in the column {column.label} of the "
                f"row {row}, printed in Chinese numerals, as {number}",
                cell.at,
                cell.text,
            )
            return number
        what = "a signed whole number" if signed else "a whole number"
        self._at_cell(
            f"expected {what} in the column {column.label} of the row {row}, found {cell.text}",
            cell,
        )
        return UNREAD

    def _review(self, spec: GridSpec, lines: list[Paragraph], heading: Paragraph) -> Grid:
        name = SECTIONS[3].heading
        cells = self._cells(lines, name)
        pieces = fragments(spec)
        last = -1
        for i, cell in enumerate(cells):
            if (cell.header and not _is_number(cell.key)) or cell.key in pieces:
                last = i
        self._stray_numbers(
            cells[: last + 1], f"expected the header cells of {name} before its values"
        )
        values = cells[last + 1 :]
        width = len(spec.columns)
        size = width * len(spec.rows)
        spread = _spread(values, size)
        if spread is not None:
            values = spread
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
            return Grid.filled(spec, UNREAD)
        wordy = next((c for c in values if _is_wordy(c.key)), None)
        if wordy is not None:  # taken by position, so text is prose, never a placeholder
            self._at_cell(
                f"expected the {size} values of {name} after its header, found the text "
                f"{_clipped(wordy.text)}",
                wordy,
            )
            return Grid.filled(spec, UNREAD)
        rows = []
        placed: list[list[Cell] | Cell | None] = []
        self.places.grids["$.review_litigation"] = (spec, placed)
        for r, row in enumerate(spec.rows):
            chunk = values[r * width : (r + 1) * width]
            placed.append(chunk)
            pairs = zip(chunk, spec.columns, strict=True)
            values_read: list[Value] = []
            previous: Cell | None = None
            for c, col in pairs:
                if type(c) is SpanCell:
                    spanned = self._spanned(
                        c, col, row.label, spread is not None, c is not previous
                    )
                    values_read.append(spanned)
                else:
                    values_read.append(self._value(c, col, row.label))
                previous = c
            rows.append(tuple(values_read))
        return Grid(spec, tuple(rows))


def _dense(lines: Sequence[Paragraph]) -> bool:
    """Whether a table printed one cell a line has no blank lines between its cells: more of
    its label lines (a row's or a group's, two ideographs or more) follow the line before them
    directly than after a blank line. Then a blank line between two one-cell lines is an empty
    cell. In the official layout a blank line stands before every label, and only separates;
    numbers printed before a table's first label, however many, do not make it dense."""
    if all(line.gap for line in lines[1:]):
        return False  # a blank line before every line: the official layout (the common case)
    two = _TWO_IDEOGRAPHS.search
    labels = [line.gap for line in lines[1:] if line.single and two(line.text)]
    direct = labels.count(0)
    return direct > len(labels) - direct


_TWO_IDEOGRAPHS: Final = re.compile("[\u4e00-\u9fff][^\u4e00-\u9fff]*[\u4e00-\u9fff]")


def _assign(
    items: list[tuple[int, Cell, list[Cell] | None]],
) -> dict[int, tuple[Cell, list[Cell], bool]] | None:
    """Each row label's run of values, in a sequence of labels (``row`` ≥ 0, with the values
    printed inside the label, or None) and runs (``row`` -1): a run goes to the label right
    after it or right before it, and every label gets exactly one. Reading left to right, a run
    after a label that has none is that label's (were it the next one's, that label would be
    left without), else the next label's: so an assignment, when there is one, is the only
    one. Returns row -> (label cell, values, printed before the label), or None."""
    out: dict[int, tuple[Cell, list[Cell], bool]] = {}
    pending: list[Cell] | None = None  # a run waiting for the label after it
    waiting: tuple[int, Cell] | None = None  # a label waiting for the run after it
    for row, cell, values in items:
        if row < 0:
            assert values is not None
            if waiting is not None:
                out[waiting[0]] = (waiting[1], values, False)
                waiting = None
            elif pending is None:
                pending = values
            else:
                return None  # two runs for one label
        elif waiting is not None:
            return None  # the label before got no run
        elif values is not None:  # the values inside a broken label
            if pending is not None:
                return None
            out[row] = (cell, values, False)
        elif pending is not None:
            out[row] = (cell, pending, True)
            pending = None
        else:
            waiting = (row, cell)
    if pending is not None or waiting is not None:
        return None
    return out


def _spread(values: list[Cell], width: int) -> list[Cell] | None:
    """``values`` with each cell that spans columns repeated once per column, when that, and
    only that, makes ``width`` of them; else None (the cells are read one each)."""
    if len(values) >= width:
        return None
    spans = [c.columns for c in values]
    if sum(spans) != width:
        return None
    return [c for c, n in zip(values, spans, strict=True) for _ in range(n)]


def _is_header_text(cell: Cell, headers: frozenset[str]) -> bool:
    """A header cell among the rows: one of the grid's header labels, whole (the header
    printed again after a page break), or a text cell of a Markdown header row (converters
    split table 3 into one table per group, each with its own header row, real or invented)."""
    return cell.key in headers or (cell.header and bool(cell.key) and not _is_number(cell.key))


def _clipped(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def _long(text: str, digits: int) -> str:
    """A too long number for a message: its start and how many digits it has."""
    return text if len(text) <= 40 else f"{text[:20]}… ({digits} digits)"


def _is_number(key: str) -> bool:
    return bool(_SIGNED.fullmatch(key) or _DECIMAL.fullmatch(key))


def _is_wordy(key: str) -> bool:
    """Whether a cell looks like a label rather than a value: several ideographs."""
    return sum(1 for ch in key if "\u4e00" <= ch <= "\u9fff") >= 4


def _diagnostic(error: GovInfoError) -> Diagnostic:
    if isinstance(error, LocatedError):
        return Diagnostic(
            severity=Severity.ERROR, message=error.reason, source=error.span, excerpt=error.excerpt
        )
    if isinstance(error, ReadError):
        return Diagnostic(severity=Severity.ERROR, message=error.reason, source=error.source)
    return Diagnostic(severity=Severity.ERROR, message=str(error))


def assemble(document: Document, *, strict: bool) -> tuple[Report, tuple[Diagnostic, ...], Places]:
    """The report a document holds, what the reading has to say, and where each value was
    read. ``strict``: raise at the first error. Raises even when not strict if no report can
    be built at all (no text, or no report year anywhere)."""
    assembler = Assembler(document, strict=strict)
    report = assembler.assemble()
    return report, assembler.diagnostics(), assembler.places


def split_reports(document: Document) -> list[int]:
    """The paragraph indexes at which each report of ``document`` begins: ``[0]`` for one.

    A report begins again where the heading of 一 follows the headings of a report (一 and at
    least 二 before it); it begins at the first title line ("…年…报告") after the previous
    report's last heading, else at that heading of 一.
    """
    lines = document.paragraphs
    starts = [0]
    seen = 0  # sections of the current report whose headings were found, in order
    last = 0  # the paragraph of the current report's last heading
    for i, line in enumerate(lines):
        content = line.text
        if content[0] not in _HEADING_STARTS:
            continue
        if seen >= 2 and is_heading(content, 0):
            starts.append(
                next(
                    (j for j in range(last + 1, i) if is_title(lines[j].text)),
                    i,
                )
            )
            seen, last = 1, i
        elif seen < len(SECTIONS) and is_heading(content, seen):
            seen, last = seen + 1, i
    return starts


def version_by_markers(folded: str) -> TemplateVersion | None:
    """The template version whose marker labels (every one a label of table 2 or 3) the folded
    text holds more of; None when it holds as many of each."""
    counts = {v: sum(fold(m) in folded for m in template(v).markers) for v in TemplateVersion}
    old, new = counts[TemplateVersion.V2019], counts[TemplateVersion.V2021]
    if old == new:
        return None
    return TemplateVersion.V2019 if old > new else TemplateVersion.V2021


def is_title(content: str) -> bool:
    """Whether a line is read as a report's title: it names a year and ends with 报告."""
    return content.endswith("报告") and title_metadata(content)[1] is not None


def documents(document: Document, starts: Sequence[int]) -> Iterator[Document]:
    """``document`` cut at ``starts`` (from :func:`split_reports`): one document per report."""
    import copy

    lines = document.paragraphs
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        part = copy.copy(document)
        part.paragraphs = lines[start:end]
        yield part
