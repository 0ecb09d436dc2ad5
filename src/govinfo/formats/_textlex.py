"""The text front-end: report text as a :class:`~govinfo.formats._document.TextDocument`.

The source is first made uniform (a leading BOM dropped; CRLF, CR and the other line breaks of
``str.splitlines`` turned into LF), so line numbers are the ones an editor shows. Each line is
then one of these named kinds, tried in order on the line without its surrounding whitespace::

    blank        nothing but whitespace
    page_marker  a page footer or marker alone on its line: "- 3 -", "— 4 —", "第5页",
                 "第 5 页 共 9 页"
    table_rule   a Markdown table delimiter row: "|---|:---:|", or bars alone ("| |||||||||",
                 how some web-to-text tools end a row)
    text         anything else

Only text lines become paragraphs of the document; a line just above a delimiter row is a
Markdown header row. A text line read as table cells is cut: a Markdown row (starting with
"|") at its pipes, where an empty cell is an explicit blank; a line with pipes inside at its
pipes too, the bar that ends it dropped ("行政许可 | 0 | 0 | 0 |", or one cell a line, "0 |");
any other line at runs of whitespace (spaces, tabs, ideographic spaces), so "社会公益 组织"
gives two cells that the assembler joins again by label.
"""

from __future__ import annotations

import re
from typing import Final

from govinfo.formats._document import Cell, Paragraph, TextDocument

__all__ = [
    "BLANK_LINE",
    "PAGE_MARKER",
    "TABLE_RULE",
    "TEXT",
    "Line",
    "document",
    "kind_of",
    "uniform",
]

BLANK_LINE: Final = "blank"
PAGE_MARKER: Final = "page_marker"
TABLE_RULE: Final = "table_rule"
TEXT: Final = "text"

_PATTERNS: Final = {
    PAGE_MARKER: re.compile(
        r"[-—–－─]+\s*[0-9０-９]+\s*[-—–－─]+"
        r"|第\s*[0-9０-９]+\s*页(?:\s*[,，/／]?\s*共\s*[0-9０-９]+\s*页)?"
    ),
    TABLE_RULE: re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?"),
}


_MARKER_STARTS: Final = "-—–－─第"


def _bars(content: str) -> bool:
    """Whether a line is bars alone: a row's end, not a row."""
    return not content.strip("| \t\u3000")


def kind_of(content: str) -> str:
    """The kind of a line without its surrounding whitespace (see the module docstring)."""
    if not content:
        return BLANK_LINE
    if content[0] in _MARKER_STARTS and _PATTERNS[PAGE_MARKER].fullmatch(content):
        return PAGE_MARKER
    if content[0] == "|" and (_PATTERNS[TABLE_RULE].fullmatch(content) or _bars(content)):
        return TABLE_RULE
    return TEXT


class Line(Paragraph):
    """A text line as a paragraph: ``text`` is the line without its surrounding whitespace,
    ``at`` where that begins; its cells are cut from it."""

    __slots__ = ("gap",)

    def __init__(self, at: int, text: str, gap: int = 0) -> None:
        self.gap = gap
        # The slots set here directly: this runs for every line of every report.
        self.text = text
        self.at = at
        self.explicit = self.header = False
        self.key = ""
        self._cells = None
        # No whitespace inside: digits and ideographs are alphanumeric (the common case);
        # str.split breaks at exactly the characters _HAS_SPACE finds.
        self.single = "|" not in text and (text.isalnum() or len(text.split(None, 1)) == 1)

    def cells(self) -> list[Cell]:
        """The cells of this line, in order."""
        text, base = self.text, self.at
        if self.single:
            return [self.as_cell()]
        out: list[Cell] = []
        if text[0] == "|":
            right = text.rindex("|")
            parts = text[1:right].split("|") if right >= 1 else [text[1:]]
            offset = 1
            for part in parts:
                stripped = part.strip()
                at = offset + (part.index(stripped) if stripped else 0)
                out.append(Cell(stripped, base + at, explicit=True, header=self.header))
                offset += len(part) + 1
            return out
        if "|" in text:  # a pipe row without its leading bar, or a cell ending " |"
            parts = text.split("|")
            if not parts[-1].strip():
                parts.pop()  # the bar that ends the row or the cell
            offset = 0
            for part in parts:
                stripped = part.strip()
                at = offset + (part.index(stripped) if stripped else 0)
                out.append(Cell(stripped, base + at, explicit=True))
                offset += len(part) + 1
            return out
        for match in _SPACE_SPLIT.finditer(text):
            out.append(Cell(match.group(), base + match.start()))
        return out


_SPACE_SPLIT: Final = re.compile(r"[^\s\u3000\xa0]+")
_HAS_SPACE: Final = re.compile(r"[\s\u3000\xa0]")


# Every other character that str.splitlines() breaks at: one line end, LF, for all.
_OTHER_BREAKS: Final = re.compile("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_TO_LF: Final = str.maketrans(dict.fromkeys("\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", "\n"))


def uniform(text: str) -> str:
    """``text`` without its leading BOMs and with LF for every line break. (A second BOM is a
    BOM too: text saved twice by tools that each add one. Taken as the title's first
    character, it would be lost on the way back.)"""
    source = text.lstrip("\ufeff")
    if "\r" in source:
        source = source.replace("\r\n", "\n")
    if _OTHER_BREAKS.search(source):
        source = source.translate(_TO_LF)
    return source


def document(text: str, *, uniformed: bool = False) -> TextDocument:
    """The document of a report text: its text lines, in order, as paragraphs.
    ``uniformed``: ``text`` is already :func:`uniform` (not looked at again)."""
    source = text if uniformed else uniform(text)
    lines: list[Paragraph] = []
    start = 0
    last_text: Line | None = None
    page_marker, table_rule = _PATTERNS[PAGE_MARKER].fullmatch, _PATTERNS[TABLE_RULE].fullmatch
    marker_starts, line_of, keep = _MARKER_STARTS, Line, lines.append  # locals: every line
    gap = 0  # blank lines since the last text line
    for text_line in source.split("\n"):
        content = text_line.strip()
        if content:  # blank lines only separate: not kept, but counted
            first = content[0]
            if first == "|" and (table_rule(content) or _bars(content)):
                if last_text is not None and last_text.text[0] == "|" and not _bars(content):
                    last_text.header = True  # a Markdown header row
            elif first not in marker_starts or not page_marker(content):
                at = start if text_line[0] == first else start + text_line.index(first)
                last_text = line_of(at, content, gap)
                keep(last_text)
                gap = 0
        else:
            gap += 1
        start += len(text_line) + 1
    return TextDocument(source, lines)
