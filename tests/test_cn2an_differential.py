"""Differential test against cn2an (a test dependency only).

Wherever both libraries give an answer they agree; every disagreement is one where cn2an is
wrong, and each kind is listed below with the reason.
"""

from __future__ import annotations

import logging
import warnings
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo.errors import InvalidNumeral
from govinfo.zh.numerals import NumberStyle, format_number, parse_number
from strategies_numerals import chinese_ints

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    logging.getLogger("cn2an").setLevel(logging.CRITICAL)
    import cn2an

# Numbers written mostly of zeros and ones, where the zero rules matter most.
sparse_ints = st.text(alphabet="0000001", min_size=1, max_size=16).map(int)


def cn2an_read(text: str) -> int | float | None:
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError):  # cn2an crashes with KeyError on some of its own outputs
        return None
    assert isinstance(value, int | float)
    return value


@pytest.mark.parametrize("style", [NumberStyle.STANDARD, NumberStyle.FINANCIAL, NumberStyle.DIGITS])
@given(n=chinese_ints | sparse_ints)
def test_cn2an_reads_what_we_write(style: NumberStyle, n: int) -> None:
    assert cn2an_read(format_number(n, style=style)) == n


def _drops_a_section_zero(theirs: str, ours: str) -> bool:
    """``theirs`` is ``ours`` without a 零 right after 亿 or 万: a whole section left unsaid."""
    return any(
        ours[:i] + ours[i + 1 :] == theirs
        for i in range(1, len(ours))
        if ours[i] == "零" and ours[i - 1] in "亿万"
    )


@given(n=chinese_ints | sparse_ints)
def test_we_read_what_cn2an_writes(n: int) -> None:
    theirs = cn2an.an2cn(n)
    try:
        assert parse_number(theirs) == n
    except InvalidNumeral:
        # Known cn2an bug: an2cn drops the 零 for an empty section after 亿, and then cannot
        # read its own output back. We refuse the text instead of guessing.
        assert _drops_a_section_zero(theirs, format_number(n))
        assert cn2an_read(theirs) is None


@given(d=st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_agree_up_to_cn2ans_floats(d: Decimal) -> None:
    value = cn2an_read(format_number(d))
    # cn2an returns a float; with at most 12 significant digits its repr is the exact decimal.
    assert value is not None
    assert Decimal(repr(value)) == d


# Every kind of disagreement found, with one example each: (text or number, ours, cn2an's).
DISAGREEMENTS = [
    pytest.param(
        604700009302,
        "六千零四十七亿零九千三百零二",
        "六千零四十七亿九千三百零二",
        id="an2cn drops the 零 of an empty 万 section after 亿; cn2an cannot read it back",
    ),
    pytest.param(
        1102100002000,
        "一万一千零二十一亿零二千",
        "一万一千零二十一亿二千",
        id="the same bug with a shorter lower part",
    ),
]


@pytest.mark.parametrize(("n", "ours", "theirs"), DISAGREEMENTS)
def test_cn2an_writing_bugs(n: int, ours: str, theirs: str) -> None:
    assert format_number(n) == ours
    assert cn2an.an2cn(n) == theirs
    assert cn2an_read(theirs) is None  # cn2an rejects its own output
    with pytest.raises(InvalidNumeral, match="expected 零 before"):
        parse_number(theirs)


@pytest.mark.parametrize(
    ("text", "theirs", "reason"),
    [
        ("一两", 12, "一两 means 'one or two', not 12"),
        ("十两", 12, "两 is not written for a units digit; 十两 is a weight, not 12"),
        ("一万零一千", 11000, "a 零 that stands for no missing place is malformed"),
        ("一万一百", 10100, "the 零 for the missing 千 place is required"),
    ],
)
def test_cn2an_guesses_where_we_refuse(text: str, theirs: int, reason: str) -> None:
    assert cn2an_read(text) == theirs
    with pytest.raises(InvalidNumeral):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两百", 200),
        ("〇", 0),
        ("二〇二一", 2021),
    ],
)
def test_cn2an_default_mode_rejects_valid_forms(text: str, value: int) -> None:
    with pytest.raises(ValueError, match="strict"):
        cn2an.cn2an(text)
    assert parse_number(text) == value


def test_cn2an_float_loses_digits() -> None:
    text = "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九点九"
    assert cn2an_read(text) == 1e16  # a float, off by 0.1
    assert parse_number(text) == Decimal("9999999999999999.9")


def test_cn2an_cannot_read_mixed_forms() -> None:
    assert cn2an_read("3千万") is None
    assert parse_number("3千万") == 30_000_000
