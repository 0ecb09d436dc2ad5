"""The template declaration: its shape, its keys, and the docs generated from it."""

import re
from pathlib import Path

import pytest

from govinfo import TemplateVersion, template
from govinfo._datadict import render
from govinfo.template import SECTIONS

DOCS = Path(__file__).parent.parent / "docs"


def test_data_dictionary_page_is_current():
    page = (DOCS / "data-dictionary.md").read_text(encoding="utf-8")
    assert page == render(), "stale: run `python -m govinfo._datadict > docs/data-dictionary.md`"


@pytest.mark.parametrize("version", list(TemplateVersion))
def test_keys_are_unique_snake_case(version):
    spec = template(version)
    for _, grid in spec.grids():
        for keys in ([r.key for r in grid.rows], [c.key for c in grid.columns]):
            assert len(set(keys)) == len(keys)
            assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in keys)


def test_table_3_rows_per_version():
    rows_2019 = [r.key for r in template(TemplateVersion.V2019).requests.rows]
    rows_2021 = [r.key for r in template(TemplateVersion.V2021).requests.rows]
    assert (len(rows_2019), len(rows_2021)) == (23, 25)
    assert set(rows_2019) - set(rows_2021) == {"other_handling"}
    assert [k for k in rows_2021 if k.startswith("other_handling")] == [
        "other_handling_overdue_correction",
        "other_handling_unpaid_fee",
        "other_handling_other",
    ]


def test_blocks_per_version():
    assert [b.caption for b in template(TemplateVersion.V2019).disclosure] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    assert len(template(TemplateVersion.V2021).disclosure) == 4


def test_groups_open_once_in_reading_order():
    spec = template(TemplateVersion.V2021).requests
    opened = [labels for _, labels in spec.groups() if labels]
    assert opened == [
        ("三、本年度办理结果",),
        ("（三）不予公开",),
        ("（四）无法提供",),
        ("（五）不予处理",),
        ("（六）其他处理",),
    ]


def test_six_sections_in_order():
    assert [s.heading[0] for s in SECTIONS] == list("一二三四五六")
