"""The one declaration of the national report template, in both versions.

Everything that knows a label reads it from here: the model's validation, the JSON keys and
schema, the text parser and renderer, the checks, and the data dictionary in the docs. Labels
are verbatim from the templates (国办公开办函〔2019〕60号 and 〔2021〕30号); keys are stable
snake_case English names used in JSON and in paths such as
``$.requests.new_received.natural_person``.

A table is a grid: rows × columns of cells. Table 2 (主动公开) is several small grids, one per
block of 第二十条; table 3 (依申请) is one grid of 7 columns; table 4 (复议诉讼) is a grid of
three rows (行政复议, 直接起诉, 复议后起诉) by five columns.

>>> spec = template(TemplateVersion.V2021)
>>> spec.requests.row("results_total").label
'（七）总计'
>>> [c.key for c in spec.review_litigation.columns]
['upheld', 'corrected', 'other', 'pending', 'total']
>>> len(spec.requests.rows), len(template(TemplateVersion.V2019).requests.rows)
(25, 23)

A :class:`Variant` is a declared departure from a version that published reports make, with a
spec of its own: the 2021 template with （六）其他处理 as one row, as 2019 prints it.

>>> single = template(TemplateVersion.V2021, Variant.SINGLE_OTHER_HANDLING)
>>> len(single.requests.rows), single.requests.row("other_handling").label
(23, '（六）其他处理')
>>> [(s.version.value, s.variant and s.variant.value) for s in templates()]
[('2019', None), ('2021', None), ('2021', 'single_other_handling')]
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import TypeVar

import attrs
from attrs import field, frozen

from govinfo.errors import ModelError, UnknownKey, short_repr

__all__ = [
    "LABEL_ALIASES",
    "SECTIONS",
    "ColumnKind",
    "ColumnSpec",
    "GridSpec",
    "GroupSpec",
    "RowSpec",
    "SectionSpec",
    "TemplateSpec",
    "TemplateVersion",
    "Variant",
    "report_title",
    "template",
    "templates",
]


class TemplateVersion(enum.Enum):
    """The national template a report follows; the value is the year the template was issued."""

    V2019 = "2019"
    """2019 试行 (trial) template, 国办公开办函〔2019〕60号: reports on 2019 and 2020."""
    V2021 = "2021"
    """2021 template, 国办公开办函〔2021〕30号: reports on 2021 onward."""


class Variant(enum.Enum):
    """A declared departure from a template version, seen in published reports.

    A variant changes the rows of a table, never a label: its rows are the template's own
    declarations. :func:`template` gives its spec, :func:`templates` lists it.
    """

    SINGLE_OTHER_HANDLING = "single_other_handling"
    """A 2021 report whose table 3 prints （六）其他处理 as one row, as 2019 did (both 洪泽区
    reports of the examples): the row ``other_handling`` instead of its three sub-rows."""


class ColumnKind(enum.Enum):
    """What a column's cells hold when they hold a number."""

    COUNT = "count"
    """A non-negative integer."""
    DELTA = "delta"
    """A signed integer (2019's 本年增/减)."""
    MONEY = "money"
    """A decimal amount in the unit the column header names (the fee, in 万元)."""
    AMOUNT = "amount"
    """A decimal amount with a unit chosen by the reporter (2019's 采购总金额)."""


@frozen
class ColumnSpec:
    """A column of a grid: its key, its label as the template prints it, and the kind of
    value it holds (a count, a signed change, money in 万元, an amount with its unit)."""

    key: str
    label: str
    kind: ColumnKind = ColumnKind.COUNT
    group: str | None = None
    """The label of the header cell spanning this column, if any (法人或其他组织)."""


@frozen
class RowSpec:
    """A row of a grid: its key, its label as the template prints it, and the group labels
    above it (三、本年度办理结果 › （三）不予公开), outermost first."""

    key: str
    label: str
    parents: tuple[str, ...] = ()
    """Labels of the group rows above this row, outermost first."""


@frozen
class GroupSpec:
    """A label row that carries no numbers and heads the rows under it."""

    label: str
    parents: tuple[str, ...] = ()


@frozen
class GridSpec:
    """One table (or one block of table 2): its caption, header cells, rows and columns."""

    key: str
    caption: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    header: tuple[str, ...] = ()
    """Header cells in reading order (left to right, top to bottom), as canonical text has them."""
    _row_index: dict[str, int] = field(init=False, eq=False, repr=False)
    _column_index: dict[str, int] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_row_index", {r.key: i for i, r in enumerate(self.rows)})
        object.__setattr__(self, "_column_index", {c.key: i for i, c in enumerate(self.columns)})

    def row(self, key: str) -> RowSpec:
        return self.rows[self.row_index(key)]

    def column(self, key: str) -> ColumnSpec:
        return self.columns[self.column_index(key)]

    def row_index(self, key: str) -> int:
        try:
            return self._row_index[key]
        except (KeyError, TypeError):
            raise UnknownKey(f"{self.key} has no row {short_repr(key)}") from None

    def column_index(self, key: str) -> int:
        try:
            return self._column_index[key]
        except (KeyError, TypeError):
            raise UnknownKey(f"{self.key} has no column {short_repr(key)}") from None

    def groups(self) -> Iterator[tuple[RowSpec, tuple[str, ...]]]:
        """Each row with the group labels that open just before it, in reading order."""
        seen: set[str] = set()
        for row in self.rows:
            opened = tuple(p for p in row.parents if p not in seen)
            seen.update(opened)
            yield row, opened


@frozen
class SectionSpec:
    """One of the six sections: its key, its heading as the template prints it, and the
    other headings published reports use for it."""

    key: str
    heading: str
    """The canonical heading line."""
    variants: tuple[str, ...] = ()
    """Other headings seen in published reports for the same section."""


def report_title(agency: str, year: int) -> str:
    """The title the template gives a report: ``某局2021年政府信息公开工作年度报告``."""
    return f"{agency}{year}年政府信息公开工作年度报告"


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("overview", "一、总体情况"),
    SectionSpec("disclosure", "二、主动公开政府信息情况"),
    SectionSpec("requests", "三、收到和处理政府信息公开申请情况"),
    SectionSpec(
        "review_litigation",
        "四、政府信息公开行政复议、行政诉讼情况",
        (
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "四、政府信息公开行政复议与行政诉讼情况",
            "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
        ),
    ),
    SectionSpec(
        "problems",
        "五、存在的主要问题及改进情况",
        ("五、政府信息公开工作存在的主要问题及改进情况",),
    ),
    SectionSpec("other_matters", "六、其他需要报告的事项"),
)
"""The six sections, the same in both versions, in order."""


@frozen
class TemplateSpec:
    """One template version (and variant): its tables as grids, in the order a report prints
    them, and the labels that tell it from the other version."""

    version: TemplateVersion
    disclosure: tuple[GridSpec, ...]
    requests: GridSpec
    review_litigation: GridSpec
    markers: tuple[str, ...]
    """Labels found only in this version: evidence for detecting it in a report."""
    variant: Variant | None = None
    """The declared variant of the version this spec is, or None for the template itself."""

    def grids(self) -> Iterator[tuple[str, GridSpec]]:
        """Every grid with the JSON path of its table, in report order."""
        for block in self.disclosure:
            yield f"$.disclosure.{block.key}", block
        yield "$.requests", self.requests
        yield "$.review_litigation", self.review_litigation


# --- Table 2: 主动公开政府信息情况 -------------------------------------------------------

_ITEM_HEADER = "信息内容"

_DECISIONS_2021 = ColumnSpec("decisions", "本年处理决定数量")
_PREVIOUS = ColumnSpec("previous_count", "上一年项目数量")
_CHANGE = ColumnSpec("change", "本年增/减", ColumnKind.DELTA)
_DECISIONS_2019 = ColumnSpec("decisions", "处理决定数量")

_LICENSING = RowSpec("administrative_licensing", "行政许可")
_PENALTY = RowSpec("administrative_penalty", "行政处罚")
_COERCION = RowSpec("administrative_coercion", "行政强制")
_FEES = RowSpec("administrative_fees", "行政事业性收费")


def _block(
    key: str, item: str, columns: tuple[ColumnSpec, ...], rows: tuple[RowSpec, ...]
) -> GridSpec:
    caption = f"第二十条第（{item}）项"
    return GridSpec(key, caption, columns, rows, (_ITEM_HEADER, *(c.label for c in columns)))


_DISCLOSURE_2021 = (
    _block(
        "regulations",
        "一",
        (
            ColumnSpec("issued", "本年制发件数"),
            ColumnSpec("repealed", "本年废止件数"),
            ColumnSpec("in_force", "现行有效件数"),
        ),
        (RowSpec("rules", "规章"), RowSpec("normative_documents", "行政规范性文件")),
    ),
    _block("licensing", "五", (_DECISIONS_2021,), (_LICENSING,)),
    _block("enforcement", "六", (_DECISIONS_2021,), (_PENALTY, _COERCION)),
    _block(
        "fees",
        "八",
        (ColumnSpec("amount", "本年收费金额（单位：万元）", ColumnKind.MONEY),),
        (_FEES,),
    ),
)

_DISCLOSURE_2019 = (
    _block(
        "regulations",
        "一",
        (
            ColumnSpec("produced", "本年新制作数量"),
            ColumnSpec("published", "本年新公开数量"),
            ColumnSpec("total_published", "对外公开总数量"),
        ),
        (RowSpec("rules", "规章"), RowSpec("normative_documents", "规范性文件")),
    ),
    _block(
        "licensing",
        "五",
        (_PREVIOUS, _CHANGE, _DECISIONS_2019),
        (_LICENSING, RowSpec("other_management_services", "其他对外管理服务事项")),
    ),
    _block("enforcement", "六", (_PREVIOUS, _CHANGE, _DECISIONS_2019), (_PENALTY, _COERCION)),
    _block("fees", "八", (_PREVIOUS, _CHANGE), (_FEES,)),
    _block(
        "procurement",
        "九",
        (
            ColumnSpec("project_count", "采购项目数量"),
            ColumnSpec("total_amount", "采购总金额", ColumnKind.AMOUNT),
        ),
        (RowSpec("centralized_procurement", "政府集中采购"),),
    ),
)

# --- Table 3: 收到和处理政府信息公开申请情况 ----------------------------------------------

_BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_APPLICANT = "申请人情况"
_LEGAL_PERSON = "法人或其他组织"

_REQUEST_COLUMNS = (
    ColumnSpec("natural_person", "自然人"),
    ColumnSpec("commercial_enterprise", "商业企业", group=_LEGAL_PERSON),
    ColumnSpec("research_institution", "科研机构", group=_LEGAL_PERSON),
    ColumnSpec("social_organization", "社会公益组织", group=_LEGAL_PERSON),
    ColumnSpec("legal_service_agency", "法律服务机构", group=_LEGAL_PERSON),
    ColumnSpec("other", "其他", group=_LEGAL_PERSON),
    ColumnSpec("total", "总计"),
)
# The header as a web page reads it: the note and 申请人情况, then the second header row
# (自然人, the 法人或其他组织 span, 总计), then the five columns under the span.
_REQUEST_HEADER = (
    _BALANCE_NOTE,
    _APPLICANT,
    _REQUEST_COLUMNS[0].label,
    _LEGAL_PERSON,
    _REQUEST_COLUMNS[-1].label,
    *(c.label for c in _REQUEST_COLUMNS[1:-1]),
)

_RESULTS = "三、本年度办理结果"
_WITHHELD = (_RESULTS, "（三）不予公开")
_UNAVAILABLE = (_RESULTS, "（四）无法提供")
_NOT_PROCESSED = (_RESULTS, "（五）不予处理")
_OTHER_HANDLING = (_RESULTS, "（六）其他处理")


def _request_rows(other_handling: tuple[RowSpec, ...]) -> tuple[RowSpec, ...]:
    return (
        RowSpec("new_received", "一、本年新收政府信息公开申请数量"),
        RowSpec("carried_over", "二、上年结转政府信息公开申请数量"),
        RowSpec("granted", "（一）予以公开", (_RESULTS,)),
        RowSpec(
            "partially_granted",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            (_RESULTS,),
        ),
        RowSpec("withheld_state_secret", "1.属于国家秘密", _WITHHELD),
        RowSpec("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开", _WITHHELD),
        RowSpec("withheld_security_stability", "3.危及“三安全一稳定”", _WITHHELD),
        RowSpec("withheld_third_party_rights", "4.保护第三方合法权益", _WITHHELD),
        RowSpec("withheld_internal_affairs", "5.属于三类内部事务信息", _WITHHELD),
        RowSpec("withheld_process_information", "6.属于四类过程性信息", _WITHHELD),
        RowSpec("withheld_enforcement_files", "7.属于行政执法案卷", _WITHHELD),
        RowSpec("withheld_query_matters", "8.属于行政查询事项", _WITHHELD),
        RowSpec("unavailable_not_held", "1.本机关不掌握相关政府信息", _UNAVAILABLE),
        RowSpec("unavailable_needs_creation", "2.没有现成信息需要另行制作", _UNAVAILABLE),
        RowSpec("unavailable_still_unclear", "3.补正后申请内容仍不明确", _UNAVAILABLE),
        RowSpec("not_processed_petition", "1.信访举报投诉类申请", _NOT_PROCESSED),
        RowSpec("not_processed_repeated", "2.重复申请", _NOT_PROCESSED),
        RowSpec("not_processed_publication", "3.要求提供公开出版物", _NOT_PROCESSED),
        RowSpec("not_processed_excessive", "4.无正当理由大量反复申请", _NOT_PROCESSED),
        RowSpec(
            "not_processed_confirmation",
            "5.要求行政机关确认或重新出具已获取信息",
            _NOT_PROCESSED,
        ),
        *other_handling,
        RowSpec("results_total", "（七）总计", (_RESULTS,)),
        RowSpec("carried_forward", "四、结转下年度继续办理"),
    )


_REQUEST_ROWS_2021 = _request_rows(
    (
        RowSpec(
            "other_handling_overdue_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            _OTHER_HANDLING,
        ),
        RowSpec(
            "other_handling_unpaid_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            _OTHER_HANDLING,
        ),
        RowSpec("other_handling_other", "3.其他", _OTHER_HANDLING),
    )
)
# The single （六） row of the 2019 template, which some 2021 reports keep.
_OTHER_HANDLING_ROW = RowSpec("other_handling", _OTHER_HANDLING[1], (_RESULTS,))
_REQUEST_ROWS_2019 = _request_rows((_OTHER_HANDLING_ROW,))


def _requests(rows: tuple[RowSpec, ...]) -> GridSpec:
    return GridSpec("requests", "", _REQUEST_COLUMNS, rows, _REQUEST_HEADER)


# --- Table 4: 政府信息公开行政复议、行政诉讼情况 -----------------------------------------

_REVIEW = "行政复议"
_LITIGATION = "行政诉讼"
_OUTCOMES = (
    ColumnSpec("upheld", "结果维持"),
    ColumnSpec("corrected", "结果纠正"),
    ColumnSpec("other", "其他结果"),
    ColumnSpec("pending", "尚未审结"),
    ColumnSpec("total", "总计"),
)
_REVIEW_ROWS = (
    RowSpec("administrative_review", _REVIEW),
    RowSpec("litigation_direct", "未经复议直接起诉", (_LITIGATION,)),
    RowSpec("litigation_after_review", "复议后起诉", (_LITIGATION,)),
)
_OUTCOME_LABELS = tuple(c.label for c in _OUTCOMES)
# Reading order of the three header rows: 行政复议 | 行政诉讼; the review's five outcomes,
# 未经复议直接起诉 | 复议后起诉; then the two litigation groups' outcomes.
_REVIEW_HEADER = (
    _REVIEW,
    _LITIGATION,
    *_OUTCOME_LABELS,
    _REVIEW_ROWS[1].label,
    _REVIEW_ROWS[2].label,
    *_OUTCOME_LABELS,
    *_OUTCOME_LABELS,
)
_REVIEW_LITIGATION = GridSpec("review_litigation", "", _OUTCOMES, _REVIEW_ROWS, _REVIEW_HEADER)

_SPEC_2021 = TemplateSpec(
    TemplateVersion.V2021,
    _DISCLOSURE_2021,
    _requests(_REQUEST_ROWS_2021),
    _REVIEW_LITIGATION,
    markers=(
        _DISCLOSURE_2021[0].columns[0].label,
        _DISCLOSURE_2021[-1].columns[0].label,
        _REQUEST_ROWS_2021[-5].label,
    ),
)

_TEMPLATES: dict[tuple[TemplateVersion, Variant | None], TemplateSpec] = {
    (TemplateVersion.V2019, None): TemplateSpec(
        TemplateVersion.V2019,
        _DISCLOSURE_2019,
        _requests(_REQUEST_ROWS_2019),
        _REVIEW_LITIGATION,
        markers=(
            _DISCLOSURE_2019[0].columns[0].label,
            _PREVIOUS.label,
            _DISCLOSURE_2019[-1].caption,
        ),
    ),
    (TemplateVersion.V2021, None): _SPEC_2021,
    # Tables 2 and 4 and the markers of 2021 (table 2 decides the version); table 3 with the
    # 2019 （六） row in place of the three 2021 sub-rows, so no sub-row value is invented.
    (TemplateVersion.V2021, Variant.SINGLE_OTHER_HANDLING): attrs.evolve(
        _SPEC_2021,
        requests=_requests(_request_rows((_OTHER_HANDLING_ROW,))),
        variant=Variant.SINGLE_OTHER_HANDLING,
    ),
}
_ALL = tuple(_TEMPLATES.values())
_E = TypeVar("_E", bound=enum.Enum)


def _member(kind: type[_E], value: object, what: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(repr(v.value) for v in kind)
        raise ModelError(
            f"unknown template {what} {short_repr(value)}; expected one of {known}"
        ) from None


def template(version: TemplateVersion, variant: Variant | None = None) -> TemplateSpec:
    """The declaration of one template version (a :class:`TemplateVersion` or its value), or of
    one of its variants (a :class:`Variant` or its value)."""
    version = _member(TemplateVersion, version, "version")
    if variant is None:
        return _TEMPLATES[version, None]
    variant = _member(Variant, variant, "variant")
    try:
        return _TEMPLATES[version, variant]
    except KeyError:
        own = ", ".join(repr(s.variant.value) for s in _ALL if s.version is version and s.variant)
        raise ModelError(
            f"the {version.value} template has no variant {variant.value!r}; "
            f"its variants: {own or 'none'}"
        ) from None


def templates() -> tuple[TemplateSpec, ...]:
    """Every spec: each version, then each variant of it, in this fixed order."""
    return _ALL


LABEL_ALIASES: dict[str, tuple[str, ...]] = {
    _REQUEST_COLUMNS[-1].label: ("合计",),
    _REQUEST_ROWS_2021[-2].label: ("（七）合计",),
    _DISCLOSURE_2021[0].rows[1].label: (_DISCLOSURE_2019[0].rows[1].label,),
}
"""Other labels published reports print for a template label: 合计 for 总计, and the 2019
label 规范性文件 in reports on the 2021 template. Readers accept them; writers never print them."""
