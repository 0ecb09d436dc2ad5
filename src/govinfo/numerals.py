"""``govinfo.numerals`` is :mod:`govinfo.zh.numerals`: moved there; this path stays."""

from govinfo.zh.numerals import (
    MAX_CHINESE,
    MAX_DIGITS,
    NumberStyle,
    format_number,
    is_valid_number,
    parse_number,
)

__all__ = [
    "MAX_CHINESE",
    "MAX_DIGITS",
    "NumberStyle",
    "format_number",
    "is_valid_number",
    "parse_number",
]
