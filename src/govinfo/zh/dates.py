"""Read and write dates as reports write them: 2022年1月18日, 二〇二二年一月十八日, 2022-01-18.

The same small protocol as :mod:`govinfo.zh.numerals`: :func:`parse_date`, :func:`format_date`,
:func:`is_valid_date`; plus :func:`parse_period` for a statistics period and :func:`find_dates`
to locate dates in running text. Impossible dates raise :class:`~govinfo.errors.InvalidDate`
at the bad component.

>>> parse_date("二〇二二年一月十八日")
datetime.date(2022, 1, 18)
>>> format_date(datetime.date(2022, 1, 18))
'二〇二二年一月十八日'
>>> try:
...     parse_date("2023年2月30日")
... except InvalidDate as error:
...     print(error)
expected a day from 1 to 28 in 2023-02, found 30 (line 1, column 8)
2023年2月30日
          ^

Grammar (after :func:`govinfo.zh._chars.normalize`; spaces may stand between the parts)::

    date      := year 年 month 月 day 日 [weekday] | year sep month sep day    (sep: - . /)
    year      := four Arabic digits | four Chinese digits (〇 or 零 for zero)
    month/day := one or two Arabic digits | a Chinese numeral (十二, 廿一, 三十一)
    weekday   := 星期一 … 星期日 | 星期天 | 周一 … 周日   (must be the date's weekday)
    period    := [自 | 从] date [起] (至 | 到 | — | – | ~) date-or-month-day [止]

Arabic and Chinese numerals do not mix within one date.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import re
from typing import Final, NoReturn

from attrs import frozen

from govinfo.errors import InvalidDate, short_repr
from govinfo.zh._chars import exact_str, normalize
from govinfo.zh._fault import Fault
from govinfo.zh._style import style_of
from govinfo.zh.numerals import FORM_DIGITS, NumberStyle, format_number, read_number

__all__ = [
    "DateStyle",
    "FoundDate",
    "find_dates",
    "format_date",
    "is_valid_date",
    "parse_date",
    "parse_period",
]


class DateStyle(enum.Enum):
    """How :func:`format_date` writes a date."""

    #: 二〇二二年一月十八日, the form official documents use
    OFFICIAL = "official"
    #: 2022年1月18日
    NUMERIC = "numeric"
    #: 2022-01-18
    ISO = "iso"
    #: Babel's zh_CN short form: 2022/1/18
    SHORT = "short"
    #: Babel's zh_CN medium form: 2022年1月18日
    MEDIUM = "medium"
    #: Babel's zh_CN long form: 2022年1月18日
    LONG = "long"
    #: Babel's zh_CN full form: 2022年1月18日星期二
    FULL = "full"


@frozen(kw_only=True)
class FoundDate:
    """A date found in running text, and where: ``text[start:end]`` is what was read."""

    date: datetime.date
    start: int
    end: int


_ARABIC: Final = frozenset("0123456789")
_CHINESE_DIGITS: Final = frozenset("〇零一二三四五六七八九")
_CHINESE_NUMERAL: Final = frozenset("〇零一二三四五六七八九十廿卅")
_SEPARATORS: Final = frozenset("-./")
_SPACES: Final = frozenset(" \t")
_WEEKDAYS: Final = "一二三四五六日"
_PERIOD_JOINERS: Final = frozenset("至到—–~～")


def _found(src: str, i: int) -> str:
    return "the end of the text" if i >= len(src) else src[i]


def _fail(message: str, i: int) -> NoReturn:
    raise Fault(message, i)


def _skip_spaces(s: str, i: int, n: int) -> int:
    while i < n and s[i] in _SPACES:
        i += 1
    return i


def _expect(s: str, src: str, i: int, n: int, char: str) -> int:
    i = _skip_spaces(s, i, n)
    if i >= n or s[i] != char:
        _fail(f"expected {char}, found {_found(src, i)}", i)
    return i + 1 if char == "日" else _skip_spaces(s, i + 1, n)


def _component(s: str, src: str, i: int, n: int, arabic: bool, what: str) -> tuple[int, int]:
    """Read a month or a day at ``i``: (value, end)."""
    start = i
    if arabic:
        while i < n and s[i] in _ARABIC and i - start < 2:
            i += 1
        if i == start:
            _fail(f"expected the {what} in Arabic digits, found {_found(src, i)}", i)
        return int(s[start:i]), i
    while i < n and s[i] in _CHINESE_NUMERAL:
        i += 1
    if i == start:
        _fail(f"expected the {what} in Chinese numerals, found {_found(src, i)}", i)
    value, form = read_number(s, src, start, i)
    if form == FORM_DIGITS and i - start > 1:
        _fail(f"expected the {what} as a numeral such as 十二, found {src[start:i]}", start)
    assert isinstance(value, int)
    return value, i


def _year(s: str, src: str, i: int, n: int) -> tuple[int, bool, int]:
    """Read a four-digit year at ``i``: (year, is it Arabic, end)."""
    digits = _ARABIC if i < n and s[i] in _ARABIC else _CHINESE_DIGITS
    start = i
    while i < n and s[i] in digits and i - start < 4:
        i += 1
    if i - start < 4:
        _fail(f"expected a four-digit year, found {_found(src, i)}", i)
    arabic = digits is _ARABIC
    text = s[start:i] if arabic else s[start:i].translate(_TO_ASCII)
    year = int(text)
    if year < 1:
        _fail(f"expected a year from 1 to 9999, found {src[start:i]}", start)
    return year, arabic, i


_TO_ASCII: Final = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _check_day(src: str, year: int, month: int, month_at: int, day: int, day_at: int) -> None:
    if not 1 <= month <= 12:
        _fail(f"expected a month from 1 to 12, found {month}", month_at)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        _fail(f"expected a day from 1 to {last} in {year:04d}-{month:02d}, found {day}", day_at)


def _read_date(
    s: str, src: str, i: int, n: int, default_year: int | None = None
) -> tuple[datetime.date, int]:
    """Read one date starting at ``s[i]``: (date, end). Without a year when ``default_year``."""
    year_at = i
    if default_year is not None and not _starts_year(s, i, n):
        year = default_year
        arabic = i < n and s[i] in _ARABIC
    else:
        year, arabic, i = _year(s, src, i, n)
        j = _skip_spaces(s, i, n)
        if j < n and s[j] in _SEPARATORS and arabic:
            separator = s[j]
            month_at = j + 1
            month, i = _component(s, src, month_at, n, True, "month")
            if i >= n or s[i] != separator:
                _fail(f"expected {separator}, found {_found(src, i)}", i)
            day_at = i + 1
            day, i = _component(s, src, day_at, n, True, "day")
            if i < n and s[i] in _ARABIC:
                _fail(f"expected the end of the date, found {src[i]}", i)
            _check_day(src, year, month, month_at, day, day_at)
            return datetime.date(year, month, day), i
        i = _expect(s, src, i, n, "年")
    del year_at
    month_at = i
    month, i = _component(s, src, i, n, arabic, "month")
    i = _expect(s, src, i, n, "月")
    day_at = i
    day, i = _component(s, src, i, n, arabic, "day")
    i = _expect(s, src, i, n, "日")
    _check_day(src, year, month, month_at, day, day_at)
    date = datetime.date(year, month, day)
    # An optional weekday, which must agree with the date.
    for prefix in ("星期", "周"):
        if s.startswith(prefix, i):
            at = i + len(prefix)
            expected = "日" if date.weekday() == 6 else _WEEKDAYS[date.weekday()]
            found = s[at] if at < n else ""
            if found != expected and not (found == "天" and expected == "日"):
                _fail(
                    f"expected {prefix}{expected} for {date.isoformat()}, found"
                    f" {prefix}{found or 'nothing'}",
                    at,
                )
            i = at + 1
            break
    return date, i


def _starts_year(s: str, i: int, n: int) -> bool:
    digits = _ARABIC if i < n and s[i] in _ARABIC else _CHINESE_DIGITS
    j = i
    while j < n and s[j] in digits:
        j += 1
    return j - i == 4


def _type_error(value: object, expected: str) -> NoReturn:
    raise InvalidDate(f"expected {expected}, found {type(value).__name__}", short_repr(value), 0)


def parse_date(text: str) -> datetime.date:
    """The date written in ``text``, in any of the forms in the module's grammar.

    >>> parse_date("2022年1月18日"), parse_date("2022.1.18"), parse_date("２０２２／１／１８")
    (datetime.date(2022, 1, 18), datetime.date(2022, 1, 18), datetime.date(2022, 1, 18))
    >>> parse_date("2023 年 12 月 31 日"), parse_date("二〇二一年十二月廿一日星期二")
    (datetime.date(2023, 12, 31), datetime.date(2021, 12, 21))
    """
    text = exact_str(text, InvalidDate)
    s = normalize(text)
    n = len(s)
    try:
        date, i = _read_date(s, text, 0, n)
        if i != n:
            _fail(f"expected the end of the date, found {text[i]}", i)
    except Fault as fault:
        raise fault.locate(InvalidDate, text) from None
    return date


def is_valid_date(text: object) -> bool:
    """Whether :func:`parse_date` reads ``text`` without error.

    >>> is_valid_date("2022-01-18"), is_valid_date("2022-02-30"), is_valid_date(None)
    (True, False, False)
    """
    if not isinstance(text, str):
        return False
    try:
        parse_date(text)
    except InvalidDate:
        return False
    return True


def parse_period(text: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a period such as ``2021年1月1日起至12月31日止``.

    The end may leave out its year, which is then the start's year.

    >>> parse_period("2021年1月1日起至12月31日止")
    (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))
    >>> parse_period("自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止")
    (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    """
    text = exact_str(text, InvalidDate)
    try:
        return _read_period(text)
    except Fault as fault:
        raise fault.locate(InvalidDate, text) from None


def _read_period(text: str) -> tuple[datetime.date, datetime.date]:
    s = normalize(text)
    n = len(s)
    i = _skip_spaces(s, 0, n)
    if i < n and s[i] in "自从":
        i = _skip_spaces(s, i + 1, n)
    first, i = _read_date(s, text, i, n)
    i = _skip_spaces(s, i, n)
    if i < n and s[i] == "起":
        i = _skip_spaces(s, i + 1, n)
    if i >= n or s[i] not in _PERIOD_JOINERS:
        _fail(f"expected 至, found {_found(text, i)}", i)
    i = _skip_spaces(s, i + 1, n)
    last_at = i
    last, i = _read_date(s, text, i, n, default_year=first.year)
    i = _skip_spaces(s, i, n)
    if i < n and s[i] == "止":
        i += 1
    if i != n:
        _fail(f"expected the end of the period, found {text[i]}", i)
    if last < first:
        _fail(
            f"expected a date on or after {first.isoformat()}, found {last.isoformat()}",
            last_at,
        )
    return first, last


# Where a date may start: four digits not preceded by a digit, then 年 or a separator.
_CANDIDATE: Final = re.compile(
    r"(?<![0-9])[0-9]{4}[ \t]*[年./-]"
    r"|(?<![〇零一二三四五六七八九])[〇零一二三四五六七八九]{4}[ \t]*年"
)


def find_dates(text: str) -> tuple[FoundDate, ...]:
    """Every complete date in running text, in order (candidates that are not dates are skipped).

    >>> found = find_dates("统计期限从2021年1月1日起，二〇二二年一月十八日发布")
    >>> [(f.date.isoformat(), f.start, f.end) for f in found]
    [('2021-01-01', 5, 14), ('2022-01-18', 16, 26)]
    """
    text = exact_str(text, InvalidDate)
    s = normalize(text)
    n = len(s)
    found: list[FoundDate] = []
    position = 0
    while True:
        match = _CANDIDATE.search(s, position)
        if match is None:
            break
        start = match.start()
        try:
            date, end = _read_date(s, text, start, n)
        except Fault:  # not a date after all: discarded, so never located
            position = start + 1
            continue
        found.append(FoundDate(date=date, start=start, end=end))
        position = end
    return tuple(found)


def format_date(date: datetime.date, *, style: DateStyle | str = DateStyle.OFFICIAL) -> str:
    """``date`` written in ``style`` (a :class:`DateStyle` or its value: ``"official"``);
    :func:`parse_date` reads every style back.

    >>> d = datetime.date(2022, 1, 18)
    >>> [format_date(d, style=style) for style in DateStyle]  # doctest: +NORMALIZE_WHITESPACE
    ['二〇二二年一月十八日', '2022年1月18日', '2022-01-18', '2022/1/18', '2022年1月18日',
     '2022年1月18日', '2022年1月18日星期二']

    >>> format_date(d, style="numeric")
    '2022年1月18日'

    Years before 1000 cannot be written (every form here has a four-digit year).
    """
    if type(date) is not datetime.date:
        _type_error(date, "a datetime.date")
    style = style_of(DateStyle, style, InvalidDate)
    if date.year < 1000:
        iso = date.isoformat()
        raise InvalidDate(f"expected a year from 1000 to 9999, found {date.year}", iso, 0)
    if style is DateStyle.OFFICIAL:
        year = format_number(date.year, style=NumberStyle.DIGITS)
        return f"{year}年{format_number(date.month)}月{format_number(date.day)}日"
    if style is DateStyle.NUMERIC:
        return f"{date.year}年{date.month}月{date.day}日"
    if style is DateStyle.ISO:
        return date.isoformat()
    # Imported here: Babel's locale data costs every ``import govinfo`` time and memory, and only
    # these styles need it.
    import babel.dates

    return babel.dates.format_date(date, format=style.value, locale="zh_CN")
