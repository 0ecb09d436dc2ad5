"""``govinfo.amounts`` is :mod:`govinfo.zh.amounts`: moved there; this path stays."""

from govinfo.zh.amounts import (
    Amount,
    Unit,
    format_amount,
    is_valid_amount,
    parse_amount,
    unit_from_header,
)

__all__ = [
    "Amount",
    "Unit",
    "format_amount",
    "is_valid_amount",
    "parse_amount",
    "unit_from_header",
]
