"""govinfo.zh.dates: every style round-trips, real-world forms read, impossible dates located."""

from __future__ import annotations

import datetime
import sys
from typing import Any

import pytest
from hypothesis import given

from govinfo.errors import InvalidDate, LocatedError
from govinfo.zh.dates import (
    DateStyle,
    find_dates,
    format_date,
    is_valid_date,
    parse_date,
    parse_period,
)
from strategies_numerals import dates

D = datetime.date


@pytest.mark.parametrize("style", list(DateStyle))
@given(d=dates)
def test_every_style_round_trips(style: DateStyle, d: datetime.date) -> None:
    assert parse_date(format_date(d, style=style)) == d


@given(d=dates)
def test_found_in_running_text(d: datetime.date) -> None:
    text = f"本报告于{format_date(d)}发布，统计截至{format_date(d, style=DateStyle.NUMERIC)}。"
    assert [f.date for f in find_dates(text)] == [d, d]


GOLDEN = [
    ("2022年1月18日", D(2022, 1, 18)),
    ("二〇二二年一月十八日", D(2022, 1, 18)),
    ("二○二二年一月十八日", D(2022, 1, 18)),
    ("二零二二年十二月三十一日", D(2022, 12, 31)),
    ("2022-01-18", D(2022, 1, 18)),
    ("2022.1.18", D(2022, 1, 18)),
    ("2022/1/18", D(2022, 1, 18)),
    ("２０２２年１月１８日", D(2022, 1, 18)),
    ("2022年01月08日", D(2022, 1, 8)),
    ("2023 年 1 月 1 日", D(2023, 1, 1)),
    ("二〇二一年十二月廿一日", D(2021, 12, 21)),
    ("2022年1月18日星期二", D(2022, 1, 18)),
    ("2022年1月16日星期天", D(2022, 1, 16)),
    ("2022年1月18日周二", D(2022, 1, 18)),
    ("2024年2月29日", D(2024, 2, 29)),
]


@pytest.mark.parametrize(("text", "date"), GOLDEN)
def test_golden(text: str, date: datetime.date) -> None:
    assert parse_date(text) == date
    assert is_valid_date(text)


MALFORMED = [
    "",
    "2022年",
    "2022年2月30日",
    "2023年2月29日",
    "2022年13月1日",
    "2022年0月1日",
    "2022-1/18",
    "22年1月18日",
    "2022年一月十八日",  # Arabic and Chinese numerals mixed
    "二〇二二年1月18日",
    "二〇二二年一二月十八日",
    "2022年1月18日星期三",
    "2022年1月18日 ",
    "2022-01-188",
    "0000-01-01",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_date(text)
    assert not is_valid_date(text)


def test_impossible_date_message() -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_date("二〇二三年二月三十日")
    assert str(caught.value) == (
        "expected a day from 1 to 28 in 2023-02, found 30 (line 1, column 8)\n"
        "二〇二三年二月三十日\n"
        "              ^^"
    )


def test_weekday_message() -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_date("2022年1月18日星期三")
    assert str(caught.value) == (
        "expected 星期二 for 2022-01-18, found 星期三 (line 1, column 13)\n"
        "2022年1月18日星期三\n"
        "                 ^^"
    )


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2021年1月1日起至12月31日止", (D(2021, 1, 1), D(2021, 12, 31))),
        ("自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止", (D(2023, 1, 1), D(2023, 12, 31))),
        ("从2021年1月1日到2021年12月31日", (D(2021, 1, 1), D(2021, 12, 31))),
        ("2021年1月1日—12月31日", (D(2021, 1, 1), D(2021, 12, 31))),
        ("二〇二一年一月一日至十二月三十一日", (D(2021, 1, 1), D(2021, 12, 31))),
    ],
)
def test_periods(text: str, period: tuple[datetime.date, datetime.date]) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize(
    "text",
    ["2021年1月1日", "2021年12月31日至1月1日", "2021年1月1日起至2月30日止", "2021年1月1日至"],
)
def test_bad_periods(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_period(text)


def test_find_dates_in_a_report_sentence() -> None:
    period = "所列数据的统计期限从2021年1月1日起至12月31日止，"
    text = period + "于2022年1月18日发布，电话0577-89990928。"
    assert [(f.date, text[f.start : f.end]) for f in find_dates(text)] == [
        (D(2021, 1, 1), "2021年1月1日"),
        (D(2022, 1, 18), "2022年1月18日"),
    ]


@pytest.mark.parametrize(
    "value", [None, "2022-01-18", datetime.datetime(2022, 1, 18), D(999, 1, 1)]
)
def test_format_rejects(value: object) -> None:
    with pytest.raises(InvalidDate):
        format_date(value)  # type: ignore[arg-type]


# --- find_dates is linear: counted, never timed (the machine is shared and noisy) -----------

#: Runs of near-dates: every candidate fails, after reading a few characters.
NEAR_DATES = [
    "2022年",
    "二〇二二年十十月",
    "2022-1-",
    "2022年1月",
    "二〇二二年一",
    "2022 年 13月1日",
]


def _profiled_calls(text: str) -> int:
    """How many Python and C functions ``find_dates(text)`` calls: a measure of its work."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += 1

    sys.setprofile(count)
    try:
        find_dates(text)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("unit", NEAR_DATES)
def test_find_dates_does_work_in_proportion_to_the_text(unit: str) -> None:
    # Each failed candidate used to render a caret excerpt of the whole text (17 s at 4000).
    small, large = _profiled_calls(unit * 300), _profiled_calls(unit * 1200)
    assert large <= 4.5 * small


@pytest.mark.parametrize("unit", NEAR_DATES)
def test_find_dates_never_locates_a_candidate_it_discards(
    unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    located: list[str] = []
    init = LocatedError.__init__

    def counting(self: LocatedError, message: str, *args: Any) -> None:
        located.append(message)
        init(self, message, *args)

    monkeypatch.setattr(LocatedError, "__init__", counting)
    assert find_dates(unit * 4000) == ()
    assert find_dates(unit * 10 + "于2022年1月18日发布")[-1].date == D(2022, 1, 18)
    assert located == []


@pytest.mark.parametrize("style", list(DateStyle))
def test_a_style_may_be_named_by_its_value(style: DateStyle) -> None:
    d = D(2022, 1, 18)
    assert format_date(d, style=style.value) == format_date(d, style=style)


def test_an_unknown_style_name_lists_the_styles() -> None:
    with pytest.raises(InvalidDate) as caught:
        format_date(D(2022, 1, 18), style="offical")
    assert str(caught.value) == (
        "expected a DateStyle or one of 'official', 'numeric', 'iso', 'short', 'medium', 'long', "
        "'full', found 'offical' (line 1, column 1)\n'offical'\n^^^^^^^^^"
    )
