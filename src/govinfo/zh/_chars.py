"""The one audited table of character variants that govinfo reads as the same character.

Reports are typeset by hand, in many editors, and arrive through PDF extraction: the same
numeral shows up in full-width, Traditional, financial (大写) and look-alike forms. Every module
that reads numerals, dates, amounts or markers maps its input through :func:`normalize` first,
so there is exactly one place that decides which variants are accepted.

The mapping is one character to one character, so a position in the normalized text is the same
position in the original text, and errors can point at what the author wrote.

This table deliberately does not contain ``str.isdigit()``-style catch-alls: superscripts (²),
circled numbers (⑱) and Roman numerals (ⅷ) are *not* digits here and are rejected by the
readers that use it.

>>> normalize("２０２２．１．１８")
'2022.1.18'
>>> normalize("壹萬貳仟圓")
'一万二千圆'
>>> normalize("二○二二")
'二〇二二'
"""

from __future__ import annotations

import re

from govinfo.errors import LocatedError, short_repr

__all__ = [
    "ARABIC_DIGITS",
    "FINANCIAL",
    "LOWER",
    "VARIANTS",
    "exact_str",
    "normalize",
]

# Full-width ASCII (U+FF10..FF19 digits) and the punctuation that numbers and dates use.
_FULL_WIDTH = {
    **{chr(0xFF10 + d): str(d) for d in range(10)},
    "．": ".",
    "，": ",",
    "－": "-",
    "／": "/",
    "（": "(",
    "）": ")",
    "：": ":",
    "\u3000": " ",  # ideographic space
}

# Financial (大写) numerals, simplified and Traditional, to their everyday forms.
_FINANCIAL = {
    "壹": "一",
    "贰": "二",
    "貳": "二",
    "叁": "三",
    "參": "三",
    "肆": "四",
    "伍": "五",
    "陆": "六",
    "陸": "六",
    "柒": "七",
    "捌": "八",
    "玖": "九",
    "拾": "十",
    "佰": "百",
    "仟": "千",
}

# Traditional forms shared by everyday and financial writing, and look-alikes.
_TRADITIONAL = {
    "萬": "万",
    "億": "亿",
    "兩": "两",
    "點": "点",
    "負": "负",
    "圓": "圆",
    # U+25CB WHITE CIRCLE: typed for 〇 (U+3007) in many real reports (二○二一年).
    "○": "〇",
}

#: Every accepted variant and the canonical character it stands for.
VARIANTS: dict[str, str] = {**_FULL_WIDTH, **_FINANCIAL, **_TRADITIONAL}

#: Characters that mark a numeral as financial (大写); they must not mix with :data:`LOWER`.
FINANCIAL = frozenset(_FINANCIAL)

#: Everyday numeral characters that have a distinct financial form.
LOWER = frozenset("一二三四五六七八九十百千两廿卅卌")

#: The only characters accepted as Arabic digits once normalized.
ARABIC_DIGITS = frozenset("0123456789")

_TABLE = str.maketrans(VARIANTS)
_VARIANT = re.compile("[" + "".join(re.escape(v) for v in VARIANTS) + "]")
_canonical = VARIANTS.__getitem__


def normalize(text: str) -> str:
    """``text`` with every variant in :data:`VARIANTS` replaced by its canonical character.

    The result has the same length as ``text``: positions carry over unchanged.

    >>> normalize("（一）第貳拾條")
    '(一)第二十條'

    ``str.translate`` looks every character up (about 50 ns each); a paragraph of prose holds
    few variants, and replacing just those is several times faster. Text dense in variants
    (full-width digits) is translated whole, so that neither case costs much more than the
    other.
    """
    if len(text) < 32:
        return text.translate(_TABLE)
    limit, found = len(text) >> 3, 0
    for _ in _VARIANT.finditer(text):
        found += 1
        if found > limit:
            return text.translate(_TABLE)
    if not found:
        return text
    return _VARIANT.sub(lambda match: _canonical(match.group()), text)


def exact_str(value: object, error: type[LocatedError]) -> str:
    """``value`` as an exact ``str``, for a reader's public entry; ``error`` if not a string.

    A subclass of ``str`` can override any method (a ``__len__`` that lies made the readers
    index past the end), so a subclass is read as the plain copy ``str.__str__`` makes, which
    no override changes. ``type()``, not ``isinstance``, decides: an object can claim to be a
    ``str`` through ``__class__``.

    >>> class Lying(str):
    ...     def __len__(self) -> int:
    ...         return 100
    >>> text = exact_str(Lying("一百"), LocatedError)
    >>> type(text).__name__, len(text)
    ('str', 2)
    """
    kind = type(value)
    if isinstance(value, str) and issubclass(kind, str):
        return value if kind is str else str.__str__(value)
    raise error(f"expected a string, found {kind.__name__}", short_repr(value), 0)
