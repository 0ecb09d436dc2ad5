"""Amounts of money with their unit: 299.8145万元, 251000元, 3.5亿元, 壹万贰仟元整.

:class:`Amount` keeps the value exactly as printed (a ``Decimal``, never a float) with its
:class:`Unit`; :meth:`Amount.to_yuan` converts to 元 exactly. The same small protocol as
:mod:`govinfo.zh.numerals`: :func:`parse_amount`, :func:`format_amount`, :func:`is_valid_amount`;
:func:`unit_from_header` reads the unit a column header declares.

>>> amount = parse_amount("299.8145万元")
>>> amount
Amount(value=Decimal('299.8145'), unit=<Unit.WAN_YUAN: '万元'>)
>>> amount.to_yuan(), format_amount(amount)
(Decimal('2998145'), '299.8145万元')
>>> parse_amount("4068.208", default_unit=unit_from_header("本年收费金额（单位：万元）"))
Amount(value=Decimal('4068.208'), unit=<Unit.WAN_YUAN: '万元'>)

Equality is by value and unit, with ``Decimal``'s numeric equality: ``1.0元 == 1元`` but
``1万元 != 10000元``; compare :meth:`Amount.to_yuan` to compare sums of money. The printed
digits survive a round trip: ``format_amount(parse_amount("1.50元")) == "1.50元"``.

Grammar (after :func:`govinfo.zh._chars.normalize`)::

    amount := number [unit] | number 元 [零] [digit 角] [digit 分] [整]
    unit   := 元 | 圆 | 万元 | 亿元 | 万 | 亿     (万 and 亿 alone only with a ``default_unit``)
    number := a non-negative number as read by govinfo.zh.numerals.parse_number,
              not ending in 万 or 亿 (but 万亿元: 1.5万亿元 is 15000亿元)

**The 万 rule.** A final 万 or 亿 is the unit, counted once: without 元 it is 万元 or 亿元 with
the 元 left out, as a fee column in 万元 prints ``299.8145万``. It is never a multiplier with
``default_unit`` on top (that read 299.8145万 in a 万元 column as 2998145 万元), and the amount
keeps the unit it was written in, so a caller that expects its column's unit sees a cell in
another one (``0.03亿``) instead of a conversion:

>>> parse_amount("299.8145万", default_unit=Unit.WAN_YUAN)
Amount(value=Decimal('299.8145'), unit=<Unit.WAN_YUAN: '万元'>)
>>> parse_amount("0.03亿", default_unit=Unit.WAN_YUAN)
Amount(value=Decimal('0.03'), unit=<Unit.YI_YUAN: '亿元'>)

Without a ``default_unit`` a bare 万 is not a unit (3万 could count people), and a unit
written twice is an error, not 10^4 times the amount:

>>> parse_amount("299.8145万万元")
Traceback (most recent call last):
  ...
govinfo.errors.InvalidAmount: expected one unit, found 万万元 (line 1, column 9)
299.8145万万元
        ^^^^^^
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Any, Final, NoReturn

from attrs import field, frozen

from govinfo.errors import InvalidAmount, ModelError, short_repr
from govinfo.zh._chars import FINANCIAL, exact_str, normalize
from govinfo.zh._fault import Fault
from govinfo.zh.numerals import check_script, read_number

__all__ = [
    "Amount",
    "Unit",
    "format_amount",
    "is_valid_amount",
    "parse_amount",
    "unit_from_header",
]


class Unit(enum.Enum):
    """The unit an amount is written in."""

    YUAN = "元"
    WAN_YUAN = "万元"
    YI_YUAN = "亿元"

    @property
    def exponent(self) -> int:
        """The power of ten that turns one of this unit into 元.

        >>> Unit.WAN_YUAN.exponent
        4
        """
        return _EXPONENTS[self]


_EXPONENTS: Final = {Unit.YUAN: 0, Unit.WAN_YUAN: 4, Unit.YI_YUAN: 8}


def _value(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or value.is_signed():
        raise ModelError(
            f"Amount.value: expected a non-negative finite Decimal, got {short_repr(value)}"
        )


def _unit(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, Unit):
        raise ModelError(f"Amount.unit: expected a Unit, got {short_repr(value)}")


@frozen
class Amount:
    """An amount of money: an exact, non-negative ``Decimal`` value in a :class:`Unit`."""

    value: Decimal = field(validator=_value)
    unit: Unit = field(validator=_unit)

    def to_yuan(self) -> Decimal:
        """The amount in 元, exactly (no rounding, whatever the number of digits).

        >>> Amount(Decimal("3.5"), Unit.YI_YUAN).to_yuan()
        Decimal('350000000')
        """
        sign, digits, exponent = self.value.as_tuple()
        assert isinstance(exponent, int)
        exponent += self.unit.exponent
        if exponent > 0:
            digits = digits + (0,) * exponent
            exponent = 0
        return Decimal((sign, digits, exponent))


_JIAO_FEN_DIGITS: Final = "零一二三四五六七八九"
_BARE_UNITS: Final = {"万": Unit.WAN_YUAN, "亿": Unit.YI_YUAN}


def _fail(message: str, i: int) -> NoReturn:
    raise Fault(message, i)


def _found(src: str, i: int) -> str:
    return "the end of the text" if i >= len(src) else src[i]


def _type_error(value: object, expected: str) -> NoReturn:
    raise InvalidAmount(f"expected {expected}, found {type(value).__name__}", short_repr(value), 0)


def _jiao_fen(s: str, src: str, i: int) -> tuple[int, int, int]:
    """Read [零] [digit 角] [digit 分] [整] after 元: (hundredths, decimal places, end)."""
    n = len(s)
    if i < n and s[i] == "零":
        i += 1
    hundredths = places = 0
    for unit, weight, place in (("角", 10, 1), ("分", 1, 2)):
        if i + 1 < n and s[i] in _JIAO_FEN_DIGITS and s[i + 1] == unit:
            hundredths += _JIAO_FEN_DIGITS.index(s[i]) * weight
            places = place
            i += 2
    if i < n and s[i] == "整" and places < 2:
        i += 1
    if i != n:
        _fail(f"expected 角, 分, 整 or the end of the amount, found {src[i]}", i)
    return hundredths, places, i


def parse_amount(text: str, *, default_unit: Unit | None = None) -> Amount:
    """The amount written in ``text``; ``default_unit`` applies when the text has no unit.

    >>> parse_amount("251000元"), parse_amount("3.5亿元").to_yuan()
    (Amount(value=Decimal('251000'), unit=<Unit.YUAN: '元'>), Decimal('350000000'))
    >>> parse_amount("1,234.5万元").value, parse_amount("１２３元").value
    (Decimal('1234.5'), Decimal('123'))
    >>> parse_amount("壹万贰仟元整").value, parse_amount("叁佰圆").value
    (Decimal('12000'), Decimal('300'))
    >>> parse_amount("壹佰元伍角贰分").value
    Decimal('100.52')
    """
    text = exact_str(text, InvalidAmount)
    if default_unit is not None and not isinstance(default_unit, Unit):
        _type_error(default_unit, "a Unit or None")
    try:
        return _read_amount(text, default_unit)
    except Fault as fault:
        raise fault.locate(InvalidAmount, text) from None


def _read_amount(text: str, default_unit: Unit | None) -> Amount:
    s = normalize(text)
    n = len(s)
    yuan = -1
    for k, c in enumerate(s):
        if c in "元圆":
            yuan = k
            break
    hundredths = places = 0
    if yuan < 0:
        if default_unit is None:
            _fail(f"expected a unit 元, 万元 or 亿元, found {_found(text, n)}", n)
        if n and s[n - 1] in "万亿":  # the unit without its 元: 299.8145万 in a 万元 column
            unit, end = _BARE_UNITS[s[n - 1]], n - 1
        else:
            unit, end = default_unit, n
    else:
        if yuan > 0 and s[yuan - 1] in "万亿":
            unit = Unit.WAN_YUAN if s[yuan - 1] == "万" else Unit.YI_YUAN
            end = yuan - 1
        else:
            unit, end = Unit.YUAN, yuan
        if yuan + 1 < n:
            if unit is not Unit.YUAN and s[yuan + 1] != "整":
                _fail(f"expected the end of the amount, found {text[yuan + 1]}", yuan + 1)
            hundredths, places, _ = _jiao_fen(s, text, yuan + 1)
    if end == 0:
        _fail(f"expected a number, found {_found(text, 0)}", 0)
    if (
        end > 1
        and s[end - 1] in "万亿"
        and unit is not Unit.YUAN
        and s[end - 1 : end + 1] != "万亿"
    ):
        unit_end = yuan + 1 if yuan >= 0 else n
        raise Fault(
            f"expected one unit, found {text[end - 1 : unit_end]}", end - 1, unit_end - end + 1
        )
    if not FINANCIAL.isdisjoint(text):
        check_script(text[:end])
    number, _ = read_number(s, text, 0, end)
    if number < 0:
        _fail(f"expected a non-negative amount, found {text[0]}", 0)
    value = Decimal(number)
    if places:
        if value.as_tuple().exponent != 0:
            _fail(f"expected 元 after a whole number, found {text[yuan]}", yuan)
        value = Decimal((0, tuple(map(int, str(int(value) * 100 + hundredths))), -2))
        if places == 1:
            value = Decimal((0, value.as_tuple().digits[:-1], -1))
    return Amount(value, unit)


def is_valid_amount(text: object, *, default_unit: Unit | None = None) -> bool:
    """Whether :func:`parse_amount` reads ``text`` without error.

    >>> is_valid_amount("299.8145万元"), is_valid_amount("299.8145"), is_valid_amount("-1元")
    (True, False, False)
    """
    if not isinstance(text, str):
        return False
    try:
        parse_amount(text, default_unit=default_unit)
    except InvalidAmount:
        return False
    return True


def format_amount(amount: Amount) -> str:
    """The canonical text of ``amount``: the printed digits, then the unit.

    >>> format_amount(Amount(Decimal("4068.208"), Unit.WAN_YUAN))
    '4068.208万元'
    """
    if not isinstance(amount, Amount):
        _type_error(amount, "an Amount")
    value, unit = amount.value, amount.unit  # validated when the Amount was made
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if len(digits) + max(exponent, 0) > 4000:
        raise InvalidAmount("expected at most 4000 digits, found more", f"{value:.3e}", 0)
    return f"{value:f}{unit.value}"


_HEADER_UNIT: Final = re.compile(r"单位[ \t]*:?[ \t]*(万元|亿元|元)|\((万元|亿元|元)\)")


def unit_from_header(header: str) -> Unit:
    """The unit a column header declares, as in ``本年收费金额（单位：万元）``.

    >>> unit_from_header("本年收费金额（单位：万元）"), unit_from_header("金额(元)")
    (<Unit.WAN_YUAN: '万元'>, <Unit.YUAN: '元'>)
    """
    header = exact_str(header, InvalidAmount)
    match = _HEADER_UNIT.search(normalize(header))
    if match is None:
        raise InvalidAmount(
            "expected a unit such as （单位：万元）, found none", header, len(header)
        )
    return Unit(match.group(1) or match.group(2))
