"""Hostile inputs cost time and memory in proportion to their size: regression tests for what
fuzzing found, counted in operations, never timed (the machine is shared and noisy)."""

from __future__ import annotations

import pathlib

import pytest

import govinfo
from govinfo.errors import TextSyntaxError
from govinfo.formats import _labels
from govinfo.formats._document import TextDocument

TEXT = pathlib.Path(govinfo.example_path(".txt")).read_text(encoding="utf-8")
HEADING = "三、收到和处理政府信息公开申请情况\n"


def with_stray_numbers(count: int, separator: str) -> str:
    head, tail = TEXT.split(HEADING, 1)
    return head + HEADING + separator.join(str(i % 10) for i in range(count)) + "\n" + tail


@pytest.mark.parametrize("separator", ["\n", " "], ids=["a line each", "one line"])
def test_numbers_before_the_first_row_label_make_one_diagnostic_however_many(separator):
    # 8,000 numbers gave 8,000 diagnostics, each recounting lines from the start and copying
    # the whole line: 27 s for 19 KB on one line.
    for count in (3, 8000):
        result = govinfo.read_text(with_stray_numbers(count, separator))
        (diagnostic,) = result.diagnostics
        assert diagnostic.message.endswith(
            f"before the row label 一、本年新收政府信息公开申请数量, found the number 0 and "
            f"{count - 1} more numbers"
        )
    with pytest.raises(TextSyntaxError, match="found the number 0 and 7999 more numbers"):
        govinfo.parse_text(with_stray_numbers(8000, separator))


def test_one_stray_number_keeps_its_message():
    result = govinfo.read_text(with_stray_numbers(1, "\n"))
    assert result.diagnostics[0].message.endswith("found the number 0")


def test_locating_finds_the_line_starts_once(monkeypatch):
    document = TextDocument("a\nbb\n\nccc", [])
    assert [document.position(at) for at in (0, 2, 3, 5, 6, 8)] == [
        (1, 1), (2, 1), (2, 2), (3, 1), (4, 1), (4, 3)
    ]  # fmt: skip
    starts = document._starts
    document.locate(7, "c")
    assert document._starts is starts  # worked out once, then searched


def test_the_folding_cache_keeps_no_huge_cell():
    # A 1 MB cell per text stayed cached: RSS 23 → 155 MiB after 32 texts.
    _labels.fold_short.cache_clear()
    huge = "规" * (_labels.FOLD_CACHED + 1)
    assert _labels.fold(huge) == huge
    assert _labels.fold_short.cache_info().currsize == 0
    assert _labels.fold("规章") == "规章"
    assert _labels.fold_short.cache_info().currsize == 1
