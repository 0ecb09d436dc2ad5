"""govinfo.zh.amounts: exact values with their unit, printed digits preserved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given

from govinfo.errors import InvalidAmount, ModelError
from govinfo.zh.amounts import (
    Amount,
    Unit,
    format_amount,
    is_valid_amount,
    parse_amount,
    unit_from_header,
)
from strategies_numerals import amounts


@given(a=amounts)
def test_round_trip_keeps_digits(a: Amount) -> None:
    text = format_amount(a)
    back = parse_amount(text)
    assert back == a
    assert format_amount(back) == text


@given(a=amounts)
def test_to_yuan_is_exact(a: Amount) -> None:
    assert a.to_yuan() == a.value * 10**a.unit.exponent
    assert a.to_yuan().as_tuple().exponent <= 0 or a.to_yuan() == 0


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("299.8145万元", "299.8145", Unit.WAN_YUAN),
        ("251000元", "251000", Unit.YUAN),
        ("3.5亿元", "3.5", Unit.YI_YUAN),
        ("1,234.5万元", "1234.5", Unit.WAN_YUAN),
        ("１２３４．５万元", "1234.5", Unit.WAN_YUAN),
        ("0元", "0", Unit.YUAN),
        ("1.50元", "1.50", Unit.YUAN),
        ("3千万元", "3000", Unit.WAN_YUAN),
        ("壹万贰仟元整", "12000", Unit.YUAN),
        ("叁佰圆", "300", Unit.YUAN),
        ("壹佰元伍角", "100.5", Unit.YUAN),
        ("壹佰元零伍分", "100.05", Unit.YUAN),
        ("壹佰元伍角整", "100.5", Unit.YUAN),
        ("十五亿元", "15", Unit.YI_YUAN),
    ],
)
def test_golden(text: str, value: str, unit: Unit) -> None:
    amount = parse_amount(text)
    assert amount == Amount(Decimal(value), unit)
    assert str(amount.value) == value


def test_default_unit_from_header() -> None:
    unit = unit_from_header("本年收费金额（单位：万元）")
    amount = parse_amount("4068.208", default_unit=unit)
    assert amount == Amount(Decimal("4068.208"), Unit.WAN_YUAN)
    assert format_amount(amount) == "4068.208万元"
    assert amount.to_yuan() == Decimal("40682080")


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("本年收费金额（单位：万元）", Unit.WAN_YUAN),
        ("本年收费金额(单位:万元)", Unit.WAN_YUAN),
        ("金额（元）", Unit.YUAN),
        ("金额(单位: 亿元)", Unit.YI_YUAN),
    ],
)
def test_unit_from_header(header: str, unit: Unit) -> None:
    assert unit_from_header(header) == unit


def test_header_without_unit() -> None:
    with pytest.raises(InvalidAmount):
        unit_from_header("本年收费金额")


@pytest.mark.parametrize(
    "text",
    ["", "元", "万元", "4068.208", "-1元", "1元2", "1万元整角", "壹百元", "1.5元伍角", "1美元"],
)
def test_malformed(text: str) -> None:
    with pytest.raises(InvalidAmount):
        parse_amount(text)
    assert not is_valid_amount(text)


def test_missing_unit_message() -> None:
    with pytest.raises(InvalidAmount) as caught:
        parse_amount("4068.208")
    assert str(caught.value) == (
        "expected a unit 元, 万元 or 亿元, found the end of the text (line 1, column 9)\n"
        "4068.208\n"
        "        ^"
    )


def test_equality_is_by_value_and_unit() -> None:
    assert Amount(Decimal("1.0"), Unit.YUAN) == Amount(Decimal("1"), Unit.YUAN)
    assert Amount(Decimal("1"), Unit.WAN_YUAN) != Amount(Decimal("10000"), Unit.YUAN)


@pytest.mark.parametrize("value", ["1元", None, Decimal("1")])
def test_format_rejects(value: object) -> None:
    with pytest.raises(InvalidAmount):
        format_amount(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "unit"),
    [(Decimal("-1"), Unit.YUAN), (Decimal("NaN"), Unit.YUAN), (1.5, Unit.YUAN), (Decimal(1), "元")],
)
def test_an_amount_cannot_be_made_wrong(value: object, unit: object) -> None:
    with pytest.raises(ModelError, match=r"^Amount\.(value|unit): expected"):
        Amount(value, unit)  # type: ignore[arg-type]
