"""The ``style=`` argument of the writers: a member of their style enum, or its value as text.

Docs and notebooks write ``format_date(d, style="official")``; refusing the string a member
stands for would only make callers import the enum for nothing.
"""

from __future__ import annotations

import enum
from typing import TypeVar

from govinfo.errors import LocatedError, short_repr

__all__ = ["style_of"]

E = TypeVar("E", bound=enum.Enum)


def style_of(kind: type[E], value: object, error: type[LocatedError]) -> E:
    """``value`` as a member of ``kind``: the member itself, or the string of its value; anything
    else is ``error`` listing the styles there are.

    >>> from govinfo.errors import InvalidDate
    >>> from govinfo.zh.dates import DateStyle
    >>> style_of(DateStyle, "iso", InvalidDate)
    <DateStyle.ISO: 'iso'>
    >>> style_of(DateStyle, "offical", InvalidDate)
    Traceback (most recent call last):
    ...
    govinfo.errors.InvalidDate: expected a DateStyle or one of 'official', 'numeric', 'iso', 'short', 'medium', 'long', 'full', found 'offical' (line 1, column 1)
    'offical'
    ^^^^^^^^^
    """  # noqa: E501
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        for member in kind:
            if member.value == value:
                return member
    known = ", ".join(repr(m.value) for m in kind)
    shown = short_repr(value)
    found = shown if isinstance(value, str) else type(value).__name__
    raise error(
        f"expected a {kind.__name__} or one of {known}, found {found}", shown, 0, len(shown)
    )
