"""The folder tree is the architecture, and the import paths users had stay importable."""

from __future__ import annotations

import importlib

import pytest

MOVED = {
    "govinfo.numerals": "govinfo.zh.numerals",
    "govinfo.dates": "govinfo.zh.dates",
    "govinfo.enumerators": "govinfo.zh.enumerators",
    "govinfo.amounts": "govinfo.zh.amounts",
    "govinfo.text": "govinfo.formats.text",
    "govinfo.serialize": "govinfo.formats.json",
}


@pytest.mark.parametrize(("old", "new"), MOVED.items())
def test_a_moved_module_keeps_its_path_and_every_public_name(old: str, new: str) -> None:
    before, after = importlib.import_module(old), importlib.import_module(new)
    assert sorted(before.__all__) == sorted(after.__all__)
    for name in after.__all__:
        assert getattr(before, name) is getattr(after, name), name
