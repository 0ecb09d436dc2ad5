"""What every front-end produces and the assembler reads: paragraphs of text, and cells.

A :class:`Document` is the input in reading order as a list of :class:`Paragraph`: a line of
text (a heading, a prose paragraph, a caption) or a row of a table. Each paragraph knows the
cells it holds when read as part of a table: a text line split at its spaces or pipes, an HTML
row cell by cell, a prose paragraph of a web page as one cell. Where the format has explicit
cells (a Markdown row, an HTML ``<td>``), an empty cell is an explicit blank.

Places are kept cheaply: every paragraph and cell has ``at``, an integer that only its
document interprets (an offset in the text, an index into a list of sources), turned into a
:data:`~govinfo.sources.Source` by :meth:`Document.locate` only when asked. A front-end knows
its format and nothing of the template; the assembler knows the template and nothing of any
format.
"""

from __future__ import annotations

import array
import bisect
from collections.abc import Sequence

from govinfo.diagnostics import Diagnostic, Severity
from govinfo.formats._labels import FOLDED, fold_short
from govinfo.sources import CellSource, Source, TextSource

__all__ = ["Cell", "CellDocument", "Document", "Paragraph", "SpanCell", "TextDocument"]


class Cell:
    """One cell as printed: its text, its place ``at``, and its folded ``key``.

    ``explicit`` marks a cell the format delimits (an empty one is an explicit blank);
    ``header`` a cell the format marks as a table header (a Markdown header row, ``<th>``).
    """

    __slots__ = ("at", "explicit", "header", "key", "text")

    columns = 1
    """How many columns of its table's grid the printed cell spans (see :class:`SpanCell`)."""
    rows = 1
    """How many rows of its table's grid the printed cell spans."""
    continued = False
    """Whether this is a slot covered by a cell of a row above, not a cell of its own."""

    def __init__(self, text: str, at: int, explicit: bool = False, header: bool = False) -> None:
        # Not keyword-only: a front-end makes one for every cell, and keywords cost a third
        # of the call.
        self.text = text
        self.at = at
        self.explicit = explicit
        self.header = header
        # fold() inlined: this runs for every cell of every report, and most are remembered.
        self.key = (FOLDED.get(text) or fold_short(text)) if text else ""

    def __repr__(self) -> str:
        return f"Cell({self.text!r}, at={self.at})"


class SpanCell(Cell):
    """A table cell of a structured format that spans several slots of its table's grid
    (``colspan``/``rowspan``, ``w:gridSpan``/``w:vMerge``), or, ``continued``, a slot of a
    later row that such a cell covers: its text and place are its origin cell's. The
    assembler decides what a span means for the template's cells."""

    __slots__ = ("columns", "continued", "rows")

    def __init__(
        self,
        text: str,
        at: int,
        *,
        columns: int = 1,
        rows: int = 1,
        continued: bool = False,
        header: bool = False,
    ) -> None:
        super().__init__(text, at, True, header)
        self.columns = columns
        self.rows = rows
        self.continued = continued

    def __repr__(self) -> str:
        how = " continued" if self.continued else ""
        return f"SpanCell({self.text!r}, at={self.at}, {self.rows}x{self.columns}{how})"


class Paragraph(Cell):
    """One line of text or one table row: ``text`` (stripped), its place ``at``, and the cells
    it holds read as table cells. A paragraph given no cells is *single*: one cell, its whole
    text, and then it is that cell itself (its ``key`` folded when first asked for), so the
    common line of a table costs one object, not two."""

    __slots__ = ("_cells", "single")

    gap = 0
    """How many blank lines stand right before this paragraph in its text (text documents
    count them: in a table printed without blank lines between its cells, each is an empty
    cell)."""

    def __init__(self, text: str, at: int, cells: Sequence[Cell] | None = None) -> None:
        self.text = text
        self.at = at
        self.explicit = False
        self.header = False
        self.key = ""  # folded by as_cell, when first asked for
        self._cells = cells
        self.single = cells is None

    def as_cell(self) -> Cell:
        """This single paragraph as its one cell."""
        if not self.key:
            text = self.text
            self.key = (FOLDED.get(text) or fold_short(text)) if text else ""
        return self

    def cells(self) -> Sequence[Cell]:
        """The cells of this paragraph; a single paragraph is one cell, itself."""
        if self._cells is None:
            return (self.as_cell(),)
        return self._cells

    def __repr__(self) -> str:
        return f"Paragraph({self.text!r}, at={self.at})"


class Document:
    """A front-end's output: the paragraphs in reading order, and how to locate a place."""

    text: str | None = None
    """The uniform text, for inputs that are text (a text error shows its line with a caret)."""
    page_title: Paragraph | None = None
    """A page's title outside the report (``<title>``, ``<h1>``): the report's title when the
    report itself prints none."""
    page_date: Paragraph | None = None
    """A page's publication line outside the report (发布时间, 成文日期): the publication date
    when the report's signature has none."""
    reading: str = ""
    """How a binary input was read, when not from its own bytes alone (a .doc converted to
    .docx by LibreOffice): the reason :class:`~govinfo.formats.InputInfo` records."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """What the front-end has to say about the input as a whole (a PDF's untrusted fonts, a
    page without text): returned before the assembler's, and an error among them is raised
    when reading strictly, before any report is assembled."""
    findings: Sequence[tuple[Severity, str, int, str]] = ()
    """What the front-end found at places inside the reports (a digit run split, a cell left
    unread among candidates), each (severity, message, the place ``at``, the text there): the
    assembler reports those inside its report as its own (an error raises when reading
    strictly, located like the assembler's)."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs

    def locate(self, at: int, text: str) -> Source:
        """The source of the place ``at``, where ``text`` was read."""
        raise NotImplementedError

    def is_prose(self, paragraph: Paragraph) -> bool:
        """Whether the format marks ``paragraph`` as prose, outside any table (text cannot
        tell: a line of text may be a cell)."""
        return False

    def line_of(self, at: int) -> str:
        """A short name of the place ``at`` for messages that cite another place."""
        return str(self.locate(at, ""))


class TextDocument(Document):
    """A document read from text: ``at`` is an offset in :attr:`text`."""

    def __init__(self, text: str, paragraphs: list[Paragraph]) -> None:
        super().__init__(paragraphs)
        self.text = text
        self._starts: array.array[int] | None = None

    def position(self, at: int) -> tuple[int, int]:
        """The 1-based line and column of offset ``at``: a search in the offsets of the line
        starts, found once, so locating many places costs no more than reading the text."""
        if self._starts is None:
            source = self.text or ""
            starts, find = array.array("q", [0]), source.find  # 8 bytes a line, not 36
            at_break = find("\n")
            while at_break != -1:
                starts.append(at_break + 1)
                at_break = find("\n", at_break + 1)
            self._starts = starts
        line = bisect.bisect_right(self._starts, at)
        return line, at - self._starts[line - 1] + 1

    def locate(self, at: int, text: str) -> TextSource:
        line, column = self.position(at)
        return TextSource(offset=at, length=len(text), line=line, column=column, text=text)

    def line_of(self, at: int) -> str:
        return f"line {self.position(at)[0]}"


class CellDocument(Document):
    """A document of a structured format: ``at`` indexes :attr:`places`, one (table, row,
    column) per cell, table 0 for paragraphs outside tables (row = the paragraph's number);
    :attr:`paths`, when given, the element each place was read from (an XPath for HTML, kept
    in parts, the table's path, the row's and the cell's, joined only when asked: a deep page
    has long paths)."""

    def __init__(
        self,
        kind: str,
        paragraphs: list[Paragraph],
        places: list[tuple[int, int, int]],
        paths: list[tuple[str, ...]] | None = None,
    ) -> None:
        super().__init__(paragraphs)
        self.kind = kind
        self.places = places
        self.paths = paths

    def is_prose(self, paragraph: Paragraph) -> bool:
        return self.places[paragraph.at][0] == 0

    def locate(self, at: int, text: str) -> CellSource:
        table, row, column = self.places[at]
        path = "".join(self.paths[at]) if self.paths is not None else ""
        return CellSource(
            kind=self.kind, table=table, row=row, column=column, text=text, element=path
        )
