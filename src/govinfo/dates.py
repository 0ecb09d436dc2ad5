"""``govinfo.dates`` is :mod:`govinfo.zh.dates`: moved there; this path stays."""

from govinfo.zh.dates import (
    DateStyle,
    FoundDate,
    find_dates,
    format_date,
    is_valid_date,
    parse_date,
    parse_period,
)

__all__ = [
    "DateStyle",
    "FoundDate",
    "find_dates",
    "format_date",
    "is_valid_date",
    "parse_date",
    "parse_period",
]
