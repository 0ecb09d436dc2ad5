"""The rules evaluators apply to a report's form: published by the deadline, on the template of
its year, section 五 (and 一) not copied from last year's report.

Deadlines (the State Council notice on annual reports): departments 1月31日, county summaries
2月20日, prefecture summaries 3月10日, province summaries 3月31日 of the following year. The
level is told from the agency's name where the name tells it:

>>> [level.name for level in levels("温州市公安局鹿城区分局")]
['DEPARTMENT']
>>> [level.name for level in levels("淮安市洪泽区人民政府")]
['COUNTY']
>>> [level.name for level in levels("淮安市人民政府")]  # a prefecture, or a county-level city
['COUNTY', 'PREFECTURE']

Where several levels fit, or none, the latest deadline of those that can apply is used, and the
finding says so.

Copies are measured by *containment*: the share of the distinct 4-character shingles of this
year's section (its letters and characters only: digits, spaces and punctuation dropped, so that
updated counts and dates do not hide a copy) that also occur in last year's. Above
:data:`COPY_THRESHOLD` is a copy; a section shorter than :data:`COPY_MIN_CHARS` characters is not
judged (a one-line "无" is no evidence of copying).
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping, Sequence
from typing import Final

from govinfo.checks._findings import Evidence, Finding, Status
from govinfo.diagnostics import Severity
from govinfo.errors import GovInfoError
from govinfo.model import Report
from govinfo.sources import Source
from govinfo.template import TemplateVersion
from govinfo.zh._chars import normalize
from govinfo.zh.dates import format_date

__all__ = [
    "COPY_MIN_CHARS",
    "COPY_SHINGLE",
    "COPY_THRESHOLD",
    "DEADLINES",
    "RULES",
    "Level",
    "containment",
    "copies",
    "findings",
    "levels",
]


class Level(enum.Enum):
    DEPARTMENT = "department"
    COUNTY = "county"
    PREFECTURE = "prefecture"
    PROVINCE = "province"


DEADLINES: Final[Mapping[Level, tuple[int, int]]] = {
    Level.DEPARTMENT: (1, 31),
    Level.COUNTY: (2, 20),
    Level.PREFECTURE: (3, 10),
    Level.PROVINCE: (3, 31),
}
"""The month and day of the year after the report's by which each level publishes."""

_LEVEL_ZH: Final = {
    Level.DEPARTMENT: "部门",
    Level.COUNTY: "县级",
    Level.PREFECTURE: "地市级",
    Level.PROVINCE: "省级",
}

TEMPLATE = "template.year"
EARLY = "date.early"
LATE = "date.late"
COPY_OVERVIEW = "copy.overview"
COPY_PROBLEMS = "copy.problems"

RULES: Final[Mapping[str, tuple[str, str]]] = {
    TEMPLATE: (
        "报告年度与模板版本不符：2021年度起应使用2021年版模板，2019、2020年度使用2019年版",
        "the template does not fit the year: reports for 2021 on use the 2021 template, "
        "reports for 2019 and 2020 the 2019 one",
    ),
    EARLY: (
        "发布日期在报告年度之内或之前",
        "the publication date is inside the report year, or before it",
    ),
    LATE: (
        "发布日期晚于可适用的最晚期限（部门1月31日、县级2月20日、地市级3月10日、省级3月31日）",
        "published after the latest deadline that can apply (departments 1月31日, county "
        "2月20日, prefecture 3月10日, province 3月31日 of the following year)",
    ),
    COPY_OVERVIEW: (
        "第一部分（总体情况）与上年报告雷同",
        "section 一 (总体情况) is copied from the previous year's report",
    ),
    COPY_PROBLEMS: (
        "第五部分（存在的主要问题及改进情况）与上年报告雷同（模板要求不得年年雷同）",
        "section 五 (problems and improvements) is copied from the previous year's report; the "
        "template forbids 年年雷同",
    ),
}
"""Code → (说明, description), in the order of their findings."""

ACROSS_YEARS: Final = frozenset({COPY_OVERVIEW, COPY_PROBLEMS})
"""The rules that need the previous year's report."""

COPY_THRESHOLD: Final = 0.8
COPY_MIN_CHARS: Final = 50
COPY_SHINGLE: Final = 4

_MUNICIPALITIES: Final = ("北京市", "天津市", "上海市", "重庆市")
_DEPARTMENT: Final = re.compile(
    r"(?:局|委员会|委|办公室|办公厅|厅|办|中心|院|所|站|队|署|处|分局|公司|馆|社)$"
)
_NOT_A_DEPARTMENT: Final = re.compile(r"管委会|管理委员会|街道办事处")
_LETTERS: Final = re.compile(r"[^\w]|[\d_]")


def levels(agency: str) -> tuple[Level, ...]:
    """The levels whose deadline may apply to ``agency``, by its name; all when it says none."""
    name = agency.strip()
    government = re.search(r"(?:人民)?政府$", name)
    if government and not name.endswith("政府办公室"):
        prefix = name[: government.start()]
        if prefix.endswith(("省", "自治区")) or prefix in _MUNICIPALITIES:
            return (Level.PROVINCE,)
        if prefix.endswith(("自治州", "地区", "盟")):
            return (Level.PREFECTURE,)
        if prefix.endswith(("县", "旗", "区", "特区", "林区")):
            return (Level.COUNTY,)
        if prefix.endswith("市"):
            return (Level.COUNTY, Level.PREFECTURE)
    elif _DEPARTMENT.search(name) and not _NOT_A_DEPARTMENT.search(name):
        return (Level.DEPARTMENT,)
    return tuple(Level)


def _who(report: Report) -> tuple[str, str]:
    return f"{report.agency}{report.year}年", f"{report.agency} {report.year}"


def _finding(code: str, zh: str, en: str, evidence: tuple[Evidence, ...] = ()) -> Finding:
    return Finding(
        code=code,
        severity=Severity.WARNING,
        status=Status.BROKEN,
        cells=(),
        expected=None,
        printed=None,
        difference=None,
        message_zh=zh,
        message_en=en,
        evidence=evidence,
    )


def _template(report: Report) -> Finding | None:
    expected = TemplateVersion.V2021 if report.year >= 2021 else TemplateVersion.V2019
    if report.version is expected:
        return None
    who, who_en = _who(report)
    zh, en = RULES[TEMPLATE]
    return _finding(
        TEMPLATE,
        f"{who}：{zh}；本报告为{report.version.value}年版",
        f"{who_en}: {en}; this report is on the {report.version.value} template",
    )


def _shown_date(date: datetime.date) -> str:
    """``date`` as a report prints one (2021年1月18日); ISO for a year no report prints."""
    try:
        return format_date(date)
    except GovInfoError:  # a year before 1000: format_date writes four-digit years only
        return date.isoformat()


def _dates(report: Report, sources: Mapping[str, Source], codes: frozenset[str]) -> list[Finding]:
    date = report.publication_date
    if date is None:
        return []
    early = date <= datetime.date(report.year, 12, 31)
    fits = levels(report.agency)
    level = max(fits, key=lambda lv: DEADLINES[lv])
    deadline = datetime.date(report.year + 1, *DEADLINES[level])
    if (early and EARLY not in codes) or (not early and (date <= deadline or LATE not in codes)):
        return []
    source = sources.get("$.publication_date")
    shown = source.text if source is not None else _shown_date(date)
    evidence = (Evidence(path="$.publication_date", sentence=shown, text=shown, source=source),)
    who, who_en = _who(report)
    if early:
        zh, en = RULES[EARLY]
        return [
            _finding(
                EARLY,
                f"{who}：{zh}：{shown}（年度报告应在次年发布，可能是笔误）",
                f"{who_en}: {en}: {date.isoformat()} (a report is published the year after; "
                "most likely a slip)",
                evidence,
            )
        ]
    zh, en = RULES[LATE]
    if len(fits) > 1:
        why_zh = f"从机关名称无法确定层级，按最晚可适用的{_LEVEL_ZH[level]}期限"
        why_en = "the agency's level cannot be told from its name: the latest deadline that can "
        why_en += f"apply, the {level.value}'s,"
    else:
        why_zh, why_en = f"{_LEVEL_ZH[level]}期限", f"the {level.value} deadline"
    return [
        _finding(
            LATE,
            f"{who}：{zh}：{shown}晚于{why_zh}{format_date(deadline)}",
            f"{who_en}: {en}: {date.isoformat()} is after {why_en} {deadline.isoformat()}",
            evidence,
        )
    ]


def findings(report: Report, sources: Mapping[str, Source], codes: Sequence[str]) -> list[Finding]:
    """The findings of the form rules ``codes`` about one report, in the order of :data:`RULES`."""
    wanted = frozenset(codes)
    out = []
    if TEMPLATE in wanted:
        found = _template(report)
        out += [found] if found else []
    return out + _dates(report, sources, wanted)


# --- copies --------------------------------------------------------------------------------


def _shingles(text: str) -> set[str]:
    kept = _LETTERS.sub("", normalize(text))
    return {kept[i : i + COPY_SHINGLE] for i in range(len(kept) - COPY_SHINGLE + 1)}


def containment(current: str, previous: str) -> float | None:
    """The share of the shingles of ``current`` that occur in ``previous``; None when
    ``current`` has fewer than :data:`COPY_MIN_CHARS` letters and characters.

    >>> body = "一是政务公开制度建设有待夯实，在制度执行上有待进一步加强；二是政务公开水平"
    >>> body += "有待提升，工作能力有待增强；三是队伍建设有待加强。"
    >>> containment("2021年，" + body, "2020年，" + body), round(containment(body, body[:40]), 2)
    (1.0, 0.65)
    >>> containment("短", "短") is None
    True
    """
    if len(_LETTERS.sub("", normalize(current))) < COPY_MIN_CHARS:
        return None
    mine = _shingles(current)
    return len(mine & _shingles(previous)) / len(mine)


_SECTIONS: Final = {COPY_OVERVIEW: "overview", COPY_PROBLEMS: "problems"}


def _section(report: Report, field: str) -> str:
    if field == "overview":
        return "\n".join(report.overview.paragraphs())
    return "\n".join(report.problems)


def copies(previous: Report, current: Report, codes: Sequence[str]) -> list[Finding]:
    """Sections of ``current`` copied from ``previous`` (see the module for the measure)."""
    out = []
    who, who_en = _who(current)
    for code in codes:
        if code not in _SECTIONS:
            continue
        field = _SECTIONS[code]
        share = containment(_section(current, field), _section(previous, field))
        if share is None or share <= COPY_THRESHOLD:
            continue
        zh, en = RULES[code]
        percent = f"{share:.0%}"
        out.append(
            _finding(
                code,
                f"{who}：{zh}：{percent}的文字片段与{previous.year}年报告相同（阈值 "
                f"{COPY_THRESHOLD:.0%}）",
                f"{who_en}: {en}: {percent} of its 4-character shingles occur in the "
                f"{previous.year} report (threshold {COPY_THRESHOLD:.0%})",
            )
        )
    return out
