"""``govinfo.enumerators`` is :mod:`govinfo.zh.enumerators`: moved there; this path stays."""

from govinfo.zh.enumerators import (
    MAX_CIRCLED,
    MAX_ORDINAL,
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
    "MAX_CIRCLED",
    "MAX_ORDINAL",
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
