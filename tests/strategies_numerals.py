"""Hypothesis strategies for the numeral, date, enumerator and amount tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from govinfo.zh.amounts import Amount, Unit
from govinfo.zh.enumerators import (
    MAX_CIRCLED,
    MAX_ORDINAL,
    Citation,
    Enumerator,
    EnumeratorKind,
)
from govinfo.zh.numerals import NumberStyle, format_number

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


def _ordinals(limit: int) -> st.SearchStrategy[int]:
    """Ordinals from 1 to ``limit``, its ends and every number of digits well represented."""
    return st.sampled_from([1, limit]) | st.integers(
        min_value=1, max_value=len(str(limit))
    ).flatmap(lambda digits: st.integers(min_value=1, max_value=min(10**digits - 1, limit)))


#: Every marker the writer accepts: ordinals from 1 to MAX_ORDINAL (MAX_CIRCLED when circled).
enumerators = st.sampled_from(EnumeratorKind).flatmap(
    lambda kind: st.builds(
        Enumerator,
        kind=st.just(kind),
        ordinal=_ordinals(MAX_CIRCLED if kind is EnumeratorKind.CIRCLED else MAX_ORDINAL),
    )
)

#: Every citation the writer accepts.
citations = st.builds(
    Citation, article=_ordinals(MAX_ORDINAL), item=st.none() | _ordinals(MAX_ORDINAL)
)

#: Any int, the edges of the domain and ints too long for str() (over 4300 digits) included.
any_ordinals = (
    st.integers(min_value=-2, max_value=MAX_ORDINAL + 2)
    | st.integers()
    | st.sampled_from([MAX_CIRCLED + 1, 10**12, 10**13, 10**16, 10**5000, -(10**5000)])
)

#: The numeral of an ordinal as it might be printed: Arabic, Chinese in every style, or a
#: jumble of numeral characters; most are in the readers' domain, some just beyond it.
_numeral_texts = st.one_of(
    st.integers(min_value=0, max_value=10**14).map(str),
    st.builds(
        lambda n, style: format_number(n, style=style),
        st.integers(min_value=0, max_value=10**6) | st.integers(min_value=0, max_value=10**14),
        st.sampled_from(NumberStyle),
    ),
    st.text(
        alphabet="0123456789〇零一二三四五六七八九十百千万亿两廿卅壹拾", min_size=1, max_size=8
    ),
)

#: Texts shaped like a marker, for the reader's side of the round trip.
marker_texts = st.one_of(
    st.builds(
        lambda shape, numeral: shape.format(numeral),
        st.sampled_from(["{}、", "（{}）", "({})", "{}.", "{}．", "({}", "{})"]),
        _numeral_texts,
    ),
    st.sampled_from([*(chr(c) for c in range(0x2460, 0x2474)), "㉑", "㊿", "⓪", "⑴"]),
)

#: Texts shaped like a citation.
citation_texts = st.builds(
    lambda shape, article, item: shape.format(article, item),
    st.sampled_from(
        ["第{}条", "第{}条第{}项", "第{}条第（{}）项", "第{}条 第({})项", "第{}条第({}项"]
    ),
    _numeral_texts,
    _numeral_texts,
)

amounts = st.builds(
    Amount,
    st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False, places=4),
    st.sampled_from(Unit),
)
