"""Amounts of money with their unit (stub until the amounts helper lands)."""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import frozen

__all__ = ["Amount", "Unit"]


class Unit(enum.Enum):
    YUAN = "元"
    WAN_YUAN = "万元"
    YI_YUAN = "亿元"


@frozen
class Amount:
    value: Decimal
    unit: Unit
