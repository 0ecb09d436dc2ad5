"""Page chrome: what a web page or a crawler prints around a report, read once for every
front-end.

Before a report, crawlers and saved pages print header lines: fields such as
``标题: …``, ``发布时间: 2026-01-16 14:46``, ``发布机构: …``, ``原文链接: …``; breadcrumbs
(``当前位置：首页 > 政务公开``); separators (``==== 正文 ====``). After it, page furniture:
``附件下载``, ``【打印本页】``, ``【关闭窗口】``, ``分享到：``. None of it is the report's prose.
:func:`strip` takes it off the ends of a report's paragraphs and keeps what it says about the
report: the title and the publication date, each at the line it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

from govinfo.formats._document import Paragraph

__all__ = ["Chrome", "is_leading_chrome", "is_trailing_chrome", "published", "strip"]

_TITLE_FIELDS: Final = ("标题", "题目", "文章标题", "名称")
_DATE_FIELDS: Final = ("发布时间", "发布日期", "成文日期", "发文日期", "公开日期", "日期")
_OTHER_FIELDS: Final = (
    "发布机构",
    "发文机关",
    "发文机构",
    "来源",
    "信息来源",
    "文号",
    "发文字号",
    "索引号",
    "栏目",
    "所属栏目",
    "主题分类",
    "原文链接",
    "链接",
    "网址",
    "本地目录",
    "作者",
    "浏览次数",
    "点击数",
    "有效性",
)
_FIELD: Final = re.compile(
    r"(?P<key>{})\s*[:：]\s*(?P<value>.*)".format(
        "|".join(sorted((*_TITLE_FIELDS, *_DATE_FIELDS, *_OTHER_FIELDS), key=len, reverse=True))
    )
)
_BREADCRUMB: Final = re.compile(r"(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[:：]")
_SEPARATOR: Final = re.compile(
    r"[=\-—*#~_]{3,}\s*(?:正文|内容|全文)?\s*[=\-—*#~_]{3,}|页面链接与图片详见.*"
)
_FURNITURE: Final = re.compile(
    r"【?(?:附件下载|相关附件|打印本页|关闭窗口|打印|关闭|分享到|收藏|返回顶部|扫一扫在手机打开当前页"
    r"|上一篇|下一篇|字体|字号)】?.{0,30}"
)
_DATE_TEXT: Final = re.compile(
    r"[0-9０-９〇零一二三四五六七八九十]{2,4}\s*[-年/.．]\s*[0-9０-９〇零一二三四五六七八九十]{1,2}\s*[-月/.．]\s*[0-9０-９〇零一二三四五六七八九十]{1,3}\s*日?"
)
_DATE_FIELD: Final = re.compile(r"(?:{})\s*[:：]\s*".format("|".join(_DATE_FIELDS)))
_LEADING: Final = 12
"""At most this many header lines are looked at before a report."""


class Chrome(NamedTuple):
    """What :func:`strip` found: the report's paragraphs without the chrome, and the title and
    the publication line the chrome printed (each a paragraph of its value, at its line)."""

    paragraphs: list[Paragraph]
    title: Paragraph | None
    date: Paragraph | None


def published(paragraph: Paragraph, inside: Callable[[Paragraph, int], int]) -> Paragraph | None:
    """The date of a publication line (``发布时间：2026-01-16 14:46``, perhaps among other
    fields: ``来源：本站 发布时间：…``), as printed, at its place (``inside(paragraph, offset)``
    gives the place ``offset`` characters in); or None."""
    found = _DATE_FIELD.search(paragraph.text)
    if found is None:
        return None
    date = _DATE_TEXT.match(paragraph.text, found.end())
    if date is None:
        return None
    return Paragraph(date.group().strip(), inside(paragraph, found.end()))


def is_leading_chrome(text: str) -> bool:
    """Whether a line among a text's first ones is taken for page chrome by :func:`strip` (a
    crawler's field, a breadcrumb, a separator): a report's first line must not be one."""
    return bool(_FIELD.match(text) or _BREADCRUMB.match(text) or _SEPARATOR.fullmatch(text))


def is_trailing_chrome(text: str) -> bool:
    """Whether a text's last line is taken for page furniture by :func:`strip` (打印本页,
    关闭窗口, 上一篇 …): a report's last line must not be one."""
    return bool(_FURNITURE.fullmatch(text))


def strip(
    paragraphs: Sequence[Paragraph],
    is_date: Callable[[str], object],
    inside: Callable[[Paragraph, int], int],
) -> Chrome:
    """``paragraphs`` without the chrome at their ends. ``is_date`` tells a date's text;
    ``inside(paragraph, offset)`` the place ``offset`` characters into a paragraph."""
    start, title, date = 0, None, None
    while start < min(len(paragraphs), _LEADING):
        paragraph = paragraphs[start]
        text = paragraph.text
        found = _FIELD.match(text)
        if found is not None:
            key, value = found.group("key"), found.group("value").strip()
            if key in _TITLE_FIELDS and value and title is None:
                title = Paragraph(value, inside(paragraph, found.start("value")))
            elif key in _DATE_FIELDS and date is None:
                candidate = published(paragraph, inside)
                if candidate is not None and is_date(candidate.text):
                    date = candidate
        elif not is_leading_chrome(text):  # (not a field: the first branch took those)
            break
        start += 1
    end = len(paragraphs)
    while end > start and is_trailing_chrome(paragraphs[end - 1].text):
        end -= 1
    return Chrome(list(paragraphs[start:end]), title, date)
