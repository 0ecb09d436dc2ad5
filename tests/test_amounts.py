"""govinfo.zh.amounts: exact values with their unit, printed digits preserved."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo.errors import InvalidAmount, ModelError, TextSyntaxError
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


# --- The 万 rule: a final 万 or 亿 is the unit, counted once ------------------------------

W, Y, YUAN = Unit.WAN_YUAN, Unit.YI_YUAN, Unit.YUAN


@pytest.mark.parametrize(
    ("text", "default_unit", "value", "unit"),
    [
        ("299.8145万", W, "299.8145", W),  # was 2998145 万元: 万 applied, then the column's unit
        ("299.8145", W, "299.8145", W),
        ("3千万", W, "3000", W),
        ("一万", W, "1", W),
        ("壹万", W, "1", W),
        ("0.03亿", W, "0.03", Y),  # was 3000000 万元; now in its own unit, for the caller to refuse
        ("299.8145万", YUAN, "299.8145", W),  # likewise in a 元 column: no conversion
        ("1.5万亿", W, "15000", Y),
        ("1.5万亿元", None, "15000", Y),  # 万亿 is one unit word
        ("299.8145万元", W, "299.8145", W),
        ("2998145元", W, "2998145", YUAN),
    ],
)
def test_a_final_wan_is_the_unit_once(
    text: str, default_unit: Unit | None, value: str, unit: Unit
) -> None:
    amount = parse_amount(text, default_unit=default_unit)
    assert amount == Amount(Decimal(value), unit)
    assert str(amount.value) == value


@pytest.mark.parametrize(
    ("text", "default_unit"),
    [
        ("299.8145万", None),  # without a column's unit, 3万 might count people
        ("299.8145万万元", None),
        ("299.8145万万", W),
        ("5亿亿元", None),
        ("2亿万元", None),
        ("亿万元", None),
        ("万", W),
    ],
)
def test_a_unit_without_a_number_or_written_twice(text: str, default_unit: Unit | None) -> None:
    with pytest.raises(InvalidAmount):
        parse_amount(text, default_unit=default_unit)
    assert not is_valid_amount(text, default_unit=default_unit)


@given(a=amounts, column=st.sampled_from(Unit))
def test_a_unit_without_its_yuan_reads_the_same_in_any_column(a: Amount, column: Unit) -> None:
    text = format_amount(a)
    short = text if a.unit is Unit.YUAN else text.removesuffix("元")  # 299.8145万
    assert parse_amount(short, default_unit=column) == a


def test_doubled_unit_message() -> None:
    with pytest.raises(InvalidAmount) as caught:
        parse_amount("299.8145万万元")
    assert str(caught.value) == (
        "expected one unit, found 万万元 (line 1, column 9)\n299.8145万万元\n        ^^^^^^"
    )


def _example_with_fee(cell: str) -> str:
    text = Path(govinfo.example_path(".txt")).read_text(encoding="utf-8")
    assert text.count("\n299.8145万元\n") == 1
    return text.replace("\n299.8145万元\n", f"\n{cell}\n")


@pytest.mark.parametrize("cell", ["299.8145万", "299.8145万元", "299.8145", "２９９.８１４５万"])
def test_the_fee_column_reads_a_bare_wan_once(cell: str) -> None:
    report = govinfo.parse_text(_example_with_fee(cell))
    fee = report.disclosure["fees"]["administrative_fees", "amount"]
    assert fee == Decimal("299.8145")
    assert str(fee) == "299.8145"


@pytest.mark.parametrize(
    "cell", ["2998145元", "299.8145元", "0.03亿元", "0.03亿", "299.8145万万元", "299.8145万万"]
)
def test_the_fee_column_refuses_another_unit(cell: str) -> None:
    with pytest.raises(TextSyntaxError) as caught:
        govinfo.parse_text(_example_with_fee(cell))
    assert caught.value.reason == (
        "expected an amount in 万元 in the column 本年收费金额（单位：万元）"
        f" of the row 行政事业性收费, found {cell}"
    )


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
