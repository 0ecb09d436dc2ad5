"""The official text form of a report: read it exactly and tolerantly, write it canonically.

The text form is what people get when they copy a report from a web page: the title, the
preamble, the six section headings and their prose as lines, and every table cell on a line of
its own (see ``docs/text.md``).

>>> import govinfo
>>> with open(govinfo.example_path(".txt"), encoding="utf-8") as f:
...     report = parse_text(f.read())
>>> report == govinfo.load_example()
True
>>> report.requests["withheld_enforcement_files", "natural_person"]
1
>>> parse_text(render_text(report)) == report
True

Cells are matched to rows by their labels, never by counting numbers: a stray number makes an
error that names the row, and :func:`read_text` reads on past problems, reporting each one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govinfo.diagnostics import Diagnostic, Severity
from govinfo.errors import TextRenderError, TextSyntaxError
from govinfo.formats._assemble import (
    BLANK_KEY,
    BLANK_MARK,
    MARKDOWN_HEADING,
    UNREAD_KEY,
    UNREAD_MARK,
    assemble,
    header_keys,
    is_heading,
    is_part_start,
    is_title,
    label_keys,
    split_tail,
    title_metadata,
)
from govinfo.formats._chrome import is_leading_chrome, is_trailing_chrome
from govinfo.formats._decode import Kind
from govinfo.formats._document import TextDocument
from govinfo.formats._flat import text_document
from govinfo.formats._labels import fold
from govinfo.formats._result import InputInfo, ReadResult
from govinfo.formats._textlex import PAGE_MARKER, TABLE_RULE, kind_of, uniform
from govinfo.model import Blank, Grid, Placeholder, Report, Unread
from govinfo.model import Cell as Value
from govinfo.template import SECTIONS, ColumnKind, report_title
from govinfo.zh.amounts import Amount, format_amount

__all__ = [
    "BLANK_MARK",
    "UNREAD_MARK",
    "Diagnostic",
    "ParseResult",
    "TextRenderError",
    "parse_text",
    "read_text",
    "render_text",
]

ParseResult = ReadResult
"""What :func:`read_text` returns (the name it had before every format shared one result)."""


def _text(text: object) -> str:
    if not isinstance(text, str):
        raise TextSyntaxError(f"expected a str, found {type(text).__name__}", "", 0)
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _read(text: object, *, strict: bool) -> ReadResult:
    """The reading of report text. A lone surrogate (a str made from bytes with
    ``surrogateescape``, or by hand) is not a character: strictly, the error at its place;
    read on, each is an error and reads as U+FFFD, so the report can be written."""
    source = uniform(_text(text))
    errors: list[Diagnostic] = []
    try:
        source.encode("utf-8")  # a third of the time of a search for the surrogates
    except UnicodeEncodeError:
        shown = _SURROGATE.sub("\ufffd", source)  # the same places, and printable
        lines = TextDocument(shown, [])
        for bad in _SURROGATE.finditer(source):
            error = TextSyntaxError(
                f"expected text, found the lone surrogate U+{ord(bad.group()):04X}, which is "
                "not a character",
                shown,
                bad.start(),
                at=lines.position(bad.start()),
            )
            if strict:
                raise error from None
            errors.append(
                Diagnostic(
                    severity=Severity.ERROR,
                    message=error.reason,
                    source=error.span,
                    excerpt=error.excerpt,
                )
            )
        source = shown
    report, diagnostics, places = assemble(text_document(source, uniformed=True), strict=strict)
    return ReadResult(
        report=report,
        diagnostics=(*errors, *diagnostics),
        input=InputInfo(kind=Kind.TEXT),
        places=places,
    )


def parse_text(text: str) -> Report:
    """The report written in ``text``, in the official text form or one of its deviations.

    Raises :class:`~govinfo.TextSyntaxError` at the first problem, with the 1-based line and
    column, the line and a caret under the span, and what was expected and found. To get the
    warnings and the sources of a strict reading too, use ``read_text(text, strict=True)``.
    """
    return _read(text, strict=True).report


def read_text(text: str, *, strict: bool = False) -> ReadResult:
    """Like :func:`parse_text`, but reads on past problems: a cell that cannot be read is
    unread (never blank, never guessed), and each problem becomes a
    :class:`~govinfo.diagnostics.Diagnostic`. Raises only when no report can be built at all
    (no text, or no report year anywhere). With ``strict``, raises at the first error as
    :func:`parse_text` does, and returns the warnings, notes and sources of the reading.

    >>> result = read_text("某局2021年政府信息公开工作年度报告\\n一、总体情况\\n全年无事。")
    >>> result.report.agency, result.report.overview.intro
    ('某局', ('全年无事。',))
    >>> print(result.diagnostics[0])
    expected the heading 二、主动公开政府信息情况 after this line, found none (line 2, column 1)
    一、总体情况
    ^^
    >>> result.sources["$.agency"]
    TextSource(offset=0, length=2, line=1, column=1, text='某局')
    """
    return _read(text, strict=strict)


# --- writing ----------------------------------------------------------------------------------


def render_text(report: Report) -> str:
    """The canonical text form of ``report``; :func:`parse_text` reads it back as ``report``.

    The canonical form is the layout of the reference report with the template's own labels and
    punctuation: the title, the preamble, each section heading followed by its prose or its
    table, then the trailer; every line followed by one blank line. Table 2 is each block's
    caption, header cells, and every row label followed by its values; table 3 is its header
    cells in reading order, then each group label once and each row label followed by its 7
    values (a report on the single-（六） variant of 2021 prints （六）其他处理 as a row with its
    values, as 2019 does); table 4 is its header cells, then its 15 values. Prose is written
    verbatim.

    Cells: a count as digits ("4039"); a change (本年增/减) with its sign ("+461", "-18", "0");
    the fee as a plain decimal in the column's 万元 ("299.8145"); an amount with its unit
    ("251000元"); a placeholder verbatim ("/"); a blank cell as ``（空白）``; a cell govinfo
    could not read (:data:`~govinfo.model.UNREAD`) as ``（未读）``, which reads back as unread.

    The promise: ``parse_text(render_text(r)) == r``, and ``render_text(parse_text(t)) == t``
    for every canonical ``t``. A report that the text form cannot carry faithfully raises
    :class:`TextRenderError` naming what is in the way: the title must name the year (and the
    agency, if any, before it: "某局2021年政府信息公开工作年度报告"); the publication date must be
    the first date line of the trailer, which begins with the agency's name or that date; prose
    lines must not read as headings, part markers or page markers; placeholders must be one
    word that no label begins with, and neither the blank nor the unread mark.
    """
    _check(report)
    spec = report.template
    out: list[str] = [report.title, *report.preamble, SECTIONS[0].heading]
    out += report.overview.paragraphs()
    out.append(SECTIONS[1].heading)
    for block in report.disclosure:
        out.append(block.spec.caption)
        out += block.spec.header
        out += _rows(block)
    out.append(SECTIONS[2].heading)
    out += spec.requests.header
    out += _rows(report.requests)
    out.append(SECTIONS[3].heading)
    out += spec.review_litigation.header
    out += (_cell(c, column.kind) for _, column, c in report.review_litigation.items())
    out += [SECTIONS[4].heading, *report.problems, SECTIONS[5].heading, *report.other_matters]
    out += report.trailer
    return "\n\n".join(out) + "\n"


def _rows(grid: Grid) -> Iterator[str]:
    kinds = [c.kind for c in grid.spec.columns]
    for (row, groups), values in zip(grid.spec.groups(), grid.cells, strict=True):
        yield from groups
        yield row.label
        yield from (_cell(v, k) for v, k in zip(values, kinds, strict=True))


def _cell(cell: Value, kind: ColumnKind) -> str:
    if isinstance(cell, Blank):
        return BLANK_MARK
    if isinstance(cell, Unread):
        return UNREAD_MARK
    if isinstance(cell, Placeholder):
        return cell.text
    if isinstance(cell, Amount):
        return format_amount(cell)
    if kind is ColumnKind.DELTA and isinstance(cell, int) and cell > 0:
        return f"+{cell}"
    return format(cell, "f") if not isinstance(cell, int) else str(cell)


def _check(report: Report) -> None:
    if not isinstance(report, Report):
        raise TextRenderError(f"expected a Report, found {type(report).__name__}")
    if report.title.startswith("\ufeff"):
        raise TextRenderError(f"the title would lose its leading BOM: {report.title!r}")
    if MARKDOWN_HEADING.match(report.title):
        raise TextRenderError(f"the title would lose its Markdown marker: {report.title!r}")
    agency, year = title_metadata(report.title)
    if year != report.year:
        raise TextRenderError(
            f"the title must name the report year {report.year}, such as "
            f"“{report_title(report.agency, report.year)}”; got {report.title!r}"
        )
    if not is_title(report.title):  # the reader would take another line for the title
        raise TextRenderError(
            f"the title must end with 报告 and name the year, such as "
            f"“{report_title(report.agency, report.year)}”; got {report.title!r}"
        )
    if is_leading_chrome(report.title):  # the reader would drop it as the page's
        raise TextRenderError(
            f"the title would read as page chrome (a crawler's field, a breadcrumb, a "
            f"separator) and be dropped: {report.title!r}"
        )
    tail = [*report.other_matters, *report.trailer]
    if tail and is_trailing_chrome(tail[-1]):
        raise TextRenderError(
            f"the last paragraph would read as page furniture and be dropped: {tail[-1]!r}"
        )
    other, trailer, agency, date = split_tail(agency, tail)
    if (other, trailer, agency, date) != (
        report.other_matters,
        report.trailer,
        report.agency,
        report.publication_date,
    ):
        raise TextRenderError(
            "the text form reads the agency from the title (before the year), and the "
            "publication date from the first date line of the trailer, which begins with the "
            f"agency's name or that date: agency {report.agency!r} and publication date "
            f"{report.publication_date} would read back as {agency!r} and {date} "
            f"(trailer {trailer!r})"
        )
    prose = [report.title, *report.preamble, *report.overview.paragraphs(), *report.problems]
    for line in [*prose, *tail]:
        if is_heading(line) or kind_of(line) in (PAGE_MARKER, TABLE_RULE):
            raise TextRenderError(f"a prose line would read as a heading or marker: {line!r}")
    overview = report.overview
    for paragraph in overview.intro:
        if is_part_start(paragraph):
            raise TextRenderError(f"an intro paragraph of 一 opens with a marker: {paragraph!r}")
    for part in overview.parts:
        if not is_part_start(part[0]) or any(is_part_start(p) for p in part[1:]):
            raise TextRenderError(f"a part of 一 must open, and only open, with （N）: {part!r}")
    review = [fold(h) for h in report.review_litigation.spec.header]
    captions = [fold(b.spec.caption) for b in report.disclosure.blocks]
    for path, grid in report.grids():
        inside = path == "$.review_litigation"  # table 4's header is matched by fragments
        labels = review if inside else [*label_keys(grid.spec), *captions]
        if not inside:  # a whole header label among the rows is taken for a repeated header
            labels += header_keys(grid.spec)
        for row, column, cell in grid.items():
            if isinstance(cell, Placeholder) and not _safe(cell.text, labels, inside):
                raise TextRenderError(
                    f"{path}.{row.key}.{column.key}: the placeholder {cell.text!r} would not read "
                    "back: it must be one word, not the blank or unread mark, and part of no "
                    "label"
                )


def _safe(text: str, labels: list[str], inside: bool) -> bool:
    key = fold(text)
    if key in (BLANK_KEY, UNREAD_KEY) or text.startswith("|") or any(ch.isspace() for ch in text):
        return False
    if inside:
        return not any(key in label for label in labels)
    return not any(label.startswith(key) for label in labels)
