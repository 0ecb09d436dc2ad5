"""The one place the command line reaches the text format and the checks.

``govinfo.text`` and ``govinfo.checks`` are imported lazily, by name, so the command line works
(with the JSON formats) in a build that lacks either of them; a command that needs a missing
part fails with a :class:`~govinfo.errors.GovInfoError` saying which part is missing.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from govinfo.errors import GovInfoError
from govinfo.model import Report

__all__ = [
    "check",
    "check_continuity",
    "findings_to_json",
    "has_checks",
    "has_text",
    "parse_text",
    "render_text",
]


class MissingPart(GovInfoError):
    """This build of govinfo lacks a module a command needs."""


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


def _require(name: str, what: str) -> ModuleType:
    module = _module(name)
    if module is None:
        raise MissingPart(f"{what} needs {name}, which this build of govinfo lacks")
    return module


def has_text() -> bool:
    return _module("govinfo.text") is not None


def has_checks() -> bool:
    return _module("govinfo.checks") is not None


def parse_text(text: str) -> Report:
    report: Report = _require("govinfo.text", "reading report text").parse_text(text)
    return report


def render_text(report: Report) -> str:
    text: str = _require("govinfo.text", "writing report text").render_text(report)
    return text


def check(report: Report) -> tuple[Any, ...]:
    """The findings of :func:`govinfo.checks.check` (``Finding`` values)."""
    return tuple(_require("govinfo.checks", "checking").check(report))


def check_continuity(previous: Report, current: Report) -> tuple[Any, ...]:
    return tuple(_require("govinfo.checks", "checking").check_continuity(previous, current))


def findings_to_json(findings: Iterable[Any]) -> str:
    serialize = importlib.import_module("govinfo.serialize")
    if not hasattr(serialize, "findings_to_json"):
        raise MissingPart("writing findings as JSON needs govinfo.checks")
    text: str = serialize.findings_to_json(findings)
    return text
