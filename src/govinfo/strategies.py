"""Hypothesis strategies for govinfo values, for this project's tests and for yours.

Needs the optional dependency ``hypothesis`` (``pip install 'govinfo-cn[strategies]'``); without
it, importing this module raises :class:`ModuleNotFoundError` saying so.

>>> from hypothesis import given
>>> @given(reports(consistent=True))
... def test_totals(report):
...     assert report.requests["new_received", "total"] >= 0
>>> test_totals()

Generated reports can be written in the text form and read back: the title names the agency and
the year, and the trailer opens with the agency's name or the publication date, as real reports
do (see :func:`govinfo.formats.text.render_text`).

``reports(consistent=True)`` yields only reports in which every identity of the template holds
(table 3 balances in every column, every 总计 is the sum of its parts, table 4's totals add up)
and that keep every other rule of :func:`govinfo.check`: published in the January after the
report year, a 2021-template report's section 六 stating the 信息处理费, prose that states no
number; :func:`stated_prose` writes sentences that state a report's tables. The other
reports have blanks, placeholders and unread cells anywhere and totals that need not add up.

Reports are drawn from every spec of :func:`govinfo.template.templates`: both versions and their
declared variants (a 2021 report with the single （六）其他处理 row); ``spec=`` draws from one.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

from govinfo import _distribution

try:
    from hypothesis import strategies as st
except ModuleNotFoundError:  # without Hypothesis, say which extra brings it
    _distribution.require("hypothesis", "strategies", "govinfo.strategies")
    raise

from govinfo.model import BLANK, UNREAD, Cell, Disclosure, Grid, Overview, Placeholder, Report
from govinfo.template import (
    ColumnKind,
    GridSpec,
    TemplateSpec,
    TemplateVersion,
    report_title,
    templates,
)
from govinfo.zh.amounts import Amount, Unit
from govinfo.zh.dates import DateStyle, format_date
from govinfo.zh.numerals import format_number

__all__ = [
    "PLACEHOLDER_TEXTS",
    "cells",
    "grids",
    "paragraphs",
    "placeholders",
    "reports",
    "stated_prose",
]

PLACEHOLDER_TEXTS = ("/", "—", "-", "--", "——", "不适用", "N/A", "无")
"""Placeholders seen in published reports."""

# Prose is drawn from ordinary report vocabulary; it never starts with a section or item
# marker, so it cannot be taken for a heading or a table label.
_WORDS = (
    "政务公开",
    "信息",
    "工作",
    "本机关",
    "进一步",
    "加强",
    "规范",
    "平台",
    "群众",
    "申请",
    "办理",
    "制度",
    "审核",
    "公开",
    "发布",
    "网站",
    "培训",
    "落实",
    "标准化",
    "监督",
    "2021年",
    "3条",
    "100%",
    "，",
    "。",
    "、",
    "“",
    "”",
    "（",
    "）",
    ":",
)
_STARTS = ("我局", "全年", "通过", "围绕", "坚持", "区政府", "本年度", "针对", "依法")
_ORDINALS = "一二三四五六七八九十"


def placeholders() -> st.SearchStrategy[Placeholder]:
    """Placeholders with the marks real reports print (:data:`PLACEHOLDER_TEXTS`)."""
    return st.sampled_from(PLACEHOLDER_TEXTS).map(Placeholder)


def _numbers(kind: ColumnKind) -> st.SearchStrategy[Cell]:
    counts = st.integers(0, 60) | st.integers(0, 10**9)
    if kind is ColumnKind.COUNT:
        return counts
    if kind is ColumnKind.DELTA:
        return st.integers(-5000, 5000)
    money = st.builds(
        lambda n, places: Decimal(n).scaleb(-places), st.integers(0, 10**12), st.integers(0, 6)
    )
    if kind is ColumnKind.MONEY:
        return money
    return st.builds(Amount, money, st.sampled_from(Unit))


def cells(kind: ColumnKind, *, holes: bool = True) -> st.SearchStrategy[Cell]:
    """Cells of a column of ``kind``: numbers, and with ``holes`` also blanks, placeholders and
    unread cells."""
    if not holes:
        return _numbers(kind)
    return st.one_of(
        _numbers(kind), _numbers(kind), st.just(BLANK), placeholders(), st.just(UNREAD)
    )


def grids(spec: GridSpec, *, holes: bool = True) -> st.SearchStrategy[Grid]:
    """Grids of ``spec`` with independent cells (totals need not add up)."""
    row = st.tuples(*(cells(c.kind, holes=holes) for c in spec.columns))
    return st.tuples(*(row for _ in spec.rows)).map(lambda rows: Grid(spec, rows))


def paragraphs(max_size: int = 3, *, numbers: bool = True) -> st.SearchStrategy[tuple[str, ...]]:
    """Up to ``max_size`` paragraphs of report-like prose: one line each, no surrounding
    spaces, as the model requires; ``numbers=False``: prose that states no number (so that it
    cannot contradict the tables)."""
    words = _WORDS if numbers else tuple(w for w in _WORDS if not any(c.isdigit() for c in w))
    paragraph = st.builds(
        lambda start, words: start + "".join(words),
        st.sampled_from(_STARTS),
        st.lists(st.sampled_from(words), max_size=12),
    )
    return st.lists(paragraph, max_size=max_size).map(tuple)


def _overviews(numbers: bool = True) -> st.SearchStrategy[Overview]:
    def numbered(bodies: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
        return tuple((f"（{_ORDINALS[i]}）{body[0]}", *body[1:]) for i, body in enumerate(bodies))

    part = paragraphs(numbers=numbers).filter(bool)
    return st.builds(
        lambda intro, parts: Overview(intro=intro, parts=numbered(parts)),
        paragraphs(2, numbers=numbers),
        st.lists(part, max_size=5),
    )


def _consistent_requests(spec: GridSpec) -> st.SearchStrategy[Grid]:
    """Table 3 in which every identity holds: rows add up across, results add up down, and
    新收 + 结转 = 总计 + 结转下年 in every column."""
    keys = [r.key for r in spec.rows]
    leaves = [r.key for r in spec.rows if r.parents and r.key != "results_total"]
    applicants = len(spec.columns) - 1

    @st.composite
    def build(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Grid:
        small = st.integers(0, 20) | st.integers(0, 5000)
        columns: dict[str, list[int]] = {k: [] for k in keys}
        for _ in range(applicants):
            results = {k: draw(small) for k in leaves}
            total = sum(results.values())
            forward = draw(small)
            over = draw(st.integers(0, total + forward))
            for k, v in results.items():
                columns[k].append(v)
            columns["results_total"].append(total)
            columns["carried_forward"].append(forward)
            columns["carried_over"].append(over)
            columns["new_received"].append(total + forward - over)
        return Grid(spec, tuple((*columns[k], sum(columns[k])) for k in keys))

    return build()


def _consistent_review(spec: GridSpec) -> st.SearchStrategy[Grid]:
    parts = st.lists(
        st.integers(0, 30), min_size=len(spec.columns) - 1, max_size=len(spec.columns) - 1
    )
    return st.tuples(*(parts for _ in spec.rows)).map(
        lambda rows: Grid(spec, tuple((*r, sum(r)) for r in rows))
    )


def _dates(year: int, consistent: bool = False) -> st.SearchStrategy[datetime.date | None]:
    """Publication dates; a consistent report's are in January of the next year, before the
    earliest deadline (departments, 1月31日)."""
    if consistent:
        return st.none() | st.dates(datetime.date(year + 1, 1, 1), datetime.date(year + 1, 1, 31))
    return st.none() | st.dates(datetime.date(year, 1, 1), datetime.date(year + 1, 12, 31))


_FEE_STATEMENT = "本年度本机关未收取信息处理费。"


def _trailers(agency: str, date: datetime.date | None) -> st.SearchStrategy[tuple[str, ...]]:
    """The text after section 六 as reports print it: the agency's name and the date (as in the
    reference report), then attachment names and links; or nothing at all."""
    if date is None:
        opening: st.SearchStrategy[tuple[str, ...]] = st.just((agency,))
    else:
        official = format_date(date, style=DateStyle.OFFICIAL)
        written = st.sampled_from((f"{date.year}年{date.month}月{date.day}日", official))
        opening = st.tuples(st.sampled_from(((agency,), ())), written).map(
            lambda pair: (*pair[0], pair[1])
        )
    signed = st.builds(lambda head, rest: head + rest, opening, paragraphs(2))
    return signed if date is not None else st.just(()) | signed


_AGENCIES = ("温州市公安局鹿城区分局", "淮安市洪泽区人民政府", "淮安市人民政府", "某县农业农村局")


def reports(
    *,
    version: TemplateVersion | None = None,
    spec: TemplateSpec | None = None,
    consistent: bool = False,
) -> st.SearchStrategy[Report]:
    """Reports of ``spec``, or of every spec of ``version`` (the template and its variants), or
    of every spec when both are None; ``consistent`` ones satisfy every identity."""
    if spec is not None:
        specs = [spec]
    else:
        specs = [s for s in templates() if version is None or s.version is TemplateVersion(version)]

    @st.composite
    def build(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Report:
        spec: TemplateSpec = draw(st.sampled_from(specs))
        year = draw(
            st.integers(2019, 2020)
            if spec.version is TemplateVersion.V2019
            else st.integers(2021, 2030)
        )
        agency = draw(st.sampled_from(_AGENCIES))
        if consistent:
            requests = draw(_consistent_requests(spec.requests))
            review = draw(_consistent_review(spec.review_litigation))
        else:
            requests = draw(grids(spec.requests))
            review = draw(grids(spec.review_litigation))
        date = draw(_dates(year, consistent))
        # The 2021 template asks section 六 for the 信息处理费: a consistent report says it.
        fee = (_FEE_STATEMENT,) if consistent and spec.version is TemplateVersion.V2021 else ()
        return Report(
            version=spec.version,
            agency=agency,
            year=year,
            title=report_title(agency, year),
            publication_date=date,
            preamble=draw(paragraphs(numbers=not consistent)),
            overview=draw(_overviews(numbers=not consistent)),
            disclosure=Disclosure(tuple(draw(grids(b)) for b in spec.disclosure)),
            requests=requests,
            review_litigation=review,
            problems=draw(paragraphs(numbers=not consistent)),
            other_matters=draw(paragraphs(numbers=not consistent)) + fee,
            trailer=draw(_trailers(agency, date)),
        )

    return build()


# Sentences that state a table cell (or the sum of cells) in words, as section 一 does.
_STATED = (
    ("{subject}共受理政府信息公开申请{n}件", ("$.requests.new_received.total",)),
    ("上年结转政府信息公开申请{n}件", ("$.requests.carried_over.total",)),
    ("{subject}办结政府信息公开申请{n}件", ("$.requests.results_total.total",)),
    ("结转下年度继续办理{n}件", ("$.requests.carried_forward.total",)),
    ("因政府信息公开工作被申请行政复议{n}件", ("$.review_litigation.administrative_review.total",)),
    (
        "被提起行政诉讼{n}件",
        (
            "$.review_litigation.litigation_direct.total",
            "$.review_litigation.litigation_after_review.total",
        ),
    ),
    ("{subject}制发行政规范性文件{n}件", ("$.disclosure.regulations.normative_documents.issued",)),
    ("现行有效规章{n}件", ("$.disclosure.regulations.rules.in_force",)),
    (
        "{subject}作出行政许可决定{n}件",
        ("$.disclosure.licensing.administrative_licensing.decisions",),
    ),
    ("作出行政处罚决定{n}件", ("$.disclosure.enforcement.administrative_penalty.decisions",)),
)
_SUBJECTS = ("", "我局", "全年", "本机关", "2021年，我局")
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _cell(report: Report, path: str) -> Cell | None:
    table, row, column = path[2:].rsplit(".", 2)
    grid = dict(report.grids()).get(f"$.{table}")
    if grid is None or row not in {r.key for r in grid.spec.rows}:
        return None
    if column not in {c.key for c in grid.spec.columns}:
        return None
    return grid[row, column]


def stated_prose(report: Report) -> st.SearchStrategy[tuple[str, ...]]:
    """Paragraphs whose sentences state ``report``'s tables truly (the applications received
    and processed, the carry-overs, reviews, lawsuits, documents, licences, penalties), in
    Arabic, full-width or Chinese numerals: a reader of the prose finds nothing to contradict.
    Cells that are not counts are not stated."""
    stated = []
    for sentence, paths in _STATED:
        cells = [_cell(report, p) for p in paths]
        if all(type(c) is int for c in cells):
            stated.append((sentence, sum(cast(int, c) for c in cells)))

    def written(n: int) -> st.SearchStrategy[str]:
        return st.sampled_from((str(n), str(n).translate(_FULL_WIDTH_DIGITS), format_number(n)))

    def one(item: tuple[str, int]) -> st.SearchStrategy[str]:
        sentence, n = item
        subjects = st.sampled_from(tuple(s.replace("2021", str(report.year)) for s in _SUBJECTS))
        return st.builds(lambda s, w: sentence.format(subject=s, n=w) + "。", subjects, written(n))

    sentences = (
        st.lists(st.sampled_from(stated).flatmap(one), max_size=6) if stated else st.just([])
    )
    return sentences.map(lambda found: ("".join(found),) if found else ())
