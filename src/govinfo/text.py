"""``govinfo.text`` is :mod:`govinfo.formats.text`: moved there; this path stays."""

from govinfo.formats.text import (
    BLANK_MARK,
    UNREAD_MARK,
    Diagnostic,
    ParseResult,
    TextRenderError,
    parse_text,
    read_text,
    render_text,
)

__all__ = [
    "BLANK_MARK",
    "UNREAD_MARK",
    "Diagnostic",
    "ParseResult",
    "TextRenderError",
    "parse_text",
    "read_text",
    "render_text",
]
