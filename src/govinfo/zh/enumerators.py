"""Section and item markers (一、 （一） 1. 1、 （1） ①) and legal citations (第二十条第（五）项).

The same small protocol as :mod:`govinfo.zh.numerals`: :func:`parse_enumerator`,
:func:`format_enumerator`, :func:`is_valid_enumerator`, and likewise for citations;
:func:`split_enumerator` takes the marker off the start of a row label.

>>> parse_enumerator("（三）")
Enumerator(kind=<EnumeratorKind.PAREN_CHINESE: '（一）'>, ordinal=3)
>>> split_enumerator("1. 属于国家秘密")
(Enumerator(kind=<EnumeratorKind.ARABIC_DOT: '1.'>, ordinal=1), '属于国家秘密')
>>> format_citation(parse_citation("第二十条第(五)项"))
'第二十条第（五）项'

Grammar (after :func:`govinfo.zh._chars.normalize`, so full-width and ASCII parentheses and dots
are the same; writers use full-width parentheses and an ASCII dot)::

    enumerator := chinese 、 | ( chinese ) | arabic . | arabic 、 | ( arabic ) | ① … ㊿
    citation   := 第 number 条 [spaces] [第 (number | ( number )) 项]
    chinese    := a positional Chinese numeral from 一 to 九千九百九十九 (or one digit), e.g. 十二
    arabic     := Arabic digits without a leading zero, from 1 to 9999

One domain for readers and writers: an ordinal, article or item is from 1 to
:data:`MAX_ORDINAL` (9999, the most a Chinese numeral without 万 writes; circled numbers go to
:data:`MAX_CIRCLED`, 50). Writers refuse anything else, so that everything written reads back,
and readers refuse larger Arabic numbers, so that everything read writes back (a citation is
written in Chinese numerals whatever it was read from).

>>> format_citation(Citation(article=10000))
Traceback (most recent call last):
  ...
govinfo.errors.InvalidEnumerator: expected an article from 1 to 9999, found 10000 (line 1, column 1)
10000
^
"""

from __future__ import annotations

import enum
from typing import Final, NoReturn

from attrs import frozen

from govinfo.errors import InvalidEnumerator, short_repr
from govinfo.zh._chars import exact_str, normalize
from govinfo.zh._fault import Fault
from govinfo.zh.numerals import FORM_DIGITS, format_number, read_number

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


class EnumeratorKind(enum.Enum):
    """The shape of a marker; the value shows the shape with ordinal one."""

    CHINESE_COMMA = "一、"
    PAREN_CHINESE = "（一）"
    ARABIC_DOT = "1."
    ARABIC_COMMA = "1、"
    PAREN_ARABIC = "（1）"
    CIRCLED = "①"


@frozen(kw_only=True)
class Enumerator:
    """A section or item marker: its shape and its ordinal (1 for 一、)."""

    kind: EnumeratorKind
    ordinal: int


@frozen(kw_only=True)
class Citation:
    """A reference to an article (条) and optionally an item (项) of the regulations."""

    article: int
    item: int | None = None


MAX_ORDINAL: Final = 9999
"""The largest ordinal, article or item that markers and citations read and write."""

MAX_CIRCLED: Final = 50
"""The largest ordinal a circled number (①, ㊿) writes."""

_ARABIC: Final = frozenset("0123456789")
_CHINESE: Final = frozenset("〇零一二三四五六七八九十百千两廿卅")
_SPACES: Final = frozenset(" \t")
# Circled numbers 1-20, 21-35 and 36-50 live in three Unicode blocks.
_CIRCLED: Final[dict[str, int]] = {
    **{chr(0x2460 + k): k + 1 for k in range(20)},
    **{chr(0x3251 + k): k + 21 for k in range(15)},
    **{chr(0x32B1 + k): k + 36 for k in range(15)},
}
_CIRCLED_BY_ORDINAL: Final = {v: c for c, v in _CIRCLED.items()}


def _found(src: str, i: int) -> str:
    return "the end of the text" if i >= len(src) else src[i]


def _fail(message: str, i: int) -> NoReturn:
    raise Fault(message, i)


def _ordinal(s: str, src: str, i: int, chinese: bool) -> tuple[int, int]:
    """Read an ordinal (>= 1) at ``i`` in Chinese or Arabic numerals: (ordinal, end)."""
    chars = _CHINESE if chinese else _ARABIC
    start = i
    n = len(s)
    while i < n and s[i] in chars:
        i += 1
    if i == start:
        what = "a Chinese numeral" if chinese else "an Arabic number"
        _fail(f"expected {what}, found {_found(src, i)}", i)
    if i < n and s[i] in "万亿" and chinese:  # 万 writes 10^4 and more
        _fail(
            f"expected an ordinal from 1 to {MAX_ORDINAL}, found {_shown(src, start, i + 1)}", start
        )
    if not chinese and i - start > _MAX_ORDINAL_DIGITS:
        _fail(f"expected an ordinal from 1 to {MAX_ORDINAL}, found {_shown(src, start, i)}", start)
    value, form = read_number(s, src, start, i)
    if chinese and form == FORM_DIGITS and i - start > 1:
        _fail(f"expected a numeral such as 十二, found {_shown(src, start, i)}", start)
    assert isinstance(value, int)
    if not 1 <= value <= MAX_ORDINAL:
        _fail(f"expected an ordinal from 1 to {MAX_ORDINAL}, found {_shown(src, start, i)}", start)
    return value, i


_MAX_ORDINAL_DIGITS: Final = len(str(MAX_ORDINAL))


def _shown(src: str, start: int, end: int) -> str:
    """``src[start:end]`` for a message, cut after 20 characters."""
    return src[start:end] if end - start <= 20 else f"{src[start : start + 20]}…"


def _read_enumerator(s: str, src: str, i: int) -> tuple[Enumerator, int]:
    """Read a marker at ``s[i]``: (marker, end)."""
    n = len(s)
    if i >= n:
        _fail("expected a marker such as 一、 or （一）, found the end of the text", i)
    c = s[i]
    if c in _CIRCLED:
        return Enumerator(kind=EnumeratorKind.CIRCLED, ordinal=_CIRCLED[c]), i + 1
    if c == "(":
        chinese = i + 1 < n and s[i + 1] in _CHINESE
        ordinal, j = _ordinal(s, src, i + 1, chinese)
        if j >= n or s[j] != ")":
            _fail(f"expected ）, found {_found(src, j)}", j)
        kind = EnumeratorKind.PAREN_CHINESE if chinese else EnumeratorKind.PAREN_ARABIC
        return Enumerator(kind=kind, ordinal=ordinal), j + 1
    if c in _CHINESE:
        ordinal, j = _ordinal(s, src, i, True)
        if j >= n or s[j] != "、":
            _fail(f"expected 、, found {_found(src, j)}", j)
        return Enumerator(kind=EnumeratorKind.CHINESE_COMMA, ordinal=ordinal), j + 1
    if c in _ARABIC:
        ordinal, j = _ordinal(s, src, i, False)
        if j < n and s[j] == "、":
            return Enumerator(kind=EnumeratorKind.ARABIC_COMMA, ordinal=ordinal), j + 1
        if j < n and s[j] == ".":
            return Enumerator(kind=EnumeratorKind.ARABIC_DOT, ordinal=ordinal), j + 1
        _fail(f"expected . or 、, found {_found(src, j)}", j)
    _fail(f"expected a marker such as 一、 or （一）, found {c}", i)


def _type_error(value: object, expected: str) -> NoReturn:
    raise InvalidEnumerator(
        f"expected {expected}, found {type(value).__name__}", short_repr(value), 0
    )


def parse_enumerator(text: str) -> Enumerator:
    """The marker that is the whole of ``text``.

    >>> [parse_enumerator(t).ordinal for t in ("十二、", "(1)", "3．", "4、", "⑤", "（十）")]
    [12, 1, 3, 4, 5, 10]
    """
    text = exact_str(text, InvalidEnumerator)
    s = normalize(text)
    try:
        enumerator, i = _read_enumerator(s, text, 0)
        if i != len(s):
            _fail(f"expected the end of the marker, found {text[i]}", i)
    except Fault as fault:
        raise fault.locate(InvalidEnumerator, text) from None
    return enumerator


def is_valid_enumerator(text: object) -> bool:
    """Whether :func:`parse_enumerator` reads ``text`` without error.

    >>> is_valid_enumerator("（一）"), is_valid_enumerator("一二、"), is_valid_enumerator("0.")
    (True, False, False)
    """
    if not isinstance(text, str):
        return False
    try:
        parse_enumerator(text)
    except InvalidEnumerator:
        return False
    return True


def split_enumerator(line: str) -> tuple[Enumerator | None, str]:
    """The marker at the start of ``line`` (or None) and the rest, without leading spaces.

    A number followed by a dot and a digit is a decimal, not a marker.

    >>> split_enumerator("(一)予以公开")
    (Enumerator(kind=<EnumeratorKind.PAREN_CHINESE: '（一）'>, ordinal=1), '予以公开')
    >>> split_enumerator("1、其他")[0].kind
    <EnumeratorKind.ARABIC_COMMA: '1、'>
    >>> split_enumerator("1.5万元"), split_enumerator("一是加强")
    ((None, '1.5万元'), (None, '一是加强'))
    """
    line = exact_str(line, InvalidEnumerator)
    s = normalize(line)
    try:
        enumerator, i = _read_enumerator(s, line, 0)
    except Fault:
        return None, line
    if enumerator.kind is EnumeratorKind.ARABIC_DOT and i < len(s) and s[i] in _ARABIC:
        return None, line
    while i < len(s) and s[i] in _SPACES:
        i += 1
    return enumerator, line[i:]


def _check_ordinal(value: object, what: str, limit: int) -> int:
    """``value`` as a plain int from 1 to ``limit``, or the domain error."""
    if isinstance(value, bool) or not isinstance(value, int):
        _type_error(value, f"an int {what}")
    value = int.__index__(value)  # a subclass's overridden comparisons do not decide
    if not 1 <= value <= limit:
        # str() of an int beyond 4300 digits raises ValueError: never show that many.
        if abs(value) < 10**20:
            shown = str(value)
        else:
            shown = "a number of more than 20 digits"
            if value < 0:
                shown = "a negative " + shown[2:]
        raise InvalidEnumerator(f"expected {what} from 1 to {limit}, found {shown}", shown, 0)
    return value


def format_enumerator(enumerator: Enumerator) -> str:
    """The canonical text of a marker, as the template writes it.

    >>> [format_enumerator(Enumerator(kind=kind, ordinal=12)) for kind in EnumeratorKind]
    ['十二、', '（十二）', '12.', '12、', '（12）', '⑫']
    """
    if not isinstance(enumerator, Enumerator):
        _type_error(enumerator, "an Enumerator")
    kind = enumerator.kind
    if not isinstance(kind, EnumeratorKind):
        _type_error(kind, "an EnumeratorKind")
    limit = MAX_CIRCLED if kind is EnumeratorKind.CIRCLED else MAX_ORDINAL
    ordinal = _check_ordinal(enumerator.ordinal, "an ordinal", limit)
    if kind is EnumeratorKind.CIRCLED:
        return _CIRCLED_BY_ORDINAL[ordinal]
    if kind is EnumeratorKind.CHINESE_COMMA:
        return format_number(ordinal) + "、"
    if kind is EnumeratorKind.PAREN_CHINESE:
        return f"（{format_number(ordinal)}）"
    if kind is EnumeratorKind.ARABIC_DOT:
        return f"{ordinal}."
    if kind is EnumeratorKind.ARABIC_COMMA:
        return f"{ordinal}、"
    return f"（{ordinal}）"


def parse_citation(text: str) -> Citation:
    """The article and item cited in ``text``, in Chinese or Arabic numerals.

    >>> parse_citation("第二十条第（五）项")
    Citation(article=20, item=5)
    >>> parse_citation("第二十条 第(五)项"), parse_citation("第21条")
    (Citation(article=20, item=5), Citation(article=21, item=None))
    """
    text = exact_str(text, InvalidEnumerator)
    try:
        return _read_citation(text)
    except Fault as fault:
        raise fault.locate(InvalidEnumerator, text) from None


def _read_citation(text: str) -> Citation:
    s = normalize(text)
    n = len(s)
    if not s.startswith("第"):
        _fail(f"expected 第, found {_found(text, 0)}", 0)
    article, i = _ordinal(s, text, 1, not (n > 1 and s[1] in _ARABIC))
    if i >= n or s[i] != "条":
        _fail(f"expected 条, found {_found(text, i)}", i)
    i += 1
    while i < n and s[i] in _SPACES:
        i += 1
    if i == n:
        return Citation(article=article)
    if s[i] != "第":
        _fail(f"expected 第 or the end of the text, found {text[i]}", i)
    i += 1
    paren = i < n and s[i] == "("
    if paren:
        i += 1
    item, i = _ordinal(s, text, i, not (i < n and s[i] in _ARABIC))
    if paren:
        if i >= n or s[i] != ")":
            _fail(f"expected ）, found {_found(text, i)}", i)
        i += 1
    if i >= n or s[i] != "项":
        _fail(f"expected 项, found {_found(text, i)}", i)
    if i + 1 != n:
        _fail(f"expected the end of the text, found {text[i + 1]}", i + 1)
    return Citation(article=article, item=item)


def format_citation(citation: Citation) -> str:
    """The canonical text of a citation: 第二十条第（五）项, or 第二十条 without an item.

    >>> format_citation(Citation(article=20, item=5)), format_citation(Citation(article=21))
    ('第二十条第（五）项', '第二十一条')
    """
    if not isinstance(citation, Citation):
        _type_error(citation, "a Citation")
    article = _check_ordinal(citation.article, "an article", MAX_ORDINAL)
    text = f"第{format_number(article)}条"
    if citation.item is None:
        return text
    item = _check_ordinal(citation.item, "an item", MAX_ORDINAL)
    return f"{text}第（{format_number(item)}）项"


def is_valid_citation(text: object) -> bool:
    """Whether :func:`parse_citation` reads ``text`` without error.

    >>> is_valid_citation("第二十条第（五）项"), is_valid_citation("第二十条第五")
    (True, False)
    """
    if not isinstance(text, str):
        return False
    try:
        parse_citation(text)
    except InvalidEnumerator:
        return False
    return True
