"""Decoding report bytes (``govinfo.formats._decode.decode``) and telling the kind of an input
(``sniff``): every branch on real Chinese text, reasons asserted whole."""

from __future__ import annotations

import codecs
import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import govinfo
from govinfo.errors import GovInfoError, UndecodableInput
from govinfo.formats._decode import _CODEC_LABELS, Decoded, Kind, decode, sniff

FIXTURES = Path(__file__).parent / "fixtures"
REPORT = Path(govinfo.example_path(".txt")).read_text("utf-8")  # holds U+00A0: not GBK
GBK_REPORT = (FIXTURES / "pdf-text" / "huaian-hongze-district-2023.txt").read_text("utf-8")
DOCX = (FIXTURES / "docx" / "template-2021.docx").read_bytes()

# The placeholder dash and two characters GB2312 lacks: 〇 (二〇二一年) and 镕 (a name).
HARD = "（七）总计 — 二〇二一年 朱镕基"
NOT_TEXT = "not UTF-8 or GBK text: "


def _page(charset_tag: str, body: str = HARD) -> bytes:
    return f"<html><head>{charset_tag}</head><body><p>{body}</p></body></html>".encode("gbk")


def _refusal(data: bytes) -> str:
    with pytest.raises(UndecodableInput) as caught:
        decode(data, name="r.txt")
    assert str(caught.value) == f"r.txt: {caught.value.reason}"
    return caught.value.reason


# --- a. byte-order marks -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + REPORT.encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + REPORT.encode("utf-32-be"), "utf-32"),
    ],
    ids=["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_a_byte_order_mark_decides_and_is_not_text(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded == Decoded(
        text=REPORT, encoding=encoding, reason="byte-order mark", guessed=False
    )
    assert data.decode(decoded.encoding) == decoded.text


def test_the_utf32_le_mark_is_not_taken_for_utf16_le() -> None:
    # FF FE 00 00 starts with FF FE; read as UTF-16 it would be U+0000 and then garbage.
    data = "规章".encode("utf-32")
    assert data.startswith(codecs.BOM_UTF32_LE)
    assert decode(data).text == "规章"


def test_a_byte_order_mark_wins_over_a_declared_charset() -> None:
    data = codecs.BOM_UTF8 + '<meta charset="gbk"><p>规章</p>'.encode()
    assert decode(data).reason == "byte-order mark"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (codecs.BOM_UTF8 + b"\xff", "invalid UTF-8 after its byte order mark at byte 3"),
        (  # a lone surrogate
            codecs.BOM_UTF16_LE + "规".encode("utf-16-le") + b"\x00\xd8",
            "invalid UTF-16 after its byte order mark at byte 4",
        ),
        (  # half a code unit
            codecs.BOM_UTF16_BE + "规".encode("utf-16-be") + b"\x4e",
            "invalid UTF-16 after its byte order mark at byte 4",
        ),
        (  # past U+10FFFF
            codecs.BOM_UTF32_BE + b"\x00\x11\x00\x00",
            "invalid UTF-32 after its byte order mark at byte 4",
        ),
    ],
)
def test_bytes_that_break_their_byte_order_mark_are_refused(data: bytes, reason: str) -> None:
    assert _refusal(data) == reason


# --- b. UTF-8 ------------------------------------------------------------------------------


def test_valid_utf8() -> None:
    assert decode(REPORT.encode()) == Decoded(
        text=REPORT, encoding="utf-8", reason="valid UTF-8", guessed=False
    )
    assert decode(b"") == Decoded(text="", encoding="utf-8", reason="valid UTF-8", guessed=False)


def test_valid_utf8_wins_over_a_declared_charset() -> None:
    # A page re-saved as UTF-8 that still says gb2312: its bytes say otherwise.
    data = f'<meta charset="gb2312"><p>{HARD}</p>'.encode()
    assert decode(data).reason == "valid UTF-8"
    assert decode(data).text.endswith(f"{HARD}</p>")


def test_short_gbk_can_be_valid_utf8_and_then_reads_as_utf8() -> None:
    # The fixed order has a price: 模 in GBK (C4 A3) is also U+0123 in UTF-8. Reports are long
    # enough that their GBK is never valid UTF-8 (the property below assumes as much).
    assert decode("模".encode("gbk")).text == "ģ"
    with pytest.raises(UnicodeDecodeError):
        GBK_REPORT.encode("gbk").decode("utf-8")


# --- c. the declared charset ---------------------------------------------------------------


def test_a_gb2312_page_is_read_as_gb18030_exactly() -> None:
    data = _page('<meta charset="gb2312">')
    decoded = decode(data)
    assert decoded == Decoded(
        text=data.decode("gbk"),
        encoding="gb18030",
        reason="declared charset 'gb2312', read as gb18030",
        guessed=False,
    )
    assert HARD in decoded.text


def test_why_python_gb2312_codec_is_not_used() -> None:
    data = _page('<meta charset="gb2312">')
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")  # 〇 and 镕 are not in GB2312
    assert "—".encode("gbk").decode("gb2312") == "\u2015"  # the placeholder turns into a bar
    assert "—".encode("gbk").decode("gb18030") == "\u2014"


@pytest.mark.parametrize(
    ("tag", "reason"),
    [
        ('<meta charset="gb2312">', "declared charset 'gb2312', read as gb18030"),
        ("<META CHARSET=GBK>", "declared charset 'gbk', read as gb18030"),
        ("<meta charset=' x-gbk '/>", "declared charset 'x-gbk', read as gb18030"),
        ('<meta charset="chinese">', "declared charset 'chinese', read as gb18030"),
        ('<meta charset="csgb2312">', "declared charset 'csgb2312', read as gb18030"),
        ('<meta charset="csiso58gb231280">', "declared charset 'csiso58gb231280', read as gb18030"),
        ('<meta charset="gb_2312">', "declared charset 'gb_2312', read as gb18030"),
        ('<meta charset="gb_2312-80">', "declared charset 'gb_2312-80', read as gb18030"),
        ('<meta charset="iso-ir-58">', "declared charset 'iso-ir-58', read as gb18030"),
        ('<meta charset="GB18030">', "declared charset 'gb18030'"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            "declared charset 'gb2312', read as gb18030",
        ),
        (
            "<meta content='text/html;charset=GBK' http-equiv=content-type>",
            "declared charset 'gbk', read as gb18030",
        ),
    ],
)  # fmt: skip
def test_gbk_labels_are_read_as_gb18030(tag: str, reason: str) -> None:
    data = _page(tag)
    assert decode(data) == Decoded(
        text=data.decode("gb18030"), encoding="gb18030", reason=reason, guessed=False
    )


def test_an_xml_declaration_declares_a_charset() -> None:
    data = f'<?xml version="1.0" encoding="GB2312"?>\n<html><p>{HARD}</p></html>'.encode("gbk")
    assert decode(data).reason == "declared charset 'gb2312', read as gb18030"
    assert decode(data).text.endswith(f"{HARD}</p></html>")


def test_a_big5_page_is_read_as_big5_hkscs() -> None:
    text = '<meta charset="big5"><p>政府資訊公開工作年度報告 第二十條</p>'
    decoded = decode(text.encode("big5"))
    assert decoded == Decoded(
        text=text,
        encoding="big5hkscs",
        reason="declared charset 'big5', read as big5hkscs",
        guessed=False,
    )


@pytest.mark.parametrize(
    ("label", "codec", "word"),
    [("latin1", "cp1252", "Résumé"), ("ascii", "cp1252", "Résumé"),
     ("ISO-8859-1", "cp1252", "Résumé"), ("us-ascii", "cp1252", "Résumé"),
     ("iso-8859-9", "cp1254", "Özet"), ("windows-1251", "cp1251", "Отчёт"),
     ("iso-8859-2", "iso8859-2", "Zpráva")],
)  # fmt: skip
def test_single_byte_labels_are_read_as_browsers_read_them(
    label: str, codec: str, word: str
) -> None:
    text = f'<meta charset="{label}"><p>{word}</p>'
    data = text.encode(codec)
    assert decode(data) == Decoded(
        text=data.decode(codec),
        encoding=codec,
        reason=f"declared charset '{label.lower()}', read as {codec}",
        guessed=False,
    )


def test_the_label_table_names_python_codecs_by_their_normal_names() -> None:
    for codec, labels in _CODEC_LABELS.items():
        assert codecs.lookup(codec).name == codec
        assert all(label == label.strip().lower() for label in labels)
    every = [label for labels in _CODEC_LABELS.values() for label in labels]
    assert len(every) == len(set(every))


@pytest.mark.parametrize(
    ("tag", "refusal"),
    [
        ('<meta charset="big5">', "declared charset 'big5', read as big5hkscs, fails at byte 54"),
        ('<meta charset="utf-8">', "declared charset 'utf-8', fails at byte 50"),
        ('<meta charset="koi8-r">', "declared charset 'koi8-r' is not one govinfo reads"),
        ('<meta charset="utf-7">', "declared charset 'utf-7' is not one govinfo reads"),
        ('<meta charset="中文">', "a declared charset that is not a charset label"),
    ],
)
def test_a_wrong_declared_charset_is_not_used_and_the_reason_says_so(
    tag: str, refusal: str
) -> None:
    data = _page(tag, "规章 〇 —")  # 规 (B9E6) is no UTF-8, 〇 (A996) no Big5
    assert decode(data) == Decoded(
        text=data.decode("gb18030"),
        encoding="gb18030",
        reason=f"GB18030 fallback; {refusal}",
        guessed=False,
    )


def test_a_declared_single_byte_charset_is_followed_into_mojibake() -> None:
    # windows-1252 reads almost any bytes: a GBK page that says "ascii" shows mojibake in a
    # browser too. Only the declaration is to blame, and the reason names it.
    decoded = decode(_page('<meta charset="ascii">', "规章"))
    assert decoded.text.endswith("<p>¹æÕÂ</p></body></html>")
    assert decoded.reason == "declared charset 'ascii', read as cp1252"


def test_a_declaration_past_1024_bytes_or_in_a_comment_is_not_read() -> None:
    late = _page(" " * 1024 + '<meta charset="big5">')
    commented = _page('<!-- <meta charset="big5"> -->')
    assert decode(late).reason == decode(commented).reason == "GB18030 fallback"


def test_a_wrong_declared_charset_is_named_when_nothing_reads_the_bytes() -> None:
    data = _page('<meta charset="big5">')[:-1] + b"\x81"  # a lone lead byte at the end
    assert _refusal(data) == (
        "not UTF-8 or GBK text: invalid UTF-8 at byte 49, invalid GB18030 at byte 97; "
        "declared charset 'big5', read as big5hkscs, fails at byte 51"
    )


# --- d. GB18030 ----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_without_a_declared_charset_falls_back_to_gb18030(encoding: str) -> None:
    text = GBK_REPORT + HARD
    assert decode(text.encode(encoding)) == Decoded(
        text=text, encoding="gb18030", reason="GB18030 fallback", guessed=False
    )


def test_gb18030_reads_what_gbk_cannot() -> None:
    assert decode(REPORT.encode("gb18030")).text == REPORT  # U+00A0 takes four bytes


def test_big5_never_reaches_the_guess() -> None:
    # GB18030 reads every double byte with lead 0x81-0xFE and trail 0x40-0x7E or 0x80-0xFE,
    # which holds every Big5 (and EUC-KR) character: undeclared Big5 text is strictly valid
    # GB18030 and, as the fixed order says, read so. Only its declaration reads it right.
    for first in range(0x80, 0x100):
        for second in range(0x100):
            pair = bytes([first, second])
            for codec in ("big5hkscs", "cp949"):
                try:
                    pair.decode(codec)
                except UnicodeDecodeError:
                    continue
                assert pair.decode("gb18030"), (codec, pair)
    big5 = "政府資訊公開工作年度報告".encode("big5")
    decoded = decode(big5)
    assert (decoded.encoding, decoded.reason, decoded.guessed) == (
        "gb18030",
        "GB18030 fallback",
        False,
    )
    assert decoded.text != "政府資訊公開工作年度報告"
    assert decode(b'<meta charset="big5">' + big5).text.endswith("政府資訊公開工作年度報告")


# --- e. the guess --------------------------------------------------------------------------


@pytest.mark.parametrize(("codec", "order"), [("utf-16-le", "LE"), ("utf-16-be", "BE")])
def test_utf16_without_a_byte_order_mark_is_guessed(codec: str, order: str) -> None:
    assert decode(REPORT.encode(codec)) == Decoded(
        text=REPORT,
        encoding=codec,
        reason=f"guessed: UTF-16 {order} without a byte-order mark",
        guessed=True,
    )


def test_random_bytes_are_never_guessed_to_be_text() -> None:
    # GB18030 reads some short junk (the fixed order puts it before the guess); the guess
    # itself takes none.
    rng = random.Random(0)
    for size in [16, 64, 512, 4000] * 100:
        try:
            decoded = decode(rng.randbytes(size))
        except UndecodableInput:
            continue
        assert (size, decoded.reason) == (16, "GB18030 fallback")


# --- f. undecodable ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            REPORT.encode()[:1210] + b"\xff" + REPORT.encode()[1211:],  # one bad byte
            "invalid UTF-8 at byte 1210, invalid GB18030 at byte 32",
        ),
        (
            GBK_REPORT.encode("gbk")[:1001],  # cut inside a character
            "invalid UTF-8 at byte 0, invalid GB18030 at byte 1000",
        ),
        (b"\xff\xfd\xfc\x80", "invalid UTF-8 at byte 0, invalid GB18030 at byte 0"),
        (
            "规章".encode("gbk") + b"\x00",
            "control character U+0000 at line 1, column 3 (binary data?)",
        ),
        (
            "第一行\n第二行\x7f".encode("utf-16"),
            "control character U+007F at line 2, column 4 (binary data?)",
        ),
        (b"PK\x03\x04\x14\x00", "control character U+0003 at line 1, column 3 (binary data?)"),
    ],
    ids=["utf-8 bad byte", "gbk truncated", "junk", "gbk control", "utf-16 DEL", "zip"],
)
def test_undecodable_bytes_name_where_they_fail(data: bytes, reason: str) -> None:
    assert _refusal(data) == NOT_TEXT + reason


def test_tab_carriage_return_and_form_feed_are_text() -> None:
    text = "（七）总计\t3\r\n一页\f二页"
    assert decode(text.encode("gbk")).text == text


@pytest.mark.parametrize("junk", [None, "规章", 12, ["规章"]])
def test_anything_but_bytes_is_refused(junk: object) -> None:
    with pytest.raises(UndecodableInput) as caught:
        decode(junk, name="x")  # type: ignore[arg-type]
    assert caught.value.reason == f"expected bytes, found {type(junk).__name__}"


def test_bytearray_and_memoryview_are_bytes() -> None:
    data = HARD.encode("gbk")
    assert decode(bytearray(data)) == decode(memoryview(data)) == decode(data)


# --- determinism and round trips -----------------------------------------------------------

SAMPLES = [
    REPORT.encode(),
    GBK_REPORT.encode("gbk"),
    _page('<meta charset="gb2312">'),
    _page('<meta charset="big5">'),
    REPORT.encode("utf-16-be"),
    "政府資訊公開".encode("big5"),
]


def test_the_same_bytes_give_the_same_decoded() -> None:
    first = [decode(data) for data in SAMPLES]
    assert [decode(data) for data in SAMPLES] == first
    assert all(data.decode(d.encoding) == d.text for data, d in zip(SAMPLES, first, strict=True))


def test_the_same_bytes_give_the_same_decoded_in_another_process() -> None:
    script = (
        "import sys; from govinfo.formats._decode import decode; "
        "print([decode(bytes.fromhex(h)) for h in sys.argv[1:]])"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script, *(data.hex() for data in SAMPLES)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert runs == {f"{[decode(data) for data in SAMPLES]}\n"}


TEXTS = st.text(
    st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from("\t\n\r\f" + "".join(map(chr, range(0x20, 0x7F)))),
        st.sampled_from("—〇镕"),
    )
)


@given(TEXTS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"]))
def test_report_text_round_trips_through_every_encoding(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)  # gbk lacks the ideographs added after it (U+9FA6 on)
    if encoding in ("gb18030", "gbk"):
        # a short GBK text can be valid UTF-8 that says something else (see above)
        assume(not _valid_utf8(data) or data.decode("utf-8") == text)
    assert decode(data).text == text


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@given(st.binary(max_size=200))
def test_any_bytes_give_a_decoded_or_undecodable_input(data: bytes) -> None:
    try:
        decoded = decode(data)
    except UndecodableInput:
        return
    assert data.decode(decoded.encoding) == decoded.text


# --- sniff ---------------------------------------------------------------------------------


def test_kinds() -> None:
    assert [kind.value for kind in Kind] == ["text", "json", "html", "docx", "doc", "pdf"]


def test_report_text_is_text() -> None:
    assert sniff(REPORT.encode()) is Kind.TEXT
    assert sniff(GBK_REPORT.encode("gbk"), suffix=".txt") is Kind.TEXT
    assert sniff(b"") is Kind.TEXT


def test_a_word_document_is_docx_whatever_its_name() -> None:
    assert sniff(DOCX) is Kind.DOCX
    assert sniff(DOCX, suffix=".txt") is Kind.DOCX


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            # a fixed date: the bytes, and so the offsets the refusal names, stay the same
            archive.writestr(zipfile.ZipInfo(name, date_time=(2022, 1, 18, 0, 0, 0)), "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_zip("xl/workbook.xml"), "invalid UTF-8 at byte 15, invalid GB18030 at byte 15"),
        (DOCX[: len(DOCX) // 2], "invalid UTF-8 at byte 10, invalid GB18030 at byte 89"),
        (b"PK\x03\x04", "control character U+0003 at line 1, column 3 (binary data?)"),
    ],
    ids=["xlsx", "truncated docx", "bare signature"],
)
def test_a_zip_that_is_no_word_document_is_text_which_decode_refuses(
    data: bytes, reason: str
) -> None:
    assert sniff(data, suffix=".docx") is Kind.TEXT
    assert _refusal(data) == NOT_TEXT + reason


def test_a_zip_holding_word_document_xml_is_docx() -> None:
    assert sniff(_zip("word/document.xml")) is Kind.DOCX


def test_an_ole_compound_file_is_doc() -> None:
    ole = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    assert sniff(ole) is sniff(ole, suffix=".xls") is Kind.DOC


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", b"\r\n\x00junk" * 50 + b"%PDF-1.4\n"],
    ids=["signature", "junk before it"],
)
def test_a_pdf_signature_in_the_first_1024_bytes_is_pdf(data: bytes) -> None:
    assert sniff(data) is Kind.PDF


def test_a_pdf_signature_past_1024_bytes_is_not_looked_for() -> None:
    assert sniff(b" " * 1024 + b"%PDF-1.4") is Kind.TEXT


@pytest.mark.parametrize(
    "data",
    [
        b'{"schema": "govinfo.report/1"}',
        b' \r\n\t{"schema": "govinfo.report/1"}',
        codecs.BOM_UTF8 + b'\n{"agency": "\xe6\xb8\xa9\xe5\xb7\x9e"}',
        '{"agency": "温州市公安局鹿城区分局"}'.encode("utf-16"),
        '\n{"agency": "温州"}'.encode("utf-32"),
        '{"agency": "温州"}'.encode("gbk"),
    ],
)
def test_a_brace_first_is_json(data: bytes) -> None:
    assert sniff(data) is sniff(data, suffix=".txt") is Kind.JSON


@pytest.mark.parametrize("data", [b"[1, 2]", b"", b"not json at all"])
def test_the_json_suffix_decides_between_json_and_text(data: bytes) -> None:
    assert sniff(data, suffix=".json") is sniff(data, suffix=".JSON") is Kind.JSON
    assert sniff(data) is Kind.TEXT


def test_the_json_suffix_does_not_override_markup_or_signatures() -> None:
    assert sniff(b"<html>", suffix=".json") is Kind.HTML
    assert sniff(b"%PDF-1.7", suffix=".json") is Kind.PDF


@pytest.mark.parametrize(
    "start",
    ["<!DOCTYPE html>", "<!doctype HTML PUBLIC", "<html>", "<HTML lang=zh>", "<head>", "<body>",
     '<meta charset="gbk">', "<table border=1>", "<div>", "<p>", "<P class=x>", "<p/>",
     "<!-- saved from url=(0014)about:internet -->\n<html>",
     '<?xml version="1.0" encoding="gb2312"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0">'],
)  # fmt: skip
def test_markup_at_the_start_is_html(start: str) -> None:
    data = f"{start}<p>（七）总计</p>".encode("gbk")
    assert sniff(data) is Kind.HTML
    assert sniff(b"\n  " + data) is Kind.HTML
    assert sniff(codecs.BOM_UTF8 + data.decode("gbk").encode()) is Kind.HTML
    assert sniff(data.decode("gbk").encode("utf-16")) is Kind.HTML
    assert sniff(data.decode("gbk").encode("utf-32")) is Kind.HTML


@pytest.mark.parametrize(
    "data",
    ["<para>（七）总计</para>", "<pdf>", "一、总体情况\n<table><tr><td>3</td></tr></table>",
     '<?xml version="1.0"?><report/>', "<政府信息>"],
)  # fmt: skip
def test_markup_only_after_text_or_of_other_tags_is_text(data: str) -> None:
    assert sniff(data.encode()) is Kind.TEXT


def test_an_html_suffix_without_markup_is_text() -> None:
    assert sniff(GBK_REPORT.encode("gbk"), suffix=".html") is Kind.TEXT
    assert sniff(REPORT.encode(), suffix=".htm") is Kind.TEXT


def test_sniff_refuses_anything_but_bytes() -> None:
    with pytest.raises(GovInfoError, match=r"^sniff reads bytes, found str$"):
        sniff("<html>")  # type: ignore[arg-type]


@given(st.data())
def test_sniff_never_fails_on_a_damaged_word_document(data: st.DataObject) -> None:
    damaged = bytearray(DOCX[: data.draw(st.integers(4, len(DOCX)), label="cut")])
    for _ in range(data.draw(st.integers(0, 8), label="flips")):
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] = data.draw(st.integers(0, 255))
    assert sniff(bytes(damaged)) in Kind


@given(st.binary(max_size=300), st.sampled_from(["", ".json", ".html", ".docx", ".pdf"]))
def test_sniff_answers_any_bytes(data: bytes, suffix: str) -> None:
    assert sniff(data, suffix=suffix) in Kind
