"""govinfo.zh.enumerators: markers and citations round-trip and read real row labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo.errors import InvalidEnumerator
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
from strategies_numerals import (
    any_ordinals,
    citation_texts,
    citations,
    enumerators,
    marker_texts,
)

K = EnumeratorKind


@given(e=enumerators)
def test_enumerators_round_trip(e: Enumerator) -> None:
    text = format_enumerator(e)
    assert parse_enumerator(text) == e
    assert split_enumerator(text + "其他") == (e, "其他")


@given(c=citations)
def test_citations_round_trip(c: Citation) -> None:
    assert parse_citation(format_citation(c)) == c


# --- One domain for writers and readers ---------------------------------------------------


@given(kind=st.sampled_from(EnumeratorKind), ordinal=any_ordinals)
def test_every_marker_the_writer_accepts_reads_back(kind: EnumeratorKind, ordinal: int) -> None:
    marker = Enumerator(kind=kind, ordinal=ordinal)
    limit = MAX_CIRCLED if kind is EnumeratorKind.CIRCLED else MAX_ORDINAL
    try:
        text = format_enumerator(marker)
    except InvalidEnumerator:
        assert not 1 <= ordinal <= limit
    else:
        assert 1 <= ordinal <= limit
        assert parse_enumerator(text) == marker


@given(article=any_ordinals, item=st.none() | any_ordinals)
def test_every_citation_the_writer_accepts_reads_back(article: int, item: int | None) -> None:
    citation = Citation(article=article, item=item)
    try:
        text = format_citation(citation)
    except InvalidEnumerator:
        assert not 1 <= article <= MAX_ORDINAL or (
            item is not None and not 1 <= item <= MAX_ORDINAL
        )
    else:
        assert parse_citation(text) == citation


@given(text=marker_texts)
def test_every_marker_the_reader_accepts_writes_back(text: str) -> None:
    try:
        marker = parse_enumerator(text)
    except InvalidEnumerator:
        return
    written = format_enumerator(marker)
    assert parse_enumerator(written) == marker
    assert format_enumerator(parse_enumerator(written)) == written


@given(text=citation_texts)
def test_every_citation_the_reader_accepts_writes_back(text: str) -> None:
    try:
        citation = parse_citation(text)
    except InvalidEnumerator:
        return
    written = format_citation(citation)
    assert parse_citation(written) == citation
    assert format_citation(parse_citation(written)) == written


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Citation(article=10000), "expected an article from 1 to 9999, found 10000"),
        (Citation(article=20, item=10000), "expected an item from 1 to 9999, found 10000"),
        (
            Enumerator(kind=K.PAREN_CHINESE, ordinal=10000),
            "expected an ordinal from 1 to 9999, found 10000",
        ),
        (
            Enumerator(kind=K.ARABIC_DOT, ordinal=10**12),
            "expected an ordinal from 1 to 9999, found 1000000000000",
        ),
        (
            Enumerator(kind=K.PAREN_ARABIC, ordinal=10**5000),  # str() of it raises ValueError
            "expected an ordinal from 1 to 9999, found a number of more than 20 digits",
        ),
        (
            Citation(article=-(10**5000)),
            "expected an article from 1 to 9999, found a negative number of more than 20 digits",
        ),
    ],
)
def test_writers_refuse_what_the_readers_would_not_read(
    value: Enumerator | Citation, message: str
) -> None:
    write = format_citation if isinstance(value, Citation) else format_enumerator
    with pytest.raises(InvalidEnumerator) as caught:
        write(value)  # type: ignore[arg-type]
    assert caught.value.reason == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "（一万）",
            "expected an ordinal from 1 to 9999, found 一万 (line 1, column 2)\n（一万）\n  ^^",
        ),
        ("12345.", "expected an ordinal from 1 to 9999, found 12345 (line 1, column 1)\n12345.\n^"),
        (
            "第12345条",
            "expected an ordinal from 1 to 9999, found 12345 (line 1, column 2)\n第12345条\n  ^",
        ),
        (
            "1" * 5000 + ".",
            "expected an ordinal from 1 to 9999, found 11111111111111111111… (line 1, column 1)\n"
            + "1" * 80
            + "…\n^",
        ),
    ],
)
def test_readers_refuse_ordinals_beyond_the_domain(text: str, message: str) -> None:
    read = parse_citation if text.startswith("第") else parse_enumerator
    with pytest.raises(InvalidEnumerator) as caught:
        read(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "kind", "ordinal"),
    [
        ("一、", K.CHINESE_COMMA, 1),
        ("十二、", K.CHINESE_COMMA, 12),
        ("（一）", K.PAREN_CHINESE, 1),
        ("(一)", K.PAREN_CHINESE, 1),
        ("(二十一)", K.PAREN_CHINESE, 21),
        ("1.", K.ARABIC_DOT, 1),
        ("1．", K.ARABIC_DOT, 1),
        ("1、", K.ARABIC_COMMA, 1),
        ("（1）", K.PAREN_ARABIC, 1),
        ("(12)", K.PAREN_ARABIC, 12),
        ("①", K.CIRCLED, 1),
        ("⑳", K.CIRCLED, 20),
        ("㉑", K.CIRCLED, 21),
        ("㊿", K.CIRCLED, 50),
    ],
)
def test_golden_markers(text: str, kind: EnumeratorKind, ordinal: int) -> None:
    assert parse_enumerator(text) == Enumerator(kind=kind, ordinal=ordinal)


@pytest.mark.parametrize(
    "text",
    ["", "一", "一二、", "零、", "0.", "01.", "(一", "（1", "1", "①②", "一、 ", "(a)", "1.5"],
)
def test_malformed_markers(text: str) -> None:
    with pytest.raises(InvalidEnumerator):
        parse_enumerator(text)
    assert not is_valid_enumerator(text)


@pytest.mark.parametrize(
    ("line", "marker", "rest"),
    [
        ("(一)予以公开", Enumerator(kind=K.PAREN_CHINESE, ordinal=1), "予以公开"),
        ("1、其他", Enumerator(kind=K.ARABIC_COMMA, ordinal=1), "其他"),
        ("1. 属于国家秘密", Enumerator(kind=K.ARABIC_DOT, ordinal=1), "属于国家秘密"),
        ("3.危及“三安全一稳定”", Enumerator(kind=K.ARABIC_DOT, ordinal=3), "危及“三安全一稳定”"),
        ("三、本年度办理结果", Enumerator(kind=K.CHINESE_COMMA, ordinal=3), "本年度办理结果"),
        ("1.5万元", None, "1.5万元"),
        ("一是加强", None, "一是加强"),
        ("2021年", None, "2021年"),
        ("(本列数据的勾稽关系为:", None, "(本列数据的勾稽关系为:"),
        ("第二十条第(一)项", None, "第二十条第(一)项"),
        ("", None, ""),
    ],
)
def test_split(line: str, marker: Enumerator | None, rest: str) -> None:
    assert split_enumerator(line) == (marker, rest)


@pytest.mark.parametrize(
    ("text", "citation"),
    [
        ("第二十条第（五）项", Citation(article=20, item=5)),
        ("第二十条第(一)项", Citation(article=20, item=1)),
        ("第二十条 第（五）项", Citation(article=20, item=5)),
        ("第二十条第五项", Citation(article=20, item=5)),
        ("第20条第(5)项", Citation(article=20, item=5)),
        ("第二十条", Citation(article=20)),
    ],
)
def test_golden_citations(text: str, citation: Citation) -> None:
    assert parse_citation(text) == citation
    assert is_valid_citation(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "第条",
        "二十条",
        "第二十条第",
        "第二十条第（五项",
        "第二十条第（五）",
        "第二十条第（五）项。",
    ],
)
def test_malformed_citations(text: str) -> None:
    with pytest.raises(InvalidEnumerator):
        parse_citation(text)


def test_citation_message() -> None:
    with pytest.raises(InvalidEnumerator) as caught:
        parse_citation("第二十条第（五）")
    assert str(caught.value) == (
        "expected 项, found the end of the text (line 1, column 9)\n"
        "第二十条第（五）\n"
        "                ^"
    )


@pytest.mark.parametrize(
    "value",
    [
        Enumerator(kind=K.CIRCLED, ordinal=51),
        Enumerator(kind=K.ARABIC_DOT, ordinal=0),
        Enumerator(kind="1.", ordinal=1),  # type: ignore[arg-type]
        Enumerator(kind=K.ARABIC_DOT, ordinal=True),
        "一、",
    ],
)
def test_format_rejects(value: object) -> None:
    with pytest.raises(InvalidEnumerator):
        format_enumerator(value)  # type: ignore[arg-type]


class _AlwaysInRange(int):
    """An int whose comparisons lie: the writers compare the plain int instead."""

    def __lt__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return True

    def __ge__(self, other: object) -> bool:
        return True


def test_an_int_subclass_cannot_talk_its_way_into_the_domain() -> None:
    with pytest.raises(InvalidEnumerator, match="found a number of more than 20 digits"):
        format_enumerator(Enumerator(kind=K.ARABIC_DOT, ordinal=_AlwaysInRange(10**5000)))
    with pytest.raises(InvalidEnumerator, match="found 0"):
        format_citation(Citation(article=_AlwaysInRange(0)))
    assert format_enumerator(Enumerator(kind=K.CIRCLED, ordinal=_AlwaysInRange(3))) == "③"
