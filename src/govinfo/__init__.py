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

from govinfo import checks, errors, sources
from govinfo.checks import Finding, check
from govinfo.diagnostics import Severity
from govinfo.errors import (
    GovInfoError,
    InvalidAmount,
    InvalidDate,
    InvalidEnumerator,
    InvalidNumeral,
    JSONError,
    ModelError,
    ReadError,
    SeveralReports,
    TextRenderError,
    TextSyntaxError,
    UndecodableInput,
    UnknownKey,
    UnsupportedInput,
)
from govinfo.formats import (
    Decoded,
    InputInfo,
    Kind,
    ReadResult,
    decode,
    parse,
    read,
    read_all,
    sniff,
)
from govinfo.formats.json import findings_to_json, from_json, json_schema, to_json
from govinfo.formats.text import Diagnostic, ParseResult, parse_text, read_text, render_text
from govinfo.model import (
    BLANK,
    UNREAD,
    Blank,
    Cell,
    Disclosure,
    Grid,
    Overview,
    Placeholder,
    Report,
    Unread,
    unread_cells,
)
from govinfo.template import TemplateVersion, Variant, template
from govinfo.zh.amounts import Amount, Unit

__all__ = [
    "BLANK",
    "UNREAD",
    "Amount",
    "Blank",
    "Cell",
    "Decoded",
    "Diagnostic",
    "Disclosure",
    "Finding",
    "GovInfoError",
    "Grid",
    "InputInfo",
    "InvalidAmount",
    "InvalidDate",
    "InvalidEnumerator",
    "InvalidNumeral",
    "JSONError",
    "Kind",
    "ModelError",
    "Overview",
    "ParseResult",
    "Placeholder",
    "ReadError",
    "ReadResult",
    "Report",
    "SeveralReports",
    "Severity",
    "TemplateVersion",
    "TextRenderError",
    "TextSyntaxError",
    "UndecodableInput",
    "Unit",
    "UnknownKey",
    "Unread",
    "UnsupportedInput",
    "Variant",
    "check",
    "checks",
    "decode",
    "errors",
    "example_path",
    "findings_to_json",
    "from_json",
    "json_schema",
    "load_example",
    "parse",
    "parse_text",
    "read",
    "read_all",
    "read_text",
    "render_text",
    "sniff",
    "sources",
    "template",
    "to_json",
    "unread_cells",
]

EXAMPLE = "wenzhou-lucheng-psb-2021"


def example_path(suffix: str = ".json") -> str:
    """The path of the bundled reference report (``.txt`` as published, ``.json`` its model)."""
    return str(files("govinfo") / "examples" / f"{EXAMPLE}{suffix}")


def load_example() -> Report:
    """The bundled reference report: 温州市公安局鹿城区分局, 2021."""
    with open(example_path(".json"), encoding="utf-8") as f:
        return from_json(f.read())
