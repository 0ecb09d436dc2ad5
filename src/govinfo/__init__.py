"""govinfo: China's annual reports on open government information as typed, checked data.

>>> import govinfo
>>> report = govinfo.load_example()
>>> report.agency, report.year, report.version
('温州市公安局鹿城区分局', 2021, <TemplateVersion.V2021: '2021'>)
>>> report.requests["new_received", "total"]
3
"""

from __future__ import annotations

from importlib.resources import files

from govinfo import checks, errors
from govinfo.checks import Finding, check
from govinfo.errors import (
    GovInfoError,
    InvalidAmount,
    InvalidDate,
    InvalidEnumerator,
    InvalidNumeral,
    JSONError,
    ModelError,
    TextRenderError,
    TextSyntaxError,
    UnknownKey,
)
from govinfo.formats.json import findings_to_json, from_json, json_schema, to_json
from govinfo.formats.text import Diagnostic, ParseResult, parse_text, read_text, render_text
from govinfo.model import BLANK, Blank, Cell, Disclosure, Grid, Overview, Placeholder, Report
from govinfo.template import TemplateVersion, Variant, template
from govinfo.zh.amounts import Amount, Unit

__all__ = [
    "BLANK",
    "Amount",
    "Blank",
    "Cell",
    "Diagnostic",
    "Disclosure",
    "Finding",
    "GovInfoError",
    "Grid",
    "InvalidAmount",
    "InvalidDate",
    "InvalidEnumerator",
    "InvalidNumeral",
    "JSONError",
    "ModelError",
    "Overview",
    "ParseResult",
    "Placeholder",
    "Report",
    "TemplateVersion",
    "TextRenderError",
    "TextSyntaxError",
    "Unit",
    "UnknownKey",
    "Variant",
    "check",
    "checks",
    "errors",
    "example_path",
    "findings_to_json",
    "from_json",
    "json_schema",
    "load_example",
    "parse_text",
    "read_text",
    "render_text",
    "template",
    "to_json",
]

EXAMPLE = "wenzhou-lucheng-psb-2021"


def example_path(suffix: str = ".json") -> str:
    """The path of the bundled reference report (``.txt`` as published, ``.json`` its model)."""
    return str(files("govinfo") / "examples" / f"{EXAMPLE}{suffix}")


def load_example() -> Report:
    """The bundled reference report: 温州市公安局鹿城区分局, 2021."""
    with open(example_path(".json"), encoding="utf-8") as f:
        return from_json(f.read())
