"""Lines and cells of report text: the tokenizer under :mod:`govinfo.formats.text`.

The source is first made uniform (a leading BOM dropped; CRLF, CR and the other line breaks of
``str.splitlines`` turned into LF), so line numbers are the ones an editor shows. Each line is
then one of these named kinds, tried in order on the line without its surrounding whitespace::

    blank        nothing but whitespace
    page_marker  a page footer or marker alone on its line: "- 3 -", "— 4 —", "第5页",
                 "第 5 页 共 9 页"
    table_rule   a Markdown table delimiter row: "|---|:---:|"
    text         anything else

A text line inside a table is cut into cells: a Markdown row (starting with "|") at its pipes,
where an empty cell is an explicit blank; any other line at runs of whitespace (spaces, tabs,
ideographic spaces), so "社会公益 组织" gives two cells that the parser joins again by label.

Every cell also carries a *key*: its text folded for comparison with template labels
(:func:`fold`), so （一）/(一), "1." / "1、" / "1. ", full-width digits and spaces inside labels
compare equal.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from govinfo.zh._chars import normalize

__all__ = ["BLANK_LINE", "PAGE_MARKER", "TABLE_RULE", "TEXT", "Cell", "Line", "fold", "lex"]

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

# What folding removes or unifies beyond the shared character table (govinfo.zh._chars): spaces
# inside labels, and the three ways of writing double quotes.
_FOLD: Final = str.maketrans(
    {" ": None, "\t": None, "\xa0": None, "\u3000": None, "“": '"', "”": '"', "＂": '"'}
)
_ARABIC_COMMA: Final = re.compile(r"([0-9]+)、")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """``text`` folded for comparing labels: one form of punctuation and digits, no spaces.

    >>> fold("1、申请人 无正当理由") == fold("1. 申请人无正当理由") == "1.申请人无正当理由"
    True
    >>> fold("（三）不予公开"), fold("危及“三安全一稳定”")
    ('(三)不予公开', '危及"三安全一稳定"')
    """
    key = normalize(text).translate(_FOLD)
    if key[:1].isdigit() and "、" in key:  # "1、" is the same enumerator as "1."
        key = _ARABIC_COMMA.sub(r"\1.", key, count=1)
    return key


class Line:
    """One line of the source: its offset, text (without the newline), content and kind."""

    __slots__ = ("content", "header", "kind", "start", "text")

    def __init__(self, start: int, text: str) -> None:
        self.start = start
        self.text = text
        self.content = text.strip()
        self.header = False
        """A Markdown header row: the line just above a delimiter row."""
        content = self.content
        if not content:
            self.kind = BLANK_LINE
        elif content[0] in "-—–－─第" and _PATTERNS[PAGE_MARKER].fullmatch(content):
            self.kind = PAGE_MARKER
        elif content[0] == "|" and _PATTERNS[TABLE_RULE].fullmatch(content):
            self.kind = TABLE_RULE
        else:
            self.kind = TEXT

    def cells(self) -> list[Cell]:
        """The cells of this line (a text line), in order."""
        text, base = self.text, self.start
        out: list[Cell] = []
        if self.content.startswith("|"):
            left = text.index("|") + 1
            right = text.rindex("|")
            parts = text[left:right].split("|") if right >= left else [text[left:]]
            offset = left
            for part in parts:
                stripped = part.strip()
                at = offset + (part.index(stripped) if stripped else 0)
                cell = Cell(stripped, base + at, explicit=True)
                cell.header = self.header
                out.append(cell)
                offset += len(part) + 1
            return out
        content = self.content
        if not _HAS_SPACE.search(content):  # the common case: one cell on its line
            return [Cell(content, base + len(text) - len(text.lstrip()))]
        for match in _SPACE_SPLIT.finditer(text):
            out.append(Cell(match.group(), base + match.start()))
        return out


_SPACE_SPLIT: Final = re.compile(r"[^\s\u3000\xa0]+")
_HAS_SPACE: Final = re.compile(r"[\s\u3000\xa0]")


class Cell:
    """One table cell as printed: text, offset in the source and folded key.

    ``explicit`` marks a cell of a Markdown row, where an empty cell is an explicit blank;
    ``header`` a cell of a Markdown header row.
    """

    __slots__ = ("explicit", "header", "key", "start", "text")

    def __init__(self, text: str, start: int, *, explicit: bool = False) -> None:
        self.text = text
        self.start = start
        self.explicit = explicit
        self.header = False
        self.key = fold(text) if text else ""

    def __repr__(self) -> str:
        return f"Cell({self.text!r}, start={self.start})"


# Every other character that str.splitlines() breaks at: one line end, LF, for all.
_OTHER_BREAKS: Final = re.compile("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_TO_LF: Final = str.maketrans(dict.fromkeys("\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", "\n"))


def lex(text: str) -> tuple[str, list[Line]]:
    """The uniform source (no BOM, LF line ends) and its lines that are not blank."""
    source = text.removeprefix("\ufeff")
    if "\r" in source:
        source = source.replace("\r\n", "\n")
    if _OTHER_BREAKS.search(source):
        source = source.translate(_TO_LF)
    lines: list[Line] = []
    start = 0
    last_text: Line | None = None
    for text_line in source.split("\n"):
        if text_line and not text_line.isspace():  # blank lines only separate: not kept
            line = Line(start, text_line)
            if line.kind == TABLE_RULE and last_text is not None:
                last_text.header = True
            elif line.kind == TEXT:
                last_text = line
            lines.append(line)
        start += len(text_line) + 1
    return source, lines
