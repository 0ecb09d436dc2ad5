"""``govinfo.serialize`` is :mod:`govinfo.formats.json`: moved there; this path stays."""

from govinfo.formats.json import (
    SCHEMA_ID,
    findings_to_json,
    from_json,
    json_schema,
    make_converter,
    to_json,
)

__all__ = [
    "SCHEMA_ID",
    "findings_to_json",
    "from_json",
    "json_schema",
    "make_converter",
    "to_json",
]
