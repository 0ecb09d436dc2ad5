"""``govinfo.enumerators`` is :mod:`govinfo.zh.enumerators`: moved there; this path stays."""

from govinfo.zh.enumerators import (
    Citation,
    Enumerator,
    EnumeratorKind,
    format_citation,
    format_enumerator,
    is_valid_citation,
    is_valid_enumerator,
    parse_citation,
    parse_enumerator,
    split_enumerator,
)

__all__ = [
    "Citation",
    "Enumerator",
    "EnumeratorKind",
    "format_citation",
    "format_enumerator",
    "is_valid_citation",
    "is_valid_enumerator",
    "parse_citation",
    "parse_enumerator",
    "split_enumerator",
]
