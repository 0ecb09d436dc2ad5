"""govinfo.zh.numerals: round trips, golden real-world forms, and exact error messages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo.errors import EXCERPT_WIDTH, InvalidNumeral, caret_excerpt
from govinfo.zh import _chars, numerals
from govinfo.zh.numerals import NumberStyle, format_number, is_valid_number, parse_number
from strategies_numerals import chinese_ints, decimals

ALL_STYLES = list(NumberStyle)


@pytest.mark.parametrize("style", ALL_STYLES)
@given(n=chinese_ints)
def test_integers_round_trip(style: NumberStyle, n: int) -> None:
    text = format_number(n, style=style)
    assert parse_number(text) == n
    assert type(parse_number(text)) is int
    assert parse_number(format_number(-n, style=style)) == -n


@pytest.mark.parametrize("style", ALL_STYLES)
@given(d=decimals, negative=st.booleans())
def test_decimals_round_trip_with_their_digits(
    style: NumberStyle, d: Decimal, negative: bool
) -> None:
    d = -d if negative else d
    back = parse_number(format_number(d, style=style))
    assert back == d
    assert isinstance(back, Decimal)
    assert back.as_tuple() == d.as_tuple()


@given(n=chinese_ints)
def test_writing_is_canonical(n: int) -> None:
    text = format_number(n)
    assert format_number(parse_number(text)) == text


@given(n=st.integers(min_value=10, max_value=10**16 - 1))
def test_scanner_agrees_with_the_shortcut(n: int) -> None:
    # parse_number takes a shortcut for canonical text; the full scanner must agree with it.
    text = format_number(n)
    assert numerals._positional(text, text, 0, len(text), False) == (n, len(text))


@given(text=st.text(alphabet="零一二三十百千万亿", min_size=1, max_size=9))
def test_shortcut_accepts_only_what_the_scanner_accepts(text: str) -> None:
    shortcut = numerals._fast_positional(text)
    if shortcut is not None:
        assert numerals._positional(text, text, 0, len(text), False) == (shortcut, len(text))


@given(text=st.text(alphabet="零〇一二两三五九十百千万亿", max_size=10))
def test_strict_values_are_never_contradicted_by_lenient(text: str) -> None:
    if is_valid_number(text):
        assert parse_number(text, lenient=True) == parse_number(text)


GOLDEN = [
    # The forms other converters get wrong (see the issue).
    ("一百九十万零三千九百七十一", 1903971),
    ("一百九十万三千九百七十一", 1903971),
    ("六千零四十七亿零九千三百零二", 604700009302),
    ("一千零一", 1001),
    ("一万零一百", 10100),
    ("十", 10),
    ("一十五", 15),
    ("十五万", 150000),
    ("两百", 200),
    ("两千", 2000),
    ("两万", 20000),
    ("两亿", 200000000),
    ("廿一", 21),
    ("卅", 30),
    ("卌二", 42),
    ("〇", 0),
    ("零", 0),
    ("二〇二一", 2021),
    ("二零二一", 2021),
    ("二○二一", 2021),  # U+25CB, as typed in many reports
    ("一二三", 123),
    ("壹仟零壹", 1001),
    ("壹拾", 10),
    ("拾伍", 15),
    ("贰佰叁拾肆", 234),
    ("壹萬貳仟", 12000),
    ("參仟陸佰", 3600),
    ("兩萬", 20000),
    ("一億零五萬", 100050000),
    ("负三", -3),
    ("-3", -3),
    ("3", 3),
    ("251000", 251000),
    ("２０２１", 2021),
    ("3千万", 30000000),
    ("10亿", 1000000000),
    ("1,234,567", 1234567),
    ("九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九", 10**16 - 1),
    ("一万亿零一千万", 1000010000000),
    ("十万亿一千万", 10**13 + 10**7),
    ("299.8145万", Decimal("2998145")),
    ("1.2亿", Decimal("120000000")),
    ("4068.208", Decimal("4068.208")),
    ("0.50", Decimal("0.50")),
    ("三点一四", Decimal("3.14")),
    ("零点零五", Decimal("0.05")),
    ("三点五亿", Decimal("350000000")),
    ("负零点五", Decimal("-0.5")),
    ("３．５", Decimal("3.5")),
]


@pytest.mark.parametrize(("text", "value"), GOLDEN)
def test_golden(text: str, value: int | Decimal) -> None:
    parsed = parse_number(text)
    assert parsed == value
    assert type(parsed) is type(value)


MALFORMED = [
    "十十",
    "一百零",
    "万三",
    "二三百",
    "",
    "一万零一千",
    "一万一百",
    "六千零四十七亿九千三百零二",  # cn2an's output for 604700009302
    "一亿零一千万",
    "一百十五",
    "一千零零一",
    "零一",
    "两",
    "十两",
    "两十",
    "一两",
    "一两个",
    "壹百",
    "一万万",
    "一亿亿",
    "007",
    "〇一",
    "1,23",
    "12,3456",
    "1.",
    ".5",
    "点五",
    "3千万万",
    "三0",
    " 12",
    "12 ",
    "十万五",
    "三百五",
    "一万五",
    "负",
    "--1",
    "一百点",
    "1e5",
    "３²",
    "⑱",
    "ⅷ",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed(text: str) -> None:
    with pytest.raises(InvalidNumeral):
        parse_number(text)
    assert not is_valid_number(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "一百零",
            "expected a digit after 零, found the end of the text (line 1, column 4)\n"
            "一百零\n      ^",
        ),
        ("十十", "expected a digit before 十, found 十 (line 1, column 2)\n十十\n  ^^"),
        ("万三", "expected a digit, found 万 (line 1, column 1)\n万三\n^^"),
        (
            "二三百",
            "expected 十, 百, 千, 万 or 亿 after 二, found 三 (line 1, column 2)\n二三百\n  ^^",
        ),
        (
            "一万零一千",
            "expected no 零 between 万 and 一, found 零 (line 1, column 3)\n一万零一千\n    ^^",
        ),
        ("一万一百", "expected 零 before 一, found 一 (line 1, column 3)\n一万一百\n    ^^"),
        ("", "expected a number, found the end of the text (line 1, column 1)\n\n^"),
    ],
)
def test_whole_error_message(text: str, message: str) -> None:
    with pytest.raises(InvalidNumeral) as caught:
        parse_number(text)
    assert str(caught.value) == message


def test_an_error_on_a_long_line_shows_80_characters_around_it() -> None:
    # A report extracted onto one line: the message must not carry the whole line.
    with pytest.raises(InvalidNumeral) as caught:
        parse_number("1" * 100 + "x" + "2" * 100)
    assert str(caught.value) == (
        "expected a digit or a unit such as 万 or 亿, found x (line 1, column 101)\n"
        f"…{'1' * 39}x{'2' * 40}…\n"
        f"{' ' * 40}^"
    )


@given(
    left=st.integers(min_value=0, max_value=200),
    before=st.text(alphabet="a一\t", max_size=20),
    span=st.text(alphabet="b二", min_size=1, max_size=100),
    after=st.text(alphabet="c三", max_size=20),
    right=st.integers(min_value=0, max_value=200),
)
def test_a_cut_excerpt_keeps_the_caret_under_the_span(
    left: int, before: str, span: str, after: str, right: int
) -> None:
    before = "a" * left + before
    line_text = before + span + after + "c" * right
    line, carets = caret_excerpt(f"x\n{line_text}\ny", 2 + len(before), len(span)).split("\n")
    assert len(line) <= EXCERPT_WIDTH + 2
    assert line == line_text or line.strip("…") in line_text
    # The columns before the caret are the cells of what the line shows before the span.
    lead = len(carets) - len(carets.lstrip(" "))
    shown_before = line[: len(line) - len(line.lstrip("…a一\t"))]
    assert lead == sum(2 if c == "一" else 1 for c in shown_before)
    assert line[len(shown_before)] in "b二"


def test_non_strings_are_invalid_numerals() -> None:
    with pytest.raises(InvalidNumeral, match="expected a string, found bytes"):
        parse_number(b"1")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三百五", 350),
        ("一千二", 1200),
        ("一万五", 15000),
        ("十万五", 105000),
        ("一亿五", 150000000),
        ("一百十五", 115),
        ("一千零零一", 1001),
        ("一万零一千", 11000),
        (" 12 ", 12),
        ("007", 7),
        ("两", 2),
    ],
)
def test_lenient(text: str, value: int) -> None:
    assert parse_number(text, lenient=True) == value


@pytest.mark.parametrize("text", ["一两", "一两个", "两三", "十十十"])
def test_lenient_never_guesses_a_few(text: str) -> None:
    with pytest.raises(InvalidNumeral):
        parse_number(text, lenient=True)


@pytest.mark.parametrize(
    ("n", "style", "text"),
    [
        (0, NumberStyle.STANDARD, "零"),
        (10, NumberStyle.STANDARD, "十"),
        (10, NumberStyle.FINANCIAL, "壹拾"),
        (110, NumberStyle.STANDARD, "一百一十"),
        (100000, NumberStyle.STANDARD, "十万"),
        (1903971, NumberStyle.STANDARD, "一百九十万三千九百七十一"),
        (604700009302, NumberStyle.STANDARD, "六千零四十七亿零九千三百零二"),
        (1001, NumberStyle.FINANCIAL, "壹仟零壹"),
        (2021, NumberStyle.DIGITS, "二〇二一"),
        (-12, NumberStyle.ARABIC, "-12"),
        (Decimal("3.50"), NumberStyle.STANDARD, "三点五零"),
        (Decimal("0.05"), NumberStyle.DIGITS, "〇点〇五"),
        (Decimal("1E+2"), NumberStyle.STANDARD, "一百"),
        (Decimal("12.5"), NumberStyle.FINANCIAL, "壹拾贰点伍"),
    ],
)
def test_format_golden(n: int | Decimal, style: NumberStyle, text: str) -> None:
    assert format_number(n, style=style) == text


@pytest.mark.parametrize(
    "value", [10**16, 1.5, True, None, "1", Decimal("NaN"), Decimal("Infinity")]
)
def test_format_rejects(value: object) -> None:
    with pytest.raises(InvalidNumeral):
        format_number(value)  # type: ignore[arg-type]


def test_huge_numbers_digit_styles() -> None:
    n = 10**100 + 7
    for style in (NumberStyle.DIGITS, NumberStyle.ARABIC):
        assert parse_number(format_number(n, style=style)) == n
    with pytest.raises(InvalidNumeral, match="at most 4000 digits"):
        format_number(10**5000, style=NumberStyle.ARABIC)
    with pytest.raises(InvalidNumeral, match="at most 4000 digits"):
        parse_number("1" * 5000)


def test_a_number_style_may_be_named_by_its_value() -> None:
    assert format_number(1001, style="financial") == format_number(
        1001, style=NumberStyle.FINANCIAL
    )
    with pytest.raises(InvalidNumeral, match="expected a NumberStyle or one of 'standard'"):
        format_number(1001, style="roman")


# --- normalize: the replacement of variants alone equals translating every character -------

_VARIANT_CHARS = sorted(_chars.VARIANTS)


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_VARIANT_CHARS),
            st.sampled_from("一二三件申请，。（）0123456789ab \n"),
            st.characters(),
        ),
        max_size=400,
    )
)
def test_normalize_equals_translating_every_character(chars: list[str]) -> None:
    text = "".join(chars)
    table = {ord(k): v for k, v in _chars.VARIANTS.items()}
    assert _chars.normalize(text) == text.translate(table)


@pytest.mark.parametrize("density", [0, 1, 7, 8, 9, 40])
def test_normalize_at_every_density_of_variants(density: int) -> None:
    # around the switch from replacing the variants found to translating the whole text
    text = ("１" * density + "本" * (64 - density)) * 3
    assert _chars.normalize(text) == ("1" * density + "本" * (64 - density)) * 3
