"""Flattened page text, with a second source: :func:`read_flat`.

``govinfo.read`` already reads a flattened page (a crawler's text whose table rows run their
numbers together: ``一、本年新收政府信息公开申请数量640020470``): it splits each run by the token
rules and the exact identities, and leaves unread, with its candidates, every cell the splits
disagree on. :func:`read_flat` reads the same way, and lets a second source decide cells left
open: the previous year's report of the same agency (its 结转下年度继续办理 is this year's
上年结转, by the catalogue's rules across years) or the same report in another format (an HTML
or Word copy of the page). A second source decides a cell only when it leaves it exactly one
candidate, and then with a warning naming the source: reports break continuity too.

>>> import govinfo
>>> from govinfo.formats.flat import read_flat
>>> from govinfo.template import template
>>> runs = {"carried_over": "110000011", "carried_forward": "110000011"}
>>> table3 = "".join(
...     row.label + runs.get(row.key, "0000000") for row in template("2021").requests.rows
... )
>>> page = (
...     "某局2022年政府信息公开工作年度报告\\n一、总体情况二、主动公开政府信息情况"
...     f"三、收到和处理政府信息公开申请情况{table3}四、政府信息公开行政复议、行政诉讼情况"
...     "五、存在的主要问题及改进情况六、其他需要报告的事项"
... ).encode()
>>> alone = govinfo.read(page)
>>> alone.report.requests["carried_over", "natural_person"]
UNREAD
>>> print(next(e.message for e in alone.errors if "自然人" in e.message))
the value in the column 自然人 of the row 二、上年结转政府信息公开申请数量 is not decided by
the run 110000011: it is 11, 1 in the 2 splits of the run
that satisfy every identity; the identities t3.balance,
t3.row_total do not decide it

The previous year's report carried 11 applications of natural persons forward:

>>> import attrs
>>> last = govinfo.Report.empty(govinfo.TemplateVersion.V2021, agency="某局", year=2021)
>>> rows = [(11, 0, 0, 0, 0, 0, 11) if r.key == "carried_forward" else (0,) * 7
...         for r in last.requests.spec.rows]
>>> last = attrs.evolve(last, requests=govinfo.Grid(last.requests.spec, tuple(rows)))
>>> both = read_flat(page, previous=last)
>>> both.report.requests["carried_over", "natural_person"]
11
>>> both.report.requests["carried_forward", "commercial_enterprise"]
0
>>> warned = [d for d in both.diagnostics if d.severity is govinfo.Severity.WARNING]
>>> print(warned[0].message)
the column 自然人 of the row 二、上年结转政府信息公开申请数量 is read as 11,
decided by the previous year's report (某局2021年) (t3.continuity) among the
candidates 11, 1: reports break continuity too; check it
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo.diagnostics import Diagnostic, Severity
from govinfo.errors import ReadError, SeveralReports
from govinfo.formats._assemble import assemble, documents, split_reports
from govinfo.formats._decode import Kind, decode
from govinfo.formats._flat import Source, document, is_flat
from govinfo.formats._result import ReadResult
from govinfo.formats._textlex import document as line_document
from govinfo.formats._textlex import uniform
from govinfo.model import Report

if TYPE_CHECKING:
    from govinfo.formats import Readable

__all__ = ["read_flat"]


def _source(given: object, what: str, previous: bool) -> Source | None:
    if given is None:
        return None
    if isinstance(given, ReadResult):
        report = given.report
        name = given.input.name if given.input is not None else None
    elif isinstance(given, Report):
        report, name = given, None
    else:
        raise ReadError(f"{what}: expected a Report or a ReadResult, got {type(given).__name__}")
    label = "the previous year's report" if previous else "the same report in another format"
    shown = name or f"{report.agency}{report.year}年"
    return Source(report, f"{label} ({shown})", previous)


def read_flat(
    source: Readable,
    *,
    previous: Report | ReadResult | None = None,
    counterpart: Report | ReadResult | None = None,
    strict: bool = False,
    name: str | None = None,
) -> ReadResult:
    """Read the one report of a flattened page (bytes, a path or a binary file, as
    :func:`govinfo.read`), letting ``previous`` (the previous year's report of the same
    agency) and ``counterpart`` (the same report read from another format) decide cells the
    identities leave open. Each cell so decided has a warning naming its source; a source that
    agrees with no split left open decides nothing, with a warning. Text that is not
    flattened is read as :func:`govinfo.read` reads it, and the sources are not used (a
    warning says so)."""
    from govinfo.formats import _bytes, _decoding

    sources = [
        s
        for s in (
            _source(previous, "previous", True),
            _source(counterpart, "counterpart", False),
        )
        if s is not None
    ]
    data, path = _bytes(source)
    name = path if name is None else name
    decoded = decode(data, name=name if name is not None else "<input>")
    text = uniform(decoded.text)
    flat = is_flat(text)
    parsed = document(text, uniformed=True, hints=sources) if flat else line_document(text)
    info, notes = _decoding(Kind.TEXT, decoded, name)
    if sources and not flat:
        unused = Diagnostic(
            severity=Severity.WARNING,
            message="the text is not flattened (no row of table 3 runs into its numbers): "
            + ", ".join(s.name for s in sources)
            + " not used",
        )
        notes = (*notes, unused)
    starts = split_reports(parsed) if parsed.paragraphs else [0]
    if len(starts) > 1:
        raise SeveralReports(
            tuple(parsed.locate(parsed.paragraphs[s].at, parsed.paragraphs[s].text) for s in starts)
        )
    (part,) = documents(parsed, starts)
    report, diagnostics, places = assemble(part, strict=strict)
    for s in sources:
        if s.previous and s.report.year != report.year - 1:
            notes = (
                *notes,
                Diagnostic(
                    severity=Severity.WARNING,
                    message=f"{s.name} is of {s.report.year}, not of the year before "
                    f"{report.year}: its cells were used as the previous year's",
                ),
            )
    return ReadResult(report=report, diagnostics=notes + diagnostics, input=info, places=places)
