"""Hypothesis strategies for the numeral, date, enumerator and amount tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from govinfo.zh.amounts import Amount, Unit
from govinfo.zh.enumerators import Citation, Enumerator, EnumeratorKind

#: Integers the Chinese styles write, weighted so every size from 1 to 16 digits shows up.
chinese_ints = st.integers(min_value=1, max_value=16).flatmap(
    lambda digits: st.integers(min_value=0, max_value=10**digits - 1)
)

#: Exact decimals with a few fraction digits, printed digits preserved.
decimals = st.builds(
    lambda whole, fraction, places: Decimal(f"{whole}.{fraction:0{places}d}"),
    chinese_ints,
    st.integers(min_value=0, max_value=999_999),
    st.integers(min_value=6, max_value=8),
)

dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))

enumerators = st.builds(
    Enumerator,
    kind=st.sampled_from(EnumeratorKind),
    ordinal=st.integers(min_value=1, max_value=50),
)

citations = st.builds(
    Citation,
    article=st.integers(min_value=1, max_value=200),
    item=st.none() | st.integers(min_value=1, max_value=30),
)

amounts = st.builds(
    Amount,
    st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False, places=4),
    st.sampled_from(Unit),
)
