"""A junk sweep (python-stdnum style): every public entry point (the model, JSON, text, checks,
numerals, dates, enumerators, amounts) answers junk with a value or a GovInfoError, never
another exception."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Hashable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import (
    Grid,
    Placeholder,
    Report,
    TemplateVersion,
    amounts,
    dates,
    enumerators,
    numerals,
    template,
)
from govinfo.errors import GovInfoError


class LongerThanItIs(str):
    """A str subclass whose ``__len__`` lies: it used to send seven readers past the end."""

    def __len__(self) -> int:
        return 2 * super().__len__() + 7


class ShorterThanItIs(str):
    def __len__(self) -> int:
        return 0


class LyingEverywhere(str):
    """Every method a reader might call answers wrongly."""

    def __len__(self) -> int:
        return 1

    def __getitem__(self, key: object) -> str:
        return "一"

    def __str__(self) -> str:
        return "2022年1月18日"

    def translate(self, table: object) -> str:
        return "元"

    def startswith(self, *args: object) -> bool:
        return True

    def find(self, *args: object) -> int:
        return 0


class ClaimsToBeAString:
    """Not a str, though ``isinstance(x, str)`` says it is. Swept over zh/ only: the model
    and the text front door still take ``isinstance`` at its word (AttributeError)."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return str


JUNK: list[object] = [
    None,
    "",
    b"1",
    "⑱",
    "ⅷ",
    "３²",
    "²",
    "١٢٣",  # Arabic-Indic digits: str.isdigit() says yes, we say no
    "12三",
    "三12",
    "一百abc",
    "2022年一月18日",
    "第二十条第(五",
    "（（一））",
    "1..2",
    "1,,000",
    "--",
    "负负一",
    "点",
    "\n",
    "一\n二",
    "\x00",
    "\ud800",
    "一" * 10_000,
    "1" * 10_000,
    "十" * 10_000,
    "零" * 10_000,
    "一万" * 5_000,
    "2022年" * 3_000,
    "2022年" * 4_000,  # quadratic in find_dates until discarded candidates went unlocated
    "二〇二二年十十月" * 4_000,
    "①" * 10_000,
    "元" * 10_000,
    "(" * 10_000,
    "一点" + "五" * 10_000,
    "0." + "1" * 10_000,
    "1" * 3_999 + "亿",
    "1" * 5_000 + ".",  # an ordinal of 5000 digits
    "（" + "1" * 5_000 + "）",
    "第" + "1" * 5_000 + "条第（" + "一" * 5_000 + "）项",
    "x" * 10_000 + "\n一百零",
    LongerThanItIs("2022年1月18日"),
    LongerThanItIs("（一）"),
    ShorterThanItIs("299.8145万元"),
    LyingEverywhere("第二十条"),
    12,
    1.5,
    Decimal("NaN"),
    Decimal("1E+100000"),
    10**20,
    -(10**5000),
    True,
    object(),
    ["1"],
    datetime.date(1, 1, 1),
    datetime.datetime(2022, 1, 18),
    numerals.NumberStyle.DIGITS,
    enumerators.Enumerator(kind=enumerators.EnumeratorKind.ARABIC_DOT, ordinal=10**5_000),
    enumerators.Enumerator(kind=enumerators.EnumeratorKind.PAREN_CHINESE, ordinal=-(10**5_000)),
    enumerators.Enumerator(kind=enumerators.EnumeratorKind.CIRCLED, ordinal=10**5_000),
    enumerators.Citation(article=10**5_000),
    enumerators.Citation(article=20, item=10**5_000),
    ("a",),
    ("a", "b", "c"),
    [],
    {},
]

JUNK_IDS = [f"{i}-{type(v).__name__}" for i, v in enumerate(JUNK)]

_STYLES = list(numerals.NumberStyle) + list(dates.DateStyle)

PUBLIC: dict[str, Callable[[object], object]] = {
    "parse_number": numerals.parse_number,  # type: ignore[dict-item]
    "parse_number lenient": lambda x: numerals.parse_number(x, lenient=True),  # type: ignore[arg-type]
    "is_valid_number": numerals.is_valid_number,
    "format_number": numerals.format_number,  # type: ignore[dict-item]
    "parse_date": dates.parse_date,  # type: ignore[dict-item]
    "is_valid_date": dates.is_valid_date,
    "parse_period": dates.parse_period,  # type: ignore[dict-item]
    "find_dates": dates.find_dates,  # type: ignore[dict-item]
    "format_date": dates.format_date,  # type: ignore[dict-item]
    "parse_enumerator": enumerators.parse_enumerator,  # type: ignore[dict-item]
    "format_enumerator": enumerators.format_enumerator,  # type: ignore[dict-item]
    "is_valid_enumerator": enumerators.is_valid_enumerator,
    "split_enumerator": enumerators.split_enumerator,  # type: ignore[dict-item]
    "parse_citation": enumerators.parse_citation,  # type: ignore[dict-item]
    "format_citation": enumerators.format_citation,  # type: ignore[dict-item]
    "is_valid_citation": enumerators.is_valid_citation,
    "parse_amount": amounts.parse_amount,  # type: ignore[dict-item]
    "parse_amount 万元": lambda x: amounts.parse_amount(x, default_unit=amounts.Unit.WAN_YUAN),  # type: ignore[arg-type]
    "format_amount": amounts.format_amount,  # type: ignore[dict-item]
    "is_valid_amount": amounts.is_valid_amount,
    "unit_from_header": amounts.unit_from_header,  # type: ignore[dict-item]
}

WITH_STYLE: dict[str, Callable[..., object]] = {
    "format_number": numerals.format_number,
    "format_date": dates.format_date,
}


def _answers(function: Callable[[object], object], value: object) -> None:
    with contextlib.suppress(GovInfoError):
        function(value)


def test_every_public_function_is_swept() -> None:
    names = {
        name
        for module in (numerals, dates, enumerators, amounts)
        for name in module.__all__
        if callable(getattr(module, name)) and name[0].islower()
    }
    assert names <= set(PUBLIC)


@pytest.mark.parametrize("name", sorted(PUBLIC))
@pytest.mark.parametrize("value", JUNK, ids=JUNK_IDS)
def test_junk(name: str, value: object) -> None:
    _answers(PUBLIC[name], value)


@pytest.mark.parametrize("name", sorted(WITH_STYLE))
@pytest.mark.parametrize("style", [*_STYLES, None, "standard"], ids=repr)
@pytest.mark.parametrize("value", [0, 7, -7, Decimal("1.5"), datetime.date(2022, 1, 18), None])
def test_styles_of_the_wrong_kind(name: str, style: object, value: object) -> None:
    with contextlib.suppress(GovInfoError):
        WITH_STYLE[name](value, style=style)


LIARS = [LongerThanItIs, ShorterThanItIs, LyingEverywhere]

SAMPLES = [
    "2022年1月18日",
    "二〇二二年一月十八日发布，统计期限从2021年1月1日起",
    "2021年1月1日起至12月31日止",
    "一百九十万零三千九百七十一",
    "一百零",
    "（三）",
    "1. 属于国家秘密",
    "第二十条第（五）项",
    "299.8145万元",
    "4068.208",
    "本年收费金额（单位：万元）",
    "",
]


def _outcome(function: Callable[[object], object], value: object) -> object:
    try:
        return function(value)
    except GovInfoError as error:
        return type(error), str(error)


#: Every public function of zh/ that reads text.
READERS = sorted(name for name in PUBLIC if not name.startswith("format_"))


@pytest.mark.parametrize("name", READERS)
@pytest.mark.parametrize("liar", LIARS, ids=lambda c: c.__name__)
def test_a_str_subclass_reads_as_its_plain_text(name: str, liar: type[str]) -> None:
    for text in SAMPLES:
        assert _outcome(PUBLIC[name], liar(text)) == _outcome(PUBLIC[name], text), text


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_an_object_that_claims_to_be_a_str_is_not_one(name: str) -> None:
    _answers(PUBLIC[name], ClaimsToBeAString())


_ALPHABET = (
    "0123456789０１２３.,-/:()（）、．"
    "零〇○一二两三四五六七八九十百千万亿廿卅点负"
    "壹贰拾佰仟萬億年月日星期周起至止自元圆角分整第条项①⑱²ⅷ "
)


@pytest.mark.parametrize("name", sorted(PUBLIC))
@given(text=st.text(alphabet=_ALPHABET, max_size=20) | st.text(max_size=12))
def test_fuzz(name: str, text: str) -> None:
    _answers(PUBLIC[name], text)


@given(text=st.text(alphabet=_ALPHABET, max_size=20))
def test_is_valid_matches_parse(text: str) -> None:
    for parse, valid in [
        (numerals.parse_number, numerals.is_valid_number),
        (dates.parse_date, dates.is_valid_date),
        (enumerators.parse_enumerator, enumerators.is_valid_enumerator),
        (enumerators.parse_citation, enumerators.is_valid_citation),
        (amounts.parse_amount, amounts.is_valid_amount),
    ]:
        try:
            parse(text)  # type: ignore[operator]
        except GovInfoError:
            assert not valid(text)
        else:
            assert valid(text)


@pytest.mark.parametrize("junk", JUNK, ids=JUNK_IDS)
def test_model_formats_and_checks_answer_junk_with_a_domain_error(junk: object) -> None:
    report = govinfo.load_example()
    key = junk if isinstance(junk, Hashable) else None
    calls: list[Callable[[], object]] = [
        lambda: report.requests[junk],  # type: ignore[index]
        lambda: report.requests[junk, "total"],  # type: ignore[index]
        lambda: report.requests["granted", junk],  # type: ignore[index]
        lambda: report.requests.row(junk),  # type: ignore[arg-type]
        lambda: report.requests.column(junk),  # type: ignore[arg-type]
        lambda: report.requests.replace({key: 1}),  # type: ignore[dict-item]
        lambda: report.disclosure[junk],  # type: ignore[index]
        lambda: Placeholder(junk),  # type: ignore[arg-type]
        lambda: Grid(report.requests.spec, junk),  # type: ignore[arg-type]
        lambda: Grid(junk, ()),  # type: ignore[arg-type]
        lambda: Report.empty(junk, agency="x", year=2021),  # type: ignore[arg-type]
        lambda: Report.empty(TemplateVersion.V2021, agency=junk, year=2021),  # type: ignore[arg-type]
        lambda: template(junk),  # type: ignore[arg-type]
        lambda: template(TemplateVersion.V2021, junk),  # type: ignore[arg-type]
        lambda: Report.empty(TemplateVersion.V2021, variant=junk, agency="x", year=2021),  # type: ignore[arg-type]
        lambda: govinfo.checks.rules(TemplateVersion.V2021, junk),  # type: ignore[arg-type]
        lambda: govinfo.from_json(junk),  # type: ignore[arg-type]
        lambda: govinfo.to_json(junk),  # type: ignore[arg-type]
        lambda: govinfo.parse_text(junk),  # type: ignore[arg-type]
        lambda: govinfo.read_text(junk),  # type: ignore[arg-type]
        lambda: govinfo.render_text(junk),  # type: ignore[arg-type]
        lambda: govinfo.check(junk),  # type: ignore[arg-type]
        lambda: govinfo.unread_cells(junk),  # type: ignore[arg-type]
        lambda: govinfo.read(junk),  # type: ignore[arg-type]
        lambda: govinfo.read(junk, strict=True),  # type: ignore[arg-type]
        lambda: govinfo.parse(junk),  # type: ignore[arg-type]
        lambda: govinfo.read_all(junk),  # type: ignore[arg-type]
        lambda: govinfo.read(b"x", kind=junk),  # type: ignore[arg-type]
        lambda: govinfo.read(b"x", name=junk),  # type: ignore[arg-type]
        lambda: govinfo.decode(junk),  # type: ignore[arg-type]
        lambda: govinfo.sniff(junk),  # type: ignore[arg-type]
    ]
    for call in calls:
        with contextlib.suppress(GovInfoError):
            call()
