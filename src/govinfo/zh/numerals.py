"""Read and write numbers as Chinese reports write them: 一千零一, 壹仟零壹, 二〇二一, 299.8145万.

The shared protocol of govinfo's small readers: :func:`parse_number` reads, :func:`format_number`
writes canonical text that reads back to the same number, :func:`is_valid_number` answers yes or
no. Readers are strict: anything that is not a well-formed number raises
:class:`~govinfo.errors.InvalidNumeral` pointing at the first bad character, never a guess.

>>> parse_number("一百九十万零三千九百七十一")
1903971
>>> format_number(1001)
'一千零一'
>>> try:
...     parse_number("一百零")
... except InvalidNumeral as error:
...     print(error)
expected a digit after 零, found the end of the text (line 1, column 4)
一百零
      ^

Grammar (after :func:`govinfo.zh._chars.normalize` has folded full-width, Traditional and
financial characters into the everyday ones)::

    number     := [负 | -] (arabic | chinese)
    arabic     := digits [',' ddd]* ['.' digits] [multiplier]      3千万  299.8145万  1,234.5
    chinese    := (positional | digit-by-digit) [点 digit+ [multiplier]]
    positional := [W 亿 [零]] W           W < 10^8:  [Q 万 [零]] Q     Q < 10^4: 一千零一
    multiplier := 十 | 百 | 千 | 万 | 亿 | 十万 | 百万 | 千万 | 十亿 | 百亿 | 千亿 | 万亿

Zero rules (strict): inside a section of four places every run of missing places is written as
one 零 and trailing places are not written (一千零一, 一千一百); across 万 and 亿 a 零 is written
when the lower part has fewer places than the section (一万零一百) and may also be written when
the upper part ends in missing places (一百九十万零三千九百七十一 and 一百九十万三千九百七十一 are
both 1903971). A 零 that stands for no missing place (一万零一千) is an error, and so is a
missing 零 (一万一百). A bare 十 opens a number only at its start (十五, 十万); 两 is written
only before 百, 千, 万 and 亿.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Final, NoReturn

from govinfo.errors import InvalidNumeral, short_repr
from govinfo.zh._chars import FINANCIAL, LOWER, exact_str, normalize
from govinfo.zh._fault import Fault
from govinfo.zh._style import style_of

__all__ = [
    "MAX_CHINESE",
    "MAX_DIGITS",
    "NumberStyle",
    "format_number",
    "is_valid_number",
    "parse_number",
]

MAX_CHINESE: Final = 10**16
"""Standard and financial styles write every integer below this bound (10^16)."""

MAX_DIGITS: Final = 4000
"""Longest digit string read or written (Python refuses longer int ↔ str conversions)."""


class NumberStyle(enum.Enum):
    """How :func:`format_number` writes a number."""

    #: 一千零一, 十五, 负三点一四
    STANDARD = "standard"
    #: 壹仟零壹, 壹拾伍 (大写, as on cheques and fee notices)
    FINANCIAL = "financial"
    #: 二〇二一 (digit by digit, as in years and serial numbers)
    DIGITS = "digits"
    #: 2021, -3.14
    ARABIC = "arabic"


# Character kinds of the positional scanner.
_K_DIGIT: Final = 0
_K_ZERO: Final = 1
_K_UNIT: Final = 2
_K_TENS: Final = 3
_K_BIG: Final = 4

_DIGITS = "一二三四五六七八九"
_KIND: Final[dict[str, tuple[int, int]]] = {
    **{c: (_K_DIGIT, v) for v, c in enumerate(_DIGITS, 1)},
    "两": (_K_DIGIT, 2),
    "零": (_K_ZERO, 0),
    "〇": (_K_ZERO, 0),
    "十": (_K_UNIT, 1),
    "百": (_K_UNIT, 2),
    "千": (_K_UNIT, 3),
    "廿": (_K_TENS, 2),
    "卅": (_K_TENS, 3),
    "卌": (_K_TENS, 4),
    "万": (_K_BIG, 4),
    "亿": (_K_BIG, 8),
}
_PLACE_UNITS: Final = frozenset("十百千万亿廿卅卌")
_ZEROS: Final = frozenset("零〇")
_DIGIT_CHARS: Final = frozenset("〇零" + _DIGITS)
_ARABIC: Final = frozenset("0123456789")
_ARABIC_INT: Final = frozenset("0123456789,")
_TO_ASCII: Final = str.maketrans(
    {"〇": "0", "零": "0", **{c: str(v) for v, c in enumerate(_DIGITS, 1)}}
)
_POW10: Final[tuple[int, ...]] = tuple(10**k for k in range(17))
_MULTIPLIERS: Final[dict[str, int]] = {
    "十": 1,
    "百": 2,
    "千": 3,
    "万": 4,
    "十万": 5,
    "百万": 6,
    "千万": 7,
    "亿": 8,
    "十亿": 9,
    "百亿": 10,
    "千亿": 11,
    "万亿": 12,
}

# Forms reported by the internal reader, for callers that accept only some of them.
FORM_ARABIC: Final = 0
FORM_POSITIONAL: Final = 1
FORM_DIGITS: Final = 2


def _found(src: str, i: int) -> str:
    if i >= len(src):
        return "the end of the text"
    c = src[i]
    return c if c.isprintable() and not c.isspace() else repr(c)


def _fail(message: str, i: int) -> NoReturn:
    raise Fault(message, i)


def _section(s: str, src: str, i: int, n: int, head: int, lenient: bool) -> tuple[int, int, bool]:
    """Read a section below 10^4 from ``s[i:n]``: (value, end index, is it one bare digit).

    Stops at 万, 亿, or any character that is not a numeral.
    """
    value = 0
    prev = 4  # place of the last term written; 4 means none yet
    prev_at = -1
    digit = -1
    digit_at = -1
    zero_at = -1
    kinds = _KIND
    while i < n:
        kind = kinds.get(s[i])
        if kind is None:
            break
        k, v = kind
        if k == _K_DIGIT:
            if digit >= 0:
                _fail(f"expected 十, 百, 千, 万 or 亿 after {src[digit_at]}, found {src[i]}", i)
            digit = v
            digit_at = i
        elif k == _K_ZERO:
            if digit >= 0:
                _fail(f"expected 十, 百, 千, 万 or 亿 after {src[digit_at]}, found {src[i]}", i)
            if prev == 4:
                _fail(f"expected a digit, found {src[i]}", i)
            if zero_at >= 0 and not lenient:
                _fail(f"expected a digit after {src[zero_at]}, found {src[i]}", i)
            zero_at = i
        elif k == _K_BIG:
            break
        else:
            if k == _K_TENS:
                if digit >= 0:
                    _fail(
                        f"expected 十, 百, 千, 万 or 亿 after {src[digit_at]}, found {src[i]}",
                        i,
                    )
                digit = v
                digit_at = i
                place = 1
            else:
                place = v
                if digit < 0:
                    if place == 1 and (i == head or lenient):
                        digit = 1
                        digit_at = i
                    else:
                        _fail(f"expected a digit before {src[i]}, found {src[i]}", i)
                elif place == 1 and s[digit_at] == "两" and not lenient:
                    _fail(f"expected 二 before {src[i]}, found {src[digit_at]}", digit_at)
            if place >= prev:
                _fail(f"expected a unit smaller than {src[prev_at]}, found {src[i]}", i)
            if prev != 4 and not lenient:
                if zero_at >= 0:
                    if prev - place < 2:
                        _fail(
                            f"expected no 零 between {src[prev_at]} and {src[digit_at]},"
                            f" found {src[zero_at]}",
                            zero_at,
                        )
                elif prev - place > 1:
                    _fail(f"expected 零 before {src[digit_at]}, found {src[digit_at]}", digit_at)
            value += digit * _POW10[place]
            prev = place
            prev_at = i
            digit = -1
            zero_at = -1
        i += 1
    if digit >= 0:
        place = 0
        if s[digit_at] == "两" and not lenient and not (prev == 4 and i < n and s[i] in "万亿"):
            _fail(f"expected 二, found {src[digit_at]}", digit_at)
        if prev != 4:
            if zero_at >= 0:
                if prev < 2 and not lenient:
                    _fail(
                        f"expected no 零 between {src[prev_at]} and {src[digit_at]},"
                        f" found {src[zero_at]}",
                        zero_at,
                    )
            elif prev > 1:
                if lenient:
                    place = prev - 1  # colloquial 三百五 = 350
                else:
                    _fail(f"expected 零 before {src[digit_at]}, found {src[digit_at]}", digit_at)
        value += digit * _POW10[place]
    elif zero_at >= 0:
        _fail(f"expected a digit after {src[zero_at]}, found {_found(src, i)}", i)
    return value, i, prev == 4 and value > 0


def _lower(
    s: str, src: str, i: int, n: int, upper: int, big: int, lenient: bool
) -> tuple[int, int]:
    """Read what follows 万 (``big`` 4) or 亿 (``big`` 8), with the zero rules across it."""
    zero_at = -1
    if i < n and s[i] in _ZEROS:
        zero_at = i
        i += 1
    start = i
    if big == 4:
        value, i, bare = _section(s, src, i, n, -1, lenient)
    else:
        value, i, bare = _wan(s, src, i, n, -1, lenient)
    if i == start:
        if zero_at >= 0:
            _fail(f"expected a digit after {src[zero_at]}, found {_found(src, i)}", i)
        return 0, i
    top = _POW10[big - 1]
    if zero_at < 0:
        if value < top:
            if lenient:
                if bare:
                    value *= top  # colloquial 一万五 = 15000
            else:
                _fail(f"expected 零 before {src[start]}, found {src[start]}", start)
    elif value >= top and upper % 10 and not lenient:
        _fail(
            f"expected no 零 between {src[start - 2]} and {src[start]}, found {src[zero_at]}",
            zero_at,
        )
    return value, i


def _wan(s: str, src: str, i: int, n: int, head: int, lenient: bool) -> tuple[int, int, bool]:
    """Read a part below 10^8: [Q 万 [零]] Q."""
    start = i
    upper, i, bare = _section(s, src, i, n, head, lenient)
    if i < n and s[i] == "万":
        if i == start:
            _fail(f"expected a digit, found {src[i]}", i)
        lower, i = _lower(s, src, i + 1, n, upper, 4, lenient)
        return upper * 10_000 + lower, i, False
    return upper, i, bare


def _positional(s: str, src: str, i: int, n: int, lenient: bool) -> tuple[int, int]:
    """Read a positional integer below 10^16: [W 亿 [零]] W."""
    start = i
    upper, i, _ = _wan(s, src, i, n, start, lenient)
    if i < n and s[i] == "亿":
        if i == start:
            _fail(f"expected a digit, found {src[i]}", i)
        lower, i = _lower(s, src, i + 1, n, upper, 8, lenient)
        return upper * 100_000_000 + lower, i
    return upper, i


_section_values: dict[str, int] = {}
_head_values: dict[str, int] = {}


def _fast_positional(s: str) -> int | None:
    """The value of ``s`` if it is built from canonical sections, else None (use the scanner).

    A shortcut for the common case, with the same zero rules as :func:`_lower`; anything it
    does not recognise goes to the full scanner, which gives the same value or the error.
    """
    if not _section_values:
        _build_section_values()
    upper_text, sep, lower_text = s.partition("亿")
    if not sep:
        return _fast_wan(s, _head_values)
    upper = _fast_wan(upper_text, _head_values)
    if upper is None:
        return None
    if not lower_text:
        return upper * 100_000_000
    zero = lower_text[0] == "零"
    lower = _fast_wan(lower_text[1:] if zero else lower_text, _section_values)
    if lower is None or ((lower >= 10_000_000 and upper % 10 != 0) if zero else lower < 10_000_000):
        return None
    return upper * 100_000_000 + lower


def _fast_wan(s: str, first: dict[str, int]) -> int | None:
    upper_text, sep, lower_text = s.partition("万")
    if not sep:
        return first.get(s)
    upper = first.get(upper_text)
    if upper is None:
        return None
    if not lower_text:
        return upper * 10_000
    zero = lower_text[0] == "零"
    lower = _section_values.get(lower_text[1:] if zero else lower_text)
    if lower is None or ((lower >= 1000 and upper % 10 != 0) if zero else lower < 1000):
        return None
    return upper * 10_000 + lower


def _build_section_values() -> None:
    texts = _section_texts(NumberStyle.STANDARD)
    _section_values.update((text, v) for v, text in enumerate(texts) if v)
    _head_values.update(_section_values)
    _head_values.update((texts[v][1:], v) for v in range(10, 20))


def _digits(s: str, src: str, i: int, n: int, lenient: bool, what: str) -> str:
    """Check that ``s[i:n]`` is Chinese digits only and return them as ASCII digits."""
    part = s[i:n]
    if not part or not _DIGIT_CHARS.issuperset(part):
        for j in range(i, n):
            if s[j] not in _DIGIT_CHARS:
                if s[j] == "两" and lenient and n - i == 1:
                    return "2"
                expected = "二" if s[j] == "两" else what
                _fail(f"expected {expected}, found {src[j]}", j)
        _fail(f"expected {what}, found {_found(src, n)}", n)
    if n - i > MAX_DIGITS:
        _fail(f"expected at most {MAX_DIGITS} digits, found more", i + MAX_DIGITS)
    return part.translate(_TO_ASCII)


def _multiplier(s: str, src: str, i: int, n: int) -> int:
    """The power of ten written by a unit suffix such as 万 or 千万 in ``s[i:n]``."""
    if i == n:
        return 0
    suffix = s[i:n]
    exponent = _MULTIPLIERS.get(suffix)
    if exponent is not None:
        return exponent
    good = 0
    while good < len(suffix) and suffix[: good + 1] in _MULTIPLIERS:
        good += 1
    expected = "a digit or a unit such as 万 or 亿" if good == 0 else "the end of the number"
    _fail(f"expected {expected}, found {src[i + good]}", i + good)


def _decimal(negative: bool, digits: str, exponent: int) -> Decimal:
    """The exact Decimal ``digits × 10^exponent``, written without a positive exponent."""
    if exponent > 0:
        digits += "0" * exponent
        exponent = 0
    return Decimal((int(negative), tuple(map(int, digits)), exponent))


def _arabic(s: str, src: str, i: int, n: int, negative: bool, lenient: bool) -> int | Decimal:
    start = i
    while i < n and s[i] in _ARABIC_INT:
        i += 1
    whole = s[start:i]
    if "," in whole:
        groups = whole.split(",")
        at = start + len(groups[0])
        if not 1 <= len(groups[0]) <= 3:
            _fail(f"expected a digit, found {src[at]}", at if groups[0] else start)
        for group in groups[1:]:
            if len(group) != 3:
                bad = at + 1 + len(group)
                _fail(f"expected three digits after ',', found {_found(src, bad)}", bad)
            at += 4
        whole = whole.replace(",", "")
    if len(whole) > 1 and whole[0] == "0" and not lenient:
        _fail(f"expected a digit other than 0 to open a number, found {src[start]}", start)
    if len(whole) > MAX_DIGITS:
        _fail(f"expected at most {MAX_DIGITS} digits, found more", start + MAX_DIGITS)
    if i < n and s[i] == ".":
        j = i + 1
        while j < n and s[j] in _ARABIC:
            j += 1
        if j == i + 1:
            _fail(f"expected a digit after {src[i]}, found {_found(src, j)}", j)
        if j - start > MAX_DIGITS:
            _fail(f"expected at most {MAX_DIGITS} digits, found more", start + MAX_DIGITS)
        exponent = _multiplier(s, src, j, n)
        fraction = s[i + 1 : j]
        return _decimal(negative, whole + fraction, exponent - len(fraction))
    exponent = _multiplier(s, src, i, n)
    value = int(whole) * _POW10[exponent]
    return -value if negative else value


def _chinese(
    s: str, src: str, i: int, n: int, negative: bool, lenient: bool
) -> tuple[int | Decimal, int]:
    point = s.find("点", i, n)
    end = n if point < 0 else point
    if not _PLACE_UNITS.isdisjoint(s[i:end]):
        fast = None if lenient else _fast_positional(s[i:end])
        if fast is not None:
            value, j = fast, end
        else:
            value, j = _positional(s, src, i, end, lenient)
        if j != end:
            expected = "a numeral or the end of the number" if point < 0 else "a numeral or 点"
            _fail(f"expected {expected}, found {src[j]}", j)
        form = FORM_POSITIONAL
    else:
        ascii_digits = _digits(s, src, i, end, lenient, "a Chinese digit")
        if len(ascii_digits) > 1 and ascii_digits[0] == "0" and not lenient:
            _fail(f"expected a digit other than {src[i]} to open a number, found {src[i]}", i)
        value = int(ascii_digits)
        form = FORM_DIGITS
    if point < 0:
        return (-value if negative else value), form
    j = point + 1
    while j < n and s[j] in _DIGIT_CHARS:
        j += 1
    if j == point + 1:
        _fail(f"expected a digit after {src[point]}, found {_found(src, j)}", j)
    exponent = 0
    if j < n:
        if "万" in s[i:point] or "亿" in s[i:point]:
            _fail(f"expected the end of the number, found {src[j]}", j)
        exponent = _multiplier(s, src, j, n)
    fraction = s[point + 1 : j].translate(_TO_ASCII)
    if len(fraction) > MAX_DIGITS:
        _fail(f"expected at most {MAX_DIGITS} digits, found more", point + 1 + MAX_DIGITS)
    return _decimal(negative, str(value) + fraction, exponent - len(fraction)), form


def check_script(src: str) -> None:
    """Reject numerals that mix financial (壹) and everyday (一) characters: a :class:`Fault`."""
    first_fin = first_low = -1
    for i, c in enumerate(src):
        if c in FINANCIAL:
            if first_low >= 0:
                _fail(f"expected an everyday numeral like {src[first_low]}, found {c}", i)
            if first_fin < 0:
                first_fin = i
        elif c in LOWER and first_fin >= 0:
            _fail(f"expected a financial numeral like {src[first_fin]}, found {c}", i)
        elif c in LOWER and first_low < 0:
            first_low = i


def read_number(
    s: str, src: str, i: int, n: int, lenient: bool = False
) -> tuple[int | Decimal, int]:
    """Read normalized ``s[i:n]`` (``src`` is the original text) as one number, and its form.

    For govinfo's other readers: raises a :class:`~govinfo.zh._fault.Fault` at a position in
    ``src``, for the caller to locate as its own error (or to discard cheaply).
    """
    negative = False
    if i < n and s[i] in "负-":
        negative = True
        i += 1
    if i >= n:
        _fail(f"expected a number, found {_found(src, i)}", i)
    c = s[i]
    if c in _ARABIC:
        return _arabic(s, src, i, n, negative, lenient), FORM_ARABIC
    if c in _KIND:
        return _chinese(s, src, i, n, negative, lenient)
    _fail(f"expected a number, found {_found(src, i)}", i)


def _type_error(value: object, expected: str) -> NoReturn:
    raise InvalidNumeral(f"expected {expected}, found {type(value).__name__}", short_repr(value), 0)


def parse_number(text: str, *, lenient: bool = False) -> int | Decimal:
    """The number written in ``text``: an ``int``, or a ``Decimal`` if it has a decimal point.

    Reads everyday, financial (大写), Traditional, digit-by-digit, Arabic (ASCII or full-width,
    with optional thousands separators) and mixed forms. A decimal keeps the digits as printed
    (``Decimal('3.50')``); a decimal with a unit (``1.2亿``) stays a ``Decimal`` even when whole.

    >>> parse_number("一千零一"), parse_number("十五"), parse_number("两万")
    (1001, 15, 20000)
    >>> parse_number("壹仟零壹"), parse_number("貳萬參仟"), parse_number("廿一")
    (1001, 23000, 21)
    >>> parse_number("二〇二一"), parse_number("２０２１"), parse_number("负三")
    (2021, 2021, -3)
    >>> parse_number("3千万"), parse_number("299.8145万"), parse_number("三点一四")
    (30000000, Decimal('2998145'), Decimal('3.14'))
    >>> parse_number("1,234.50")
    Decimal('1234.50')

    Strict by default; ``lenient=True`` also accepts colloquial forms whose value is still
    unambiguous: 三百五 (350), 一万五 (15000), 一百十五, a superfluous or missing 零, leading
    zeros, a lone 两, and whitespace around the number. It never reads 一两 (a few) as 12:

    >>> parse_number("一万五", lenient=True)
    15000
    >>> parse_number("一两", lenient=True)
    Traceback (most recent call last):
      ...
    govinfo.errors.InvalidNumeral: expected 二, found 两 (line 1, column 2)
    一两
      ^^
    """
    text = exact_str(text, InvalidNumeral)
    start, end = 0, len(text)
    if lenient:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    s = normalize(text)
    try:
        if not FINANCIAL.isdisjoint(text):
            check_script(text)
        if not lenient:
            fast = _fast_positional(s)  # the common case: canonical sections, no sign or point
            if fast is not None:
                return fast
        return read_number(s, text, start, end, lenient)[0]
    except Fault as fault:
        raise fault.locate(InvalidNumeral, text) from None


def is_valid_number(text: object) -> bool:
    """Whether :func:`parse_number` reads ``text`` (strictly) without error.

    >>> is_valid_number("一百九十万零三千九百七十一"), is_valid_number("十十"), is_valid_number(12)
    (True, False, False)
    """
    if not isinstance(text, str):
        return False
    try:
        parse_number(text)
    except InvalidNumeral:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Writing

_STANDARD_DIGITS: Final = "零一二三四五六七八九"
_FINANCIAL_TABLE: Final = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_DIGITS_TABLE: Final = str.maketrans("0123456789", "〇一二三四五六七八九")
_STANDARD_TABLE: Final = str.maketrans("0123456789", _STANDARD_DIGITS)
_sections: dict[NumberStyle, tuple[str, ...]] = {}


def _section_texts(style: NumberStyle) -> tuple[str, ...]:
    """The canonical text of every section 0..9999 (0 is ''), built once per style."""
    texts = _sections.get(style)
    if texts is None:
        units = ("千", "百", "十", "")
        built = [""]
        for v in range(1, 10_000):
            out: list[str] = []
            digits = f"{v:04d}"
            pending_zero = False
            for place, d in enumerate(digits):
                if d == "0":
                    pending_zero = bool(out)
                    continue
                if pending_zero:
                    out.append("零")
                    pending_zero = False
                out.append(_STANDARD_DIGITS[int(d)] + units[place])
            built.append("".join(out))
        if style is NumberStyle.FINANCIAL:
            built = [t.translate(_FINANCIAL_TABLE) for t in built]
        texts = tuple(built)
        _sections[style] = texts
    return texts


def _chinese_int(n: int, style: NumberStyle) -> str:
    """Positional text of ``0 <= n < 10^16``, 零 where the lower part is short (textbook rule)."""
    sec = _sections.get(style) or _section_texts(style)
    if n < 10_000:
        if n < 20:
            if n < 10:
                return sec[n] if n else "零"
            if style is NumberStyle.STANDARD:
                return sec[n][1:]  # 十五: a number opens with a bare 十
        return sec[n]
    upper, lower = divmod(n, 100_000_000)
    if upper:
        text = _wan_text(upper, sec) + "亿"
        if lower:
            text += ("零" if lower < 10_000_000 else "") + _wan_text(lower, sec)
    else:
        text = _wan_text(lower, sec)
    if text[1] == "十" and text[0] == "一" and style is NumberStyle.STANDARD:
        text = text[1:]  # 十万: a number opens with a bare 十
    return text


def _wan_text(n: int, sec: tuple[str, ...]) -> str:
    upper, lower = divmod(n, 10_000)
    if not upper:
        return sec[lower]
    if not lower:
        return sec[upper] + "万"
    return sec[upper] + ("万零" if lower < 1000 else "万") + sec[lower]


def format_number(n: int | Decimal, *, style: NumberStyle | str = NumberStyle.STANDARD) -> str:
    """Canonical text of ``n`` in ``style`` (a :class:`NumberStyle` or its value:
    ``"financial"``): :func:`parse_number` reads it back as ``n``.

    >>> format_number(1001), format_number(15), format_number(10100), format_number(-7)
    ('一千零一', '十五', '一万零一百', '负七')
    >>> format_number(604700009302)
    '六千零四十七亿零九千三百零二'
    >>> format_number(1001, style=NumberStyle.FINANCIAL)
    '壹仟零壹'
    >>> format_number(2021, style=NumberStyle.DIGITS), format_number(Decimal("0.05"))
    ('二〇二一', '零点零五')
    >>> format_number(Decimal("-3.50"), style=NumberStyle.ARABIC)
    '-3.50'

    Standard and financial styles write integers below 10^16 (:data:`MAX_CHINESE`); digit and
    Arabic styles write up to 4000 digits.
    """
    if type(n) is int and 0 <= n < MAX_CHINESE and style is NumberStyle.STANDARD:
        return _chinese_int(n, style)  # the common case, checked no further
    style = style_of(NumberStyle, style, InvalidNumeral)
    if isinstance(n, bool) or not isinstance(n, int | Decimal):
        _type_error(n, "an int or a Decimal")
    if isinstance(n, Decimal):
        if not n.is_finite():
            raise InvalidNumeral(f"expected a finite number, found {n}", str(n), 0)
        sign, digit_tuple, exponent = n.as_tuple()
        assert isinstance(exponent, int)
        if len(digit_tuple) + max(exponent, 0) > MAX_DIGITS:
            raise InvalidNumeral(f"expected at most {MAX_DIGITS} digits, found more", "", 0)
        if exponent >= 0:
            return format_number(int(n), style=style)
        if style is NumberStyle.ARABIC:
            return f"{n:f}"
        digits = "".join(map(str, digit_tuple)).rjust(1 - exponent, "0")
        whole, fraction = int(digits[:exponent]), digits[exponent:]
        table = _DIGITS_TABLE if style is NumberStyle.DIGITS else _STANDARD_TABLE
        text = format_number(whole, style=style) + "点" + fraction.translate(table)
        if style is NumberStyle.FINANCIAL:
            text = text.translate(_FINANCIAL_TABLE)
        return "负" + text if sign else text
    negative = n < 0
    if negative:
        n = -n
    if n.bit_length() > 13_280 and n >= 10**MAX_DIGITS:
        raise InvalidNumeral(f"expected at most {MAX_DIGITS} digits, found more", "", 0)
    if style is NumberStyle.ARABIC:
        text = str(n)
        return "-" + text if negative else text
    if style is NumberStyle.DIGITS:
        text = str(n).translate(_DIGITS_TABLE)
    elif n >= MAX_CHINESE:
        shown = str(n)
        raise InvalidNumeral(
            f"expected a number below 10^16 for style {style.value}, found {len(shown)} digits",
            shown,
            0,
        )
    else:
        text = _chinese_int(n, style)
    return "负" + text if negative else text
