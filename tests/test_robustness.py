"""A junk sweep (python-stdnum style): every public entry point (the model, JSON, text, checks,
numerals, dates, enumerators, amounts) answers junk with a value or a GovInfoError, never
another exception."""

from __future__ import annotations

import contextlib
import datetime
import pickle
from collections.abc import Callable, Hashable
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal

import attrs
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
    errors,
    numerals,
    template,
)
from govinfo.errors import GovInfoError
from govinfo.model import lone_surrogate
from govinfo.sources import CellSource, PageBoxSource, TextSource
from govinfo.strategies import reports


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


# --- numbers longer than any report holds (govinfo.model.MAX_DIGITS) ----------------------

EXAMPLE_TEXT = govinfo.render_text(govinfo.load_example())
LICENSING = "$.disclosure.licensing.administrative_licensing.decisions"


def _writes_and_checks(report: Report) -> None:
    govinfo.check(report)
    govinfo.from_json(govinfo.to_json(report))
    govinfo.render_text(report)


@pytest.mark.parametrize(
    ("printed", "found"),
    [
        ("9" * 5_000, "99999999999999999999… (5000 digits)"),
        ("9" * 4_301, "99999999999999999999… (4301 digits)"),
        ("１" * 5_000, "１１１１１１１１１１１１１１１１１１１１… (5000 digits)"),
        ("1" + "0" * 15, "1000000000000000"),
        ("1,000,000,000,000,000", "1,000,000,000,000,000"),
    ],
    ids=["5000", "4301", "full-width", "16", "grouped"],
)
def test_a_count_too_long_for_the_model_is_a_located_error(printed: str, found: str) -> None:
    text = EXAMPLE_TEXT.replace("\n4039\n", f"\n{printed}\n")
    with pytest.raises(govinfo.TextSyntaxError) as info:
        govinfo.parse_text(text)
    message = (
        "expected a whole number of at most 15 digits in the column 本年处理决定数量 of the row "
        f"行政许可, found {found}"
    )
    assert info.value.reason == message
    assert (info.value.line, info.value.column, info.value.length) == (57, 1, len(printed))
    result = govinfo.read_text(text)
    assert result.unread == (LICENSING,)
    assert [d.message for d in result.errors] == [message]
    assert result.sources[LICENSING].text == printed
    _writes_and_checks(result.report)


def test_the_longest_count_reads() -> None:
    report = govinfo.parse_text(EXAMPLE_TEXT.replace("\n4039\n", "\n999999999999999\n"))
    assert report.disclosure["licensing"]["administrative_licensing", "decisions"] == 10**15 - 1


def test_a_change_too_long_for_the_model_is_a_located_error() -> None:
    report = Report.empty(
        TemplateVersion.V2019, agency="某局", year=2019, title="某局2019年政府信息公开工作年度报告"
    )
    licensing = report.disclosure["licensing"].replace({("administrative_licensing", "change"): -7})
    blocks = tuple(licensing if b.spec.key == "licensing" else b for b in report.disclosure)
    text = govinfo.render_text(attrs.evolve(report, disclosure=govinfo.Disclosure(blocks)))
    text = text.replace("\n-7\n", "\n-" + "9" * 5_000 + "\n")
    message = (
        "expected a signed whole number of at most 15 digits in the column 本年增/减 of the row "
        "行政许可, found -9999999999999999999… (5000 digits)"
    )
    with pytest.raises(govinfo.TextSyntaxError) as info:
        govinfo.parse_text(text)
    assert info.value.reason == message
    result = govinfo.read_text(text)
    assert result.unread == ("$.disclosure.licensing.administrative_licensing.change",)
    _writes_and_checks(result.report)


@pytest.mark.parametrize("printed", ["9" * 16, "1." + "9" * 16, "9" * 3_999])
def test_money_too_long_for_the_model_is_a_located_error(printed: str) -> None:
    text = EXAMPLE_TEXT.replace("\n299.8145\n", f"\n{printed}\n")
    with pytest.raises(govinfo.TextSyntaxError) as info:
        govinfo.parse_text(text)
    assert info.value.reason.startswith(
        "expected an amount in 万元 of at most 15 digits before the point and as many after in the "
        "column 本年收费金额（单位：万元） of the row 行政事业性收费, found "
    )
    result = govinfo.read_text(text)
    assert result.unread == ("$.disclosure.fees.administrative_fees.amount",)
    _writes_and_checks(result.report)


def test_the_largest_numbers_the_model_takes_are_written_checked_and_combined() -> None:
    report = govinfo.load_example()
    most = 10**15 - 1
    money = Decimal("999999999999999.999999999999999")
    requests = report.requests.replace(
        {(r.key, c.key): most for r, c, _ in report.requests.items()}
    )
    fees = report.disclosure["fees"].replace({("administrative_fees", "amount"): money})
    blocks = (*report.disclosure.blocks[:-1], fees)
    report = attrs.evolve(report, requests=requests, disclosure=govinfo.Disclosure(blocks))
    _writes_and_checks(report)
    assert govinfo.parse_text(govinfo.render_text(report)) == report
    govinfo.checks.combine([report], agency="某市")
    with contextlib.suppress(GovInfoError):  # sums past the bound: a domain error at most
        govinfo.checks.combine([report] * 3, agency="某市")


# --- lone surrogates: the model refuses them, so every writer can encode what it accepts ----

_WITH_SURROGATES = st.text(
    st.characters(min_codepoint=0xD7F0, max_codepoint=0xE00F) | st.sampled_from("某局/—"),
    min_size=1,
    max_size=6,
)


def _encodes(report: Report, *, findings: bool = True) -> None:
    govinfo.to_json(report).encode("utf-8")
    with contextlib.suppress(govinfo.TextRenderError):
        govinfo.render_text(report).encode("utf-8")
    if findings:
        govinfo.findings_to_json(govinfo.check(report)).encode("utf-8")


@given(reports())
def test_generated_reports_hold_no_lone_surrogate_and_every_writer_encodes_them(
    report: Report,
) -> None:
    prose = [report.agency, report.title, *report.preamble, *report.overview.paragraphs()]
    prose += [*report.problems, *report.other_matters, *report.trailer]
    prose += [
        c.text for _, g in report.grids() for *_, c in g.items() if isinstance(c, Placeholder)
    ]
    assert [t for t in prose if lone_surrogate(t)] == []
    _encodes(report, findings=False)  # findings hold no prose but the agency, checked below


@given(agency=_WITH_SURROGATES, paragraph=_WITH_SURROGATES, mark=_WITH_SURROGATES)
def test_the_model_takes_no_lone_surrogate_so_writers_never_meet_one(
    agency: str, paragraph: str, mark: str
) -> None:
    def build() -> Report:
        report = Report.empty(
            TemplateVersion.V2021, agency=agency, year=2021, problems=(paragraph,)
        )
        grid = report.requests.replace({("granted", "other"): Placeholder(mark)})
        return attrs.evolve(report, requests=grid)

    if any(lone_surrogate(text) for text in (agency, paragraph, mark)):
        with pytest.raises(govinfo.ModelError, match="expected text without lone surrogates"):
            build()
    else:
        with contextlib.suppress(govinfo.ModelError):  # a placeholder with a digit, say
            _encodes(build())


# --- pickling: errors and results cross process boundaries intact --------------------------

_SPAN = TextSource(offset=3, length=2, line=2, column=1, text="3x")
_CELL = CellSource(kind="html", table=2, row=4, column=3, text="0")
_BOX = PageBoxSource(page=3, box=(72.0, 100.5, 96.0, 112.0), text="12")
_ERRORS: list[Exception] = [
    errors.GovInfoError("a report cannot be read"),
    errors.ModelError("requests.granted.other: expected a non-negative integer, got '3'"),
    errors.UnknownKey("requests has no row 'nope'"),
    errors.JSONError((("$.agency", "expected a string, got 3"), ("$.extra", "unknown field"))),
    errors.LocatedError("expected a digit", "一二\n3x", 3, 2),
    errors.TextSyntaxError("expected the row label 自然人, found 3x", "行政许可\n3x\n", 5, 2),
    errors.InvalidNumeral("expected a digit", "一百x", 2),
    errors.InvalidDate("expected a month from 1 to 12", "2022年13月", 5, 2),
    errors.InvalidEnumerator("expected （ before 一", "一）", 0),
    errors.InvalidAmount("expected a unit 元, 万元 or 亿元", "299.8", 0, 5),
    errors.ReadError("expected a report, found no text"),
    errors.ReadError("expected a whole number, found 3x", _SPAN),
    errors.ReadError("expected a whole number, found 0", _CELL),
    errors.SeveralReports((_SPAN, _BOX)),
    errors.UnsupportedInput("reading .docx needs the extra govinfo[docx]", _CELL),
    errors.UnsupportedInput("a PDF of scanned pages holds no text"),
    errors.TextRenderError("the title must name the report year 2021"),
    errors.CheckError("expected reports of one template version, got 2019 and 2021"),
    errors.UndecodableInput("a.txt", "binary data (a NUL byte at byte 4)"),
]


def test_every_public_error_is_pickled_in_the_sweep() -> None:
    public = {
        getattr(errors, name)
        for name in errors.__all__
        if isinstance(getattr(errors, name), type)
        and issubclass(getattr(errors, name), BaseException)
    }
    assert public == {type(e) for e in _ERRORS}


@pytest.mark.parametrize("error", _ERRORS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("protocol", [0, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL])
def test_errors_survive_pickle(error: Exception, protocol: int) -> None:
    back = pickle.loads(pickle.dumps(error, protocol=protocol))
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert back.args == error.args
    assert vars(back) == vars(error)  # every attribute: problems, name, reason, starts, line …
    if isinstance(error, errors.LocatedError):
        assert (back.span, back.excerpt) == (error.span, error.excerpt)


def test_notes_on_an_error_survive_pickle() -> None:
    error = errors.SeveralReports((_SPAN, _BOX))
    error.add_note("while reading a.txt")
    assert pickle.loads(pickle.dumps(error)).__notes__ == ["while reading a.txt"]


def test_an_error_raised_in_a_worker_process_reaches_the_parent() -> None:
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(govinfo.parse_text, "bad"), pool.submit(govinfo.from_json, "{")]
        with pytest.raises(govinfo.TextSyntaxError) as info:
            futures[0].result()
        with pytest.raises(govinfo.JSONError) as json_info:
            futures[1].result()
    with pytest.raises(govinfo.TextSyntaxError) as here:
        govinfo.parse_text("bad")
    assert str(info.value) == str(here.value)
    assert (info.value.line, info.value.column) == (here.value.line, here.value.column)
    assert json_info.value.problems[0][0] == "$"


def test_readings_and_findings_survive_pickle() -> None:
    damaged = EXAMPLE_TEXT.replace("\n4039\n", "\n4x39\n").replace("\n7526\n", "\n（空白）\n")
    result = govinfo.read_text(damaged)
    assert result.unread
    back = pickle.loads(pickle.dumps(result))
    assert back == result
    assert back.sources == result.sources
    assert back.input == result.input
    findings = govinfo.check(result.report)
    assert findings
    assert pickle.loads(pickle.dumps(findings)) == findings
    cells = [c for _, g in back.report.grids() for *_, c in g.items()]
    assert govinfo.UNREAD in cells
    assert all(c is govinfo.UNREAD for c in cells if c == govinfo.UNREAD)
    assert all(c is govinfo.BLANK for c in cells if c == govinfo.BLANK)
    assert pickle.loads(pickle.dumps(govinfo.BLANK)) is govinfo.BLANK
